"""The fill-in workbook of ``disclose workbook`` and ``disclose import``: its sheets in order, and for each sheet its
columns or rows (the report-file key, the Chinese header, the kind of cell). The one declaration both sides read:
the writer lays cells out from it and the reader finds them by it.

Sheet names and headers are a contract (scripts fill them): the sheet names 重点工作 and 意见征集 and the headers
任务编号, 进展状态, 完成日期, 标题, 开始日期 and 截止日期 never change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .annual_format import (APPEAL_COLUMNS, APPEAL_KINDS, APPEAL_RESULTS, APPLICANTS, COLUMNS, OVERVIEW,
                            TABLE2_CAPTIONS, TABLE2_DOCUMENT_ROWS, TABLE3_RESULTS_LABEL, TABLE3_ROWS, OUTCOMES)
from .field_titles import DOCS
from .fields import Record
from .report_file import (INTERPRETATION_FORM_LABELS, TASK_STATUS_LABELS, Appeal, Consultation, Decision, Evaluation,
                          Interpretation, Meeting, Request, TaskProgress, Training, Waiver)

Kind = Literal["text", "date", "count", "number", "choice", "list", "flag"]

GUIDE_SHEET = "说明"
TASKS_SHEET = "重点工作"
LISTS_SHEET = "下拉选项"  # hidden: the values of every drop-down (Excel limits an inline list to 255 characters)
HEADER_ROW = 1  # record sheets: the header, then one record per row

FLAG_LABELS = {True: "是", False: "否"}
# Table 三's outcome rows by their label, a sub-row with its group before it ("（三）不予公开 1.属于国家秘密").
OUTCOME_LABELS = {code: f"{group} {label}" if group else label for code, label, group in OUTCOMES}


@dataclass(frozen=True)
class Column:
    """A column of a record sheet. ``key`` is the record's key; a column with ``info`` set shows the catalog's
    text (read-only, never imported) under its own ``title``."""

    key: str
    kind: Kind = "text"
    width: int = 14  # in characters of Latin text; a Chinese character takes two
    labels: dict | None = None  # a closed list: code → the Chinese label the cell shows
    info: bool = False
    title: str | None = None

    @property
    def header(self) -> str:
        return self.title or DOCS[self.key][0]

    @property
    def header_en(self) -> str:
        return self.title or DOCS[self.key][1]


@dataclass(frozen=True)
class RecordSheet:
    """A sheet of records: one per row under the header, in the order of the report file's section."""

    name: str
    section: str
    model: type[Record]
    columns: tuple[Column, ...]
    read_only: bool = False  # the office's waivers: shown, never imported

    def required(self, column: Column) -> bool:
        found = self.model.model_fields.get(column.key)
        return found is not None and found.is_required()


def _column(key: str, kind: Kind = "text", width: int = 14, labels: dict | None = None) -> Column:
    return Column(key, kind, width, labels)


TASKS = RecordSheet(TASKS_SHEET, "tasks", TaskProgress, (
    Column("task", width=26, info=False),
    Column("heading", width=34, info=True, title="工作任务 · 公开事项 · 公开内容"),
    Column("content", width=50, info=True, title="工作内容"),
    Column("deadline_text", width=16, info=True, title="完成时限"),
    _column("status", "choice", 12, TASK_STATUS_LABELS),
    _column("done_on", "date", 13),
    _column("evidence", "list", 40),
    _column("note", "text", 30),
))
TASK_ID_COLUMN = TASKS.columns[0]

RECORD_SHEETS: tuple[RecordSheet, ...] = (
    RecordSheet("意见征集", "consultations", Consultation, (
        _column("title", width=44), _column("opened", "date", 13), _column("closed", "date", 13),
        _column("short_reason", width=36))),
    RecordSheet("决策文件", "decisions", Decision, (
        _column("title", width=44), _column("issued", "date", 13), _column("feedback_published", "date", 15))),
    RecordSheet("政策解读", "interpretations", Interpretation, (
        _column("policy", width=44), _column("form", "choice", 12, INTERPRETATION_FORM_LABELS),
        _column("published", "date", 13))),
    RecordSheet("会议", "meetings", Meeting, (
        _column("title", width=44), _column("date", "date", 13), _column("public_attendees", "count", 18),
        _column("opinions_published", "date", 22))),
    RecordSheet("政策评价", "evaluations", Evaluation, (
        _column("topic", width=44), _column("completed", "date", 13), _column("results_published", "date", 15))),
    RecordSheet("业务培训", "trainings", Training, (_column("title", width=44), _column("date", "date", 13))),
    RecordSheet("依申请公开", "requests", Request, (
        _column("ref", width=24), _column("received", "date", 15), _column("correction_requested", "date", 14),
        _column("correction_deadline", "date", 13), _column("corrected", "date", 18),
        _column("answered", "date", 13), _column("extended", "flag", 10), _column("excluded_workdays", "count", 15),
        _column("applicant", "choice", 14, dict(APPLICANTS)), _column("outcome", "choice", 44, OUTCOME_LABELS),
        _column("carried_over", "flag", 10))),
    RecordSheet("行政复议诉讼", "appeals", Appeal, (
        _column("ref", width=24), _column("kind", "choice", 18, dict(APPEAL_KINDS)),
        _column("result", "choice", 12, dict(APPEAL_RESULTS)))),
)
WAIVERS = RecordSheet("豁免", "waivers", Waiver, (
    _column("rule", width=26), _column("subject", width=26), _column("reason", width=40),
    _column("approved_by", width=24), _column("expires", "date", 13)), read_only=True)


@dataclass(frozen=True)
class FormLine:
    """A line of a form sheet: a caption, a header, or a labelled row of cells, each the report-file path of one
    value. Rows are found by their label in the first column, so a row moved or inserted does not matter."""

    label: str
    paths: tuple[tuple[str | int, ...], ...] = ()
    kind: Kind = "count"
    header: tuple[str, ...] = ()  # a header line: the titles of the columns after the label's
    caption: bool = False


@dataclass(frozen=True)
class FormSheet:
    """A sheet laid out as a form: labels in the first column, values to their right."""

    name: str
    section: str
    title: str
    lines: tuple[FormLine, ...]
    widths: tuple[int, ...] = field(default=(40, 14, 14, 14, 14, 14, 14, 14))
    zero_when_empty: bool = True  # once the section holds anything, an empty count is 0

    @property
    def rows(self) -> tuple[FormLine, ...]:
        return tuple(line for line in self.lines if line.paths)


def _document_counts(key: str, label: str) -> FormLine:
    return FormLine(label, tuple(("proactive", key, part) for part in ("issued", "repealed", "in_force")))


def _decisions(key: str) -> FormLine:
    return FormLine(DOCS[key][0], (("proactive", key),), "number" if key == "fees_wan_yuan" else "count")


PROACTIVE = FormSheet("主动公开", "proactive", "二、主动公开政府信息情况（表二）", (
    FormLine(TABLE2_CAPTIONS["documents"], caption=True),
    FormLine("信息内容", header=tuple(DOCS[key][0] for key in ("DocumentCounts.issued", "repealed", "in_force"))),
    *(_document_counts(key, label) for key, label in TABLE2_DOCUMENT_ROWS),
    FormLine(TABLE2_CAPTIONS["licensing"] + "、第（六）项", caption=True),
    FormLine("信息内容", header=("本年处理决定数量",)),
    *(_decisions(key) for key in ("licensing_decisions", "penalty_decisions", "enforcement_decisions")),
    FormLine(TABLE2_CAPTIONS["fees"], caption=True),
    FormLine("信息内容", header=("本年收费金额",)),
    _decisions("fees_wan_yuan"),
), widths=(34, 16, 16, 16))

ANNUAL_TEXT = FormSheet("年度报告", "annual_report", "政府信息公开工作年度报告（文字部分）", (
    FormLine("一、总体情况", caption=True),
    *(FormLine(label, (("annual_report", "overview", key),), "text") for key, label in OVERVIEW),
    FormLine(DOCS["problems"][0], (("annual_report", "problems"),), "text"),
    FormLine(DOCS["other"][0], (("annual_report", "other"),), "text"),
    FormLine(DOCS["contact"][0], caption=True),
    *(FormLine(DOCS[key][0], (("annual_report", "contact", key),), "text")
      for key in ("address", "phone", "website", "email")),
    FormLine("年度报告发布日期", (("annual_report", "published"),), "date"),
), widths=(30, 100), zero_when_empty=False)


def _table3_line(key: str, label: str) -> FormLine:
    return FormLine(label, tuple(("annual_report_figures", "table3", key, index) for index in range(len(COLUMNS))))


_OUTCOME_KEYS = {code for code, _, _ in OUTCOMES}
FIGURES = FormSheet("年度报告数据", "annual_report_figures", "年报数据（手工填报表三、表四）", (
    FormLine("三、收到和处理政府信息公开申请情况", caption=True),
    FormLine("申请人情况", header=COLUMNS),
    *(_table3_line(key, label) for key, label in TABLE3_ROWS[:2]),
    FormLine(TABLE3_RESULTS_LABEL, caption=True),
    *(_table3_line(key, OUTCOME_LABELS[key] if key in _OUTCOME_KEYS else label) for key, label in TABLE3_ROWS[2:]),
    FormLine("四、政府信息公开行政复议、行政诉讼情况", caption=True),
    FormLine("案件类别", header=APPEAL_COLUMNS),
    *(FormLine(label if key == "review" else f"行政诉讼 {label}",
               tuple(("annual_report_figures", "table4", key, index) for index in range(len(APPEAL_COLUMNS))))
      for key, label in APPEAL_KINDS),
), widths=(56, 10, 10, 10, 12, 12, 10, 10))

# The sheets in the workbook's order (说明 first, the hidden lists last).
SHEET_ORDER: tuple[str, ...] = (GUIDE_SHEET, TASKS_SHEET, *(sheet.name for sheet in RECORD_SHEETS), PROACTIVE.name,
                                ANNUAL_TEXT.name, FIGURES.name, WAIVERS.name, LISTS_SHEET)
FORM_SHEETS: tuple[FormSheet, ...] = (PROACTIVE, ANNUAL_TEXT, FIGURES)

# The 说明 sheet's labelled cells that say whose workbook it is.
UNIT_LABEL = "单位"
YEAR_LABEL = "年度"

# Forms of a date a spreadsheet user types, besides a date cell and 2024-03-01.
DATE_FORMS = "2024-03-01、2024/3/1、2024.3.1、2024年3月1日"
DATE_FORMS_EN = "2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日"
