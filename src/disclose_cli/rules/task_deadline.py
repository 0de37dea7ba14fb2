"""task-deadline: each catalog task assigned to a unit is done by its deadline.

Every row of the year's table has a 完成时限 (全年 → 31 December; 2024年底前完成，长期坚持 → 31 December, then kept
up). Each task assigned to the unit, and each role task (重大行政决策承办部门 …) the unit lists, is judged:
done on or before its deadline → pass; done late (``done_on`` after the deadline) → fail; not done → pending until
the deadline has passed, then fail; ``not_applicable`` with its reason → waived. A task missing from the unit's
report counts as not started. Subject: the task id.

Passes::

    tasks:
      - task: training
        status: done
        done_on: 2024-11-30

Fails (after 2024-12-31)::

    tasks:
      - task: training
        status: in_progress
"""

from __future__ import annotations

from typing import Iterable

from ..base.phrase import Phrase
from ..model.findings import Status, Verdict
from ..model.report_file import TASK_STATUS_LABELS
from .base import RuleContext, UnitYear, judge_due, verdict

ID = "task-deadline"
NAME = Phrase("Task deadlines", "重点工作完成时限")
SUBJECT = "task"
FOLD_PENDING = True  # a district has dozens of tasks due on 31 December
DONE = Phrase("done", "完成")
NOT_DONE = Phrase("not done", "尚未完成")

DOC_ZH = """task-deadline：本单位承担的每项重点工作在完成时限内完成。

依据：年度重点工作及责任分工表中每一行的“完成时限”（全年即12月31日；“2024年底前完成，长期坚持”即12月31日前完成并长期坚持）。

计算方法：分配给本单位的每项任务，以及本单位以某种角色（如重大行政决策承办部门）报送的任务，均逐项判定：在完成时限当日或之前完成（status: done 且填写 done_on）为通过；晚于时限完成为未通过；尚未完成的，时限届满前为未到期，届满后为未通过；不适用（not_applicable）并写明理由的为豁免。报告中未列出的任务按未开始计。对象：任务。

通过示例::

    tasks:
      - task: training
        status: done
        done_on: 2024-11-30

未通过示例（2024-12-31之后）::

    tasks:
      - task: training
        status: in_progress
"""


def check(subject: UnitYear, ctx: RuleContext) -> Iterable[Verdict]:
    report = subject.report
    progress = {entry.task: entry for entry in report.tasks}
    assigned = [task for task in ctx.catalog.tasks_of(subject.unit.name) if ID in task.rules]
    assigned_ids = {task.id for task in assigned}
    # Role tasks the unit chose to report on, in the order it listed them.
    reported_roles = [ctx.catalog.by_id[entry.task] for entry in report.tasks
                      if entry.task not in assigned_ids and ID in ctx.catalog.by_id[entry.task].rules]
    for task in assigned + reported_roles:
        entry = progress.get(task.id)
        line = entry.line if entry else report.line
        if entry is not None and entry.status == "not_applicable":
            yield verdict(subject, task.id, Status.WAIVED,
                          Phrase(f"not applicable: {entry.note}", f"不适用：{entry.note}"), line, task.deadline)
            continue
        done = entry.done_on if entry is not None and entry.status == "done" else None
        status, message, late = judge_due(ctx, done, task.deadline, DONE, NOT_DONE)
        if entry is None:
            message += (" (not in the unit's report: counts as not started)", "（本单位报告未列此项，按未开始计）")
        elif done is not None and ctx.happened(done) is None:
            message += (f" (marked done on {done}, after the as-of date {ctx.as_of})",
                        f"（标记于{done}完成，晚于统计截止日{ctx.as_of}）")
        elif done is None:
            message += (f" (status: {entry.status})", f"（状态：{TASK_STATUS_LABELS[entry.status]}）")
        yield verdict(subject, task.id, status, message, line, task.deadline, late, done=ctx.happened(done))
