"""consultation-period: a draft is open for public comment for at least 30 days.

重大行政决策程序暂行条例 第十四条: 公开征求意见的期限一般不少于30日; a shorter period must be explained when the
consultation is published. Days are counted as 民法典 第二百零一条 counts them: the opening day is not counted,
so ``closed - opened`` must be at least 30 days. A consultation is judged from its declared dates as soon as it
has opened. Shorter with a ``short_reason`` → waived, the reason shown; shorter without one → fail.

Passes::

    consultations:
      - title: 威海市养老服务条例(草案)
        opened: 2024-03-01
        closed: 2024-03-31      # 30 days after the opening day

Fails::

    consultations:
      - title: 城区停车收费调整方案
        opened: 2024-03-01
        closed: 2024-03-21      # 20 days, no short_reason
"""

from __future__ import annotations

from typing import Iterable

from ..base.phrase import Phrase
from ..model.findings import Status, Verdict
from .base import RuleContext, UnitYear, verdict
from .rule import Duty, Figures as RuleFigures, Number, figure

ID = "consultation-period"
NAME = Phrase("Consultation period", "意见征集期限")
SUBJECT = "record"

DOC_ZH = """consultation-period：重大行政决策草案公开征求意见的期限不少于30日。

依据：《重大行政决策程序暂行条例》第十四条“公开征求意见的期限一般不少于30日；因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明”。

计算方法：按《民法典》第二百零一条，开始的当日不计入，即截止日期减开始日期不少于30日。意见征集一经开始即按所填起止日期判定：满30日为通过；不足30日但填写了缩短期限的理由（short_reason）为豁免并显示理由；不足30日且未说明理由为未通过。对象：征集事项的标题。

通过示例::

    consultations:
      - title: 威海市养老服务条例(草案)
        opened: 2024-03-01
        closed: 2024-03-31      # 开始日不计入，满30日

未通过示例::

    consultations:
      - title: 城区停车收费调整方案
        opened: 2024-03-01
        closed: 2024-03-21      # 仅20日，且未说明理由
"""


class Figures(RuleFigures):
    consultation_days: Number = figure(
        30, "least days a draft is open for comment", "公开征求意见最少日数")  # 重大行政决策程序暂行条例 第十四条


def duties(unit: object, year: int, parameters: Figures) -> Iterable[Duty]:
    days = parameters.consultation_days
    yield Duty(ID, "", None, Phrase(f"keep each draft open for public comment at least {days} days",
                                    f"公开征求意见的期限不少于{days}日（不足的须公开说明理由）"))


def check(subject: UnitYear, ctx: RuleContext) -> Iterable[Verdict]:
    minimum = ctx.parameters.consultation_days
    for consultation in subject.report.consultations:
        if consultation.opened > ctx.as_of:
            continue
        days = (consultation.closed - consultation.opened).days
        span = Phrase(f"open {days} days ({consultation.opened} to {consultation.closed})",
                      f"公开征求意见{days}日（{consultation.opened}至{consultation.closed}）")
        if days >= minimum:
            status, message = Status.PASS, span
        elif consultation.short_reason:
            status = Status.WAIVED
            message = span + (f", under {minimum}; reason given: {consultation.short_reason}",
                              f"，不足{minimum}日；已说明理由：{consultation.short_reason}")
        else:
            status = Status.FAIL
            message = span + (f", {minimum - days} short of {minimum} and no short_reason published",
                              f"，比{minimum}日少{minimum - days}日，且未说明缩短期限的理由")
        yield verdict(subject, consultation.title, status, message, consultation.line)
