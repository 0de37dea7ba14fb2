"""What every rule receives, and the deadline arithmetic that several rules share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from ..base.locations import Location
from ..base.phrase import Phrase
from ..calendar.periods import Window, whole_year
from ..model.findings import Finding, Status, Verdict
from .rule import Count

if TYPE_CHECKING:
    from ..calendar.workdays import WorkCalendar
    from ..model.catalog import Catalog
    from ..model.registry import Registry, Unit
    from ..model.report_file import Report


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
    parameters: Any  # rules.Parameters: every rule's figures
    reports: dict[tuple[str, int], Report] = field(default_factory=dict)  # every report loaded, by unit and year
    judged_years: frozenset[int] = frozenset()  # years whose reports are judged (those with a catalog)
    # unit name → where a finding about its missing report points (the engine's dataset decides; by default the
    # unit's entry in the registry)
    missing_report_location: Callable[[str], Location] | None = None

    def where_missing(self, unit: str) -> Location:
        return (self.missing_report_location or self.registry.location)(unit)

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
            due: dt.date | None = None, overdue: int | None = None, measure: object = None,
            done: dt.date | None = None) -> Verdict:
    return Verdict(unit=subject.unit.name, status=status, subject=title, message=message.en, message_zh=message.zh,
                   location=record_location(subject, line), due=due, overdue_workdays=overdue, measure=measure,
                   year=subject.year, done=done)


def judge_yearly(subject: UnitYear, ctx: RuleContext, year: Window, count: Count, shown: Phrase,
                 pass_line: int | None, section: str, reached: dt.date | None = None) -> Verdict:
    """A yearly count (``count.done`` of the ``count.of`` required): pass once achieved (on ``reached``); fail
    when the year has ended short of it; pending before. The count is the finding's measure, which reports show."""
    if count.done >= count.of:
        return verdict(subject, year.label, Status.PASS, shown, pass_line, year.end, measure=count, done=reached)
    line = section_line(subject.report, section)
    if ctx.as_of >= year.end:
        return verdict(subject, year.label, Status.FAIL, shown + (f"; the year ended {year.end}", f"；截至{year.end}"),
                       line, year.end, measure=count)
    return verdict(subject, year.label, Status.PENDING,
                   shown + (f" so far; due {year.end}", f"，截至目前；期限{year.end}"), line, year.end, measure=count)


def measure_of(findings: Sequence[Finding]) -> object:
    """A yearly rule's tally: the measure of its one finding (the unit's year), if any."""
    return next((finding.measure for finding in findings if finding.measure is not None), None)
