"""Progress a person can see: on a terminal, check, validate, report and annual-report show each long phase
(reading, checking, rendering, writing) on stderr, in the run's language, and clear it when they end; nothing of
it when stderr is not a terminal or with --quiet. The core tells a ``base.progress.Progress`` per file and per
unit-year, never per record."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import _OUTPUT_SETTINGS, Run, run_in_process
from disclose_cli.base.phrase import Phrase
from disclose_cli.cli import main
from disclose_cli.cli.check import WRITING
from disclose_cli.documents.render import RENDERING
from disclose_cli.engine import CHECKING, check, options_for
from disclose_cli.loading.dataset import READING, load

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "weihai-2024"
BENCHMARKS = ROOT / "benchmarks"
AS_OF = "2024-12-31"

# Every command that reads the reports, with what it needs beside them.
LONG_COMMANDS = {
    "check": ("check", EXAMPLES, "--as-of", AS_OF, "--format", "json"),
    "validate": ("validate", EXAMPLES),
    "report": ("report", EXAMPLES, "--period", "2024Q3", "--format", "md"),
    "annual-report": ("annual-report", EXAMPLES, "--unit", "市科技局", "--year", "2024", "--format", "md"),
    "due": ("due", EXAMPLES, "--as-of", "2024-10-08"),
    "plan": ("plan", EXAMPLES, "--unit", "市科技局", "--as-of", AS_OF),
}
PHASES_OF = {
    "check": (READING, CHECKING, WRITING),  # writing too: stdout is not the terminal
    "validate": (READING,),
    "report": (READING, CHECKING, RENDERING),
    "annual-report": (READING, CHECKING, RENDERING),
    "due": (READING, CHECKING),
    "plan": (READING, CHECKING),
}


class _TerminalStderr(io.StringIO):
    """stderr as a terminal: what rich draws on it is kept, escape sequences and all."""

    def isatty(self) -> bool:
        return True


def run_with_terminal_stderr(monkeypatch: pytest.MonkeyPatch, *args: object, lang: str | None = "en") -> Run:
    """``disclose ARGS`` in-process with stderr a terminal and stdout a pipe, in ``lang`` (None: the default)."""
    out, err = io.StringIO(), _TerminalStderr()
    with monkeypatch.context() as patch:
        for key in _OUTPUT_SETTINGS:
            patch.delenv(key, raising=False)
        patch.setenv("TERM", "xterm")
        if lang is not None:
            patch.setenv("DISCLOSE_LANG", lang)
        patch.setattr(sys, "stdout", out)
        patch.setattr(sys, "stderr", err)
        code = main([str(arg) for arg in args])
    return Run(code, out.getvalue(), err.getvalue())


@pytest.mark.parametrize("command", list(LONG_COMMANDS))
def test_a_terminal_shows_each_phase_by_name_and_the_output_is_unchanged(monkeypatch, cli, command) -> None:
    shown = run_with_terminal_stderr(monkeypatch, *LONG_COMMANDS[command])
    assert shown.returncode in (0, 1)
    for phase in PHASES_OF[command]:
        assert phase.en in shown.stderr
    assert "\x1b[" in shown.stderr  # drawn (and redrawn) in place, not printed line after line
    assert shown.stdout == cli(*LONG_COMMANDS[command]).stdout


def test_the_phases_are_named_in_the_runs_language(monkeypatch) -> None:
    chinese = run_with_terminal_stderr(monkeypatch, *LONG_COMMANDS["report"], lang=None)
    for phase in PHASES_OF["report"]:
        assert phase.zh in chinese.stderr and phase.en not in chinese.stderr


@pytest.mark.parametrize("command", list(LONG_COMMANDS))
def test_quiet_shows_nothing_of_it_on_a_terminal(monkeypatch, cli, command) -> None:
    quiet = run_with_terminal_stderr(monkeypatch, *LONG_COMMANDS[command], "--quiet")
    assert quiet.returncode in (0, 1)
    assert quiet.stderr == ""
    assert quiet.stdout == cli(*LONG_COMMANDS[command]).stdout
    assert run_with_terminal_stderr(monkeypatch, *LONG_COMMANDS[command], "-q").stderr == ""


@pytest.mark.parametrize("command", list(LONG_COMMANDS))
def test_without_a_terminal_nothing_of_it_appears(cli, command) -> None:
    run = cli(*LONG_COMMANDS[command])
    assert run.returncode in (0, 1)
    assert run.stderr == ""


def test_quiet_also_keeps_the_written_file_unsaid(monkeypatch, tmp_path) -> None:
    target = tmp_path / "q3.md"
    told = run_with_terminal_stderr(monkeypatch, *LONG_COMMANDS["report"], "-o", target)
    assert f"wrote {target}" in told.stderr
    quiet = run_with_terminal_stderr(monkeypatch, *LONG_COMMANDS["report"], "-o", target, "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == "" and target.read_text(encoding="utf-8")


def test_invalid_input_clears_the_progress_before_the_problems(monkeypatch) -> None:
    invalid = Path(__file__).resolve().parent / "invalid" / "unknown_key.yaml"
    run = run_with_terminal_stderr(monkeypatch, "check", invalid)
    assert run.returncode == 2
    assert READING.en in run.stderr
    assert "unknown_key.yaml:" in run.stdout  # the problems are check's output, on stdout, after it is cleared


# ---- the core tells the protocol, per file and per unit-year -------------------------------------------------


class Recording:
    """A ``Progress`` that keeps what it is told: (phase, total) and the steps done in each."""

    def __init__(self) -> None:
        self.phases: list[tuple[Phrase, int | None]] = []
        self.steps: list[int] = []

    def phase(self, name: Phrase, total: int | None = None) -> None:
        self.phases.append((name, total))
        self.steps.append(0)

    def advance(self, steps: int = 1) -> None:
        self.steps[-1] += steps


def test_loading_tells_each_file(context) -> None:
    recording = Recording()
    dataset = load([EXAMPLES], context, recording)
    files = len(list(EXAMPLES.glob("*.yaml")))
    assert dataset.files == files
    assert recording.phases == [(READING, files)]
    assert recording.steps == [files]


def test_checking_tells_each_unit_year(context) -> None:
    dataset = load([EXAMPLES], context)
    recording = Recording()
    result = check(dataset, options_for(context, dt.date(2024, 12, 31), progress=recording))
    units = len(context.registry.units)  # one year with a catalog (2024): each unit of the registry once
    assert result.findings
    assert recording.phases == [(CHECKING, units)]
    assert recording.steps == [units]
    narrowed = Recording()
    check(dataset, options_for(context, dt.date(2024, 12, 31), units=("市科学技术局",), progress=narrowed))
    assert narrowed.phases == [(CHECKING, 1)] and narrowed.steps == [1]


def test_documents_tell_when_rendering_begins(context) -> None:
    from disclose_cli.calendar.periods import parse_period
    from disclose_cli.documents.annual_report import build_annual_report
    from disclose_cli.documents.docx import write_docx
    from disclose_cli.documents.period_report import build
    from disclose_cli.documents.render import render

    dataset = load([EXAMPLES], context)
    recording = Recording()
    options = options_for(context, dt.date(2024, 9, 30), progress=recording)
    html = render("report.html.j2", None, "zh", recording, data=build(dataset, parse_period("2024Q3"), options))
    assert "<html" in html
    assert [name for name, _ in recording.phases] == [CHECKING, RENDERING]
    annual = Recording()
    unit = context.registry.get("市科技局")
    data = build_annual_report(dataset, unit, 2024, options_for(context, dt.date(2024, 12, 31), progress=annual))
    write_docx(data, io.BytesIO(), annual)
    assert [name for name, _ in annual.phases] == [CHECKING, RENDERING]


# ---- one real terminal --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(BENCHMARKS))
    folder = tmp_path_factory.mktemp("generated")
    generate(folder, 40, 60, 2024)
    return folder


def test_a_real_terminal_sees_the_phases_and_then_only_the_result(generated, tmp_path) -> None:
    """stderr a pseudo-terminal (rich decides by asking the real file descriptor), stdout a file: the phases are
    drawn in Chinese, the display is cleared at the end, and stdout holds what it holds without a terminal."""
    pty = pytest.importorskip("pty")
    args = [sys.executable, "-m", "disclose_cli", "check", "--as-of", AS_OF, "--format", "json"]
    env = {key: value for key, value in os.environ.items() if key not in (*_OUTPUT_SETTINGS, "TERM")}
    env.update(TERM="xterm", PYTHONIOENCODING="utf-8")
    master, slave = pty.openpty()
    with open(tmp_path / "stdout.json", "wb") as stdout:
        process = subprocess.Popen(args, cwd=generated, env=env, stdin=subprocess.DEVNULL, stdout=stdout,
                                   stderr=slave)
    os.close(slave)
    drawn = []
    while True:  # until the command ends and its side of the terminal closes
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        drawn.append(chunk)
    os.close(master)
    assert process.wait(timeout=300) == 1
    terminal = b"".join(drawn).decode("utf-8", "replace")
    for phase in (READING, CHECKING):
        assert phase.zh in terminal
    # what is left once the display is cleared: the cursor shown again, the drawn lines erased, nothing after
    last = terminal.rsplit("\x1b[?25h", 1)
    assert len(last) == 2 and "\x1b[2K" in last[1]
    assert all(phase.zh not in last[1] for phase in (READING, CHECKING))
    plain = subprocess.run(args, cwd=generated, env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=300)
    assert plain.stderr == b""
    assert (tmp_path / "stdout.json").read_bytes() == plain.stdout
