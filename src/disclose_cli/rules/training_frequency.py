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

from typing import Iterable

from ..model.findings import Phrase, Verdict
from .base import RuleContext, UnitYear, judge_yearly, plural

ID = "training-frequency"


def check(subject: UnitYear, ctx: RuleContext) -> Iterable[Verdict]:
    year = ctx.year_judged(ID, subject)
    if year is None:
        return
    required = ctx.parameters.trainings_required
    held = [training for training in subject.report.trainings if training.date <= ctx.as_of]
    shown = Phrase(f"{plural(len(held), 'training')} recorded (at least {required} a year)",
                   f"记录业务培训{len(held)}次（每年至少{required}次）")
    achieved = len(held) >= required
    yield judge_yearly(subject, ctx, year, achieved, shown, held[0].line if achieved else None, "trainings")
