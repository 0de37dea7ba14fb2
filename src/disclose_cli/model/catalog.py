"""The yearly task table (重点工作及责任分工) as data: tasks, their units and roles, deadlines and rules."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BeforeValidator, Field

from .fields import Flag, IsoDate, Record, Text, drop_line_key
from .registry import Registry, Unit, UnitKind


class Notice(Record):
    issuer: Text
    number: Text
    date: IsoDate
    title: Text
    attachment: Text | None = None


class Task(Record):
    id: Text
    category: Text
    item: Text
    subitem: Text | None = None
    focus: Text | None = None  # tells apart two rows of one heading (the table has no such words: chosen)
    content: str  # verbatim from the notice; empty where the table gives none (重大建设项目)
    responsible: Text  # verbatim 责任分工 cell
    units: list[Text] = Field(default_factory=list)  # units the cell names, by registry name
    groups: list[UnitKind] = Field(default_factory=list)  # kinds its group phrases cover (市政府各部门、单位 …)
    roles: list[Text] = Field(default_factory=list)  # responsibilities that are not a fixed unit
    deadline: IsoDate
    deadline_text: Text
    ongoing: Flag = False  # 长期坚持
    rules: list[Text] = Field(default_factory=list)

    @property
    def heading(self) -> str:
        """工作任务 · 公开事项 · 公开内容 (and the focus of a row that shares them): how people name a task,
        unique within a catalog."""
        parts = [self.category, self.item] + ([self.subitem] if self.subitem else [])
        return " · ".join(parts) + (f"（{self.focus}）" if self.focus else "")


class CatalogFile(Record):
    year: int
    notice: Notice
    roles: Annotated[dict[str, list[UnitKind]], BeforeValidator(drop_line_key)] = Field(default_factory=dict)
    tasks: list[Task]


class Catalog:
    """A year's tasks resolved against the registry."""

    def __init__(self, parsed: CatalogFile, registry: Registry, path: Path) -> None:
        self.year = parsed.year
        self.notice = parsed.notice
        self.roles = parsed.roles
        self.tasks = tuple(parsed.tasks)
        self.path = path
        self.by_id = {task.id: task for task in self.tasks}
        self._units: dict[str, tuple[str, ...]] = {}
        by_unit: dict[str, list[Task]] = {unit.name: [] for unit in registry.units}
        for task in self.tasks:
            named = {registry.get(name).name for name in task.units}
            assigned = tuple(unit.name for unit in registry.units if unit.name in named or unit.kind in task.groups)
            self._units[task.id] = assigned
            for name in assigned:
                by_unit[name].append(task)
        self._by_unit = {name: tuple(tasks) for name, tasks in by_unit.items()}

    def units_of(self, task: Task) -> tuple[str, ...]:
        """Registry names of the units the task is assigned to, in registry order."""
        return self._units[task.id]

    def tasks_of(self, unit: str) -> tuple[Task, ...]:
        return self._by_unit.get(unit, ())

    def may_report(self, task: Task, unit: Unit) -> bool:
        """Assigned units, and for a role task (重大行政决策承办部门 …) any unit of a kind the role allows."""
        if unit.name in self._units[task.id]:
            return True
        return any(unit.kind in self.roles.get(role, ()) for role in task.roles)

    @property
    def task_titles(self) -> dict[str, str]:
        return {task.id: task.heading for task in self.tasks}

    def tasks_with_rule(self, rule: str) -> list[Task]:
        return [task for task in self.tasks if rule in task.rules]
