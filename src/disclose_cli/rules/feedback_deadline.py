"""feedback-deadline: the results of a consultation are published within 10 working days of the decision.

The notice's 结果反馈 row: 决策文件出台后10个工作日内, 详细公开前期意见收集、采纳情况以及较为集中意见不予采纳原因.
``feedback_published`` must fall on or before the 10th working day after ``issued`` (the issue day itself not
counted). Without feedback the decision is pending until that day has passed, then it fails.

Passes::

    decisions:
      - title: 关于进一步优化营商环境的若干措施
        issued: 2024-09-27
        feedback_published: 2024-10-16   # the 10th working day after, across National Day and its make-up days

Fails::

    decisions:
      - title: 关于调整公共租赁住房租金标准的通知
        issued: 2024-09-27
        feedback_published: 2024-10-17   # one working day late
"""

from __future__ import annotations

from typing import Iterable

from ..base.phrase import Phrase
from ..model.findings import Verdict
from .base import RuleContext, UnitYear, judge_due, verdict
from .rule import Duty, Figures as RuleFigures, Number, figure

ID = "feedback-deadline"
NAME = Phrase("Feedback deadline", "结果反馈时限")
SUBJECT = "record"
PUBLISHED = Phrase("feedback published", "结果反馈公开")
NOT_PUBLISHED = Phrase("feedback not published", "尚未公开结果反馈")

DOC_ZH = """feedback-deadline：决策文件出台后10个工作日内公开意见收集、采纳情况（结果反馈）。

依据：通知“结果反馈”一行“决策文件出台后10个工作日内，详细公开前期意见收集、采纳情况以及较为集中意见不予采纳原因”。

计算方法：结果反馈公开日期（feedback_published）不得晚于出台日期（issued）后第10个工作日，出台当日不计入，节假日和调休上班日按国务院安排。尚未公开的，期限届满前为未到期，届满后为未通过。对象：决策文件的标题。

通过示例::

    decisions:
      - title: 关于进一步优化营商环境的若干措施
        issued: 2024-09-27
        feedback_published: 2024-10-16   # 跨国庆假期及调休上班日，恰为第10个工作日

未通过示例::

    decisions:
      - title: 关于调整公共租赁住房租金标准的通知
        issued: 2024-09-27
        feedback_published: 2024-10-17   # 晚1个工作日
"""


class Figures(RuleFigures):
    feedback_workdays: Number = figure(
        10, "working days after a decision to publish the feedback", "决策文件出台后公开结果反馈的工作日数")


def duties(unit: object, year: int, parameters: Figures) -> Iterable[Duty]:
    days = parameters.feedback_workdays
    yield Duty(ID, "", None, Phrase(f"publish the consultation feedback within {days} working days of each decision",
                                    f"决策文件出台后{days}个工作日内公开意见收集、采纳情况"))


def check(subject: UnitYear, ctx: RuleContext) -> Iterable[Verdict]:
    for decision in subject.report.decisions:
        if decision.issued > ctx.as_of:
            continue
        due = ctx.calendar.add(decision.issued, ctx.parameters.feedback_workdays)
        status, message, late = judge_due(ctx, decision.feedback_published, due, PUBLISHED, NOT_PUBLISHED)
        yield verdict(subject, decision.title, status, message, decision.line, due, late,
                      done=ctx.happened(decision.feedback_published))
