"""report-missing: every unit that the catalog assigns tasks to files a report for the year.

A registry unit with catalog tasks and no report file for the year gets this one failure (and no finding of any
other rule, which would only repeat it). The finding points at the unit's entry in the registry. Subject: the year.

Passes: a file with ``unit: 环翠区`` and ``year: 2024`` exists. Fails: no file for 环翠区 2024.
"""

from __future__ import annotations

from typing import Iterable

from ..model.findings import Status, Verdict
from .base import RuleContext, UnitYear, plural

ID = "report-missing"


def check(subject: UnitYear, ctx: RuleContext) -> Iterable[Verdict]:
    if subject.report is not None or not ctx.catalog.tasks_of(subject.unit.name):
        return
    tasks = len(ctx.catalog.tasks_of(subject.unit.name))
    yield Verdict(subject.unit.name, Status.FAIL, str(subject.year),
                  f"no report file for {subject.year}; {plural(tasks, 'task')} assigned to this unit",
                  f"未报送{subject.year}年落实情况；本单位承担{tasks}项重点工作",
                  ctx.registry.location(subject.unit.name))
