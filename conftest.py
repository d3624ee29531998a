"""Run the docs' shell sessions as tests: every ```console block in docs/**/*.md and README.md.

A console block is a transcript.  Its rules:

* A line ``$ cipherwire ARGS`` is a command (split with :mod:`shlex`; a line ending in ``\\``
  goes on on the next line).  ``cmd | cmd`` pipes one cipherwire command's stdout into the
  next one's stdin (write ``-`` for the file to read it); only cipherwire commands run here.
* The lines after a command, up to the next ``$ `` line or the end of the block, are its
  expected output: stdout and stderr together, as a terminal shows them.  They are compared
  with :class:`doctest.OutputChecker` under ELLIPSIS and NORMALIZE_WHITESPACE, so ``...``
  stands for any text.  A pipeline shows the stderr of its earlier commands, then all the
  output of the last.
* A last line ``[exit N]`` expects exit status N (a pipeline's status is the last non-zero
  one, as with ``set -o pipefail``); without it the command must exit 0.
* Commands run in-process through :func:`cipherwire.cli.main` (so errors read exactly as in
  a terminal) under :meth:`click.testing.CliRunner.isolation`, in the repository root, with
  ``CIPHERWIRE_HOME`` set to an empty temporary folder per Markdown file: the blocks of one
  page run in order and share it (a page may create a pad book, then use it).  Running one
  block alone (``-k``) therefore sees only what that block creates.
* The first failing command ends its block; the report shows the command, the expected and
  the actual output.  Blocks marked ```sh or ```bash (install commands) are never run.
* Standard input is empty unless piped, so ``$ cipherwire parse -`` alone shows the
  "is empty" error.

The ``>>>`` examples in the same files are run by pytest's own doctest collection
(``--doctest-glob=*.md`` in pyproject.toml).  Doctest knows nothing of Markdown: leave a
blank line before the closing fence of a ```pycon block, or doctest reads the fence as part
of the expected output of the last example.
"""

from __future__ import annotations

import contextlib
import doctest
import re
import shlex
import shutil
import sys
import tempfile
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cipherwire import cli

_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*?)\s*$")
_EXIT = re.compile(r"^\[exit (?P<code>\d+)\]$")
_CHECKER = doctest.OutputChecker()
_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def pytest_sessionstart(session: pytest.Session) -> None:
    """Compile the fused kernels once, before any test is timed (Hypothesis deadlines)."""
    from cipherwire.core._engine import fused

    fused.compile_all()


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> ConsoleFile | None:
    root = parent.config.rootpath
    docs = root / "docs"
    if file_path.suffix == ".md" and (file_path == root / "README.md" or docs in file_path.parents):
        return ConsoleFile.from_parent(parent, path=file_path)
    return None


def console_blocks(text: str) -> Iterator[tuple[int, list[str]]]:
    """(line number of the opening fence, lines inside) of every ```console fenced block."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        i += 1
        if not opening:
            continue
        indent, fence = opening.group("indent"), opening.group("fence")
        fence_line, body = i, []
        while i < len(lines):
            closing = _FENCE.match(lines[i])
            i += 1
            if (
                closing
                and not closing.group("info")
                and closing.group("fence")[0] == fence[0]
                and len(closing.group("fence")) >= len(fence)
            ):
                break
            body.append(lines[i - 1].removeprefix(indent))
        words = opening.group("info").split()
        if words and words[0] == "console":
            yield fence_line, body


class ConsoleFile(pytest.File):
    """The console blocks of one Markdown file, sharing one CIPHERWIRE_HOME."""

    home: Path

    def collect(self) -> Iterator[ConsoleBlock]:
        for line, body in console_blocks(self.path.read_text("utf-8")):
            yield ConsoleBlock.from_parent(self, name=f"console-line-{line}", line=line, body=body)

    def setup(self) -> None:
        self.home = Path(tempfile.mkdtemp(prefix="cipherwire-docs-"))

    def teardown(self) -> None:
        shutil.rmtree(self.home, ignore_errors=True)


@dataclass
class Command:
    line: int  # in the Markdown file
    shown: str  # as written, without the "$ "
    pipeline: list[list[str]]  # argument lists, without "cipherwire"
    want: str
    status: int


class ConsoleError(Exception):
    """A block that is not a valid transcript, or a command whose output differs."""


class ConsoleBlock(pytest.Item):
    """One ```console block; ``line`` is the line of its opening fence."""

    def __init__(self, *, line: int, body: list[str], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.line, self.body = line, body

    def runtest(self) -> None:
        assert isinstance(self.parent, ConsoleFile)
        for command in self._commands():
            with contextlib.chdir(self.config.rootpath):
                got, status = _run(command.pipeline, home=self.parent.home)
            if status != command.status or not _CHECKER.check_output(command.want, got, _FLAGS):
                raise ConsoleError(
                    f"line {command.line}: $ {command.shown}\n"
                    f"Expected:\n{_indent(command.want, command.status)}"
                    f"Got:\n{_indent(got, status)}"
                )

    def _commands(self) -> list[Command]:
        commands: list[Command] = []
        lines = list(enumerate(self.body, start=self.line + 1))
        while lines:
            number, text = lines.pop(0)
            if not _prompt(text):
                if text.strip():
                    raise ConsoleError(f"line {number}: output before any '$ ' command: {text!r}")
                continue
            shown = text[1:].strip()
            while shown.endswith("\\") and lines:
                shown = shown[:-1] + " " + lines.pop(0)[1].strip()
            output: list[str] = []
            while lines and not _prompt(lines[0][1]):
                output.append(lines.pop(0)[1])
            while output and not output[-1].strip():
                output.pop()
            status = 0
            if output and (m := _EXIT.match(output[-1].strip())):
                status = int(m.group("code"))
                output.pop()
            commands.append(
                Command(
                    number,
                    shown,
                    _pipeline(number, shown),
                    "".join(f"{out}\n" for out in output),
                    status,
                )
            )
        return commands

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        if isinstance(excinfo.value, ConsoleError):
            return f"{self.path.name}, {excinfo.value}"
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.line - 1, f"console block at line {self.line}"


def _prompt(text: str) -> bool:
    return text == "$" or text.startswith("$ ")


def _pipeline(line: int, shown: str) -> list[list[str]]:
    try:
        words = shlex.split(shown)
    except ValueError as exc:
        raise ConsoleError(f"line {line}: cannot split {shown!r}: {exc}") from exc
    stages: list[list[str]] = [[]]
    for word in words:
        if word == "|":
            stages.append([])
        else:
            stages[-1].append(word)
    for stage in stages:
        if not stage or stage[0] != "cipherwire":
            raise ConsoleError(
                f"line {line}: only 'cipherwire' commands run in a console block, got {shown!r} "
                "(mark other shell sessions ```sh)"
            )
    return [stage[1:] for stage in stages]


def _run(pipeline: list[list[str]], *, home: Path) -> tuple[str, int]:
    """Run cipherwire commands as a shell pipeline; return what the terminal shows and the
    status."""
    shown, status, stdin = [], 0, b""  # the first command reads an empty standard input
    for i, args in enumerate(pipeline):
        runner = CliRunner()
        with runner.isolation(input=stdin, env={"CIPHERWIRE_HOME": str(home)}) as streams:
            stdout, stderr, mixed = streams  # click >= 8.2: mixed is both, in order
            code = _main(args)
            sys.stdout.flush()
            sys.stderr.flush()
            last = i == len(pipeline) - 1
            shown.append((mixed if last else stderr).getvalue().decode("utf-8", "replace"))
            stdin = stdout.getvalue()
        status = code or status
    return "".join(shown), status


def _main(args: list[str]) -> int:
    """Run ``cipherwire ARGS`` as the console script does; return the exit status."""
    try:
        cli.main(args)
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        print(exc.code, file=sys.stderr)
        return 1
    except Exception:  # what Python would do with an uncaught error: traceback, status 1
        traceback.print_exc()
        return 1
    return 0


def _indent(text: str, status: int) -> str:
    if status:
        text += f"[exit {status}]\n"
    return "".join(f"    {line}\n" for line in text.splitlines()) or "    (nothing)\n"
