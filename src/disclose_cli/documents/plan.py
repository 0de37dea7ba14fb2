"""A unit's 工作配档表 for the year: its catalog tasks with their ids (what its report file writes), every duty the
rules enforce for it with the dates of its kind, and — when report files are given — the progress so far."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from ..model.catalog import Catalog, Notice, Task
from ..model.findings import Finding, Status
from ..model.registry import Unit
from ..rules import RULES
from ..rules.naming import message_text, status_word
from ..rules.rule import Duty


@dataclass(frozen=True)
class PlanData:
    unit: Unit
    year: int
    notice: Notice
    tasks: tuple[Task, ...]
    role_tasks: tuple[Task, ...]  # tasks the unit may take on through a role (重大行政决策承办部门 …)
    duties: tuple[Duty, ...]
    progress: dict[str, str] | None = None  # task id, or "rule label" of a duty → its progress; None: not asked
    as_of: dt.date | None = None  # the date the progress is judged at

    def task_progress(self, task: Task) -> str:
        return (self.progress or {}).get(task.id, "")

    def duty_progress(self, duty: Duty) -> str:
        return (self.progress or {}).get(f"{duty.rule} {duty.label}", "")


def build_plan(catalog: Catalog, unit: Unit, parameters: object, findings: list[Finding] | None = None,
               lang: str = "zh", as_of: dt.date | None = None) -> PlanData:
    """The unit's tasks, the tasks its roles let it take on, and the duties of every rule that applies to it: the
    rules its tasks carry, and those no task carries (the statute's, such as the annual report's deadline).
    With ``findings`` (the unit's, from the engine), each row's progress in ``lang``."""
    assigned = catalog.tasks_of(unit.name)
    assigned_ids = {task.id for task in assigned}
    role_tasks = tuple(task for task in catalog.tasks if task.id not in assigned_ids and catalog.may_report(task, unit))
    carried = {rule for task in assigned + role_tasks for rule in task.rules}
    duties = [duty for rule in RULES.values() if rule.duties is not None and (rule.id in carried or not rule.in_catalog)
              for duty in rule.duties(unit, catalog.year, parameters)]
    duties.sort(key=lambda duty: (duty.due or dt.date.max, duty.rule))
    progress = None if findings is None else _progress(findings, lang)
    return PlanData(unit, catalog.year, catalog.notice, tuple(assigned), role_tasks, tuple(duties), progress, as_of)


def _progress(findings: list[Finding], lang: str) -> dict[str, str]:
    """Each finding's status and message, keyed as the plan's rows are: a task by its id, a duty by its rule and
    window (or year); a duty that recurs with each record gets the count of each status."""
    progress: dict[str, str] = {}
    per_record: dict[str, Counter] = {}
    for finding in findings:
        kind = RULES[finding.rule].subject
        text = f"{status_word(finding.status, lang)}{'：' if lang == 'zh' else ': '}{message_text(finding, lang)}"
        if kind == "task":
            progress[finding.subject] = text
        elif kind in ("window", "year"):
            progress[f"{finding.rule} {finding.subject}"] = text
        else:
            per_record.setdefault(finding.rule, Counter())[finding.status] += 1
    for rule, counts in per_record.items():
        parts = [(status_word(status, lang), counts[status]) for status in Status if counts[status]]
        progress[f"{rule} "] = ("、".join(f"{word}{count}项" for word, count in parts) if lang == "zh"
                                else ", ".join(f"{count} {word}" for word, count in parts))
    return progress
