"""The pad clerk's ledger written in the background, and a Ctrl-C while it is."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import pytest

from cipherwire.department.pages import PadClerk
from cipherwire.department.paperwork import PadSupply
from cipherwire.pad.book import PadBook
from cipherwire.pad.page import IssuedPages


def test_ctrl_c_while_waiting_for_the_ledger_loses_nothing(tmp_path: Path) -> None:
    """Interrupted while it waits for the batch being written, the clerk still waits for
    that batch the next time (a Thread.join interrupted so can take a running thread
    for a stopped one), and the ledger has every page handed out."""
    book = PadBook.create(tmp_path / "p.sqlite", pages=30, seed=4)
    clerk = PadClerk(PadSupply.given(book))
    for telegram in range(5):
        clerk.allot(telegram, "BEIJING", 2, to=f"telegram {telegram}")
    finished: list[list[int]] = []
    main = threading.main_thread().ident
    assert main is not None

    def use(volume: str, telegrams: list[int], pages: IssuedPages) -> None:
        signal.pthread_kill(main, signal.SIGINT)  # Ctrl-C, while the run's thread waits
        time.sleep(0.5)
        finished.append(telegrams)

    with pytest.raises(KeyboardInterrupt):
        clerk.issue(use, background=True)
        clerk.wait()
    assert finished == []  # the batch was still being written when the wait was broken
    clerk.wait()  # ... and is waited for now
    assert finished == [[0, 1, 2, 3, 4]]
    assert book.status().used == 10
    clerk.allot(5, "BEIJING", 1, to="telegram 5")
    clerk.issue(lambda *_: None)  # the next batch goes on from there
    assert [p.number for p in book.status().ledger] == list(range(1, 12))
    clerk.supply.close()
