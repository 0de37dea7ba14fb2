"""What every rule receives, and the deadline arithmetic that several rules share."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from ..findings import Status, Verdict
from ..locations import Location

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..periods import Window
    from ..registry import Registry, Unit
    from ..report import Report
    from ..workdays import WorkCalendar


@dataclass(frozen=True)
class Parameters:
    """The figures the rules use; defaults from the law and the 2024 notice."""

    consultation_days: int = 30  # 重大行政决策程序暂行条例 第十四条: 一般不少于30日
    feedback_workdays: int = 10  # the notice's 结果反馈 row: 决策文件出台后10个工作日内
    request_workdays: int = 20  # 政府信息公开条例 第三十三条: 20个工作日内
    request_extension_workdays: int = 20  # 第三十三条: 延长的期限最长不得超过20个工作日
    multimedia_share: Fraction = Fraction(30, 100)  # the notice: 视频、动漫等解读形式占比不低于30%
    multimedia_forms: tuple[str, ...] = ("video", "animation", "audio", "h5")
    meeting_span: dict[str, str] = field(default_factory=lambda: {
        "department": "half", "other": "half", "district": "quarter", "zone": "quarter"})
    evaluations_required: dict[str, int] = field(default_factory=lambda: {
        "department": 1, "other": 1, "district": 2, "zone": 2})
    trainings_required: int = 1  # 各单位每年至少组织1次集中学习培训


@dataclass(frozen=True)
class UnitYear:
    """One unit's year: its report (None when it filed none) and where it came from."""

    unit: Unit
    year: int
    report: Report | None
    path: Path | None


@dataclass
class RuleContext:
    as_of: dt.date
    calendar: WorkCalendar
    catalog: Catalog
    registry: Registry
    parameters: Parameters

    def assigned(self, rule: str, unit: Unit) -> bool:
        """Whether the catalog assigns a task carrying ``rule`` to ``unit`` (window rules apply only then)."""
        return any(unit.name in self.catalog.units_of(task) for task in self.catalog.tasks_with_rule(rule))

    def happened(self, day: dt.date | None) -> dt.date | None:
        """A recorded date, or None when it lies after the as-of date and so has not happened yet."""
        return day if day is not None and day <= self.as_of else None


def record_location(subject: UnitYear, line: int | None) -> Location:
    return Location(subject.path, line)


def judge_due(ctx: RuleContext, done: dt.date | None, due: dt.date, done_as: str,
              missing_as: str) -> tuple[Status, str, int | None]:
    """Status, message and working days overdue for something due on ``due`` and done on ``done`` (or not yet).

    ``done_as`` and ``missing_as`` phrase the two outcomes ("answered" / "not answered"). A deadline has passed
    when the as-of date (the end of that day) is on or after it.
    """
    done = ctx.happened(done)
    if done is not None:
        if done <= due:
            return Status.PASS, f"{done_as} {done}, on time (due {due})", None
        late = ctx.calendar.count(due, done)
        return Status.FAIL, f"{done_as} {done}, {_late(late, done - due)} after the due date {due}", late
    if ctx.as_of < due:
        return Status.PENDING, f"{missing_as} yet; due {due}", None
    late = ctx.calendar.count(due, ctx.as_of)
    overdue = f", overdue by {_late(late, ctx.as_of - due)}" if ctx.as_of > due else ""
    return Status.FAIL, f"{missing_as}; due {due}{overdue}", late


def _late(workdays: int, calendar_days: dt.timedelta) -> str:
    if workdays:
        return f"{workdays} working day{'s' * (workdays != 1)}"
    # Late, but only by days off (a reply posted on the Saturday after a Friday deadline).
    return f"{calendar_days.days} day{'s' * (calendar_days.days != 1)} (no working day)"


def section_line(report: Report, section: str, first_in: Window | None = None) -> int | None:
    """Where a finding about a whole section points: its first record (in the window, if given), else the
    report's first line, so that every finding has a line to annotate."""
    for record in getattr(report, section):
        if first_in is None or getattr(record, _START[section]) in first_in:
            return record.line
    return report.line


_START = {"meetings": "date", "interpretations": "published", "evaluations": "completed", "trainings": "date"}


def verdict(subject: UnitYear, title: str, status: Status, message: str, line: int | None = None,
            due: dt.date | None = None, overdue: int | None = None) -> Verdict:
    return Verdict(subject.unit.name, status, title, message, record_location(subject, line), due, overdue)


def percent(value: Fraction) -> str:
    """A share as a percentage, truncated (never rounded up to a threshold it does not reach)."""
    tenths = math.floor(value * 1000)
    return f"{tenths // 10}%" if tenths % 10 == 0 else f"{tenths / 10:.1f}%"
