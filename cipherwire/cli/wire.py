"""Commands on the wire: ``transmit``, ``morse`` and ``ita2``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

import click

from cipherwire.cable.form import Cable
from cipherwire.cli.app import check_output, cli, emit_json, note, write_output
from cipherwire.core.textfile import read_text
from cipherwire.errors import WireError
from cipherwire.telegram.dates import ArchiveDate
from cipherwire.wire import ita2, morse
from cipherwire.wire.line import Garble, Line, Telegraphy, Transmission

BEIJING = "Asia/Shanghai"
T = TypeVar("T")


def _usage(build: Callable[[], T]) -> T:
    """Run a check of option values; an impossible value is a usage error (exit 2)."""
    try:
        return build()
    except WireError as exc:
        raise click.UsageError(str(exc)) from exc


def _when(moment: dt.datetime) -> str:
    """A time in the archive's date style with its zone:
    '20:40:00 7/XII.1950 (Europe/Moscow, UTC+0300)'."""
    date = ArchiveDate.of(moment.date()).to_text()
    return f"{moment:%H:%M:%S} {date} ({moment.tzinfo}, UTC{moment:%z})"


def _length(span: dt.timedelta) -> str:
    seconds = int(span.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return (
        " ".join(
            f"{value} {unit}"
            for value, unit in ((hours, "h"), (minutes, "min"), (secs, "s"))
            if value
        )
        or "0 s"
    )


def _report(sent: Transmission) -> list[str]:
    line = sent.line
    how = "Morse" if line.via is Telegraphy.MORSE else "teleprinter"
    parts = ", ".join(p.number for p in sent.sent.parts)
    lines = [
        f"sent by {how} at {line.speed}: parts {parts}, {sent.sent.group_count} groups",
        f"  start    {_when(sent.start)}",
        f"  end      {_when(sent.end)}  (took {_length(sent.duration)})",
        f"  arrived  {_when(sent.arrival)}",
    ]
    flagged = sent.flagged
    if flagged:
        lines.append(
            f"  garbled  {len(flagged)} groups flagged; service message: {sent.repeat_request()}"
        )
    elif sent.garbled:
        lines.append(f"  garbled  {len(sent.garbled)} groups changed, and nothing shows it")
    else:
        lines.append("  garbled  none")
    return lines


@cli.command()
@click.argument("cable_file", metavar="CABLE")
@click.option(
    "--via",
    type=click.Choice(["morse", "teleprinter"]),
    default="morse",
    show_default=True,
    help="How the cable is sent.",
)
@click.option(
    "--wpm",
    type=float,
    default=16.0,
    show_default=True,
    help="Morse speed, words a minute (PARIS).",
)
@click.option("--baud", type=float, default=50.0, show_default=True, help="Teleprinter speed.")
@click.option(
    "--error-rate",
    type=float,
    default=0.0,
    show_default=True,
    help="Chance that a figure of a group is garbled (0-1).",
)
@click.option(
    "--burst",
    type=float,
    default=1.0,
    show_default=True,
    help="Mean length of a burst of garbles, in figures.",
)
@click.option(
    "--garble",
    type=click.Choice(["mark", "substitute"]),
    default="mark",
    show_default=True,
    help="A garbled figure arrives as '?' (flagged) or as another figure (silent).",
)
@click.option("--seed", type=int, default=None, help="Seed of the error generator.")
@click.option(
    "--repeat",
    is_flag=True,
    help="Ask for the flagged groups again (service message) and send them once more.",
)
@click.option(
    "--signal",
    is_flag=True,
    help="Print the signal (Morse dots and dashes, or the punched tape) instead of what arrived.",
)
@click.option(
    "--tape", is_flag=True, help="Print the teleprinter's punched tape instead of what arrived."
)
@click.option("--wav", metavar="OUT.wav", help="Also write the Morse signal as a WAV file.")
@click.option("-o", "--out", metavar="OUT", help="Write what arrived to OUT.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def transmit(
    cable_file: str,
    via: str,
    wpm: float,
    baud: float,
    error_rate: float,
    burst: float,
    garble: str,
    seed: int | None,
    repeat: bool,
    signal: bool,
    tape: bool,
    wav: str | None,
    out: str | None,
    as_json: bool,
) -> None:
    """Send the cable in CABLE ('-': standard input) over a Morse or teleprinter line.

    What arrived goes to standard output (or OUT), ready for `cipherwire decode -`; the
    times (Moscow and Beijing) and the garbled groups go to standard error.
    """
    line = _usage(
        lambda: Line(
            via=Telegraphy(via),
            wpm=wpm,
            baud=baud,
            error_rate=error_rate,
            burst=burst,
            garble=Garble(garble),
            seed=seed,
            destination_zone=BEIJING,
        )
    )
    if tape and line.via is not Telegraphy.TELEPRINTER:
        raise click.BadParameter(
            "a punched tape is a teleprinter's; use --via teleprinter", param_hint="--tape"
        )
    signal = signal or tape
    if wav is not None and line.via is not Telegraphy.MORSE:
        raise click.BadParameter(
            "a WAV file is a Morse signal; use --via morse", param_hint="--wav"
        )
    check_output(out, option="-o")
    check_output(wav, option="--wav")
    cable = Cable.from_text(read_text(cable_file))
    first = line.transmit(cable, start=cable.preamble.filed or dt.datetime.now(dt.UTC))
    report = _report(first)
    sent = first
    if repeat and first.flagged:
        sent = line.resend(first)
        report += ["repeated the flagged groups:", *_report(sent)[1:]]
    if wav is not None:
        morse.write_wav(wav, " ".join(cable.to_text().split()), wpm=wpm)
    if as_json:
        data = first.to_json()
        del data["received"]
        data["repeat"] = sent.to_json() if sent is not first else None
        data["received"] = sent.received.to_text()  # after the repeat, if there was one
        emit_json(data)
    elif signal:
        text = cable.to_text()
        if line.via is Telegraphy.MORSE:
            click.echo(morse.encode(" ".join(text.split())))
        else:
            click.echo(ita2.tape(ita2.encode(text), labels=True))
    else:
        write_output(sent.received.to_text(), out)
    if not as_json:
        for message in report:
            note(message)


@cli.command("morse")
@click.argument("words", metavar="TEXT...", nargs=-1, required=True)
@click.option("--wpm", type=float, default=16.0, show_default=True)
@click.option(
    "--farnsworth",
    type=float,
    default=None,
    help="Overall speed with characters sent at --wpm (Farnsworth spacing).",
)
@click.option(
    "--standard", type=click.Choice(["PARIS", "CODEX"]), default="PARIS", show_default=True
)
@click.option("--cut-numbers", is_flag=True, help="Send figures as cut numbers (1=A, 9=N, 0=T).")
@click.option("--decode", "decoding", is_flag=True, help="TEXT is Morse: print the letters.")
@click.option("--wav", metavar="OUT.wav", help="Write the signal as a WAV file.")
def morse_command(
    words: tuple[str, ...],
    wpm: float,
    farnsworth: float | None,
    standard: str,
    cut_numbers: bool,
    decoding: bool,
    wav: str | None,
) -> None:
    """Show TEXT in Morse code and how long it takes to send (or decode Morse)."""
    text = " ".join(words)
    if decoding:
        click.echo(morse.decode(text, cut_numbers=cut_numbers))
        return
    check_output(wav, option="--wav")
    _usage(lambda: morse.duration("E", wpm=wpm, standard=standard, farnsworth=farnsworth))
    code = morse.encode(text, cut_numbers=cut_numbers)
    seconds = morse.duration(
        text, wpm=wpm, standard=standard, farnsworth=farnsworth, cut_numbers=cut_numbers
    )
    units = morse.units(text, cut_numbers=cut_numbers)
    click.echo(code)
    overall = f", {farnsworth:g} wpm overall (Farnsworth)" if farnsworth else ""
    click.echo(f"{units} units, {seconds:.2f} s at {wpm:g} wpm{overall} ({standard})")
    if wav is not None:
        morse.write_wav(wav, text, wpm=wpm, standard=standard, farnsworth=farnsworth)


@cli.command("ita2")
@click.argument("words", metavar="TEXT...", nargs=-1, required=True)
@click.option("--baud", type=float, default=50.0, show_default=True)
@click.option(
    "--order",
    type=click.Choice(["value", "transmission"]),
    default=None,
    help="Bit order: value order (A = 00011) for the codes, transmission order (A = 11000, "
    "the tape as punched) for --tape, unless given.",
)
@click.option("--tape", is_flag=True, help="Draw the punched tape.")
def ita2_command(words: tuple[str, ...], baud: float, order: str | None, tape: bool) -> None:
    """Show TEXT in the teleprinter code (ITA2), with shifts, and how long it takes."""
    text = " ".join(words)
    _usage(lambda: ita2.character_seconds(baud))
    order = order or ("transmission" if tape else "value")
    codes = ita2.encode(text)
    bit_order = ita2.Order.VALUE if order == "value" else ita2.Order.TRANSMISSION
    if tape:
        click.echo(ita2.tape(codes, order=bit_order, labels=True))
    else:
        bits = ita2.to_bits(codes, order=bit_order)
        for code, row in zip(codes.tolist(), bits.tolist(), strict=True):
            click.echo(f"{code:2d}  {''.join(str(b) for b in row)}")
    seconds = ita2.duration(codes, baud=baud)
    count = f"{len(codes)} character{'' if len(codes) == 1 else 's'}"
    click.echo(f"{count}, {seconds:.2f} s at {baud:g} baud ({order} order)")


__all__ = ["ita2_command", "morse_command", "transmit"]
