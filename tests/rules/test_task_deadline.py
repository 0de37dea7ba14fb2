"""task-deadline: every assigned catalog task (and each role task a unit reports) done by its deadline.

Every 2024 task is due 2024-12-31 (全年 / 2024年底前完成，长期坚持). 2025-01-01 is a day off, so the first working day
after the deadline is 2025-01-02.
"""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import only, statuses

RULE = "task-deadline"
DEADLINE = dt.date(2024, 12, 31)


def task(task_id: str = "training", status: str = "done", done_on: str | None = None,
         note: str | None = None) -> str:
    extra = (f"\n    done_on: {done_on}" if done_on else "") + (f"\n    note: {note}" if note else "")
    return f"""
tasks:
  - task: {task_id}
    status: {status}{extra}
"""


def judged(run, snippet: str, as_of: str, subject: str = "training", unit: str = "市教育局"):
    return only(run(snippet, as_of, rules=[RULE], unit=unit), RULE, subject, unit)


@pytest.mark.parametrize(("done_on", "status"), [
    ("2024-12-30", "pass"),
    ("2024-12-31", "pass"),
    ("2025-01-02", "fail"),
])
def test_done_around_the_deadline(run, done_on, status):
    finding = judged(run, task(done_on=done_on), "2025-03-01")
    assert (finding.subject, finding.status.value, finding.location.line) == ("training", status, 2)
    assert finding.due == DEADLINE


def test_done_on_the_deadline_says_on_time(run):
    assert "done 2024-12-31, on time (due 2024-12-31)" in judged(run, task(done_on="2024-12-31"), "2025-03-01").message


def test_done_in_the_next_year_fails_by_working_days(run):
    finding = judged(run, task(done_on="2025-01-02"), "2025-03-01")
    assert "done 2025-01-02, 1 working day after the due date 2024-12-31" in finding.message
    assert finding.overdue_workdays == 1


def test_done_on_new_years_day_is_late(run):
    # 2025-01-01 is after the deadline even though it is not a working day: late by a day off only.
    finding = judged(run, task(done_on="2025-01-01"), "2025-03-01")
    assert finding.status.value == "fail"
    assert finding.message == "done 2025-01-01, 1 day (no working day) after the due date 2024-12-31"
    assert finding.overdue_workdays == 0


def test_done_early_passes_at_once(run):
    assert judged(run, task(done_on="2024-06-01"), "2024-06-01").status.value == "pass"


def test_not_applicable_is_waived_with_its_note(run):
    finding = judged(run, task(status="not_applicable", note="本单位未组织此项工作"), "2025-03-01")
    assert (finding.status.value, finding.location.line) == ("waived", 2)
    assert "not applicable: 本单位未组织此项工作" in finding.message


NOT_IN_REPORT = " (not in the unit's report: counts as not started)"


@pytest.mark.parametrize(("as_of", "status", "message", "overdue"), [
    ("2024-12-30", "pending", "not done yet; due 2024-12-31", None),
    ("2024-12-31", "fail", "not done; due 2024-12-31", 0),
    ("2025-01-01", "fail", "not done; due 2024-12-31, overdue by 1 day (no working day)", 0),
    ("2025-01-02", "fail", "not done; due 2024-12-31, overdue by 1 working day", 1),
])
def test_a_task_missing_from_the_report(run, as_of, status, message, overdue):
    # Not in the report: the finding points at the report's first line (``tasks: []``, line 1).
    finding = judged(run, "tasks: []\n", as_of)
    assert (finding.status.value, finding.location.line) == (status, 1)
    assert finding.message == message + NOT_IN_REPORT
    assert finding.overdue_workdays == overdue


def test_missing_overdue_counts_working_days(run):
    assert "overdue" not in judged(run, "tasks: []\n", "2024-12-31").message
    assert "overdue by 1 working day" in judged(run, "tasks: []\n", "2025-01-02").message
    # 2025-01-03 (Fri) and 2025-01-06 (Mon): 3 working days; the weekend between is not counted.
    assert "overdue by 3 working days" in judged(run, "tasks: []\n", "2025-01-06").message


def test_a_missing_task_points_at_the_report_first_line_not_at_the_tasks_section(run):
    # The report's first key is ``unit:`` on line 2 (after a comment); the tasks section starts on line 4.
    snippet = """
        # 市教育局 2024年度政务公开工作台账
        unit: 市教育局
        year: 2024
        tasks:
          - task: training
            status: done
            done_on: 2024-06-01
        """
    findings = run(snippet, "2024-12-31", rules=[RULE])
    assert only(findings, RULE, "training").location.line == 5
    missing = only(findings, RULE, "interpretation-forms")
    assert (missing.status.value, missing.location.line) == ("fail", 2)
    assert missing.message.endswith(NOT_IN_REPORT)


@pytest.mark.parametrize(("as_of", "status", "message"), [
    ("2024-12-30", "pending", "not done yet; due 2024-12-31 (status: in_progress)"),
    ("2024-12-31", "fail", "not done; due 2024-12-31 (status: in_progress)"),
    ("2025-01-02", "fail", "not done; due 2024-12-31, overdue by 1 working day (status: in_progress)"),
])
def test_in_progress(run, as_of, status, message):
    finding = judged(run, task(status="in_progress"), as_of)
    assert (finding.status.value, finding.location.line) == (status, 2)
    assert finding.message == message


def test_planned_names_its_status(run):
    finding = judged(run, task(status="planned"), "2024-12-30")
    assert finding.message == "not done yet; due 2024-12-31 (status: planned)"


def test_done_on_after_the_as_of_date_is_treated_as_not_done(run):
    snippet = task(done_on="2024-12-20")
    before = judged(run, snippet, "2024-12-19")
    assert (before.status.value, before.location.line) == ("pending", 2)
    assert before.message == "not done yet; due 2024-12-31 (marked done on 2024-12-20, after the as-of date 2024-12-19)"
    assert "status:" not in before.message
    on_the_day = judged(run, snippet, "2024-12-20")
    assert on_the_day.status.value == "pass"
    assert on_the_day.message == "done 2024-12-20, on time (due 2024-12-31)"


def test_done_next_year_judged_before_it_happened(run):
    snippet = task(done_on="2025-01-02")
    assert judged(run, snippet, "2024-12-30").status.value == "pending"
    on_deadline = judged(run, snippet, "2024-12-31")
    assert on_deadline.status.value == "fail"
    assert on_deadline.message \
        == "not done; due 2024-12-31 (marked done on 2025-01-02, after the as-of date 2024-12-31)"
    new_years_day = judged(run, snippet, "2025-01-01")
    assert new_years_day.message == ("not done; due 2024-12-31, overdue by 1 day (no working day) "
                                     "(marked done on 2025-01-02, after the as-of date 2025-01-01)")
    assert new_years_day.overdue_workdays == 0
    assert judged(run, snippet, "2025-01-02").message \
        == "done 2025-01-02, 1 working day after the due date 2024-12-31"


def test_a_role_task_reported_by_a_department_is_judged(run):
    # decision-consultation is assigned to 市司法局 and districts/zones, and to 重大行政决策承办部门 by role:
    # 市教育局 reports it as the department in charge of a decision.
    snippet = """
        tasks:
          - task: training
            status: done
            done_on: 2024-06-01
          - task: decision-consultation
            status: in_progress
        """
    findings = run(snippet, "2024-12-31", rules=[RULE])
    assert ("decision-consultation", "fail", 5) in statuses(findings, RULE)
    assert ("training", "pass", 2) in statuses(findings, RULE)


def test_a_role_task_not_reported_is_not_judged(run):
    findings = run(task(done_on="2024-06-01"), "2024-12-31", rules=[RULE])
    subjects = [subject for subject, _, _ in statuses(findings, RULE)]
    assert "decision-consultation" not in subjects
    assert "training" in subjects and "interpretation-forms" in subjects  # tasks of every department
    assert "major-project-scope" not in subjects  # assigned to other departments
    assert len(subjects) == len(set(subjects))


def test_the_unit_named_for_a_task_is_judged_without_reporting_it(run):
    findings = run("tasks: []\n", "2024-12-31", rules=[RULE], unit="市司法局")
    # Not in the report: the finding points at the report's first line (``tasks: []``, line 1).
    assert ("decision-consultation", "fail", 1) in statuses(findings, RULE)


def test_a_district_is_judged_on_its_tasks(run):
    findings = run(task("government-gazette", done_on="2024-11-30"), "2024-12-31", rules=[RULE], unit="环翠区")
    assert ("government-gazette", "pass", 2) in statuses(findings, RULE)
    # government-gazette's group is 各区市政府 (districts only): a zone has no such task.
    zone = run("tasks: []\n", "2024-12-31", rules=[RULE], unit="经济技术开发区")
    assert "government-gazette" not in [subject for subject, _, _ in statuses(zone, RULE)]
