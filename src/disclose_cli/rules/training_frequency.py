"""training-frequency: every unit holds at least one training a year.

The notice's 业务培训 row: 各单位每年至少组织1次集中学习培训 (and 政府信息公开条例 第四十八条: 定期进行培训).
Pass once a training in the year is recorded; fail when the year has ended without one; pending before.
Subject: the year.

Passes::

    trainings:
      - title: 2024年政务公开业务培训
        date: 2024-06-20

Fails (at the year's end)::

    trainings: []
"""

from __future__ import annotations

from typing import Iterable, Sequence

from ..base.phrase import Phrase, plural
from ..calendar.periods import whole_year
from ..model.findings import Finding, Verdict
from .base import RuleContext, UnitYear, judge_yearly, measure_of, section_line
from .rule import Count, Duty, Figures as RuleFigures, Number, figure

ID = "training-frequency"
NAME = Phrase("Training", "业务培训")
SUBJECT = "year"

DOC_ZH = """training-frequency：每年至少组织1次集中学习培训。

依据：通知“业务培训”一行“各单位每年至少组织1次集中学习培训”；《政府信息公开条例》第四十八条“应当加强对政府信息公开工作人员的业务培训”。

计算方法：年内记录培训达到要求次数为通过；年度结束仍没有为未通过；此前为未到期。对象：年度。

通过示例::

    trainings:
      - title: 2024年政务公开业务培训
        date: 2024-06-20

未通过示例（年度结束后）::

    trainings: []
"""


class Figures(RuleFigures):
    trainings_required: Number = figure(1, "trainings a year", "每年应组织的集中学习培训次数")  # 各单位每年至少组织1次


def check(subject: UnitYear, ctx: RuleContext) -> Iterable[Verdict]:
    year = ctx.year_judged(ID, subject)
    if year is None:
        return
    required = ctx.parameters.trainings_required
    held = [training for training in subject.report.trainings if training.date <= ctx.as_of]
    shown = Phrase(f"{plural(len(held), 'training')} recorded (at least {required} a year)",
                   f"记录业务培训{len(held)}次（每年至少{required}次）")
    pass_line = held[0].line if held else section_line(subject.report, "trainings")
    reached = sorted(training.date for training in held)[required - 1] if 0 < required <= len(held) else None
    yield judge_yearly(subject, ctx, year, Count(len(held), required), shown, pass_line, "trainings", reached)


def tally(findings: Sequence[Finding]) -> Count | None:
    """Trainings held, of those required."""
    return measure_of(findings)


def duties(unit: object, year: int, parameters: Figures) -> Iterable[Duty]:
    required = parameters.trainings_required
    yield Duty(ID, str(year), whole_year(year).end, Phrase(f"at least {plural(required, 'training')}",
                                                           f"至少组织{required}次集中学习培训"))

