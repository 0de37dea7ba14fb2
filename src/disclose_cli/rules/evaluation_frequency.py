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

from typing import Annotated, Iterable, Sequence

from ..base.phrase import Phrase, plural
from ..calendar.periods import whole_year
from ..model.findings import Finding, Verdict
from ..model.registry import UnitKind
from .base import RuleContext, UnitYear, judge_yearly, measure_of, section_line
from .rule import Count, Duty, Figures as RuleFigures, Number, figure, over_defaults

ID = "evaluation-frequency"
NAME = Phrase("Policy evaluations", "政策评价")
SUBJECT = "year"
# The notice's 政策评价 row: departments at least 1 a year, districts and zones at least 2.
REQUIRED = {"department": 1, "other": 1, "district": 2, "zone": 2}

DOC_ZH = """evaluation-frequency：年内完成专题性政策评价并公开评价结果。

依据：通知“政策评价”一行“制定政策性文件的部门、单位原则上每年至少开展1次专题性政策评价工作，各区市、开发区每年至少2次”“年底前将评价结果和运用情况向社会公开”。

计算方法：部门每年至少1次，区市和开发区至少2次，每次须在年内完成并于12月31日前公开结果（results_published）。单位名录中标为不制定政策性文件（policy_maker: false）的单位不判定。完成并公开结果的次数达到要求为通过；年度结束仍不足为未通过；此前为未到期。对象：年度。

通过示例（部门）::

    evaluations:
      - topic: 稳就业政策实施效果评价
        completed: 2024-10-15
        results_published: 2024-12-10

未通过示例（部门，年度结束后）::

    evaluations:
      - topic: 稳就业政策实施效果评价
        completed: 2024-10-15           # 评价结果始终未公开
"""


class Figures(RuleFigures):
    evaluations_required: Annotated[dict[UnitKind, Number], over_defaults(REQUIRED)] = figure(
        REQUIRED, "policy evaluations a year per unit kind", "各类单位每年应完成的政策评价次数")


def check(subject: UnitYear, ctx: RuleContext) -> Iterable[Verdict]:
    unit = subject.unit
    year = ctx.year_judged(ID, subject)
    if not unit.policy_maker or year is None:
        return
    required = ctx.parameters.evaluations_required[unit.kind]
    # Evaluations completed by the as-of date, and those of them whose results were published by the year's end.
    last_day = min(year.end, ctx.as_of)
    completed = [item for item in subject.report.evaluations if item.completed <= ctx.as_of]
    published = [item for item in completed
                 if item.results_published is not None and item.results_published <= last_day]
    unpublished = len(completed) - len(published)
    shown = Phrase(f"{len(published)} of {plural(required, 'evaluation')} completed with results published",
                   f"完成并公开结果的政策评价{len(published)}次（要求{required}次）")
    if unpublished:
        shown += (f"; {unpublished} without published results", f"；另有{unpublished}次未公开评价结果")
    pass_line = published[0].line if published else section_line(subject.report, "evaluations")
    dates = sorted(item.results_published for item in published)
    reached = dates[required - 1] if 0 < required <= len(dates) else None
    yield judge_yearly(subject, ctx, year, Count(len(published), required), shown, pass_line, "evaluations", reached)


def tally(findings: Sequence[Finding]) -> Count | None:
    """Evaluations completed with results published, of those required."""
    return measure_of(findings)


def duties(unit: object, year: int, parameters: Figures) -> Iterable[Duty]:
    if not unit.policy_maker:
        return
    required = parameters.evaluations_required[unit.kind]
    yield Duty(ID, str(year), whole_year(year).end, Phrase(
        f"at least {plural(required, 'policy evaluation')}, results published by the year's end",
        f"至少开展{required}次专题性政策评价，年底前公开评价结果和运用情况"))

