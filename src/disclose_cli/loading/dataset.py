"""Loading report files: find them, read them, validate them against the models, the registry and the catalog."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from .context import Context
from ..model.fields import did_you_mean, validation_problems
from ..base.locations import Location, Problem
from ..model.report_file import SECTION_DATES, Report, later_than
from .yaml_reader import Document, collector_paused, read_document

if TYPE_CHECKING:
    from pydantic import ValidationError

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Source:
    """A valid report and the file it came from."""

    report: Report
    path: Path


@dataclass
class Dataset:
    context: Context
    sources: list[Source] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0


def find_files(paths: Iterable[Path], own_files: set[Path] = frozenset()) -> tuple[list[Path], list[Problem]]:
    """YAML files under the given files and folders, in a stable order; hidden folders are skipped, and so are
    the project's own files (configuration, registry, catalogs, calendar), which are not reports."""
    found: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            is_folder = path.is_dir()
        except OSError as error:
            problems.append(Problem(Location(path), f"cannot read: {error.strerror}"))
            continue
        if is_folder:
            unreadable: list[Problem] = []
            inside = [file for file in _yaml_files_under(path, unreadable) if resolved(file) not in own_files]
            problems.extend(unreadable)
            if not inside and not unreadable:
                problems.append(Problem(Location(path), "no .yaml or .yml files in this folder"))
            found.extend(inside)
        elif resolved(path) in own_files:
            continue
        elif path.exists() or path.is_symlink():
            found.append(path)  # a broken or looping link is reported when it is read
        else:
            problems.append(Problem(Location(path), "no such file or folder"))
    return list(dict.fromkeys(found)), problems


def resolved(path: Path) -> Path:
    # A link loop cannot be resolved; it is reported when the file is read.
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _yaml_files_under(folder: Path, problems: list[Problem]) -> Iterable[Path]:
    # Links to folders are not followed: a link loop cannot make the walk endless. A folder that cannot be
    # listed is a problem: its reports would otherwise be left out without a word.
    def unreadable(error: OSError) -> None:
        problems.append(Problem(Location(Path(error.filename or folder)), f"cannot read folder: {error.strerror}"))

    for parent, folders, names in os.walk(folder, onerror=unreadable, followlinks=False):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(names):
            if name.endswith(YAML_SUFFIXES) and not name.startswith("."):
                yield Path(parent) / name


def load(paths: Iterable[Path], context: Context,
         on_file: Callable[[Path], None] | None = None) -> Dataset:
    """Every report under ``paths``, validated; problems of every file are collected, none raised."""
    files, problems = find_files(paths, context.config.files)
    dataset = Dataset(context, problems=problems, files=len(files))
    owners: dict[tuple[str, int], Path] = {}
    with collector_paused():
        for path in files:
            document = read_document(path)
            if on_file is not None:
                on_file(path)
            source = _validate(document, context, dataset.problems)
            if source is None:
                continue
            key = (source.report.unit, source.report.year)
            first = owners.setdefault(key, path)
            if first != path:
                dataset.problems.append(Problem(
                    _locate(path, ("unit",)),
                    f"a second report for {key[0]} {key[1]}; the first is {_locate(first, ('unit',))}; "
                    "keep one file per unit and year",
                ))
                continue
            dataset.sources.append(source)
    dataset.problems.extend(_carry_over_problems(dataset.sources))
    dataset.problems.sort(key=Problem.sort_key)
    return dataset


_CARRIED_FIELDS = ("received", "corrected", "extended", "excluded_workdays", "applicant", "answered", "outcome")


def _carry_over_problems(sources: list[Source]) -> Iterable[Problem]:
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
                if mine != theirs and not (key in ("answered", "outcome") and (mine is None or theirs is None)):
                    yield Problem(where, f"request '{request.ref}': {key} is {mine} here but {theirs} in the "
                                         f"{year - 1} report ({previous.path}:{before.line})")
        for request in previous.report.requests:
            if request.open_at_end_of(year - 1) and request.ref not in carried:
                yield Problem(Location(previous.path, request.line),
                              f"request '{request.ref}' was not answered by {year - 1}-12-31; list it in the {year} report "
                              f"({source.path}) with carried_over: true")


def _locate(path: Path, loc: tuple[str | int, ...]) -> Location:
    return read_document(path).locate(loc)


def _validate(document: Document, context: Context, problems: list[Problem]) -> Source | None:
    from pydantic import ValidationError

    problems.extend(document.problems)
    if document.data is None:
        if not document.problems:
            problems.append(Problem(Location(document.path, 1, 1), "the file is empty; a report needs at least "
                                    "'unit' and 'year'"))
        return None
    try:
        report = Report.model_validate(document.data)
    except ValidationError as error:
        problems.extend(validation_problems(error, Report, document))
        # Check what is left once the broken records are set aside, so that one run shows every problem.
        remainder = _valid_remainder(document.data, error)
        if remainder is not None:
            report, kept = remainder
            problems.extend(_consistency_problems(report, _remapped(document, kept), context))
        return None
    found = list(_consistency_problems(report, document.locate, context))
    problems.extend(found)
    if found or document.problems:
        return None
    # The report's unit is kept under its registry name, whichever alias the file used.
    unit = context.registry.get(report.unit)
    if unit.name != report.unit:
        report = report.model_copy(update={"unit": unit.name})
    return Source(report, document.path)


Locator = Callable[[tuple], Location]


def _valid_remainder(data: object, error: ValidationError) -> tuple[Report, dict[str, list[int]]] | None:
    """The report without the records or sections that failed, with the file index of each record kept."""
    from pydantic import ValidationError

    broken = [tuple(item["loc"]) for item in error.errors()]
    if not isinstance(data, dict) or any(not loc or loc[0] in ("unit", "year") for loc in broken):
        return None
    remainder = dict(data)
    dropped: dict[str, set[int]] = {}
    for loc in broken:
        if len(loc) >= 2 and isinstance(loc[1], int):
            dropped.setdefault(str(loc[0]), set()).add(loc[1])
        else:
            remainder.pop(loc[0], None)
    kept: dict[str, list[int]] = {}
    for section, indexes in dropped.items():
        items = remainder.get(section)
        if isinstance(items, list):
            kept[section] = [index for index in range(len(items)) if index not in indexes]
            remainder[section] = [items[index] for index in kept[section]]
    try:
        return Report.model_validate(remainder), kept
    except ValidationError:
        return None


def _remapped(document: Document, kept: dict[str, list[int]]) -> Locator:
    def locate(loc: tuple) -> Location:
        if len(loc) >= 2 and loc[0] in kept:
            loc = (loc[0], kept[loc[0]][loc[1]], *loc[2:])
        return document.locate(loc)
    return locate


def _consistency_problems(report: Report, locate: Locator, context: Context) -> Iterable[Problem]:
    def problem(loc: tuple[str | int, ...], message: str) -> Problem:
        return Problem(locate(loc), message)

    registry = context.registry
    unit = registry.get(report.unit)
    if unit is None:
        yield problem(("unit",), f"unknown unit '{report.unit}'{registry.suggest(report.unit)}")
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
                              + did_you_mean(progress.task, list(catalog.by_id)))
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
                if year <= value.year <= year + 1 and value >= start and (key != "answered" or record.corrected is
                                                                         None or value >= record.corrected):
                    continue
                earlier = later_than(record, reference)
                if earlier is not None and value < earlier[1]:
                    yield problem((section, index, key), f"'{key}' {value} is before '{earlier[0]}' {earlier[1]}")
                elif not (carried and value.year == year - 1):
                    yield from _year_problems(problem, (section, index, key), value, year, later=True)

    for index, request in enumerate(report.requests):
        if request.carried_over and request.answered is not None and request.answered.year < report.year:
            yield problem(("requests", index, "answered"), f"answered on {request.answered}, so it was not open at "
                          f"the end of {report.year - 1}: it is not carried over (remove it, or carried_over)")
        if request.outcome is not None and request.answered is None:
            yield problem(("requests", index, "outcome"), "an outcome needs 'answered', the day handling ended "
                                                          "(a reply sent, or the request closed)")
    seen_refs: dict[str, int] = {}
    for index, request in enumerate(report.requests):
        if request.ref in seen_refs:
            yield problem(("requests", index, "ref"), f"request '{request.ref}' is listed twice (first at line "
                                                      f"{seen_refs[request.ref]})")
        seen_refs.setdefault(request.ref, request.line or 0)
    if report.annual_report is not None and report.annual_report.published is not None:
        yield from _year_problems(problem, ("annual_report", "published"), report.annual_report.published,
                                  report.year, later=True)

    from ..rules import RULES

    for index, waiver in enumerate(report.waivers):
        if waiver.rule not in RULES:
            yield problem(("waivers", index, "rule"), f"unknown rule '{waiver.rule}'" + did_you_mean(
                waiver.rule, list(RULES)) + f"; rules are {', '.join(RULES)}")


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
