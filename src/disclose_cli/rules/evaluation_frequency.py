"""evaluation-frequency: policy evaluations completed and their results published within the year.

The notice's 政策评价 row: 制定政策性文件的部门、单位原则上每年至少开展1次专题性政策评价工作，各区市、开发区每年
至少2次; 年底前将评价结果和运用情况向社会公开. Departments need 1 evaluation a year, districts and zones 2, each
completed in the year with ``results_published`` by 31 December. Departments marked ``policy_maker: false`` in the
registry are not judged. Pass once enough evaluations have published results; fail when the year has ended short
of them; pending before. Subject: the year.

Passes (for a department)::

    evaluations:
      - topic: 稳就业政策实施效果评价
        completed: 2024-10-15
        results_published: 2024-12-10

Fails (for a department, at the year's end)::

    evaluations:
      - topic: 稳就业政策实施效果评价
        completed: 2024-10-15           # results never published
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Iterable

from ..model.findings import Phrase, Verdict
from ..calendar.periods import whole_year
from .base import RuleContext, UnitYear, judge_yearly, plural

if TYPE_CHECKING:
    from ..model.report_file import Evaluation, Report

ID = "evaluation-frequency"


def check(subject: UnitYear, ctx: RuleContext) -> Iterable[Verdict]:
    unit = subject.unit
    year = ctx.year_judged(ID, subject)
    if not unit.policy_maker or year is None:
        return
    required = ctx.parameters.evaluations_required.get(unit.kind, 1)
    completed, published = tally(subject.report, ctx.as_of)
    unpublished = len(completed) - len(published)
    shown = Phrase(f"{len(published)} of {plural(required, 'evaluation')} completed with results published",
                   f"完成并公开结果的政策评价{len(published)}次（要求{required}次）")
    if unpublished:
        shown += (f"; {unpublished} without published results", f"；另有{unpublished}次未公开评价结果")
    achieved = len(published) >= required
    yield judge_yearly(subject, ctx, year, achieved, shown, published[0].line if achieved else None, "evaluations")


def tally(report: Report, as_of: dt.date) -> tuple[list[Evaluation], list[Evaluation]]:
    """Evaluations completed by ``as_of``, and those of them whose results were published by the year's end
    (and by ``as_of``)."""
    last_day = min(whole_year(report.year).end, as_of)
    completed = [item for item in report.evaluations if item.completed <= as_of]
    published = [item for item in completed
                 if item.results_published is not None and item.results_published <= last_day]
    return completed, published
