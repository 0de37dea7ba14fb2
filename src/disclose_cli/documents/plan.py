"""A unit's 工作配档表 for the year: its catalog tasks and its recurring duties with concrete due dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model.catalog import Catalog, Notice, Task
from ..model.registry import Unit
from ..rules import RULES
from ..rules.rule import Duty


@dataclass(frozen=True)
class PlanData:
    unit: Unit
    year: int
    notice: Notice
    tasks: tuple[Task, ...]
    role_tasks: tuple[Task, ...]  # tasks the unit may take on through a role (重大行政决策承办部门 …)
    duties: tuple[Duty, ...]


def build_plan(catalog: Catalog, unit: Unit, parameters: object) -> PlanData:
    """The unit's tasks, the tasks its roles let it take on, and the duties of every rule those tasks carry."""
    assigned = catalog.tasks_of(unit.name)
    assigned_ids = {task.id for task in assigned}
    role_tasks = tuple(task for task in catalog.tasks if task.id not in assigned_ids and catalog.may_report(task, unit))
    carried = {rule for task in assigned + role_tasks for rule in task.rules}
    duties = [duty for rule in RULES.values() if rule.duties is not None and rule.id in carried
              for duty in rule.duties(unit, catalog.year, parameters)]
    duties.sort(key=lambda duty: (duty.due or dt.date.max, duty.rule))
    return PlanData(unit, catalog.year, catalog.notice, tuple(assigned), role_tasks, tuple(duties))
