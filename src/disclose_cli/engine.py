"""The checking engine: runs the rules over a loaded dataset, adds identity, applies waivers, orders findings.

Prints nothing and knows nothing of the command line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .base.locations import InputError, Location, Problem
from .base.phrase import Phrase
from .base.progress import SILENT, Progress
from .calendar.today import today_in_china
from .calendar.years import OutOfCalendar
from .calendar.workdays import WorkCalendar
from .loading.calendar_file import work_calendar
from .loading.context import Context
from .loading.dataset import Dataset, Source
from .model.findings import CheckResult, Finding, Status, Verdict
from .model.report_file import Waiver
from .rules import RULES, Parameters
from .rules.base import RuleContext, UnitYear


@dataclass
class CheckOptions:
    as_of: dt.date  # judged as at the end of this day
    units: tuple[str, ...] = ()  # registry names; empty = every unit
    rules: tuple[str, ...] = ()  # rule ids; empty = every rule
    years: tuple[int, ...] = ()  # years judged even without a report among the data (a report was deleted)
    unit_years: frozenset[tuple[str, int]] | None = None  # only these units' years (None: all of them)
    parameters: Parameters = field(default_factory=Parameters)
    calendar: WorkCalendar = field(default_factory=WorkCalendar)
    progress: Progress = SILENT  # told of each unit-year as it is judged


CHECKING = Phrase("checking units against the rules", "按规则检查各单位")


def options_for(context: Context, as_of: dt.date | None = None, *, latest: dt.date | None = None,
                units: tuple[str, ...] = (), rules: tuple[str, ...] = (),
                calendar_file: Path | None = None, progress: Progress = SILENT) -> CheckOptions:
    """The one way a command's options become the engine's: the as-of date (given, else today, and no later
    than ``latest`` when given), the configuration's rule figures, and the calendar (the file given, else the
    configuration's). Raises InputError for a bad calendar file."""
    if as_of is None:
        as_of = today_in_china() if latest is None else min(latest, today_in_china())
    return CheckOptions(as_of=as_of, units=units, rules=rules, parameters=context.config.parameters,
                        calendar=work_calendar(calendar_file or context.config.calendar), progress=progress)


def check(dataset: Dataset, options: CheckOptions) -> CheckResult:
    context = dataset.context
    registry = context.registry
    rules = [RULES[rule_id] for rule_id in (options.rules or tuple(RULES))]
    wanted = set(options.units)
    by_year: dict[int, dict[str, Source]] = {}
    for year in (*options.years, *(year for _, year in options.unit_years or ())):
        by_year.setdefault(year, {})
    for source in dataset.sources:
        by_year.setdefault(source.report.year, {})[source.report.unit] = source

    reports = {(source.report.unit, source.report.year): source.report for source in dataset.sources}
    judged = frozenset(year for year in by_year if context.catalog(year) is not None)
    findings: list[Finding] = []
    progress = options.progress
    progress.phase(CHECKING, len(judged) * len([unit for unit in registry.units if not wanted or unit.name in wanted]))
    for year, sources in sorted(by_year.items()):
        catalog = context.catalog(year)
        if catalog is None:
            continue  # a year kept only for the next year's annual report: nothing of its own is judged
        ctx = RuleContext(options.as_of, options.calendar, catalog, registry, options.parameters, reports, judged,
                          dataset.missing_report_location)
        for unit in registry.units:
            if wanted and unit.name not in wanted:
                continue
            progress.advance()
            if options.unit_years is not None and (unit.name, year) not in options.unit_years:
                continue
            source = sources.get(unit.name)
            subject = UnitYear(unit, year, source.report if source else None, source.path if source else None)
            waivers = source.report.waivers if source else []
            for rule in rules:
                if subject.report is None and not rule.without_report:
                    continue  # only the rule made for it speaks for a unit without a report
                try:
                    for verdict in rule.check(subject, ctx):
                        findings.append(_with_waivers(rule.id, verdict, waivers, options.as_of))
                except OutOfCalendar as error:  # a date of the report leads past the calendar's last year
                    where = Location(subject.path) if subject.path else dataset.missing_report_location(unit.name)
                    raise InputError([Problem.of(where, error.phrase)]) from None

    findings.sort(key=lambda finding: (registry.order(finding.unit), finding.rule, natural(finding.subject),
                                       finding.location.line or 0))
    # The summary counts what was judged: with --unit, those units' files only.
    judged_sources = [
        source for source in dataset.sources if (not wanted or source.report.unit in wanted)
        and (options.unit_years is None or (source.report.unit, source.report.year) in options.unit_years)]
    headings = {(year, task.id): task.heading for year, catalog in context.catalogs.items() for task in catalog.tasks}
    narrowed = wanted or options.unit_years is not None
    files = len({source.path for source in judged_sources}) if narrowed else dataset.files
    return CheckResult(options.as_of, findings, files, len({source.report.unit for source in judged_sources}),
                       options.calendar.unknown_year_warnings(), headings, context.root)


def natural(text: str) -> str:
    """Sort key that puts 4号 before 21号: digit runs are padded so that they compare as numbers."""
    return _DIGITS.sub(_pad, text) if _DIGITS.search(text) else text


def _pad(match: re.Match) -> str:
    return match.group().zfill(20)


_DIGITS = re.compile(r"\d+")


def _with_waivers(rule: str, verdict: Verdict, waivers: Iterable[Waiver], as_of: dt.date) -> Finding:
    finding = Finding.of(rule, verdict)
    if not waivers or finding.status not in (Status.FAIL, Status.PENDING):
        return finding
    matching = [waiver for waiver in waivers
                if waiver.rule == rule and waiver.subject in (None, finding.subject)]
    for waiver in matching:
        if waiver.expires is None or as_of <= waiver.expires:
            note = f"{waiver.reason} (approved by {waiver.approved_by})"
            return finding._replace(
                status=Status.WAIVED, message=f"{finding.message}; waived: {note}",
                message_zh=f"{finding.message_zh}；已豁免：{waiver.reason}（批准：{waiver.approved_by}）", waiver=note)
    if matching:
        expired = max(waiver.expires for waiver in matching)
        return finding._replace(message=f"{finding.message} (the waiver expired on {expired})",
                                message_zh=f"{finding.message_zh}（豁免已于{expired}到期）", waiver=f"expired {expired}")
    return finding
