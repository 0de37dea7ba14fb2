"""meeting-frequency: public representatives attend an important meeting every half-year or quarter.

The notice's 会议公开 row: 市政府各部门、单位每半年至少邀请公众代表列席重要会议1次，各区市、开发区每季度1次
(rooted in 国办发〔2016〕80号, the 列席 system). A meeting counts when ``public_attendees`` ≥ 1. Departments are
judged per half-year (2024H1, 2024H2), districts and zones per quarter (2024Q1 … 2024Q4). One finding per unit
and window that has begun: pass once a meeting counts; fail when the window has ended without one; pending before.

Passes::

    meetings:
      - title: 2024年第一季度政府常务会议
        date: 2024-03-15
        public_attendees: 2

Fails (for 2024Q1)::

    meetings:
      - title: 2024年第一季度政府常务会议
        date: 2024-03-15
        public_attendees: 0      # nobody from the public attended
"""

from __future__ import annotations

from typing import Iterable

from ..model.findings import Phrase, Status, Verdict
from ..calendar.periods import windows
from .base import RuleContext, UnitYear, plural, section_line, verdict

ID = "meeting-frequency"


def check(subject: UnitYear, ctx: RuleContext) -> Iterable[Verdict]:
    if not ctx.assigned(ID, subject.unit):
        return
    span = ctx.parameters.meeting_span.get(subject.unit.kind, "half")
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
                f"{len(attended)}次会议邀请公众代表列席（首次：{first.title}，{first.date}）"), first.line, window.end)
            continue
        empty = Phrase(f"; {plural(len(in_window), 'meeting')} without public attendees",
                       f"；{len(in_window)}次会议无公众代表列席") if in_window else Phrase("", "")
        line = section_line(subject.report, "meetings", window)
        if ctx.as_of >= window.end:
            yield verdict(subject, window.label, Status.FAIL, Phrase(
                f"no meeting with public representatives in {window.label}",
                f"{window.label}未召开邀请公众代表列席的会议") + empty, line, window.end)
        else:
            yield verdict(subject, window.label, Status.PENDING, Phrase(
                f"no meeting with public representatives yet in {window.label}; window ends {window.end}",
                f"{window.label}尚未召开邀请公众代表列席的会议，期限{window.end}") + empty, line, window.end)
