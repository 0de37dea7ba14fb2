"""Text for people: findings grouped by unit, then a summary. Plain when not a terminal or NO_COLOR is set.

Formatting choices only: units without a report are listed once at the end rather than one block each, and
many tasks pending on the same day are shown as one line.
"""

from __future__ import annotations

from itertools import groupby
from typing import IO

from ..base.safetext import clean
from ..model.findings import CheckResult, Finding, Status
from ..rules import RULES

STYLE = {Status.FAIL: "bold red", Status.PENDING: "yellow", Status.WAIVED: "blue", Status.PASS: "green"}
COLLAPSE_AT = 4  # this many findings of a folding rule pending on the same day become one line


def write(result: CheckResult, stream: IO[str], show_pass: bool = False, **_: object) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=stream, highlight=False)
    visible = [finding for finding in result.findings if show_pass or finding.status is not Status.PASS]
    missing = [finding for finding in visible if RULES[finding.rule].without_report and finding.status is Status.FAIL]
    for unit, group in groupby((f for f in visible if f not in missing), key=lambda finding: finding.unit):
        findings = list(group)
        heading = Text(clean(unit), style="bold")
        files = sorted({clean(str(f.location.path)) for f in findings})
        heading.append(f"  {', '.join(files)}", style="dim")
        for status in Status:
            count = sum(1 for finding in findings if finding.status is status)
            if count:
                heading.append(f"  {count} {status.value}", style=STYLE[status])
        console.print(heading)
        table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1, 0, 2))
        table.add_column("status", no_wrap=True, min_width=7)
        table.add_column("finding", ratio=1, overflow="fold")
        for status, title, detail in _rows(findings):
            body = Text(title, style="bold")
            body.append("\n")
            body.append_text(detail)
            table.add_row(Text(status.value, style=STYLE[status]), body)
        console.print(table)
        console.print()
    if missing:
        years = sorted({finding.subject for finding in missing})
        console.print(Text(f"No report file for {', '.join(years)} ({len(missing)} units, each a report-missing "
                           "failure):", style="bold red"))
        console.print(Text("、".join(clean(finding.unit) for finding in missing)))
        console.print()
    counts = result.counts()
    summary = Text(f"as of {result.as_of}: {result.units} unit{'s' * (result.units != 1)} reporting in "
                   f"{result.files} file{'s' * (result.files != 1)} · ")
    summary.append_text(Text(" · ").join(
        Text(f"{counts[status.value]} {status.value}", style=STYLE[status]) for status in Status))
    console.print(summary)
    if not show_pass and counts["pass"]:
        console.print(Text(f"{counts['pass']} passes not shown (--show-pass lists them)", style="dim"))
    for warning in result.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))


def _rows(findings: list[Finding]):  # noqa: ANN202 - yields (status, title, rich Text)
    from rich.text import Text

    pending: dict[tuple[str, object], list[Finding]] = {}
    for finding in findings:
        if RULES[finding.rule].fold_pending and finding.status is Status.PENDING:
            pending.setdefault((finding.rule, finding.due), []).append(finding)
    shown_collapsed: set[tuple[str, object]] = set()
    for finding in findings:
        key = (finding.rule, finding.due)
        group = pending.get(key, []) if finding.status is Status.PENDING else []
        if len(group) >= COLLAPSE_AT:
            if key not in shown_collapsed:
                shown_collapsed.add(key)
                yield (Status.PENDING, f"{finding.rule} · {len(group)} tasks due {finding.due}",
                       Text("not yet done: " + ", ".join(clean(f.subject) for f in group)))
            continue
        detail = Text(clean(finding.message))
        if finding.location.line is not None:
            detail.append(f"  {clean(str(finding.location))}", style="dim")
        yield finding.status, f"{finding.rule} · {clean(finding.subject)}", detail
