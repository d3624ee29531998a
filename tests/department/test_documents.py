"""Tests for the run's documents made in bulk: the cables are the ones encipher makes with
the pages a clerk takes, each page is issued once, in the order the clerks start, the far
end's check catches a wrong cable, and an interrupted run keeps what it read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from cipherwire.cable import parts
from cipherwire.cable.form import Cable
from cipherwire.cipher.clerk import decipher, encipher
from cipherwire.codebook.book import Codebook
from cipherwire.codebook.spelling import normalise
from cipherwire.core.messages import MessageSet
from cipherwire.department import (
    DepartmentConfig,
    Exponential,
    Link,
    PadSupply,
    Paperwork,
    Run,
    Shift,
    Simulation,
    SimulationError,
    Workload,
    WorkloadError,
    simulate,
)
from cipherwire.department import documents as documents_module
from cipherwire.department import model as model_module
from cipherwire.department.paperwork import as_filed
from cipherwire.department.reading import reads
from cipherwire.department.records import stamped
from cipherwire.department.workload import DEFAULT_RATES
from cipherwire.errors import PadExhaustedError
from cipherwire.pad.book import PadBook
from cipherwire.telegram.dates import ArchiveDate, ArchiveTime
from cipherwire.telegram.document import Precedence, Telegram
from cipherwire.wire.line import Telegraphy

MSK = ZoneInfo("Europe/Moscow")
START = dt.datetime(1950, 12, 7, tzinfo=MSK)
TWO_PLACES = DepartmentConfig(
    links=(
        Link(destination="BEIJING", zone="Asia/Shanghai", lines=2),
        Link(destination="PYONGYANG", zone="Asia/Pyongyang", via=Telegraphy.TELEPRINTER),
    )
)


def _busy_days(seed: int) -> Workload:
    """Two busy days of traffic to Beijing (Morse) and Pyongyang (teleprinter)."""
    rates = {precedence: 3 * rate for precedence, rate in DEFAULT_RATES.items()}
    places = [("BEIJING", 1.0), ("PYONGYANG", 0.5)]
    return Workload.synthetic(hours=48, rates=rates, start=START, seed=seed, destinations=places)


def _first_page(folder: Path, record_pad: str, cable: Cable) -> int:
    with PadBook.open(folder / record_pad) as book:
        return book.issued_page(cable.parts[0].groups[0]).number


def test_cables_are_the_ones_encipher_makes_with_the_clerks_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each cable is encipher's with the same pages, in the order the clerks started; its
    time on the line is Line.seconds of it; small slices and volumes change nothing."""
    monkeypatch.setattr(documents_module, "SLICE", 37)
    monkeypatch.setattr(documents_module, "FIRST_SLICE", 5)  # several slices
    monkeypatch.setattr(model_module, "SETTLE_EVERY", 23)  # settled in the background often
    workload = _busy_days(4)
    ran, again = tmp_path / "ran", tmp_path / "again"
    ran.mkdir()
    again.mkdir()
    with PadSupply.classroom(ran, seed=9, volume_pages=90) as pads:
        run = simulate(workload, TWO_PLACES, pads=pads, seed=9)
    assert len(run.records) == len(workload) > 150
    assert len({r.pad for r in run.records}) > 6  # many volumes of each series
    book = Codebook.default()
    order = sorted(
        run.records,
        key=lambda r: (r.pad or "", _first_page(ran, r.pad or "", Cable.from_text(r.cable or ""))),
    )
    with PadSupply.classroom(again, seed=9, volume_pages=90) as copy:
        for record in order:
            name, pad = copy.current(record.destination)
            while name != record.pad:
                copy.next_volume(record.destination)
                name, pad = copy.current(record.destination)
            telegram = workload.arrivals[record.serial - 1].telegram
            assert telegram is not None and record.cable is not None
            assert encipher(as_filed(telegram), book, pad).to_text() == record.cable
            line = TWO_PLACES.link(record.destination).line()
            assert record.sent - record.dispatched == dt.timedelta(
                seconds=line.seconds(record.cable)
            )
            assert record.cable_groups == Cable.from_text(record.cable).group_count
            assert record.decoded is True
    assert sorted(p.name for p in ran.iterdir()) == sorted({r.pad or "" for r in run.records})


def test_each_page_is_issued_once_in_the_order_the_clerks_start(tmp_path: Path) -> None:
    """The ledger holds every page used, once, against its telegram, in order of starting."""
    workload = Workload.synthetic(
        hours=24,
        rates=DEFAULT_RATES,
        start=START,
        seed=5,
        destinations=[("BEIJING", 1.0), ("PYONGYANG", 0.5)],
    )
    with PadSupply.classroom(tmp_path, seed=5, volume_pages=2_000) as pads:
        run = simulate(workload, TWO_PLACES, pads=pads, seed=5)
    for volume in sorted({r.pad or "" for r in run.records}):
        mine = [r for r in run.records if r.pad == volume]
        with PadBook.open(tmp_path / volume) as book:
            status = book.status()
            firsts = [
                (r.enciphering_started, book.issued_page(Cable.from_text(r.cable or "").parts[0]
                 .groups[0]).number)
                for r in mine
            ]  # fmt: skip
        pages = [page.number for page in status.ledger]
        assert pages == list(range(1, len(pages) + 1))  # lowest numbers first, none twice
        assert {page.to.split(",")[0] for page in status.ledger} == {
            f"MID USSR {r.number}" for r in mine
        }
        firsts.sort(key=lambda pair: pair[1])
        assert [when for when, _ in firsts] == sorted(when for when, _ in firsts)


def test_settling_in_the_background_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Documents finished on the ledger's thread every few telegrams, or all at the end of
    the run: the same records, cables included, and the same ledger."""
    workload = _busy_days(11)
    runs, ledgers = [], []
    for every in (7, 10**9):  # many background batches; only the last, synchronous one
        monkeypatch.setattr(model_module, "SETTLE_EVERY", every)
        folder = tmp_path / str(every)
        folder.mkdir()
        with PadSupply.classroom(folder, seed=11, volume_pages=120) as pads:
            runs.append(simulate(workload, TWO_PLACES, pads=pads, seed=11))
        ledger = []
        for path in sorted(folder.iterdir()):
            with PadBook.open(path) as book:
                ledger += [(path.name, p.number, p.to) for p in book.status().ledger]
        ledgers.append(ledger)
    assert len(runs[0].records) == len(workload) > 150
    assert runs[0].records == runs[1].records
    assert [r.cable for r in runs[0].records] == [r.cable for r in runs[1].records]
    assert ledgers[0] == ledgers[1] and len({r.pad for r in runs[0].records}) > 4


@pytest.mark.parametrize("every", [3, 10**9], ids=["background", "at-the-end"])
def test_a_page_issued_by_someone_else_during_the_run_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, every: int
) -> None:
    """If another user issues from the given book mid-run, the ledger check says so,
    whether the ledger is written in the background or at the end."""
    monkeypatch.setattr(model_module, "SETTLE_EVERY", every)
    PadBook.create(tmp_path / "pad.sqlite", pages=500, seed=1).close()
    workload = Workload.synthetic(hours=6, rates=DEFAULT_RATES, start=START, seed=1)

    def intruder(_: int) -> None:
        with PadBook.open(tmp_path / "pad.sqlite") as other:
            if other.status().used == 0:
                other.issue(1, to="someone else")

    simulation = Simulation(workload, pads=PadSupply.given(PadBook.open(tmp_path / "pad.sqlite")))
    with pytest.raises(SimulationError, match="issued pages other than the ones the run"):
        simulation.run(progress=intruder)


@pytest.mark.parametrize(
    ("pages", "volume_pages", "message"),
    [(3, None, "is used up; give a bigger one"), (None, 2, "more than pad book")],
    ids=["given-book-used-up", "telegram-bigger-than-a-volume"],
)
def test_too_few_pages(
    tmp_path: Path, pages: int | None, volume_pages: int | None, message: str
) -> None:
    """A given book that runs out, or a telegram longer than a whole volume, is refused."""
    telegram = Telegram(
        number="1",
        received_time=ArchiveTime(10, 0),
        received_date=ArchiveDate.of(dt.date(1950, 12, 7)),
        destination="BEIJING",
        body=" ".join(["ARMISTICE"] * 200),
    )
    workload = Workload.from_telegrams([telegram, telegram.replace(number="2")])
    if pages is not None:
        supply = PadSupply.given(PadBook.create(tmp_path / "p.sqlite", pages=pages, seed=1))
    else:
        supply = PadSupply.classroom(tmp_path, seed=1, volume_pages=volume_pages or 1)
    with supply, pytest.raises(PadExhaustedError, match=message):
        simulate(workload, pads=supply)


def test_the_far_end_check_catches_a_wrong_cable(tmp_path: Path) -> None:
    """reads: the right cable reads; a changed figure, or a page it names not issued, not."""
    book = Codebook.default()
    telegrams = [
        Telegram(number=str(n), destination="BEIJING", body=" ".join(["ARMISTICE"] * (40 * n)))
        for n in (1, 2, 3)
    ]
    code = book.encode_many([t.body_as_sent for t in telegrams])
    laid = parts.plan(telegrams, code, groups_per_page=60)
    with PadBook.create(tmp_path / "p.sqlite", pages=20, seed=3) as pad:
        issued = pad.issue_many(laid.pages_per_telegram().tolist(), to=list(laid.labels))
    sent = parts.encipher_parts(laid.plain, issued.digits, laid.pages)
    assert reads(sent, laid.plain, issued, laid.part_offsets).tolist() == [True, True, True]
    wrong = sent.digits.copy()
    wrong[int(sent.offsets[1]) + 12] = (wrong[int(sent.offsets[1]) + 12] + 1) % 10
    changed = MessageSet.from_arrays(wrong, sent.offsets)
    assert reads(changed, laid.plain, issued, laid.part_offsets).tolist() == [True, False, True]
    unknown = sent.digits.copy()
    unknown[int(sent.offsets[2]) : int(sent.offsets[2]) + 5] = [9, 9, 9, 9, 9]  # no such page
    renamed = MessageSet.from_arrays(unknown, sent.offsets)
    assert reads(renamed, laid.plain, issued, laid.part_offsets).tolist() == [True, True, False]


@pytest.mark.parametrize("every", [6, 10**9], ids=["background", "at-the-end"])
def test_an_interrupted_run_keeps_the_documents_of_what_was_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, every: int
) -> None:
    """Ctrl-C mid-run: the records read so far have their cables, which decipher, and
    their pages are in the ledger; nothing else is lost (nor when batches were being
    settled in the background)."""
    monkeypatch.setattr(model_module, "SETTLE_EVERY", every)
    workload = Workload.synthetic(hours=24, rates=DEFAULT_RATES, start=START, seed=3)
    seen = []

    def stop_at_twenty(step: int) -> None:
        seen.append(step)
        if len(seen) == 20:
            raise KeyboardInterrupt

    simulation = Simulation(workload, pads=PadSupply.classroom(tmp_path, seed=3), seed=3)
    with pytest.raises(KeyboardInterrupt):
        simulation.run(progress=stop_at_twenty)
    run = simulation.result()
    assert run.interrupted and len(run.records) == 20 < run.expected
    book = Codebook.default()
    with PadBook.open(tmp_path / "beijing-001.sqlite") as pad:
        used = pad.status().used
        for record in run.records:
            telegram = workload.arrivals[record.serial - 1].telegram
            assert telegram is not None and record.decoded is True
            read = decipher(Cable.from_text(record.cable or ""), book, pad)
            assert read.telegram.body == normalise(telegram.body_as_sent)
    assert used >= sum(-(-(r.cable_groups or 0) // 60) for r in run.records)


def test_the_stamped_telegram_is_printed_from_the_record(run_day: Run) -> None:
    """Record.telegram is the document stamped with the record's own times."""
    record = next(r for r in run_day.records if r.precedence is Precedence.TOP)
    assert record.document is not None and record.parts
    expected = stamped(
        record.document, received=record.received, dispatched=record.dispatched, parts=record.parts
    ).to_text()
    assert record.telegram == expected
    assert record.to_json()["telegram"] == expected
    assert f"Special No. {', '.join(record.parts)}" in expected


@pytest.fixture(scope="module")
def run_day() -> Run:
    """A day of default traffic."""
    return simulate(Workload.synthetic(hours=24, rates=DEFAULT_RATES, start=START, seed=8))


def test_the_queueing_mode_has_no_documents() -> None:
    """Exponential service: no document, no stamped telegram, no pages."""
    workload = Workload.synthetic(hours=4, rates=DEFAULT_RATES, start=START, seed=2, texts=False)
    config = DepartmentConfig(
        shifts=(Shift(name="all", start=dt.time(0), end=dt.time(0), clerks=2),),
        service=Exponential(enciphering=5.0),
    )
    run = simulate(workload, config)
    assert run.records and all(
        r.document is None and r.telegram is None and r.pad is None and r.parts == ()
        for r in run.records
    )
    assert np.isfinite([r.in_system.total_seconds() for r in run.records]).all()


def test_one_telegram_at_a_time_gives_the_same_documents(tmp_path: Path) -> None:
    """Paperwork (one telegram) and a run (in bulk) make the same cable, time and reading."""
    seed_file = Path(__file__).parents[2] / "seeds" / "000_ee3f4792618692d7.txt"
    one, bulk = tmp_path / "one", tmp_path / "bulk"
    one.mkdir()
    bulk.mkdir()
    with PadSupply.classroom(bulk, seed=1950) as pads:
        (record,) = simulate(Workload.from_files([seed_file]), pads=pads).records
    telegram = Telegram.from_text(seed_file.read_text("utf-8"))
    with PadSupply.classroom(one, seed=1950) as pads:
        paperwork = Paperwork(Codebook.default(), pads)
        paper = paperwork.encipher(telegram, "BEIJING")
        sent = Paperwork.transmit(paper.cable, DepartmentConfig().link("BEIJING").line(), START)
        assert paperwork.decipher(sent, paper.volume, telegram) is True
    assert paper.cable.to_text() == record.cable and paper.volume == record.pad
    assert paper.code_groups == record.code_groups == 350
    assert sent.duration == record.sent - record.dispatched
    stamp = Paperwork.stamp(
        telegram, received=record.received, dispatched=record.dispatched, cable=paper.cable
    )
    assert stamp.to_text() == record.telegram


def test_documents_need_a_destination_and_a_line_for_each_telegram(tmp_path: Path) -> None:
    """Lists of different lengths are refused, saying how long each is."""
    telegram = Telegram(number="1", destination="BEIJING", body="ARMISTICE")
    line = DepartmentConfig().link("BEIJING").line()
    with (
        PadSupply.classroom(tmp_path, seed=1) as pads,
        pytest.raises(WorkloadError, match="2 telegrams but 1 destinations and 2 lines"),
    ):
        documents_module.Documents(
            [telegram, telegram], ["BEIJING"], [line, line], codebook=Codebook.default(), pads=pads
        )
