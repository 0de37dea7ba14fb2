"""The content of one unit's 政府信息公开工作年度报告, ready for a template or a Word document.

A yearly report is judged as at the end of its year (the command's default as-of date is 31 December), and its
落款 is dated by the day it is published: the report file's ``annual_report.published``, else the --as-of date
given, else left blank for the unit to fill in. Nothing in it depends on the day it was generated.

Section 六 gives the year's key tasks (the catalog's rows assigned to the unit) and duties (the other rules the
catalog's tasks carry) in the words a unit publishes: how many were done, which were not and why, which were
waived and why; the items not done on time in one table, by their Chinese heading. No task id, file path or
"overdue by" count (meaningless at the year's end) appears in it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..engine import CheckOptions, check
from ..loading.dataset import Dataset, Source
from ..model.annual_format import (
    APPEAL_COLUMNS,
    APPEAL_KINDS,
    COLUMNS,
    HEADINGS,
    OUTCOMES,
    OVERVIEW,
    TABLE2_DOCUMENT_ROWS,
    TABLE3_ROWS,
)
from ..model.annual_tables import figures
from ..model.catalog import Notice
from ..model.findings import Finding, Status
from ..model.registry import Unit
from ..model.report_file import (
    TASK_STATUS_LABELS,
    Proactive,
    Report,
    TaskProgress,
    Waiver,
)
from ..rules import RULES
from ..rules.base import RuleContext, UnitYear
from ..rules.naming import subject_text

GROUP_OF = {code: group for code, _, group in OUTCOMES}


@dataclass(frozen=True)
class Table3Row:
    key: str
    label: str
    group: str | None  # （三）不予公开 … for the sub-rows of a group, printed on a merged cell
    values: tuple[int, ...]  # six applicant columns and 总计


@dataclass(frozen=True)
class Sources:
    """Where Tables 三 and 四 come from: typed (``annual_report_figures``) or counted from the records; for a
    typed table, the rows the unit did not type (they count as zeros)."""

    table3_typed: bool
    table4_typed: bool
    table3_untyped: tuple[str, ...]  # row labels, in the table's order
    table4_untyped: tuple[str, ...]  # group labels

    def describe(self, t: Mapping) -> str:
        """The per-table note of the footer: 表三为填报数据（未填报的2行按0计：…）；表四按…统计。"""
        parts = []
        for table, typed, untyped in (("table3", self.table3_typed, self.table3_untyped),
                                      ("table4", self.table4_typed, self.table4_untyped)):
            part = t["annual_source"][f"{table}_{'typed' if typed else 'counted'}"]
            if untyped:
                part += t["annual_untyped"].format(count=len(untyped), rows=t["annual_enum"].join(untyped))
            parts.append(part)
        return t["annual_source_parts"][0].join(parts) + t["annual_source_parts"][1]


@dataclass(frozen=True)
class FigureCheck:
    """A cell or sum of the tables that does not hold, named once, with what every check found there."""

    subject: str  # as the rule names it: 表三 4.保护第三方合法权益 / 商业企业
    message: str
    message_zh: str


@dataclass(frozen=True)
class KeyWork:
    """Section 六's account of the year's key tasks and duties, judged as at ``as_of``."""

    year: int
    as_of: dt.date
    notice: Notice | None  # the catalog's notice; None: the year has no catalog
    tasks: tuple[Finding, ...]  # one per catalog task of the unit (task-kind rules)
    duties: tuple[Finding, ...]  # the other rules the catalog's tasks carry, one per record, window or year
    headings: Mapping[tuple[int, str], str]
    progress: Mapping[str, TaskProgress]  # the unit's task entries by task id
    waivers: tuple[Waiver, ...]
    task_order: Mapping[str, int]  # catalog order of the task ids

    def _of(self, outcome: str) -> tuple[Finding, ...]:
        """The findings of one outcome: key tasks in the catalog's order, then duties in the rules' order."""
        rules = list(RULES)
        tasks = sorted((f for f in self.tasks if _outcome(f) == outcome),
                       key=lambda f: self.task_order.get(f.subject, len(self.task_order)))
        duties = sorted((f for f in self.duties if _outcome(f) == outcome), key=lambda f: rules.index(f.rule))
        return tuple(tasks) + tuple(duties)

    @property
    def late(self) -> tuple[Finding, ...]:
        """Not done on time or not met."""
        return self._of("fail")

    @property
    def waived(self) -> tuple[Finding, ...]:
        """Waived with approval (a waiver in the report file)."""
        return self._of("waived")

    @property
    def not_applicable(self) -> tuple[Finding, ...]:
        """Not applicable to the unit, as its report says (a task marked not_applicable, with its reason)."""
        return self._of("not_applicable")

    def paragraphs(self, t: Mapping, lang: str) -> list[str]:
        """The text of section 六 on the key work before its table, in ``t``'s words (ending with a reference
        to the table, where there is one)."""
        if self.notice is None:
            return [t["annual_work_no_catalog"].format(year=self.year)]
        if not self.tasks and not self.duties:
            return [t["annual_work_nothing"].format(year=self.year)]
        w = t["annual_work"]
        parts = []
        if self.tasks:
            parts.append(_part(w, "tasks", self.tasks, ()))
        if self.duties:
            rules = [rule for rule in RULES if any(f.rule == rule for f in self.duties)]
            names = t["annual_enum"].join(t["rules"][rule] for rule in rules)
            parts.append(_part(w, "duties", self.duties, (names,)))
        text = w["basis"].format(title=self.notice.title, number=self.notice.number,
                                 as_of=format_date(t, self.as_of)) + w["join"].join(parts) + w["end"]
        return [text + (w["see_table"].format(count=len(self.late)) if self.late else "")]

    def closing(self, t: Mapping, lang: str) -> list[str]:
        """The text after the table: what was waived and what does not apply, and why."""
        w = t["annual_work"]
        return [w[key].format(count=len(found), items=w["item_join"].join(self._waived_item(t, lang, f)
                                                                           for f in found))
                for key, found in (("waived", self.waived), ("not_applicable", self.not_applicable)) if found]

    def rows(self, t: Mapping, lang: str) -> list[tuple[str, str, str, str]]:
        """The items not done on time: category, item, due date, what happened and why."""
        return [(self.category(t, f), self.item(f, lang), format_date(t, f.due) if f.due else t["dash"],
                 self._state(t, lang, f)) for f in self.late]

    def category(self, t: Mapping, finding: Finding) -> str:
        return t["annual_work"]["task_category"] if RULES[finding.rule].subject == "task" \
            else t["rules"][finding.rule]

    def item(self, finding: Finding, lang: str) -> str:
        return subject_text(finding, self.headings, lang, with_codes=False)

    def _entry(self, finding: Finding) -> TaskProgress | None:
        return self.progress.get(finding.subject) if RULES[finding.rule].subject == "task" else None

    def _state(self, t: Mapping, lang: str, finding: Finding) -> str:
        w = t["annual_work"]
        if finding.overdue_workdays is None:  # a count against a requirement: the rule's words say it all
            return self._message(t, lang, finding)
        entry = self._entry(finding)
        done = finding.done or (entry.done_on if entry is not None and entry.status == "done" else None)
        if done is not None:
            state = w["done_on"].format(date=format_date(t, done))
        elif entry is not None:
            state = w["undone_status"].format(status=TASK_STATUS_LABELS[entry.status] if lang == "zh"
                                              else entry.status.replace("_", " "))
        else:
            state = w["undone"]
        if entry is not None and entry.note:
            state += w["note"].format(note=entry.note)
        return state

    def _waived_item(self, t: Mapping, lang: str, finding: Finding) -> str:
        w = t["annual_work"]
        kind = RULES[finding.rule].subject
        item = self.item(finding, lang)
        if kind == "year":  # the year is the report's: the requirement's name says it all
            item = t["rules"][finding.rule]
        elif kind != "task":
            item = w["duty_item"].format(rule=t["rules"][finding.rule], item=item)
        waiver = next((waiver for waiver in self.waivers if waiver.rule == finding.rule
                       and waiver.subject in (None, finding.subject)
                       and (waiver.expires is None or self.as_of <= waiver.expires)), None)
        if waiver is not None:
            return w["waiver"].format(item=item, reason=waiver.reason, by=waiver.approved_by)
        entry = self._entry(finding)
        reason = entry.note if entry is not None and entry.note else self._message(t, lang, finding)
        return w["waiver_reason"].format(item=item, reason=reason)

    def _message(self, t: Mapping, lang: str, finding: Finding) -> str:
        """A finding's message as the report prints it: dates written out, and without the engine's note on a
        waiver that expired (a matter for the unit, not for the public)."""
        message = finding.message_zh if lang == "zh" else finding.message
        if finding.waiver and finding.waiver.startswith("expired "):
            expired = finding.waiver.removeprefix("expired ")
            message = message.removesuffix(f"（豁免已于{expired}到期）").removesuffix(
                f" (the waiver expired on {expired})")
        return _ISO_DATE.sub(lambda m: format_date(t, dt.date(*map(int, m.groups()))), message)


OUTCOMES_SAID = ("pass", "fail", "waived", "not_applicable", "pending")  # in the order the text names them


def _outcome(finding: Finding) -> str:
    """pass, fail, pending, waived (with approval), or not_applicable (waived by the unit's own report, with no
    waiver: a task it marked not_applicable)."""
    if finding.status is Status.WAIVED and finding.waiver is None:
        return "not_applicable"
    return finding.status.value


def _part(w: Mapping, kind: str, findings: tuple[Finding, ...], names: tuple[str, ...]) -> str:
    """``本机关承担的重点工作任务共20项，均已按期完成`` or ``…共38项，其中已按期完成30项，未按期完成8项``."""
    counts = {outcome: sum(_outcome(f) == outcome for f in findings) for outcome in OUTCOMES_SAID}
    head = w[kind].format(total=len(findings), rules=names[0] if names else "")
    if counts["pass"] == len(findings):
        return head + w[f"{kind}_all"]
    outcomes = [w[f"{kind}_{outcome}"].format(count=counts[outcome]) for outcome in OUTCOMES_SAID
                if counts[outcome]]
    return head + w["of_which"] + w["outcome_join"].join(outcomes)


_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def format_date(t: Mapping, day: dt.date) -> str:
    return t["annual_date"].format(y=day.year, m=day.month, d=day.day)


@dataclass(frozen=True)
class AnnualReportData:
    unit: Unit
    name: str  # the official full name: the title, the preamble and the 落款
    short_name: str  # the registry name, where the tables name the unit
    year: int
    headings: tuple[str, ...]
    report: Report
    overview: tuple[tuple[str, str | None], ...]  # (sub-head, the unit's text or None)
    proactive: Proactive
    table2_documents: tuple[tuple[str, int, int, int], ...]
    table3: tuple[Table3Row, ...]
    table4: tuple[tuple[str, str, tuple[int, ...]], ...]  # (kind, label, 维持 纠正 其他 尚未审结 总计)
    sources: Sources
    arithmetic: tuple[FigureCheck, ...]  # the sums that do not hold, in the tables' order
    key_work: KeyWork
    signed_on: dt.date | None  # the 落款's date; None: left blank for the unit to fill in
    as_of: dt.date

    @property
    def preamble_name(self) -> str:
        """The unit in the preamble's "结合2024年{unit}政府信息公开工作实际": a government without 人民政府, so that
        the phrase does not read 人民政府政府信息公开."""
        return self.name.removesuffix("人民政府") or self.name

    @property
    def dated(self) -> dt.date:
        """The document's own date (its file's timestamps): the 落款's, else the day it is judged at."""
        return self.signed_on or self.as_of


def build_annual_report(dataset: Dataset, unit: Unit, year: int, options: CheckOptions,
                        dated: dt.date | None = None) -> AnnualReportData:
    """The report of ``unit`` for ``year``, judged as at ``options.as_of``; ``dated`` (the --as-of date given)
    dates the 落款 where the report file has no ``published`` date."""
    source = next(source for source in dataset.sources
                  if source.report.unit == unit.name and source.report.year == year)
    report = source.report
    catalog = dataset.context.catalog(year)
    if catalog is not None:
        result = check(dataset, dataclasses.replace(options, units=(unit.name,)))
        findings = [f for f in result.findings if f.unit == unit.name and f.year == year]
        headings = result.headings
    else:
        findings, headings = _figure_findings(dataset, source, unit, options), {}
    table3, table4, _ = figures(report)
    annual = report.annual_report
    overview_text = annual.overview if annual is not None else None
    proactive = report.proactive or Proactive()
    key = [f for f in findings if RULES[f.rule].in_catalog]
    return AnnualReportData(
        unit=unit,
        name=unit.official_name,
        short_name=unit.name,
        year=year,
        headings=HEADINGS,
        report=report,
        overview=tuple((label, getattr(overview_text, key, None) if overview_text else None)
                       for key, label in OVERVIEW),
        proactive=proactive,
        table2_documents=tuple((label, getattr(proactive, key).issued, getattr(proactive, key).repealed,
                                getattr(proactive, key).in_force) for key, label in TABLE2_DOCUMENT_ROWS),
        table3=tuple(Table3Row(key, label, GROUP_OF.get(key), tuple(table3[key])) for key, label in TABLE3_ROWS),
        table4=tuple((kind, label, tuple(table4[kind])) for kind, label in APPEAL_KINDS),
        sources=_sources(report),
        arithmetic=figure_checks([f for f in findings
                                  if RULES[f.rule].checks_annual_figures and f.status is Status.FAIL]),
        key_work=KeyWork(
            year=year, as_of=options.as_of, notice=catalog.notice if catalog else None,
            tasks=tuple(f for f in key if RULES[f.rule].subject == "task"),
            duties=tuple(f for f in key if RULES[f.rule].subject != "task"),
            headings=headings, progress={entry.task: entry for entry in report.tasks},
            waivers=tuple(report.waivers),
            task_order={task.id: index for index, task in enumerate(catalog.tasks)} if catalog else {}),
        signed_on=(annual.published if annual is not None else None) or dated,
        as_of=options.as_of,
    )


def _figure_findings(dataset: Dataset, source: Source, unit: Unit, options: CheckOptions) -> list[Finding]:
    """A year without a catalog (from 2021 to the year before the first): the engine judges nothing of it, so
    the rules that check the tables' arithmetic, which need no catalog, run here on the unit's report."""
    reports = {(each.report.unit, each.report.year): each.report for each in dataset.sources}
    ctx = RuleContext(options.as_of, options.calendar, None, dataset.context.registry,  # type: ignore[arg-type]
                      options.parameters, reports)
    subject = UnitYear(unit, source.report.year, source.report, source.path)
    return [Finding.of(rule.id, verdict) for rule in RULES.values() if rule.checks_annual_figures
            for verdict in rule.check(subject, ctx)]


def _sources(report: Report) -> Sources:
    typed = report.annual_report_figures
    table3 = dict(typed.table3) if typed is not None else {}
    table4 = dict(typed.table4) if typed is not None else {}
    return Sources(
        table3_typed=bool(table3), table4_typed=bool(table4),
        table3_untyped=tuple(label for key, label in TABLE3_ROWS if key not in table3) if table3 else (),
        table4_untyped=tuple(label for kind, label in APPEAL_KINDS if kind not in table4) if table4 else (),
    )


# --- the arithmetic's failures, in the tables' order ------------------------------------------------------------
_ROWS = {"表三": ({label: index for index, (_, label) in enumerate(TABLE3_ROWS)}, COLUMNS),
         "表四": ({label: index for index, (_, label) in enumerate(APPEAL_KINDS)}, APPEAL_COLUMNS)}


def _table_order(subject: str) -> tuple[int, int, int]:
    """表三 before 表四; in a table, its rows in order (a check down a column alone after them), then columns."""
    table, _, where = subject.partition(" ")
    if table not in _ROWS:
        return len(_ROWS), 0, 0
    rows, columns = _ROWS[table]
    parts = where.split(" / ")
    column = columns.index(parts[-1]) if parts[-1] in columns else -1
    return list(_ROWS).index(table), rows.get(parts[0], len(rows)), column


def _without_subject(message: str, subject: str) -> str:
    """A message without the cell it names at its start, since the note names it just before."""
    table, _, where = subject.partition(" ")
    for prefix in (f"{subject}：", f"{subject}: ", f"{table}“{where}”："):
        if message.startswith(prefix):
            return message[len(prefix):]
    if message.startswith(f"{table} (") and "): " in message:
        return message.split("): ", 1)[1]
    return message


def figure_checks(failures: list[Finding]) -> tuple[FigureCheck, ...]:
    """Each failed cell or sum once, in Table 三's row order and then Table 四's, with every check's message."""
    by_subject: dict[str, list[Finding]] = {}
    for finding in failures:
        by_subject.setdefault(finding.subject, []).append(finding)
    return tuple(FigureCheck(subject,
                             "; ".join(dict.fromkeys(_without_subject(f.message, subject) for f in found)),
                             "；".join(dict.fromkeys(_without_subject(f.message_zh, subject) for f in found)))
                 for subject, found in sorted(by_subject.items(), key=lambda item: _table_order(item[0])))
