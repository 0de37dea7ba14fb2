"""report-missing: every unit that the catalog assigns tasks to files a report for the year.

A registry unit with catalog tasks and no report file for the year gets this one failure (and no finding of any
other rule, which would only repeat it). The finding points into the data repository: at the unit's entry in the
registry when the repository keeps its own, else at the ``reports:`` line of disclose.yaml, else at the first file
or folder read. Subject: the year.

Passes: a file with ``unit: 环翠区`` and ``year: 2024`` exists. Fails: no file for 环翠区 2024.
"""

from __future__ import annotations

from typing import Iterable

from ..base.phrase import Phrase, plural
from ..model.findings import Status, Verdict
from .base import RuleContext, UnitYear

ID = "report-missing"
NAME = Phrase("Report missing", "未报送落实情况")
SUBJECT = "year"
IN_CATALOG = False  # it judges the unit, not a row of the table
WITHOUT_REPORT = True  # the one rule that speaks for a unit without a report

DOC_ZH = """report-missing：承担重点工作的单位报送本年度落实情况。

依据：通知要求各责任单位制定工作配档表、抓好落实并报送落实情况。

计算方法：单位名录中承担重点工作任务、但没有本年度报告文件的单位，计未通过1项（其他规则不再重复判定该单位）。结果指向数据仓库中的文件：仓库有自己的单位名录的，指向名录中该单位的条目；否则指向 disclose.yaml 的 reports 行；再否则指向所读取的第一个文件或文件夹。对象：年度。

通过示例：存在 unit: 环翠区、year: 2024 的报告文件。

未通过示例：没有环翠区2024年的报告文件。
"""


def check(subject: UnitYear, ctx: RuleContext) -> Iterable[Verdict]:
    if subject.report is not None or not ctx.catalog.tasks_of(subject.unit.name):
        return
    tasks = len(ctx.catalog.tasks_of(subject.unit.name))
    yield Verdict(unit=subject.unit.name, status=Status.FAIL, subject=str(subject.year),
                  message=f"no report file for {subject.year}; {plural(tasks, 'task')} assigned to this unit",
                  message_zh=f"未报送{subject.year}年落实情况；本单位承担{tasks}项重点工作",
                  location=ctx.where_missing(subject.unit.name), year=subject.year)
