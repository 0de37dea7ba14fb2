"""request-deadline: an information request (依申请公开) is answered within the statutory period.

政府信息公开条例 第三十三条: reply within 20 working days of receipt; with the approval of the office's head, at
most 20 more (``extended: true``); time spent consulting third parties or other agencies is not counted
(第三款, ``excluded_workdays``). The receipt day itself is not counted. Not answered: pending until the due day has
passed, then fail. A request carried over into the next year's report is judged once: in the report of the year
it was received, when that report is in the data and judged; else in the report that carries it.

补正 (第三十条): an unclear application is sent back for correction within 7 working days of receipt
(``correction_requested``; later is a failure of its own, subject ``REF 补正告知``), with a reasonable period
(``correction_deadline``). While the applicant has not corrected it the answer period does not run: the request
is pending, waiting for the applicant. Once the corrected application arrives (``corrected``, even after the
deadline) the 20 (or 40) working days run from that day. No 补正 by the deadline: the applicant is taken to have
given up (视为放弃申请) the day after it, and no answer is due; its Table 三 outcome is （六）其他处理 1
(``other.no_correction``), which annual-report-arithmetic checks.

Passes::

    requests:
      - ref: 威科技依申〔2024〕3号
        received: 2024-09-20
        answered: 2024-10-23     # the 20th working day after receipt, National Day not counted
      - ref: 威科技依申〔2024〕4号
        received: 2024-09-20
        correction_requested: 2024-09-25   # within 7 working days
        corrected: 2024-10-10
        answered: 2024-11-06     # the 20th working day after the corrected application

Fails::

    requests:
      - ref: 威科技依申〔2024〕5号
        received: 2024-09-20
        answered: 2024-10-24     # one working day late, and not extended
      - ref: 威科技依申〔2024〕6号
        received: 2024-09-02
        correction_requested: 2024-09-12   # the 8th working day after receipt: too late to ask for a 补正
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from ..base.phrase import Phrase
from ..model.findings import Status, Verdict
from ..model.report_file import Request
from .base import RuleContext, UnitYear, judge_due, verdict
from .rule import Duty, Figures as RuleFigures, Number, figure

ID = "request-deadline"
NAME = Phrase("Request deadline", "依申请公开答复时限")
SUBJECT = "record"
ANSWERED = Phrase("answered", "答复")
NOT_ANSWERED = Phrase("not answered", "尚未答复")
ASKED = Phrase("correction requested", "告知补正")
NOT_ASKED = Phrase("correction not requested", "尚未告知补正")

DOC_ZH = """request-deadline：依申请公开在法定期限内答复。

依据：《政府信息公开条例》第三十三条“能够当场答复的，应当当场予以答复；不能当场答复的，应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日”，征求第三方和其他机关意见所需时间不计算在内；第三十条“自收到申请之日起7个工作日内一次性告知申请人作出补正”“答复期限自行政机关收到补正的申请之日起计算”“申请人无正当理由逾期不补正的，视为放弃申请”。

计算方法：自收到申请（received）次日起算20个工作日；经批准延期（extended: true）再加20个工作日；征求意见等不计入的工作日（excluded_workdays）顺延。告知补正（correction_requested）须在收到申请后第7个工作日内，晚于此为单独一项未通过（对象“编号 补正告知”）；等待补正期间答复期限不起算，显示为未到期；收到补正申请（corrected）后，20（或40）个工作日自该日起算；补正期限（correction_deadline）届满仍未补正的，次日起视为放弃申请，不再判定答复期限，表三应计入（六）其他处理第1项。尚未答复的，期限届满前为未到期，届满后为未通过。跨年结转的申请只判定一次。对象：申请编号。

通过示例::

    requests:
      - ref: 威科技依申〔2024〕3号
        received: 2024-09-20
        answered: 2024-10-23     # 收到申请后第20个工作日，国庆假期不计入
      - ref: 威科技依申〔2024〕4号
        received: 2024-09-20
        correction_requested: 2024-09-25   # 7个工作日内告知补正
        corrected: 2024-10-10
        answered: 2024-11-06     # 收到补正申请后第20个工作日

未通过示例::

    requests:
      - ref: 威科技依申〔2024〕5号
        received: 2024-09-20
        answered: 2024-10-24     # 晚1个工作日，且未经批准延期
      - ref: 威科技依申〔2024〕6号
        received: 2024-09-02
        correction_requested: 2024-09-12   # 收到申请后第8个工作日才告知补正
"""


class Figures(RuleFigures):
    # 政府信息公开条例 第三十三条: 20个工作日内; 延长的期限最长不得超过20个工作日; 第三十条: 7个工作日内一次性告知补正.
    request_workdays: Number = figure(20, "working days to answer an information request", "依申请公开答复工作日数")
    request_extension_workdays: Number = figure(20, "working days an approved extension adds",
                                                "经批准延长答复的工作日数")
    correction_notice_workdays: Number = figure(7, "working days after receipt to ask for a correction (补正)",
                                                "收到申请后一次性告知补正的工作日数")


def duties(unit: object, year: int, parameters: Figures) -> Iterable[Duty]:
    days, more = parameters.request_workdays, parameters.request_extension_workdays
    notice = parameters.correction_notice_workdays
    yield Duty(ID, "", None, Phrase(
        f"answer each information request within {days} working days (up to {more} more when approved); ask for "
        f"a correction within {notice} working days of receipt",
        f"收到申请之日起{days}个工作日内答复（经批准可延长{more}个工作日）；需补正的，{notice}个工作日内一次性告知"))


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
        later = carried_on.get(request.ref)
        asked = ctx.happened(request.correction_requested)
        if asked is not None:
            due = ctx.calendar.add(request.received, parameters.correction_notice_workdays)
            status, message, late = judge_due(ctx, asked, due, ASKED, NOT_ASKED)
            yield verdict(subject, f"{request.ref} 补正告知", status, message, request.line, due, late, done=asked)
        corrected = ctx.happened(request.corrected or (later.corrected if later is not None else None))
        answered = request.answered or (later.answered if later is not None else None)
        if asked is not None and corrected is None:
            if ctx.happened(answered) is None:
                yield from _waiting(subject, ctx, request, asked)
            continue  # no corrected application: the answer period never began
        start = corrected or request.received
        limit = parameters.request_workdays + request.excluded_workdays
        if request.extended:
            limit += parameters.request_extension_workdays
        due = ctx.calendar.add(start, limit)
        status, message, late = judge_due(ctx, answered, due, ANSWERED, NOT_ANSWERED)
        yield verdict(subject, request.ref, status, message, request.line, due, late, done=ctx.happened(answered))


def _waiting(subject: UnitYear, ctx: RuleContext, request: Request, asked: dt.date) -> Iterable[Verdict]:
    """Pending while the applicant may still correct; nothing once the deadline has passed (given up)."""
    deadline = request.correction_deadline
    if deadline is not None and ctx.as_of > deadline:
        return  # 视为放弃申请: no answer is due; Table 三 counts it under （六）1
    until = Phrase(f", correction deadline {deadline}", f"，补正期限{deadline}") if deadline else Phrase("", "")
    yield verdict(subject, request.ref, Status.PENDING, Phrase(
        f"waiting for the applicant's correction (asked {asked}{until.en}); the answer period has not begun",
        f"等待申请人补正（{asked}告知补正{until.zh}），答复期限尚未起算"), request.line)
