"""What a schema cannot say: a report's dates in order and in its year, its tasks in the catalog, its unit in the
registry, no record twice, and a request carried over between two years' reports listed alike in both."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Callable, Iterable

from ..base.locations import Location, Problem
from ..base.phrase import Phrase
from ..base.safetext import excerpt
from ..base.suggest import closest, did_you_mean
from ..model.catalog import Catalog
from ..model.field_titles import title
from ..model.registry import Registry
from ..model.report_file import SECTION_DATES, TASK_STATUS_LABELS, Report, later_than
from ..rules import RULES
from .typing_mistakes import full_width_in_value, without_invisible

if TYPE_CHECKING:
    from .context import Context
    from .dataset import Source

Locator = Callable[[tuple], Location]


FIRST_FORMAT_YEAR = 2021  # the national format of the yearly report (国办公开办函〔2021〕30号) applies from 2021


def consistency_problems(report: Report, locate: Locator, context: Context,
                         found_in_text: Iterable[Problem] = ()) -> Iterable[Problem]:
    """``found_in_text``: the problems found in the file's text, which name an invisible character where it was
    typed (one written as a YAML escape, such as "\\u202E", is seen only in the value)."""
    def problem(loc: tuple[str | int, ...], message: Phrase) -> Problem:
        return Problem.of(locate(loc), message)

    registry = context.registry
    unit = registry.get(report.unit)
    if unit is None:
        intended = registry.get(without_invisible(report.unit))
        where = locate(("unit",))
        if intended is None:
            yield problem(("unit",), unknown_unit(report.unit, registry))
        elif not any(found.location.line == where.line for found in found_in_text):
            shown = excerpt(report.unit)
            yield Problem.of(where, Phrase(f"unit '{shown}' contains invisible characters; write '{intended.name}'",
                                           f"单位“{shown}”中含有不可见字符；应写为“{intended.name}”"))
    catalog = context.catalog(report.year)
    yield from _year_without_catalog(report, context, problem)

    first_line: dict[str, int] = {}
    for index, progress in enumerate(report.tasks):
        at = ("tasks", index)
        task_id = excerpt(progress.task)
        if progress.task in first_line:
            first = first_line[progress.task]
            yield problem(at + ("task",), Phrase(f"task '{task_id}' is listed twice (first at line {first})",
                                                 f"任务“{task_id}”重复列出（第一次在第{first}行）"))
        first_line.setdefault(progress.task, progress.line or 0)
        if catalog is not None:
            task = catalog.by_id.get(progress.task)
            if task is None:
                yield problem(at + ("task",), unknown_task(progress.task, catalog))
            elif unit is not None and not catalog.may_report(task, unit):
                assigned = catalog.units_of(task)
                more = len(assigned) - 6
                shown = "、".join(assigned[:6])
                yield problem(at + ("task",), Phrase(
                    f"task '{task_id}' is not assigned to {unit.name}; it is assigned to "
                    + (shown + (f" and {more} more" if more > 0 else "") if assigned else "no fixed unit"),
                    f"任务“{task_id}”（{task.heading}）不是{unit.name}承担的任务；承担单位为"
                    + (shown + (f"等{len(assigned)}个单位" if more > 0 else "") if assigned else "角色单位")))
        if progress.status == "done" and progress.done_on is None:
            yield problem(at + ("status",), Phrase("a done task needs 'done_on', the date it was completed",
                                                   "已完成的任务须填写完成日期 done_on"))
        if progress.status != "done" and progress.done_on is not None:
            yield problem(at + ("done_on",), Phrase(
                f"'done_on' is given but the status is {progress.status}; set status: done or remove done_on",
                f"填写了完成日期 done_on，但进展状态为{TASK_STATUS_LABELS[progress.status]}；请改为 done（已完成）"
                "或删除完成日期"))
        if progress.status == "not_applicable" and progress.note is None:
            yield problem(at + ("status",), Phrase("a not_applicable task needs a 'note' giving the reason",
                                                   "不适用的任务须在说明 note 中写明理由"))
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
                yield problem((section, index, start_key), Phrase(
                    f"a carried-over request was received in {year - 1}; {start} is not in {year - 1}",
                    f"上年结转的申请应在{year - 1}年收到；{start}不在{year - 1}年"))
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
                    yield problem((section, index, key), Phrase(
                        f"'{key}' {value} is before '{earlier[0]}' {earlier[1]}",
                        f"{key}（{title(key, 'zh')}）{value}早于{earlier[0]}（{title(earlier[0], 'zh')}）{earlier[1]}"))
                elif not (carried and value.year == year - 1):
                    yield from _year_problems(problem, (section, index, key), value, year, later=True)

    yield from _request_problems(report, problem)
    if report.annual_report is not None and report.annual_report.published is not None:
        yield from _year_problems(problem, ("annual_report", "published"), report.annual_report.published,
                                  report.year, later=True)

    for index, waiver in enumerate(report.waivers):
        if waiver.rule not in RULES:
            rule = excerpt(waiver.rule)
            hint = did_you_mean(waiver.rule, list(RULES))
            yield problem(("waivers", index, "rule"), Phrase(f"unknown rule '{rule}'", f"未知的规则“{rule}”") + hint
                          + Phrase(f"; rules are {', '.join(RULES)}", f"；规则有：{'、'.join(RULES)}"))


def _request_problems(report: Report, problem: Callable[[tuple, Phrase], Problem]) -> Iterable[Problem]:
    seen_refs: dict[str, int] = {}
    for index, request in enumerate(report.requests):
        ref = excerpt(request.ref)
        closed = request.closed_on
        if request.carried_over and closed is not None and closed.year < report.year:
            yield problem(("requests", index, "answered" if request.answered else "correction_deadline"), Phrase(
                f"closed on {closed}, so it was not open at the end of {report.year - 1}: it is not carried over "
                "(remove it, or carried_over)",
                f"已于{closed}办结，{report.year - 1}年底时并未结转；请删除该申请或 carried_over"))
        if request.outcome is not None and closed is None:
            yield problem(("requests", index, "outcome"), Phrase(
                "an outcome needs 'answered', the day handling ended (a reply sent, or the request closed), or a "
                "correction_deadline that passed without a 补正",
                "填写办理结果 outcome 须有答复日期 answered（答复或终止办理之日），或已届满且未补正的补正期限"))
        if request.correction_deadline is not None and request.correction_requested is None:
            yield problem(("requests", index, "correction_deadline"), Phrase(
                "a correction_deadline needs correction_requested, the day the applicant was asked for the 补正",
                "填写补正期限 correction_deadline 须有告知补正日期 correction_requested"))
        if request.ref in seen_refs:
            first = seen_refs[request.ref]
            yield problem(("requests", index, "ref"), Phrase(
                f"request '{ref}' is listed twice (first at line {first})",
                f"申请“{ref}”重复列出（第一次在第{first}行）"))
        seen_refs.setdefault(request.ref, request.line or 0)


def report_years(catalog_years: Iterable[int]) -> list[int]:
    """The years a report may be for: every catalog's, and those from FIRST_FORMAT_YEAR to the first catalog's
    (the yearly figures and text only, for the next year's annual report and carried-over requests)."""
    years = sorted(catalog_years)
    return sorted(set(years) | set(range(FIRST_FORMAT_YEAR, years[0]))) if years else []


def _year_without_catalog(report: Report, context: Context,
                          problem: Callable[[tuple, Phrase], Problem]) -> Iterable[Problem]:
    """A year without a task catalog: before the first catalog (from 2021, the national format's first year)
    a report holds the yearly figures and text only; after the last one there is nothing to judge it by."""
    if context.catalog(report.year) is not None:
        return
    years = sorted(context.catalogs)
    if report.year < FIRST_FORMAT_YEAR:
        yield problem(("year",), Phrase(
            f"{report.year} is before {FIRST_FORMAT_YEAR}: the yearly report's format of 2019 (the trial format) is "
            "not supported",
            f"{report.year}年早于{FIRST_FORMAT_YEAR}年：不支持2019年试行的年度报告格式"))
    elif not years or report.year > years[0]:
        yield problem(("year",), context.no_catalog(report.year))
    elif report.tasks:
        yield problem(("tasks",), Phrase(
            f"there is no task catalog for {report.year}: a {report.year} report (before the first catalog) lists "
            "no tasks",
            f"{report.year}年没有重点工作任务表：该年度的报告（早于第一张任务表）不列重点工作"))


def unknown_unit(name: str, registry: Registry) -> Phrase:
    shown = excerpt(name)
    meant = full_width_in_value(name)
    hint = registry.suggest(meant) if meant else registry.suggest(name)
    return Phrase(f"unknown unit '{shown}'", f"单位名录中没有“{shown}”") + hint


def unknown_task(task_id: str, catalog: Catalog) -> Phrase:
    """An unknown task id; a Chinese name gets the ids of the tasks that bear it (several where it is shared)."""
    shown = excerpt(task_id)
    named = [task for task in catalog.tasks
             if task_id.strip() and (task_id.strip() in (task.item, task.subitem, task.heading)
                                     or task_id.strip() in task.heading.split(" · "))]
    if named:
        listed_en = ", ".join(f"'{task.id}' ({task.heading})" for task in named[:4])
        listed_zh = "、".join(f"“{task.id}”（{task.heading}）" for task in named[:4])
        return Phrase(f"unknown task id '{shown}' in the {catalog.year} catalog; a task is named by its id: did you "
                      f"mean {listed_en}?",
                      f"{catalog.year}年任务表中没有编号“{shown}”；任务应填编号，是否应为{listed_zh}？")
    meant = full_width_in_value(task_id) or task_id
    close = closest(meant, list(catalog.by_id))
    hint = Phrase(f"; did you mean '{close}'?", f"；是否应为“{close}”（{catalog.by_id[close].heading}）？") if close \
        else Phrase("", "")
    return Phrase(f"unknown task id '{shown}' in the {catalog.year} catalog",
                  f"{catalog.year}年任务表中没有编号“{shown}”") + hint


def _year_problems(problem: Callable[[tuple, Phrase], Problem], loc: tuple[str | int, ...], value: dt.date,
                   year: int, later: bool) -> Iterable[Problem]:
    if value.year == year or (later and value.year == year + 1):
        return
    if later:
        yield problem(loc, Phrase(
            f"{value} is outside {year} and {year + 1}; a later date of a {year} record may only reach into the "
            "next year",
            f"{value}不在{year}年或{year + 1}年；{year}年记录的后续日期最晚只能到次年"))
    else:
        yield problem(loc, Phrase(
            f"{value} is not in {year}, the year of this report; a record belongs to the report of the year it "
            "starts in",
            f"{value}不在本报告的年度{year}年；记录应列入其开始年度的报告"))


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
            ref = excerpt(request.ref)
            if before is None:
                yield Problem.of(where, Phrase(
                    f"request '{ref}' is marked carried_over, but the {year - 1} report ({previous.path}) has no "
                    f"request '{ref}'",
                    f"申请“{ref}”标为上年结转，但{year - 1}年的报告（{previous.path}）中没有该申请"))
                continue
            for key in _CARRIED_FIELDS:
                mine, theirs = getattr(request, key), getattr(before, key)
                if mine != theirs and not (key in _FILLED_LATER and (mine is None or theirs is None)):
                    yield Problem.of(where, Phrase(
                        f"request '{ref}': {key} is {mine} here but {theirs} in the {year - 1} report "
                        f"({previous.path}:{before.line})",
                        f"申请“{ref}”：{key}（{title(key, 'zh')}）此处为{mine}，{year - 1}年的报告中为{theirs}"
                        f"（{previous.path}:{before.line}）"))
        for request in previous.report.requests:
            if request.open_at_end_of(year - 1) and request.ref not in carried:
                ref = excerpt(request.ref)
                yield Problem.of(Location(previous.path, request.line), Phrase(
                    f"request '{ref}' was not answered by {year - 1}-12-31; list it in the {year} report "
                    f"({source.path}) with carried_over: true",
                    f"申请“{ref}”到{year - 1}-12-31仍未办结；请在{year}年的报告（{source.path}）中列出，并注明 "
                    "carried_over: true"))
