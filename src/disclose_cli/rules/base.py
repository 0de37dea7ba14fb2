"""What every rule receives, and the deadline arithmetic that several rules share."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from ..model.findings import Phrase, Status, Verdict
from ..base.locations import Location
from ..calendar.periods import Window, whole_year

if TYPE_CHECKING:
    from ..model.catalog import Catalog
    from ..model.registry import Registry, Unit
    from ..model.report_file import Report
    from ..calendar.workdays import WorkCalendar


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
    # 政府信息公开条例 第四十九条: departments publish by 31 January, governments (districts, zones) by 31 March.
    annual_report_due: dict[str, str] = field(default_factory=lambda: {
        "department": "01-31", "other": "01-31", "district": "03-31", "zone": "03-31"})
    annual_report_due_by_unit: dict[str, str] = field(default_factory=dict)  # stricter local dates, by unit name


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
    reports: dict[tuple[str, int], Report] = field(default_factory=dict)  # every report loaded, by unit and year
    judged_years: frozenset[int] = frozenset()  # years whose reports are judged (those with a catalog)

    def report_of(self, unit: str, year: int) -> Report | None:
        return self.reports.get((unit, year))

    def assigned(self, rule: str, unit: Unit) -> bool:
        """Whether the catalog assigns a task carrying ``rule`` to ``unit`` (window rules apply only then)."""
        return any(unit.name in self.catalog.units_of(task) for task in self.catalog.tasks_with_rule(rule))

    def year_judged(self, rule: str, subject: UnitYear) -> Window | None:
        """The year as a window, when a yearly rule applies to the unit and the year has begun; else None."""
        if not self.assigned(rule, subject.unit):
            return None
        year = whole_year(subject.year)
        return year if self.as_of >= year.start else None

    def happened(self, day: dt.date | None) -> dt.date | None:
        """A recorded date, or None when it lies after the as-of date and so has not happened yet."""
        return day if day is not None and day <= self.as_of else None


def record_location(subject: UnitYear, line: int | None) -> Location:
    return Location(subject.path, line)


def judge_due(ctx: RuleContext, done: dt.date | None, due: dt.date, done_as: Phrase,
              missing_as: Phrase) -> tuple[Status, Phrase, int | None]:
    """Status, message and working days overdue for something due on ``due`` and done on ``done`` (or not yet).

    ``done_as`` and ``missing_as`` phrase the two outcomes ("answered" / "not answered"). A deadline has passed
    when the as-of date (the end of that day) is on or after it.
    """
    done = ctx.happened(done)
    if done is not None:
        if done <= due:
            return Status.PASS, Phrase(f"{done_as.en} {done}, on time (due {due})",
                                       f"{done_as.zh}于{done}，未超期限（{due}）"), None
        late = ctx.calendar.count(due, done)
        by = _late(late, done - due)
        return Status.FAIL, Phrase(f"{done_as.en} {done}, {by.en} after the due date {due}",
                                   f"{done_as.zh}于{done}，超过期限{due}共{by.zh}"), late
    if ctx.as_of < due:
        return Status.PENDING, Phrase(f"{missing_as.en} yet; due {due}", f"{missing_as.zh}，期限{due}"), None
    late = ctx.calendar.count(due, ctx.as_of)
    if ctx.as_of == due:
        return Status.FAIL, Phrase(f"{missing_as.en}; due {due}", f"{missing_as.zh}，期限{due}已届满"), late
    by = _late(late, ctx.as_of - due)
    return Status.FAIL, Phrase(f"{missing_as.en}; due {due}, overdue by {by.en}",
                               f"{missing_as.zh}，期限{due}，已逾期{by.zh}"), late


def _late(workdays: int, calendar_days: dt.timedelta) -> Phrase:
    if workdays:
        return Phrase(f"{workdays} working day{'s' * (workdays != 1)}", f"{workdays}个工作日")
    # Late, but only by days off (a reply posted on the Saturday after a Friday deadline).
    days = calendar_days.days
    return Phrase(f"{days} day{'s' * (days != 1)} (no working day)", f"{days}天（均为非工作日）")


def section_line(report: Report, section: str, first_in: Window | None = None) -> int | None:
    """Where a finding about a whole section points: its first record in the window (if given), else its first
    record, else the report's first line, so that every finding has a line to annotate."""
    records = getattr(report, section)
    if first_in is not None:
        for record in records:
            if getattr(record, _START[section]) in first_in:
                return record.line
    return records[0].line if records else report.line


_START = {"meetings": "date", "interpretations": "published", "evaluations": "completed", "trainings": "date"}


def verdict(subject: UnitYear, title: str, status: Status, message: Phrase, line: int | None = None,
            due: dt.date | None = None, overdue: int | None = None) -> Verdict:
    return Verdict(subject.unit.name, status, title, message.en, message.zh, record_location(subject, line), due,
                   overdue)


def judge_yearly(subject: UnitYear, ctx: RuleContext, year: Window, achieved: bool, shown: Phrase,
                 pass_line: int | None, section: str) -> Verdict:
    """A yearly count: pass once achieved; fail when the year has ended short of it; pending before."""
    if achieved:
        return verdict(subject, year.label, Status.PASS, shown, pass_line, year.end)
    line = section_line(subject.report, section)
    if ctx.as_of >= year.end:
        return verdict(subject, year.label, Status.FAIL, shown + (f"; the year ended {year.end}", f"；截至{year.end}"), line,
                       year.end)
    return verdict(subject, year.label, Status.PENDING,
                   shown + (f" so far; due {year.end}", f"，截至目前；期限{year.end}"), line, year.end)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def percent(value: Fraction) -> str:
    """A share as a percentage, truncated (never rounded up to a threshold it does not reach)."""
    tenths = math.floor(value * 1000)
    return f"{tenths // 10}%" if tenths % 10 == 0 else f"{tenths / 10:.1f}%"
