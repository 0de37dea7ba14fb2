"""task-deadline at its edges: a task marked not applicable does not hide the tasks after it; the waived task
keeps its deadline; the day a task was done is the finding's ``done``; the messages in Chinese as in English.

Every 2024 task is due 2024-12-31.
"""

from __future__ import annotations

import datetime as dt

from helpers import only

RULE = "task-deadline"
DEADLINE = dt.date(2024, 12, 31)


def test_a_task_not_applicable_does_not_hide_the_tasks_after_it(run):
    findings = run("""
        tasks:
          - task: policy-evaluation
            status: not_applicable
            note: 本年度由上级统一组织
          - task: interpretation-forms
            status: done
            done_on: 2024-06-01
        """, "2024-12-31", rules=[RULE])
    # policy-evaluation is the department's first task in the catalog's order: the others are still judged.
    waived = only(findings, RULE, "policy-evaluation")
    assert (waived.status.value, waived.due, waived.location.line) == ("waived", DEADLINE, 2)
    assert (waived.message, waived.message_zh) == ("not applicable: 本年度由上级统一组织", "不适用：本年度由上级统一组织")
    done = only(findings, RULE, "interpretation-forms")
    assert (done.status.value, done.done, done.due) == ("pass", dt.date(2024, 6, 1), DEADLINE)
    assert done.message_zh == "完成于2024-06-01，未超期限（2024-12-31）"


def test_done_after_the_as_of_date_is_not_done_yet_in_both_languages(run):
    finding = only(run("tasks:\n  - task: training\n    status: done\n    done_on: 2024-12-20\n", "2024-12-19",
                       rules=[RULE]), RULE, "training")
    assert (finding.status.value, finding.done) == ("pending", None)
    assert finding.message_zh == "尚未完成，期限2024-12-31（标记于2024-12-20完成，晚于统计截止日2024-12-19）"


def test_done_late_is_done_on_its_day(run):
    finding = only(run("tasks:\n  - task: training\n    status: done\n    done_on: 2025-01-02\n", "2025-03-01",
                       rules=[RULE]), RULE, "training")
    assert (finding.status.value, finding.done, finding.overdue_workdays) == ("fail", dt.date(2025, 1, 2), 1)
    assert finding.message_zh == "完成于2025-01-02，超过期限2024-12-31共1个工作日"


def test_a_task_missing_and_a_task_in_progress_in_chinese(run):
    findings = run("tasks:\n  - task: training\n    status: in_progress\n", "2024-12-30", rules=[RULE])
    assert only(findings, RULE, "training").message_zh == "尚未完成，期限2024-12-31（状态：推进中）"
    assert only(findings, RULE, "interpretation-forms").message_zh \
        == "尚未完成，期限2024-12-31（本单位报告未列此项，按未开始计）"
