"""Helpers for rule tests: write a YAML report snippet, load it with the bundled context, run the engine.

Line numbers: the snippet is dedented and its leading blank lines are dropped, so line 1 is the first line
written in the test. ``unit:`` and ``year:`` are appended at the end when the snippet leaves them out, which
keeps every line of the snippet where the test wrote it.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import Iterable

from disclose_cli.loading.context import Context
from disclose_cli.loading.dataset import load
from disclose_cli.engine import CheckOptions, check
from disclose_cli.model.findings import Finding
from disclose_cli.rules import Parameters
from disclose_cli.calendar.workdays import WorkCalendar

DEFAULT_UNIT = "市教育局"
DEFAULT_YEAR = 2024


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def report_text(snippet: str, unit: str = DEFAULT_UNIT, year: int = DEFAULT_YEAR) -> str:
    """The dedented snippet, with ``unit:``/``year:`` appended when it has none."""
    text = textwrap.dedent(snippet).lstrip("\n")
    if text and not text.endswith("\n"):
        text += "\n"
    top_keys = {line.split(":", 1)[0] for line in text.splitlines() if line and not line[0].isspace()}
    if "unit" not in top_keys:
        text += f"unit: {unit}\n"
    if "year" not in top_keys:
        text += f"year: {year}\n"
    return text


def write_reports(folder: Path, snippets: str | Iterable[str], unit: str = DEFAULT_UNIT,
                  year: int = DEFAULT_YEAR) -> list[Path]:
    if isinstance(snippets, str):
        snippets = [snippets]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, snippet in enumerate(snippets):
        path = folder / f"report_{index}.yaml"
        path.write_text(report_text(snippet, unit, year), encoding="utf-8")
        paths.append(path)
    return paths


def run_check(folder: Path, context: Context, snippets: str | Iterable[str], as_of: str | dt.date,
              rules: Iterable[str] = (), units: Iterable[str] = (), unit: str = DEFAULT_UNIT,
              year: int = DEFAULT_YEAR, calendar: WorkCalendar | None = None,
              parameters: Parameters | None = None) -> list[Finding]:
    """Findings of ``engine.check`` for the report snippet(s) as at the end of ``as_of``.

    ``rules`` and ``units`` filter as ``--rule`` and ``--unit`` do (empty: all). The snippets must be valid:
    a loading problem fails the test with the problems shown.
    """
    paths = write_reports(folder, snippets, unit, year)
    dataset = load(paths, context)
    assert not dataset.problems, "the test's report is invalid:\n" + "\n".join(map(str, dataset.problems))
    assert len(dataset.sources) == len(paths)
    options = CheckOptions(as_of=day(as_of) if isinstance(as_of, str) else as_of, units=tuple(units),
                           rules=tuple(rules), calendar=calendar or WorkCalendar(),
                           parameters=parameters or Parameters())
    return check(dataset, options).findings


def statuses(findings: Iterable[Finding], rule: str, unit: str | None = None) -> list[tuple[str, str, int | None]]:
    """(subject, status, line) of each finding of ``rule`` (and of ``unit`` when given), in engine order."""
    return [(finding.subject, finding.status.value, finding.location.line) for finding in findings
            if finding.rule == rule and (unit is None or finding.unit == unit)]


def only(findings: Iterable[Finding], rule: str, subject: str | None = None, unit: str | None = None) -> Finding:
    """The single finding of ``rule`` (for ``subject`` and ``unit`` when given); fails the test otherwise."""
    found = [finding for finding in findings if finding.rule == rule
             and (subject is None or finding.subject == subject) and (unit is None or finding.unit == unit)]
    assert len(found) == 1, f"expected one {rule} finding for {subject or 'any subject'}, got {found}"
    return found[0]


def problem_lines(stdout: str) -> list[str]:
    """The problems validate or check printed, as ``FILE:LINE:COL: message`` lines, whether they came as text or
    as the JSON document of ``--format json`` (English messages)."""
    import json

    if not stdout.startswith('{"version"'):
        return stdout.splitlines()
    lines = []
    for problem in json.loads(stdout)["problems"]:
        where = problem["file"] + (f":{problem['line']}:{problem['column']}" if problem["line"] is not None else "")
        lines.append(f"{where}: {problem['message']}")
    return lines


def calendar_overrides(folder: Path, text: str):  # noqa: ANN201 - a CalendarOverrides
    """The calendar override file ``text``, written into ``folder`` and read as ``--calendar`` reads it."""
    from disclose_cli.loading.calendar_file import load_overrides

    path = folder / "calendar.yaml"
    path.write_text(text, encoding="utf-8")
    return load_overrides(path)
