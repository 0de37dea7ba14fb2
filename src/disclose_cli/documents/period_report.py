"""The numbers and words of a quarterly, half-yearly or yearly report, computed from one run of ``check``.

Everything a template shows is computed here; templates only lay it out. The report is a document an office
forwards as it is: it names no file and no line (``disclose check`` shows those), a task by its heading and a
window or a date in words; it is dated with its as-of date, never with the day it was made.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Mapping

from ..base.locations import InputError, Location, Problem
from ..base.phrase import Phrase
from ..calendar.periods import Window, period_name_zh, quarter, windows
from ..engine import CheckOptions, check
from ..loading.dataset import Dataset
from ..model.findings import CheckResult, Finding, Status
from ..rules import RULES
from ..rules.naming import subject_text
from ..rules.rule import Rule


@dataclass(frozen=True)
class Counts:
    passed: int = 0
    failed: int = 0
    pending: int = 0
    waived: int = 0

    @classmethod
    def of(cls, findings: list[Finding]) -> Counts:
        tally = {status: 0 for status in Status}
        for finding in findings:
            tally[finding.status] += 1
        return cls(tally[Status.PASS], tally[Status.FAIL], tally[Status.PENDING], tally[Status.WAIVED])

    @property
    def total(self) -> int:
        return self.passed + self.failed + self.pending + self.waived


@dataclass(frozen=True)
class Item:
    """A finding as the report names it, in both languages; without its file and line."""

    unit: str
    rule: str
    status: str
    subject: Phrase
    message: Phrase
    due: dt.date | None
    overdue_workdays: int | None


@dataclass(frozen=True)
class UnitCard:
    unit: str
    kind: str
    counts: Counts
    compliant: bool  # no failure
    failures: tuple[Item, ...]
    next_due: tuple[Item, ...]  # pending, soonest first
    waived: tuple[Item, ...]
    tally: dict[str, Any]  # rule id → what its tally shows for the unit (None where it does not apply)
    by_rule: dict[str, str]  # rule id → worst status, for the heatmap


@dataclass(frozen=True)
class TrendPoint:
    """The year's requirements as they stood on one day: a quarter's last day, or the as-of date inside it."""

    label: str  # the quarter, 2024Q3
    name: Phrase  # the quarter in words, without the year
    day: dt.date
    day_text: Phrase  # 2024年9月30日 · 30 September 2024
    day_short: Phrase  # 9月30日 · 30 Sep, for the chart
    quarter_end: bool  # False for the as-of date of a quarter still running
    due: int  # requirements due by ``day`` (waived ones left out)
    on_time: int  # of those, met by their due date
    overdue_open: int  # failed requirements due by ``day`` and not met by then

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.on_time, self.due) if self.due else None


@dataclass
class ReportData:
    period: Window
    as_of: dt.date
    year: int
    notice: object
    office: str  # who issues the report: disclose.yaml's ``office``, else the catalog notice's issuer
    period_name: Phrase  # 2024年第三季度 · Q3 2024
    period_span: Phrase  # 2024年7月1日至9月30日 · 1 July to 30 September 2024
    as_of_text: Phrase  # 2024年9月30日 · 30 September 2024: the 截至 date, and the date of the 落款
    running: bool  # the period had not ended by the as-of date
    units_covered: int
    counts: Counts
    compliant_units: int
    by_rule: dict[str, Counts]
    rules: dict[str, Rule]  # what each rule declares (its subject, whether it speaks for missing reports …)
    cards: list[UnitCard]
    missing: list[str]  # units without a report for the year
    failures: list[Item]
    trend: list[TrendPoint]
    figures: object  # the rule figures judged by (rules.Parameters)
    window_labels: dict[str, list[str]]  # unit kind span → labels
    window_names: dict[str, Phrase]  # window label → its name without the year (第三季度 · Q3)
    warnings: list[Phrase] = field(default_factory=list)

    @property
    def compliant_share(self) -> Fraction:
        return Fraction(self.compliant_units, self.units_covered) if self.units_covered else Fraction(0)


def build(dataset: Dataset, period: Window, options: CheckOptions) -> ReportData:
    year = period.start.year
    if dataset.context.catalog(year) is None:
        raise InputError([Problem.of(Location(Path("--period")), dataset.context.no_catalog(year))])
    result = check(_only_year(dataset, year), options)
    return _assemble(dataset, period, year, result, options)


def _only_year(dataset: Dataset, year: int) -> Dataset:
    return dataclasses.replace(dataset, sources=[s for s in dataset.sources if s.report.year == year])


def trend(findings: list[Finding], period: Window, as_of: dt.date) -> list[TrendPoint]:
    """The year's quarters up to the period's end, each as it stood on its last day (or on the as-of date), all
    read from the one judgement at the as-of date: a requirement is due by a day when its due date is on or
    before it, met on time when it passed; it is overdue and still open on that day when it failed and was not
    met by then. So the count falls when units catch up, and the share tells whether they were on time."""
    dated = [finding for finding in findings if finding.due is not None and finding.status is not Status.WAIVED]
    points = []
    for number in range(1, 5):
        window = quarter(period.start.year, number)
        if window.start > period.end or window.start > as_of:
            break
        day = min(window.end, as_of)
        due = [finding for finding in dated if finding.due <= day]
        points.append(TrendPoint(
            label=window.label, name=window_short_name(window.label), day=day, day_text=long_date(day),
            day_short=short_date(day),
            quarter_end=day == window.end,
            due=len(due), on_time=sum(1 for finding in due if finding.status is Status.PASS),
            overdue_open=sum(1 for finding in due if finding.status is Status.FAIL
                             and (finding.done is None or finding.done > day))))
    return points


def _unit_findings(result: CheckResult) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {}
    for finding in result.findings:
        grouped.setdefault(finding.unit, []).append(finding)
    return grouped


def _assemble(dataset: Dataset, period: Window, year: int, result: CheckResult, options: CheckOptions) -> ReportData:
    registry = dataset.context.registry
    catalog = dataset.context.catalog(year)
    grouped = _unit_findings(result)
    missing = [f for f in result.findings if RULES[f.rule].without_report and f.status is Status.FAIL]
    missing_units = {finding.unit for finding in missing}

    def items(findings: Any) -> tuple[Item, ...]:
        return tuple(item(finding, result.headings) for finding in findings)

    cards = []
    for unit in registry.units:
        findings = grouped.get(unit.name)
        if findings is None or unit.name in missing_units:
            continue
        cards.append(UnitCard(
            unit=unit.name,
            kind=unit.kind,
            counts=Counts.of(findings),
            compliant=not any(f.status is Status.FAIL for f in findings),
            failures=items(f for f in findings if f.status is Status.FAIL),
            next_due=items(sorted((f for f in findings if f.status is Status.PENDING and f.due),
                                  key=lambda f: (f.due, f.rule, f.subject))[:5]),
            waived=items(f for f in findings if f.status is Status.WAIVED),
            tally=_tallies(findings),
            by_rule=_worst_by_rule(findings),
        ))
    by_rule = {rule_id: Counts.of([f for f in result.findings if f.rule == rule_id]) for rule_id in RULES}
    notice = catalog.notice if catalog else None
    labels = [w.label for span in ("quarter", "half") for w in windows(year, span)]
    return ReportData(
        period=period,
        as_of=options.as_of,
        year=year,
        notice=notice,
        office=dataset.context.config.office or (notice.issuer if notice else ""),
        period_name=window_name(period.label),
        period_span=date_span(period.start, period.end),
        as_of_text=long_date(options.as_of),
        running=options.as_of < period.end,
        units_covered=len(cards) + len(missing),
        counts=Counts.of(result.findings),
        compliant_units=sum(1 for card in cards if card.compliant),
        by_rule=by_rule,
        rules=RULES,
        cards=cards,
        missing=[finding.unit for finding in missing],
        failures=list(items(f for f in result.findings
                            if f.status is Status.FAIL and not RULES[f.rule].without_report)),
        trend=trend(result.findings, period, options.as_of),
        figures=options.parameters,
        window_labels={span: [w.label for w in windows(year, span)] for span in ("quarter", "half")},
        window_names={label: window_short_name(label) for label in labels},
        warnings=result.warnings,
    )


def item(finding: Finding, headings: Mapping[tuple[int, str], str]) -> Item:
    """How the report names a finding: a task by its heading alone, a window in words, no file and no line."""
    if RULES[finding.rule].subject == "window":
        subject = window_name(finding.subject)
    else:
        subject = Phrase(subject_text(finding, headings, "en", with_codes=False),
                         subject_text(finding, headings, "zh", with_codes=False))
    return Item(finding.unit, finding.rule, finding.status.value, subject, Phrase(finding.message, finding.message_zh),
                finding.due, finding.overdue_workdays)


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def long_date(day: dt.date) -> Phrase:
    """2024年9月30日 · 30 September 2024: a date as a document's text writes it."""
    return Phrase(f"{day.day} {_MONTHS[day.month - 1]} {day.year}", f"{day.year}年{day.month}月{day.day}日")


def short_date(day: dt.date) -> Phrase:
    """9月30日 · 30 Sep: a date within a year already named (a chart's label)."""
    return Phrase(f"{day.day} {_MONTHS[day.month - 1][:3]}", f"{day.month}月{day.day}日")


def date_span(start: dt.date, end: dt.date) -> Phrase:
    """2024年7月1日至9月30日 · 1 July to 30 September 2024 (the year written once where it is the same)."""
    if start.year != end.year:
        return Phrase(f"{long_date(start).en} to {long_date(end).en}", f"{long_date(start).zh}至{long_date(end).zh}")
    return Phrase(f"{start.day} {_MONTHS[start.month - 1]} to {long_date(end).en}",
                  f"{long_date(start).zh}至{end.month}月{end.day}日")


def window_name(label: str) -> Phrase:
    """2024Q3 → 2024年第三季度 · Q3 2024; 2024H1 → 2024年上半年 · H1 2024; 2024 → 2024年 · 2024."""
    year, rest = label[:4], label[4:]
    return Phrase(f"{rest} {year}" if rest else year, period_name_zh(label))


def window_short_name(label: str) -> Phrase:
    """A window of a year already named: 2024Q3 → 第三季度 · Q3."""
    year, rest = label[:4], label[4:]
    return Phrase(rest or year, period_name_zh(label).removeprefix(f"{year}年") if rest else f"{year}年")


def _tallies(findings: list[Finding]) -> dict[str, Any]:
    """Each rule's tally of the unit's findings; None where the rule has no tally or no finding here."""
    tallies: dict[str, Any] = {}
    for rule in RULES.values():
        own = [finding for finding in findings if finding.rule == rule.id]
        tallies[rule.id] = rule.tally(own) if rule.tally is not None and own else None
    return tallies


_SEVERITY = {"fail": 4, "pending": 3, "waived": 2, "pass": 1}


def _worst_by_rule(findings: list[Finding]) -> dict[str, str]:
    worst: dict[str, str] = {}
    for finding in findings:
        current = worst.get(finding.rule)
        if current is None or _SEVERITY[finding.status.value] > _SEVERITY[current]:
            worst[finding.rule] = finding.status.value
    return worst
