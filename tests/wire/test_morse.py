"""Tests for cipherwire.wire.morse: the Morse table, timing, keying and WAV output."""

from __future__ import annotations

import math
import wave
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cipherwire.errors import CipherwireError, WireError
from cipherwire.wire.morse import (
    ALIASES,
    CODES,
    CUT_NUMBERS,
    character_units,
    decode,
    duration,
    encode,
    keying,
    units,
    write_wav,
)


def reference_units(text: str) -> int:
    """Units of a text the slow way: from its dots and dashes as encode writes them."""
    total = 0
    for word in encode(text).split(" / ") if text.strip() else []:
        letters = word.split(" ")
        total += sum(len(c) - 1 + c.count(".") + 3 * c.count("-") for c in letters)
        total += 3 * (len(letters) - 1) + 7
    return total


def element_units(text: str) -> int:
    """Units of key-down time: one a dot, three a dash."""
    code = encode(text)
    return code.count(".") + 3 * code.count("-")


# -- the table ------------------------------------------------------------------------------

ITU = [
    ("A", ".-"),
    ("Q", "--.-"),
    ("Z", "--.."),
    ("1", ".----"),
    ("0", "-----"),
    (".", ".-.-.-"),
    (",", "--..--"),
    ("?", "..--.."),
    ("'", ".----."),
    ("/", "-..-."),
    (")", "-.--.-"),
    (":", "---..."),
    ("-", "-....-"),
    ('"', ".-..-."),
    ("@", ".--.-."),
    ("<SK>", "...-.-"),
    ("<AR>", ".-.-."),
    ("<BT>", "-...-"),
    ("<HH>", "........"),
    ("<SOS>", "...---..."),
    ("<CT>", "-.-.-"),
    ("<VE>", "...-."),
]


@pytest.mark.parametrize(("text", "code"), ITU, ids=[t for t, _ in ITU])
def test_itu_known_answers(text: str, code: str) -> None:
    """Characters and procedure signs send as in ITU-R M.1677-1."""
    assert encode(text) == code


def test_table_codes_are_unique_and_well_formed() -> None:
    """No two entries share a code, and every code is dots and dashes only."""
    assert len(set(CODES.values())) == len(CODES)
    assert all(code and set(code) <= {".", "-"} for code in CODES.values())
    assert set(CODES) >= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,?'!/()&:;=+-_\"$@")


@pytest.mark.parametrize("name", list(CODES))
def test_every_entry_round_trips(name: str) -> None:
    """decode(encode(c)) == c for every entry of the table."""
    assert decode(encode(name)) == name


@pytest.mark.parametrize(("alias", "name"), list(ALIASES.items()))
def test_aliases_send_as_their_entry(alias: str, name: str) -> None:
    """A procedure sign that shares a code with an entry sends, and reads back, as it."""
    assert encode(alias) == CODES[name]
    assert decode(encode(alias)) == name


def test_case_and_spaces() -> None:
    """Lower case is upper case; a run of spaces is one word space."""
    assert encode("  cq  de <sk> ") == encode("CQ DE <SK>") == "-.-. --.- / -.. . / ...-.-"
    assert decode("-.-.   --.-/-.. .") == "CQ DE"


words = st.lists(st.sampled_from(sorted(CODES)), min_size=1, max_size=8).map("".join)
texts = st.lists(words, max_size=6).map(" ".join)


@given(texts)
def test_round_trip(text: str) -> None:
    """decode(encode(t)) == t for any text over the table, single-spaced."""
    assert decode(encode(text)) == text
    assert decode(encode(text.lower())) == text


# -- cut numbers ----------------------------------------------------------------------------


def test_cut_numbers() -> None:
    """Figures go short (1=A ... 0=T; 4 and 6 in full); letters are untouched."""
    assert encode("1234567890", cut_numbers=True) == ".- ..- ...- ....- . -.... -... -.. -. -"
    assert encode("ABC <AR>", cut_numbers=True) == encode("ABC <AR>")
    assert dict(CUT_NUMBERS) == dict(zip("1234567890", "AUV4E6BDNT", strict=True))
    assert units("12345", cut_numbers=True) == 5 + 7 + 9 + 11 + 1 + 4 * 3 + 7


def test_cut_numbers_decode_reads_figure_words() -> None:
    """A word that can all be figures reads as figures; any other word as letters."""
    assert decode(".- ..- / -.. .-. / .---- -", cut_numbers=True) == "12 DR 10"
    assert decode(".- ..-", cut_numbers=False) == "AU"


groups = st.lists(st.text("0123456789", min_size=5, max_size=5), max_size=20).map(" ".join)


@given(groups)
def test_cut_numbers_round_trip_on_groups(text: str) -> None:
    """Five-figure groups survive cut numbers."""
    assert decode(encode(text, cut_numbers=True), cut_numbers=True) == text


# -- timing ---------------------------------------------------------------------------------

UNITS = [
    ("PARIS", 50),
    ("CODEX", 60),
    ("E", 8),
    ("T", 10),
    ("12345", 17 + 15 + 13 + 11 + 9 + 4 * 3 + 7),  # 84, digit = 19 - 2 x its dots
    ("SOS", 5 + 3 + 11 + 3 + 5 + 7),
    ("<SOS>", 23 + 7),
    ("PARIS PARIS", 100),
    ("", 0),
]


@pytest.mark.parametrize(("text", "expected"), UNITS, ids=[t or "empty" for t, _ in UNITS])
def test_units_known_answers(text: str, expected: int) -> None:
    """Units counted by hand, the last word space included."""
    assert units(text) == expected == reference_units(text)


def test_durations_known_answers() -> None:
    """PARIS at 20 wpm takes 3 s exactly; a code group at 16 wpm takes 84 x 75 ms."""
    assert duration("PARIS", wpm=20) == 3.0
    assert duration("CODEX", wpm=20, standard="CODEX") == 3.0
    assert duration("PARIS", wpm=20, standard="CODEX") == 2.5
    assert duration("12345", wpm=16) == 6.3
    assert duration("PARIS " * 16, wpm=16) == 60.0


def test_random_group_averages_89_units() -> None:
    """Over all 100,000 five-figure groups, a group with its space averages 89 units."""
    digit = character_units(" ".join("0123456789")) - 7  # (10,) units of each figure alone
    figures = np.arange(100_000)[:, None] // 10 ** np.arange(4, -1, -1) % 10  # (100000, 5)
    per_group = digit[figures].sum(axis=1) + 4 * 3 + 7
    assert Fraction(int(per_group.sum()), per_group.size) == 89
    assert round(per_group.mean()) == 89
    for g in (0, 12345, 55555, 99999):
        assert per_group[g] == units(f"{g:05d}")


def test_farnsworth_18_at_5() -> None:
    """Characters at 18 wpm, 5 wpm overall: the ARRL's ta, tc and tw."""
    c, s = 18, 5
    ta = (60 * c - 37.2 * s) / (s * c)
    tc, tw, dot = 3 * ta / 19, 7 * ta / 19, 1.2 / c
    assert duration("PARIS", wpm=c, farnsworth=s) == 12.0
    assert duration("PARIS PARIS", wpm=c, farnsworth=s) == 24.0

    def far(text: str) -> float:
        return duration(text, wpm=c, farnsworth=s)

    assert far("EE") - far("E") == pytest.approx(dot + tc)
    assert far("E E") - far("E") == pytest.approx(dot + tw)
    assert duration("CODEX", wpm=c, farnsworth=s, standard="CODEX") == 12.0
    assert duration("SOS", wpm=20, farnsworth=20) == duration("SOS", wpm=20)


@given(texts)
def test_character_units_add_up(text: str) -> None:
    """One entry per character sent; they sum to units(), which matches the reference."""
    per_char = character_units(text)
    assert per_char.dtype == np.int64
    assert per_char.shape == (len(encode(text).replace("/", "").split()),)
    assert int(per_char.sum()) == units(text) == reference_units(text)


def test_character_units_timestamp_groups() -> None:
    """Cumulative units mark where each group of a cable ends."""
    ends = np.cumsum(character_units("12345 67890"))
    assert ends[[4, 9]].tolist() == [84, 84 + (11 + 13 + 15 + 17 + 19) + 4 * 3 + 7]


# -- keying and WAV -------------------------------------------------------------------------


@settings(max_examples=50)
@given(texts)
def test_keying_matches_units(text: str) -> None:
    """The timeline has units() entries; the key is down for the elements' units."""
    key, unit = keying(text, wpm=20)
    assert key.dtype == np.bool_ and key.shape == (units(text),)
    assert int(key.sum()) == element_units(text)
    assert unit == 0.06
    assert not key[-7:].any()


@settings(max_examples=50)
@given(texts, st.sampled_from([(18, 5), (20, 13), (25, 24.5)]))
def test_keying_farnsworth(text: str, speeds: tuple[float, float]) -> None:
    """With Farnsworth the timeline ends at the whole unit nearest the exact duration."""
    key, unit = keying(text, wpm=speeds[0], farnsworth=speeds[1])
    assert key.size == round(duration(text, wpm=speeds[0], farnsworth=speeds[1]) / unit)
    assert int(key.sum()) == element_units(text)


def test_keying_known_answer() -> None:
    """'EI': dot, letter gap, dot, gap, dot, word gap."""
    key, _ = keying("EI", wpm=20)
    assert "".join("1" if k else "0" for k in key) == "10001010000000"


def read_wav(path: Path) -> tuple[wave._wave_params, np.ndarray]:
    """The parameters and the 16-bit samples of a WAV file."""
    with wave.open(str(path), "rb") as w:
        return w.getparams(), np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")


def test_wav_sos(tmp_path: Path) -> None:
    """SOS at 20 wpm: mono, 16-bit, 8 kHz, 34 units of 480 samples, tone where the key is."""
    path = tmp_path / "sos.wav"
    write_wav(path, "SOS", wpm=20, volume=0.5)
    params, samples = read_wav(path)
    assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, 8000)
    assert params.nframes == round(duration("SOS", wpm=20) * 8000) == 34 * 480
    key, _ = keying("SOS", wpm=20)
    rms = np.sqrt((samples.reshape(-1, 480).astype(np.float64) ** 2).mean(axis=1))
    assert (rms[~key] == 0).all()
    assert (rms[key] > 0.8 * 0.5 * 32767 / math.sqrt(2)).all()
    assert abs(samples).max() <= 0.5 * 32767 + 1
    assert abs(samples[:20]).max() < 0.5 * 0.5 * 32767  # the 5 ms ramp: no click
    assert list(tmp_path.iterdir()) == [path]


def test_wav_farnsworth_and_overwrite(tmp_path: Path) -> None:
    """Frames = duration x rate within a sample per edge; an old file is replaced."""
    path = tmp_path / "far.wav"
    path.write_bytes(b"old")
    write_wav(path, "CQ DE 12345", wpm=18, farnsworth=5, sample_rate=11025, pitch=600)
    params, samples = read_wav(path)
    edges = 2 * len("CQDE12345")
    exact = duration("CQ DE 12345", wpm=18, farnsworth=5) * 11025
    assert abs(params.nframes - exact) <= edges
    assert samples[0] == 0 and samples[-1] == 0


# -- bad input ------------------------------------------------------------------------------

BAD: list[tuple[Callable[[], object], str]] = [
    (lambda: encode("Ж"), "position 0: Morse cannot carry 'Ж'"),
    (lambda: encode("50 %"), "position 3: Morse cannot carry '%'"),
    (lambda: units("ab\ncd"), "position 2: Morse cannot carry '\\n'"),
    (lambda: encode("<XY> AR"), "position 0: Morse cannot carry '<XY>'"),
    (lambda: encode("A <AR"), "position 2: Morse cannot carry '<'"),
    (lambda: decode(".- .-.-.-.-.-"), "position 3: '.-.-.-.-.-' is no character"),
    (lambda: decode(".- _"), "position 3: '_' is not Morse"),
    (lambda: decode("/ .-"), "position 0: '/' (a word space) with no word before it"),
    (lambda: decode(".- /"), "position 3: '/' (a word space) with no word after it"),
    (lambda: duration("E", wpm=0), "wpm must be a positive number of words a minute, got 0"),
    (lambda: duration("E", wpm=-1), "got -1"),
    (lambda: duration("E", wpm=math.nan), "got nan"),
    (lambda: keying("E", wpm=math.inf), "got inf"),
    (lambda: duration("E", wpm=20, farnsworth=0.0), "farnsworth must be a positive"),
    (lambda: duration("E", wpm=5, farnsworth=6), "farnsworth=6 (overall speed) is above wpm=5"),
    (lambda: duration("E", wpm=5, standard="paris"), "got 'paris'"),
    (lambda: write_wav("x.wav", "E", wpm=20, pitch=4000), "got 4000"),
    (lambda: write_wav("x.wav", "E", wpm=20, pitch=0), "got 0"),
    (lambda: write_wav("x.wav", "E", wpm=20, sample_rate=0), "got 0"),
    (lambda: write_wav("x.wav", "E", wpm=20, sample_rate=8000.0), "got 8000.0"),  # type: ignore[arg-type]
    (lambda: write_wav("x.wav", "E", wpm=20, volume=1.5), "got 1.5"),
    (lambda: write_wav("x.wav", "E", wpm=20_000), "a dot lasts less than one sample"),
]


@pytest.mark.parametrize(("call", "message"), BAD, ids=[m for _, m in BAD])
def test_bad_input(
    call: Callable[[], object], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each bad input raises WireError quoting the value (and its position), writing nothing."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(WireError) as raised:
        call()
    assert message in str(raised.value)
    assert isinstance(raised.value, CipherwireError) and isinstance(raised.value, ValueError)
    assert list(tmp_path.iterdir()) == []


def test_unwritable_wav_path_leaves_nothing(tmp_path: Path) -> None:
    """A missing folder or a folder in the way is a WireError, and no file is left."""
    with pytest.raises(WireError, match=r"cannot write a WAV file at '.*nowhere"):
        write_wav(tmp_path / "nowhere" / "x.wav", "SOS", wpm=20)
    (tmp_path / "taken.wav").mkdir()
    with pytest.raises(WireError, match=r"taken\.wav"):
        write_wav(tmp_path / "taken.wav", "SOS", wpm=20)
    assert [p.name for p in tmp_path.iterdir()] == ["taken.wav"]
    assert list((tmp_path / "taken.wav").iterdir()) == []
