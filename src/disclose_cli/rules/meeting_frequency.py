"""meeting-frequency: public representatives attend an important meeting every half-year or quarter.

The notice's 会议公开 row: 市政府各部门、单位每半年至少邀请公众代表列席重要会议1次，各区市、开发区每季度1次
(rooted in 国办发〔2016〕80号, the 列席 system). A meeting counts when ``public_attendees`` ≥ 1. Departments are
judged per half-year (2024H1, 2024H2), districts and zones per quarter (2024Q1 … 2024Q4). One finding per unit
and window that has begun: pass once a meeting counts; fail when the window has ended without one; pending before.

Passes (a department)::

    meetings:
      - title: 2024年第一季度局长办公会议
        date: 2024-03-15
        public_attendees: 2
      - title: 2024年第三季度局长办公会议
        date: 2024-09-12
        public_attendees: 1

Fails (a department, 2024H1)::

    meetings:
      - title: 2024年第一季度局长办公会议
        date: 2024-03-15
        public_attendees: 0      # nobody from the public attended
"""

from __future__ import annotations

from typing import Annotated, Iterable, Literal, Sequence

from ..base.phrase import Phrase, plural
from ..calendar.periods import parse_period, windows
from ..model.findings import Finding, Status, Verdict
from ..model.registry import UnitKind
from .base import RuleContext, UnitYear, section_line, verdict
from .rule import Duty, Figures as RuleFigures, WindowCell, figure, over_defaults

ID = "meeting-frequency"
NAME = Phrase("Public at meetings", "公众代表列席会议")
SUBJECT = "window"
# The notice's 会议公开 row: departments every half-year, districts and zones every quarter.
SPANS = {"department": "half", "other": "half", "district": "quarter", "zone": "quarter"}

DOC_ZH = """meeting-frequency：邀请公众代表列席重要会议，市政府各部门每半年、各区市和开发区每季度至少1次。

依据：通知“会议公开”一行“市政府各部门、单位每半年至少邀请公众代表列席重要会议1次，各区市、开发区每季度1次”（源于国办发〔2016〕80号关于利益相关方、公众代表列席会议的要求）。

计算方法：列席公众代表人数（public_attendees）不少于1人的会议方才计入。部门按半年（上半年、下半年）判定，区市和开发区按季度判定；每个已开始的期间一项：期间内有计入的会议为通过，期间结束仍没有为未通过，结束前为未到期。对象：期间，如2024年第一季度（2024Q1）。

通过示例（部门）::

    meetings:
      - title: 2024年第一季度局长办公会议
        date: 2024-03-15
        public_attendees: 2
      - title: 2024年第三季度局长办公会议
        date: 2024-09-12
        public_attendees: 1

未通过示例（部门，2024年上半年）::

    meetings:
      - title: 2024年第一季度局长办公会议
        date: 2024-03-15
        public_attendees: 0      # 没有公众代表列席
"""


class Figures(RuleFigures):
    meeting_span: Annotated[dict[UnitKind, Literal["quarter", "half"]], over_defaults(SPANS)] = figure(
        SPANS, "window per unit kind for a meeting with public representatives", "各类单位邀请公众代表列席会议的周期")


def check(subject: UnitYear, ctx: RuleContext) -> Iterable[Verdict]:
    if not ctx.assigned(ID, subject.unit):
        return
    span = ctx.parameters.meeting_span[subject.unit.kind]
    held = sorted((meeting for meeting in subject.report.meetings if meeting.date <= ctx.as_of),
                  key=lambda meeting: meeting.date)
    for window in windows(subject.year, span):
        if ctx.as_of < window.start:
            continue
        in_window = [meeting for meeting in held if meeting.date in window]
        attended = [meeting for meeting in in_window if meeting.public_attendees >= 1]
        if attended:
            first = attended[0]
            yield verdict(subject, window.label, Status.PASS, Phrase(
                f"{plural(len(attended), 'meeting')} with public representatives (first: {first.title}, {first.date})",
                f"{len(attended)}次会议邀请公众代表列席（首次：{first.title}，{first.date}）"), first.line, window.end,
                done=first.date)
            continue
        empty = Phrase(f"; {plural(len(in_window), 'meeting')} without public attendees",
                       f"；{len(in_window)}次会议无公众代表列席") if in_window else Phrase("", "")
        line = section_line(subject.report, "meetings", window)
        if ctx.as_of >= window.end:
            yield verdict(subject, window.label, Status.FAIL, Phrase(
                f"no meeting with public representatives in {window.label}",
                f"{window.name_zh}未召开邀请公众代表列席的会议") + empty, line, window.end)
        else:
            yield verdict(subject, window.label, Status.PENDING, Phrase(
                f"no meeting with public representatives yet in {window.label}; window ends {window.end}",
                f"{window.name_zh}尚未召开邀请公众代表列席的会议，期限{window.end}") + empty, line, window.end)


def tally(findings: Sequence[Finding]) -> tuple[WindowCell, ...] | None:
    """Every window of the unit's year with its status; windows not begun yet are ``future``."""
    if not findings:
        return None
    judged = {finding.subject: finding.status.value for finding in findings}
    first = parse_period(findings[0].subject)
    span = "quarter" if first.label[4:5] == "Q" else "half"
    return tuple(WindowCell(window.label, judged.get(window.label, "future"))
                 for window in windows(first.start.year, span))


def duties(unit: object, year: int, parameters: Figures) -> Iterable[Duty]:
    span = parameters.meeting_span[unit.kind]
    every = ("every quarter", "每季度") if span == "quarter" else ("every half-year", "每半年")
    for window in windows(year, span):
        yield Duty(ID, window.label, window.end, Phrase(
            f"at least one important meeting with public representatives {every[0]}",
            f"{every[1]}至少邀请公众代表列席重要会议1次"))
