"""The numbers of a quarterly or yearly report, computed from the same files as ``check``.

Everything a template shows is computed here; templates only lay it out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..base.locations import InputError, Location, Problem
from ..base.phrase import Phrase
from ..calendar.periods import Window, quarter, windows
from ..engine import CheckOptions, check
from ..loading.dataset import Dataset
from ..model.findings import CheckResult, Finding, Status
from ..rules import RULES
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
class UnitCard:
    unit: str
    kind: str
    files: tuple[str, ...]
    counts: Counts
    compliant: bool  # no failure
    failures: tuple[Finding, ...]
    next_due: tuple[Finding, ...]  # pending, soonest first
    waived: tuple[Finding, ...]
    tally: dict[str, Any]  # rule id → what its tally shows for the unit (None where it does not apply)
    by_rule: dict[str, str]  # rule id → worst status, for the heatmap


@dataclass(frozen=True)
class TrendPoint:
    label: str
    as_of: dt.date
    counts: Counts
    compliant_share: Fraction


@dataclass
class ReportData:
    period: Window
    as_of: dt.date
    year: int
    notice: object
    units_covered: int
    counts: Counts
    compliant_units: int
    by_rule: dict[str, Counts]
    rules: dict[str, Rule]  # what each rule declares (its subject, whether it speaks for missing reports …)
    cards: list[UnitCard]
    missing: list[Finding]
    failures: list[Finding]
    trend: list[TrendPoint]
    figures: object  # the rule figures judged by (rules.Parameters)
    window_labels: dict[str, list[str]]  # unit kind span → labels
    task_titles: dict[str, str]  # task id → 公开事项 · 公开内容 heading, to name tasks in the report
    warnings: list[str] = field(default_factory=list)

    @property
    def compliant_share(self) -> Fraction:
        return Fraction(self.compliant_units, self.units_covered) if self.units_covered else Fraction(0)


def build(dataset: Dataset, period: Window, options: CheckOptions) -> ReportData:
    year = period.start.year
    if dataset.context.catalog(year) is None:
        known = ", ".join(str(each) for each in sorted(dataset.context.catalogs)) or "none"
        raise InputError([Problem.of(Location(Path("--period")), Phrase(
            f"no task catalog for {year}; catalogs are loaded for: {known}",
            f"没有{year}年的重点工作任务表；已载入的年度：{known}"))])
    result = check(_only_year(dataset, year), options)
    return _assemble(dataset, period, year, result, options, _trend(dataset, period, year, options))


def _only_year(dataset: Dataset, year: int) -> Dataset:
    return dataclasses.replace(dataset, sources=[s for s in dataset.sources if s.report.year == year])


def _trend(dataset: Dataset, period: Window, year: int, options: CheckOptions) -> list[TrendPoint]:
    """The year's quarters up to the period's end, each judged as at its last day (or the as-of date)."""
    points = []
    subset = _only_year(dataset, year)
    for number in range(1, 5):
        window = quarter(year, number)
        if window.start > period.end or window.start > options.as_of:
            break
        as_of = min(window.end, options.as_of)
        result = check(subset, dataclasses.replace(options, as_of=as_of))
        cards = _unit_findings(result)
        compliant = sum(1 for findings in cards.values() if not any(f.status is Status.FAIL for f in findings))
        points.append(TrendPoint(window.label, as_of, Counts.of(result.findings),
                                 Fraction(compliant, len(cards)) if cards else Fraction(0)))
    return points


def _unit_findings(result: CheckResult) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {}
    for finding in result.findings:
        grouped.setdefault(finding.unit, []).append(finding)
    return grouped


def _assemble(dataset: Dataset, period: Window, year: int, result: CheckResult, options: CheckOptions,
              trend: list[TrendPoint]) -> ReportData:
    registry = dataset.context.registry
    catalog = dataset.context.catalog(year)
    sources = {source.report.unit: source for source in dataset.sources if source.report.year == year}
    grouped = _unit_findings(result)
    missing = [f for f in result.findings if RULES[f.rule].without_report and f.status is Status.FAIL]
    missing_units = {finding.unit for finding in missing}
    cards = []
    for unit in registry.units:
        findings = grouped.get(unit.name)
        if findings is None or unit.name in missing_units:
            continue
        source = sources.get(unit.name)
        cards.append(UnitCard(
            unit=unit.name,
            kind=unit.kind,
            files=(str(source.path),) if source else (),
            counts=Counts.of(findings),
            compliant=not any(f.status is Status.FAIL for f in findings),
            failures=tuple(f for f in findings if f.status is Status.FAIL),
            next_due=tuple(sorted((f for f in findings if f.status is Status.PENDING and f.due),
                                  key=lambda f: (f.due, f.rule, f.subject))[:5]),
            waived=tuple(f for f in findings if f.status is Status.WAIVED),
            tally=_tallies(findings),
            by_rule=_worst_by_rule(findings),
        ))
    by_rule = {rule_id: Counts.of([f for f in result.findings if f.rule == rule_id]) for rule_id in RULES}
    units_covered = len(cards) + len(missing)
    return ReportData(
        period=period,
        as_of=options.as_of,
        year=year,
        notice=catalog.notice if catalog else None,
        units_covered=units_covered,
        counts=Counts.of(result.findings),
        compliant_units=sum(1 for card in cards if card.compliant),
        by_rule=by_rule,
        rules=RULES,
        cards=cards,
        missing=missing,
        failures=[f for f in result.findings if f.status is Status.FAIL and not RULES[f.rule].without_report],
        trend=trend,
        figures=options.parameters,
        window_labels={span: [w.label for w in windows(year, span)] for span in ("quarter", "half")},
        task_titles=catalog.task_titles if catalog else {},
        warnings=result.warnings,
    )


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
