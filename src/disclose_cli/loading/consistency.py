"""What a schema cannot say: a report's dates in order and in its year, its tasks in the catalog, its unit in the
registry, no record twice, and a request carried over between two years' reports listed alike in both."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from ..base.locations import Location, Problem
from ..base.suggest import did_you_mean
from ..model.report_file import SECTION_DATES, Report, later_than
from ..rules import RULES

if TYPE_CHECKING:
    from .context import Context
    from .dataset import Source

Locator = Callable[[tuple], Location]


def consistency_problems(report: Report, locate: Locator, context: Context) -> Iterable[Problem]:
    def problem(loc: tuple[str | int, ...], message: str) -> Problem:
        return Problem(locate(loc), message)

    registry = context.registry
    unit = registry.get(report.unit)
    if unit is None:
        yield problem(("unit",), f"unknown unit '{report.unit}'{registry.suggest(report.unit).en}")
    catalog = context.catalog(report.year)
    # A file for the year just before a catalog's year may be kept for its requests carried over (Table 三's
    # 二、上年结转) and last year's figures; it needs no catalog, but then lists no tasks.
    previous_only = catalog is None and context.catalog(report.year + 1) is not None
    if catalog is None and not previous_only:
        known = ", ".join(str(year) for year in sorted(context.catalogs)) or "none"
        yield problem(("year",), f"no task catalog for {report.year}; catalogs are loaded for: {known}")
    if previous_only and report.tasks:
        yield problem(("tasks",), f"there is no task catalog for {report.year}: a {report.year} report kept for "
                                  f"the {report.year + 1} annual report lists no tasks")

    first_line: dict[str, int] = {}
    for index, progress in enumerate(report.tasks):
        at = ("tasks", index)
        if progress.task in first_line:
            yield problem(at + ("task",), f"task '{progress.task}' is listed twice (first at line "
                                          f"{first_line[progress.task]})")
        first_line.setdefault(progress.task, progress.line or 0)
        if catalog is not None:
            task = catalog.by_id.get(progress.task)
            if task is None:
                yield problem(at + ("task",), f"unknown task id '{progress.task}' in the {report.year} catalog"
                              + did_you_mean(progress.task, list(catalog.by_id)).en)
            elif unit is not None and not catalog.may_report(task, unit):
                assigned = catalog.units_of(task)
                shown = "、".join(assigned[:6]) + (f" and {len(assigned) - 6} more" if len(assigned) > 6 else "")
                yield problem(at + ("task",), f"task '{progress.task}' is not assigned to {unit.name}; "
                                              f"it is assigned to {shown or 'no fixed unit'}")
        if progress.status == "done" and progress.done_on is None:
            yield problem(at + ("status",), "a done task needs 'done_on', the date it was completed")
        if progress.status != "done" and progress.done_on is not None:
            yield problem(at + ("done_on",), f"'done_on' is given but the status is {progress.status}; "
                                             "set status: done or remove done_on")
        if progress.status == "not_applicable" and progress.note is None:
            yield problem(at + ("status",), "a not_applicable task needs a 'note' giving the reason")
        if progress.done_on is not None:
            yield from _year_problems(problem, at + ("done_on",), progress.done_on, report.year, later=True)

    year = report.year
    for section, (start_key, later_keys) in SECTION_DATES.items():
        # The common case (every date in place) costs a few comparisons per record; a problem is then
        # looked at again to say what is wrong.
        for index, record in enumerate(getattr(report, section)):
            carried = section == "requests" and record.carried_over
            start = getattr(record, start_key)
            if carried and start.year != year - 1:
                yield problem((section, index, start_key), f"a carried-over request was received in {year - 1}; "
                                                           f"{start} is not in {year - 1}")
            elif not carried and start.year != year:
                yield from _year_problems(problem, (section, index, start_key), start, year, later=False)
            for key, reference in later_keys:
                value = getattr(record, key)
                if value is None:
                    continue
                earlier = later_than(record, reference)
                if year <= value.year <= year + 1 and (earlier is None or value >= earlier[1]):
                    continue
                if earlier is not None and value < earlier[1]:
                    yield problem((section, index, key), f"'{key}' {value} is before '{earlier[0]}' {earlier[1]}")
                elif not (carried and value.year == year - 1):
                    yield from _year_problems(problem, (section, index, key), value, year, later=True)

    for index, request in enumerate(report.requests):
        closed = request.closed_on
        if request.carried_over and closed is not None and closed.year < report.year:
            yield problem(("requests", index, "answered" if request.answered else "correction_deadline"),
                          f"closed on {closed}, so it was not open at the end of {report.year - 1}: it is not "
                          "carried over (remove it, or carried_over)")
        if request.outcome is not None and closed is None:
            yield problem(("requests", index, "outcome"), "an outcome needs 'answered', the day handling ended "
                                                          "(a reply sent, or the request closed), or a "
                                                          "correction_deadline that passed without a 补正")
        if request.correction_deadline is not None and request.correction_requested is None:
            yield problem(("requests", index, "correction_deadline"), "a correction_deadline needs "
                          "correction_requested, the day the applicant was asked for the 补正")
    seen_refs: dict[str, int] = {}
    for index, request in enumerate(report.requests):
        if request.ref in seen_refs:
            yield problem(("requests", index, "ref"), f"request '{request.ref}' is listed twice (first at line "
                                                      f"{seen_refs[request.ref]})")
        seen_refs.setdefault(request.ref, request.line or 0)
    if report.annual_report is not None and report.annual_report.published is not None:
        yield from _year_problems(problem, ("annual_report", "published"), report.annual_report.published,
                                  report.year, later=True)

    for index, waiver in enumerate(report.waivers):
        if waiver.rule not in RULES:
            yield problem(("waivers", index, "rule"), f"unknown rule '{waiver.rule}'" + did_you_mean(
                waiver.rule, list(RULES)).en + f"; rules are {', '.join(RULES)}")


def _year_problems(problem: Callable[[tuple, str], Problem], loc: tuple[str | int, ...], value: dt.date,
                   year: int, later: bool) -> Iterable[Problem]:
    if value.year == year or (later and value.year == year + 1):
        return
    if later:
        yield problem(loc, f"{value} is outside {year} and {year + 1}; a later date of a {year} record may "
                           f"only reach into the next year")
    else:
        yield problem(loc, f"{value} is not in {year}, the year of this report; a record belongs to the report "
                           "of the year it starts in")


_CARRIED_FIELDS = ("received", "correction_requested", "correction_deadline", "corrected", "extended",
                   "excluded_workdays", "applicant", "answered", "outcome")
_FILLED_LATER = ("corrected", "answered", "outcome")  # may arrive in the next year, after last year's report


def carry_over_problems(sources: list[Source]) -> Iterable[Problem]:
    """A request unanswered at a year's end is listed again, carried over, in the next year's report: when both
    reports are in the data, the two entries must agree."""
    by_unit_year = {(source.report.unit, source.report.year): source for source in sources}
    for (unit, year), source in by_unit_year.items():
        previous = by_unit_year.get((unit, year - 1))
        if previous is None:
            continue
        earlier = {request.ref: request for request in previous.report.requests}
        carried = {request.ref for request in source.report.requests if request.carried_over}
        for request in source.report.requests:
            if not request.carried_over:
                continue
            before = earlier.get(request.ref)
            where = Location(source.path, request.line)
            if before is None:
                yield Problem(where, f"request '{request.ref}' is marked carried_over, but the {year - 1} report "
                                     f"({previous.path}) has no request '{request.ref}'")
                continue
            for key in _CARRIED_FIELDS:
                mine, theirs = getattr(request, key), getattr(before, key)
                if mine != theirs and not (key in _FILLED_LATER and (mine is None or theirs is None)):
                    yield Problem(where, f"request '{request.ref}': {key} is {mine} here but {theirs} in the "
                                         f"{year - 1} report ({previous.path}:{before.line})")
        for request in previous.report.requests:
            if request.open_at_end_of(year - 1) and request.ref not in carried:
                yield Problem(Location(previous.path, request.line),
                              f"request '{request.ref}' was not answered by {year - 1}-12-31; list it in the {year} report "
                              f"({source.path}) with carried_over: true")
