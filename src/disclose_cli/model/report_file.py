"""The report file: one unit's progress and records for one year."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from .annual_format import (APPEAL_KINDS, APPEAL_RESULTS, APPLICANT_BY_LABEL, APPLICANTS, OUTCOME_BY_LABEL,
                            OUTCOME_CODES, OUTCOMES, TABLE3_ROWS)
from .fields import Count, Flag, IsoDate, Record, Text, Workdays, drop_line_key

TASK_STATUS_LABELS = {"planned": "计划中", "in_progress": "推进中", "done": "已完成", "not_applicable": "不适用"}
INTERPRETATION_FORM_LABELS = {"text": "文字", "graphic": "图文", "video": "视频", "animation": "动漫", "audio": "音频",
                              "h5": "H5", "briefing": "发布会", "interview": "访谈", "article": "评论文章"}
INTERPRETATION_FORMS: tuple[str, ...] = tuple(INTERPRETATION_FORM_LABELS)
InterpretationForm = Literal[INTERPRETATION_FORMS]


def _year_as_text(value: Any) -> Any:
    # A waiver's subject may be a year written unquoted (2024); any other number must be quoted to be text.
    if isinstance(value, int) and not isinstance(value, bool) and 2000 <= value <= 2100:
        return str(value)
    return value


class TaskProgress(Record):
    task: Text
    status: TaskStatus
    done_on: IsoDate | None = None
    evidence: list[Text] = Field(default_factory=list)
    note: Text | None = None


class Consultation(Record):
    title: Text
    opened: IsoDate
    closed: IsoDate
    short_reason: Text | None = None


class Decision(Record):
    title: Text
    issued: IsoDate
    feedback_published: IsoDate | None = None


class Interpretation(Record):
    policy: Text
    form: _labelled(INTERPRETATION_FORM_LABELS)
    published: IsoDate


class Meeting(Record):
    title: Text
    date: IsoDate
    public_attendees: Count
    opinions_published: IsoDate | None = None


class Evaluation(Record):
    topic: Text
    completed: IsoDate
    results_published: IsoDate | None = None


class Training(Record):
    title: Text
    date: IsoDate


def _code_for(labels: dict[str, str]):  # noqa: ANN202
    """Accept the Chinese label the tool itself prints for a value (or the national format's exact row label)
    in place of its code."""
    def convert(value: Any) -> Any:
        return labels.get(value.strip(), value) if isinstance(value, str) else value
    return BeforeValidator(convert)


def _labelled(labels: dict[str, str]) -> Any:
    """A closed list of codes that also takes each code's Chinese label."""
    return Annotated[Literal[tuple(labels)], _code_for({label: code for code, label in labels.items()})]


TaskStatus = _labelled(TASK_STATUS_LABELS)


Applicant = Annotated[Literal[tuple(code for code, _ in APPLICANTS)], _code_for(APPLICANT_BY_LABEL)]
Outcome = Annotated[Literal[OUTCOME_CODES], _code_for(OUTCOME_BY_LABEL)]


class Request(Record):
    ref: Text
    received: IsoDate
    correction_requested: IsoDate | None = None  # 第三十条: the day the agency asked the applicant for 补正
    correction_deadline: IsoDate | None = None  # the reasonable period it gave, its last day
    corrected: IsoDate | None = None  # the day the corrected application arrived
    answered: IsoDate | None = None  # the day handling ended: a reply sent, or the request closed (其他处理)
    extended: Flag = False
    excluded_workdays: Workdays = 0
    applicant: Applicant | None = None  # Table 三's column
    outcome: Outcome | None = None  # Table 三's row, once handled
    carried_over: Flag = False  # listed again from last year's report, unanswered at its end (二、上年结转)

    @property
    def given_up_on(self) -> dt.date | None:
        """第三十条: 申请人无正当理由逾期不补正的，视为放弃申请 — the day after the correction deadline passed
        with no corrected application (and no answer), the applicant is taken to have given up."""
        if (self.correction_requested is None or self.correction_deadline is None or self.corrected is not None
                or self.answered is not None):
            return None
        return self.correction_deadline + dt.timedelta(days=1)

    @property
    def closed_on(self) -> dt.date | None:
        """The day handling ended: answered, or given up for want of a 补正."""
        return self.answered or self.given_up_on

    def open_at_end_of(self, year: int) -> bool:
        """Not closed by 31 December of ``year``: it counts in that year's 四、结转下年度继续办理."""
        closed = self.closed_on
        return closed is None or closed > dt.date(year, 12, 31)


class Waiver(Record):
    rule: Text
    subject: Annotated[Text, BeforeValidator(_year_as_text)] | None = None
    reason: Text
    approved_by: Text
    expires: IsoDate | None = None


class DocumentCounts(Record):
    issued: Count = 0  # 本年制发件数
    repealed: Count = 0  # 本年废止件数
    in_force: Count = 0  # 现行有效件数


class Proactive(Record):
    """Table 二 (第二十条): documents, decisions and fees of the year."""

    regulations: DocumentCounts = Field(default_factory=DocumentCounts)  # 规章
    normative_documents: DocumentCounts = Field(default_factory=DocumentCounts)  # 行政规范性文件
    licensing_decisions: Count = 0  # 行政许可
    penalty_decisions: Count = 0  # 行政处罚
    enforcement_decisions: Count = 0  # 行政强制
    fees_wan_yuan: Annotated[float, Field(ge=0, allow_inf_nan=False)] = 0  # 行政事业性收费, 万元


class Appeal(Record):
    """A 行政复议 or 行政诉讼 case about information disclosure (Table 四)."""

    ref: Text | None = None
    kind: _labelled(dict(APPEAL_KINDS))
    result: _labelled(dict(APPEAL_RESULTS))


class Overview(Record):
    """一、总体情况, in its five sub-heads."""

    proactive: Text | None = None
    requests: Text | None = None
    management: Text | None = None
    platforms: Text | None = None
    oversight: Text | None = None


class Contact(Record):
    address: Text | None = None
    phone: Text | None = None
    website: Text | None = None
    email: Text | None = None


class AnnualReportText(Record):
    """The unit's own text of its 政府信息公开工作年度报告, and when it was published."""

    overview: Overview = Field(default_factory=Overview)
    problems: Text | None = None  # 五、存在的主要问题及改进情况
    other: Text | None = None  # 六、其他需要报告的事项
    contact: Contact = Field(default_factory=Contact)
    published: IsoDate | None = None  # in the next year


TABLE3_KEYS = tuple(key for key, _ in TABLE3_ROWS)
Row7 = Annotated[list[Count], Field(min_length=7, max_length=7)]
Row5 = Annotated[list[Count], Field(min_length=5, max_length=5)]


class AnnualReportFigures(Record):
    """Figures typed by hand, for units that keep their request logs elsewhere: Table 三 row by row (six applicant
    columns and 总计), Table 四 group by group (维持, 纠正, 其他, 尚未审结, 总计)."""

    table3: Annotated[dict[Literal[TABLE3_KEYS], Row7], BeforeValidator(drop_line_key)] = Field(default_factory=dict)
    table4: Annotated[dict[Literal[tuple(code for code, _ in APPEAL_KINDS)], Row5],
                      BeforeValidator(drop_line_key)] = Field(default_factory=dict)


class Report(Record):
    unit: Text
    year: Annotated[int, Field(strict=True, ge=2000, le=2100)]
    tasks: list[TaskProgress] = Field(default_factory=list)
    consultations: list[Consultation] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    interpretations: list[Interpretation] = Field(default_factory=list)
    meetings: list[Meeting] = Field(default_factory=list)
    evaluations: list[Evaluation] = Field(default_factory=list)
    trainings: list[Training] = Field(default_factory=list)
    requests: list[Request] = Field(default_factory=list)
    waivers: list[Waiver] = Field(default_factory=list)
    proactive: Proactive | None = None
    appeals: list[Appeal] = Field(default_factory=list)
    annual_report: AnnualReportText | None = None
    annual_report_figures: AnnualReportFigures | None = None


# For each record section: the date that places a record in its year, then the dates that may follow it, each
# with the date it must not precede. A record belongs to the year it starts in; later dates may reach the next year.
SECTION_DATES: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "consultations": ("opened", (("closed", "opened"),)),
    "decisions": ("issued", (("feedback_published", "issued"),)),
    "interpretations": ("published", ()),
    "meetings": ("date", (("opinions_published", "date"),)),
    "evaluations": ("completed", (("results_published", "completed"),)),
    "trainings": ("date", ()),
    "requests": ("received", (("correction_requested", "received"), ("correction_deadline", "correction_requested"),
                              ("corrected", "correction_requested|received"),
                              ("answered", "corrected|correction_requested|received"))),
}

SECTION_TITLE: dict[str, str] = {
    "consultations": "title", "decisions": "title", "interpretations": "policy", "meetings": "title",
    "evaluations": "topic", "trainings": "title", "requests": "ref",
}


def later_than(record: Record, reference: str) -> tuple[str, dt.date] | None:
    """The first present date among ``a|b`` alternatives, with its key."""
    for key in reference.split("|"):
        value = getattr(record, key)
        if value is not None:
            return key, value
    return None


# The Chinese label of each code of a closed list, by the key that holds it: messages name both.
VALUE_LABELS: dict[str, dict[str, str]] = {
    "status": TASK_STATUS_LABELS,
    "form": INTERPRETATION_FORM_LABELS,
    "applicant": dict(APPLICANTS),
    "outcome": {code: f"{group} {label}" if group else label for code, label, group in OUTCOMES},
    "kind": dict(APPEAL_KINDS),
    "result": dict(APPEAL_RESULTS),
}
