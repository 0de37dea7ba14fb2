"""report-missing: every unit that the catalog assigns tasks to files a report for the year.

A registry unit with catalog tasks and no report file for the year gets this one failure (and no finding of any
other rule, which would only repeat it). The finding points at the unit's entry in the registry. Subject: the year.

Passes: a file with ``unit: 环翠区`` and ``year: 2024`` exists. Fails: no file for 环翠区 2024.
"""

from __future__ import annotations

from typing import Iterable

from ..base.phrase import Phrase, plural
from ..model.findings import Status, Verdict
from .base import RuleContext, UnitYear

ID = "report-missing"
NAME = Phrase("Report missing", "未报送落实情况")
SUBJECT = "year"
IN_CATALOG = False  # it judges the unit, not a row of the table
WITHOUT_REPORT = True  # the one rule that speaks for a unit without a report


def check(subject: UnitYear, ctx: RuleContext) -> Iterable[Verdict]:
    if subject.report is not None or not ctx.catalog.tasks_of(subject.unit.name):
        return
    tasks = len(ctx.catalog.tasks_of(subject.unit.name))
    yield Verdict(unit=subject.unit.name, status=Status.FAIL, subject=str(subject.year),
                  message=f"no report file for {subject.year}; {plural(tasks, 'task')} assigned to this unit",
                  message_zh=f"未报送{subject.year}年落实情况；本单位承担{tasks}项重点工作",
                  location=ctx.registry.location(subject.unit.name))
