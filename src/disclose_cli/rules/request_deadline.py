"""request-deadline: an information request (依申请公开) is answered within the statutory period.

政府信息公开条例 第三十三条: reply within 20 working days of receipt; with the approval of the office's head, at
most 20 more (``extended: true``); time spent consulting third parties or other agencies is not counted
(第三款, ``excluded_workdays``). 第三十条: after a correction (补正) the period runs from the day the corrected
application is received (``corrected``). The receipt day itself is not counted. Not answered: pending until the
due day has passed, then fail. A request carried over into the next year's report is judged once: in the report of
the year it was received, when that report is in the data and judged; else in the report that carries it.

Passes::

    requests:
      - ref: 威科技依申〔2024〕3号
        received: 2024-09-20
        answered: 2024-10-23     # the 20th working day after receipt, National Day not counted

Fails::

    requests:
      - ref: 威科技依申〔2024〕5号
        received: 2024-09-20
        answered: 2024-10-24     # one working day late, and not extended
"""

from __future__ import annotations

from typing import Iterable

from ..base.phrase import Phrase
from ..model.findings import Verdict
from .base import RuleContext, UnitYear, judge_due, verdict
from .rule import Duty, Figures as RuleFigures, Number, figure

ID = "request-deadline"
NAME = Phrase("Request deadline", "依申请公开答复时限")
SUBJECT = "record"
ANSWERED = Phrase("answered", "答复")
NOT_ANSWERED = Phrase("not answered", "尚未答复")


class Figures(RuleFigures):
    # 政府信息公开条例 第三十三条: 20个工作日内; 延长的期限最长不得超过20个工作日.
    request_workdays: Number = figure(20, "working days to answer an information request", "依申请公开答复工作日数")
    request_extension_workdays: Number = figure(20, "working days an approved extension adds",
                                                "经批准延长答复的工作日数")


def duties(unit: object, year: int, parameters: Figures) -> Iterable[Duty]:
    days, more = parameters.request_workdays, parameters.request_extension_workdays
    yield Duty(ID, "", None, Phrase(
        f"answer each information request within {days} working days (up to {more} more when approved)",
        f"收到申请之日起{days}个工作日内答复（经批准可延长{more}个工作日）"))


def check(subject: UnitYear, ctx: RuleContext) -> Iterable[Verdict]:
    parameters = ctx.parameters
    previous = ctx.report_of(subject.unit.name, subject.year - 1) if subject.year - 1 in ctx.judged_years else None
    judged_before = {request.ref for request in previous.requests} if previous else set()
    following = ctx.report_of(subject.unit.name, subject.year + 1)
    carried_on = {request.ref: request for request in following.requests if request.carried_over} \
        if following else {}
    for request in subject.report.requests:
        if request.received > ctx.as_of or (request.carried_over and request.ref in judged_before):
            continue  # a request carried over is judged once, in the report of the year it was received
        start = ctx.happened(request.corrected) or request.received
        limit = parameters.request_workdays + request.excluded_workdays
        if request.extended:
            limit += parameters.request_extension_workdays
        due = ctx.calendar.add(start, limit)
        later = carried_on.get(request.ref)
        answered = request.answered or (later.answered if later is not None else None)
        status, message, late = judge_due(ctx, answered, due, ANSWERED, NOT_ANSWERED)
        yield verdict(subject, request.ref, status, message, request.line, due, late)
