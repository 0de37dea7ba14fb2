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

from ..findings import Status, Verdict
from ..periods import whole_year
from .base import RuleContext, UnitYear, section_line, verdict

ID = "training-frequency"


def check(subject: UnitYear, ctx: RuleContext) -> Iterable[Verdict]:
    if not ctx.assigned(ID, subject.unit):
        return
    year = whole_year(subject.year)
    if ctx.as_of < year.start:
        return
    required = ctx.parameters.trainings_required
    held = [training for training in subject.report.trainings if training.date <= ctx.as_of]
    shown = f"{len(held)} training{'s' * (len(held) != 1)} recorded (at least {required} a year)"
    if len(held) >= required:
        yield verdict(subject, year.label, Status.PASS, shown, held[0].line, year.end)
    elif ctx.as_of >= year.end:
        yield verdict(subject, year.label, Status.FAIL, f"{shown} by {year.end}",
                      section_line(subject.report, "trainings"), year.end)
    else:
        yield verdict(subject, year.label, Status.PENDING, f"{shown} so far; due {year.end}",
                      section_line(subject.report, "trainings"), year.end)
