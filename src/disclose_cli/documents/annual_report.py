"""The content of one unit's 政府信息公开工作年度报告, ready for a template or a Word document."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from ..engine import CheckOptions, check
from ..loading.dataset import Dataset
from ..model.annual_format import APPEAL_KINDS, HEADINGS, OUTCOMES, OVERVIEW, TABLE2_DOCUMENT_ROWS, TABLE3_ROWS
from ..model.annual_tables import figures
from ..model.findings import Finding, Status
from ..model.registry import Unit
from ..model.report_file import Proactive, Report
from ..rules import RULES

GROUP_OF = {code: group for code, _, group in OUTCOMES}


@dataclass(frozen=True)
class Table3Row:
    key: str
    label: str
    group: str | None  # （三）不予公开 … for the sub-rows of a group, printed on a merged cell
    values: tuple[int, ...]  # six applicant columns and 总计


@dataclass(frozen=True)
class AnnualReportData:
    unit: Unit
    year: int
    headings: tuple[str, ...]
    report: Report
    overview: tuple[tuple[str, str | None], ...]  # (sub-head, the unit's text or None)
    proactive: Proactive
    table2_documents: tuple[tuple[str, int, int, int], ...]
    table3: tuple[Table3Row, ...]
    table3_typed: bool
    table4: tuple[tuple[str, str, tuple[int, ...]], ...]  # (kind, label, 维持 纠正 其他 尚未审结 总计)
    arithmetic: tuple[Finding, ...]  # annual-report-arithmetic findings that failed
    done: tuple[Finding, ...]  # key tasks and duties met
    late: tuple[Finding, ...]  # not met
    waived: tuple[Finding, ...]  # waived, with the reason
    pending: tuple[Finding, ...]
    task_titles: dict[str, str]
    as_of: dt.date


def build_annual_report(dataset: Dataset, unit: Unit, year: int, options: CheckOptions) -> AnnualReportData:
    source = next(source for source in dataset.sources
                  if source.report.unit == unit.name and source.report.year == year)
    report = source.report
    result = check(dataset, dataclasses.replace(options, units=(unit.name,)))
    findings = [f for f in result.findings if f.unit == unit.name]
    table3, table4, typed = figures(report)
    annual = report.annual_report
    overview_text = annual.overview if annual is not None else None
    catalog = dataset.context.catalog(year)
    proactive = report.proactive or Proactive()
    key_findings = [f for f in findings if RULES[f.rule].in_catalog]  # the year's key tasks and duties
    return AnnualReportData(
        unit=unit,
        year=year,
        headings=HEADINGS,
        report=report,
        overview=tuple((label, getattr(overview_text, key, None) if overview_text else None)
                       for key, label in OVERVIEW),
        proactive=proactive,
        table2_documents=tuple((label, getattr(proactive, key).issued, getattr(proactive, key).repealed,
                                getattr(proactive, key).in_force) for key, label in TABLE2_DOCUMENT_ROWS),
        table3=tuple(Table3Row(key, label, GROUP_OF.get(key), tuple(table3[key])) for key, label in TABLE3_ROWS),
        table3_typed=typed,
        table4=tuple((kind, label, tuple(table4[kind])) for kind, label in APPEAL_KINDS),
        arithmetic=tuple(f for f in findings if RULES[f.rule].checks_annual_figures and f.status is Status.FAIL),
        done=tuple(f for f in key_findings if f.status is Status.PASS),
        late=tuple(f for f in key_findings if f.status is Status.FAIL),
        waived=tuple(f for f in key_findings if f.status is Status.WAIVED),
        pending=tuple(f for f in key_findings if f.status is Status.PENDING),
        task_titles=catalog.task_titles if catalog else {},
        as_of=options.as_of,
    )
