"""feedback-deadline: consultation feedback published within 10 working days of the decision.

Hand-computed due dates (2024 arrangement, DOMAIN.md §5):
- issued 2024-09-27 (Fri): 9/29 (Sun, make-up) 1, 9/30 2, 10/1–10/7 off, 10/8–10/11 3–6, 10/12 (Sat, make-up) 7,
  10/14 8, 10/15 9, 10/16 10 → due 2024-10-16 (Wed); the next working day is 10/17.
- issued 2024-02-01 (Thu): 2/2 1, 2/4 (Sun, make-up) 2, 2/5–2/9 3–7, 2/10–2/17 off, 2/18 (Sun, make-up) 8,
  2/19 9, 2/20 10 → due 2024-02-20 (Tue).
- issued 2024-04-25 (Thu): 4/26 1, 4/28 (Sun, make-up) 2, 4/29 3, 4/30 4, 5/1–5/5 off, 5/6–5/10 5–9,
  5/11 (Sat, make-up) 10 → due 2024-05-11 (Sat).
"""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import only, statuses

RULE = "feedback-deadline"
TITLE = "关于进一步优化营商环境的若干措施"


def decision(issued: str = "2024-09-27", feedback: str | None = None) -> str:
    extra = f"\n    feedback_published: {feedback}" if feedback else ""
    return f"""
decisions:
  - title: {TITLE}
    issued: {issued}{extra}
"""


@pytest.mark.parametrize(("feedback", "status"), [
    ("2024-10-15", "pass"),
    ("2024-10-16", "pass"),
    ("2024-10-17", "fail"),
])
def test_feedback_date_around_the_national_day_due_date(run, feedback, status):
    findings = run(decision(feedback=feedback), "2024-12-31", rules=[RULE])
    assert statuses(findings, RULE) == [(TITLE, status, 2)]
    assert only(findings, RULE).due == dt.date(2024, 10, 16)


def test_one_day_late_says_by_how_much(run):
    finding = only(run(decision(feedback="2024-10-17"), "2024-12-31", rules=[RULE]), RULE)
    assert "feedback published 2024-10-17, 1 working day after the due date 2024-10-16" in finding.message
    assert finding.overdue_workdays == 1


def test_later_feedback_counts_working_days_not_calendar_days(run):
    # 10/17 1, 10/18 2, 10/21 3 (10/19–10/20 weekend).
    finding = only(run(decision(feedback="2024-10-21"), "2024-12-31", rules=[RULE]), RULE)
    assert "3 working days after the due date 2024-10-16" in finding.message
    assert finding.overdue_workdays == 3


def test_on_time_message(run):
    finding = only(run(decision(feedback="2024-10-16"), "2024-12-31", rules=[RULE]), RULE)
    assert finding.message == "feedback published 2024-10-16, on time (due 2024-10-16)"


@pytest.mark.parametrize(("as_of", "status"), [
    ("2024-10-15", "pending"),
    ("2024-10-16", "fail"),
    ("2024-10-17", "fail"),
])
def test_no_feedback_as_of_around_the_due_date(run, as_of, status):
    finding = only(run(decision(), as_of, rules=[RULE]), RULE)
    assert (finding.subject, finding.status.value, finding.location.line) == (TITLE, status, 2)
    assert finding.due == dt.date(2024, 10, 16)
    assert "due 2024-10-16" in finding.message


@pytest.mark.parametrize(("as_of", "message"), [
    ("2024-10-15", "feedback not published yet; due 2024-10-16"),
    ("2024-10-16", "feedback not published; due 2024-10-16"),  # the due day itself: not overdue yet
    ("2024-10-17", "feedback not published; due 2024-10-16, overdue by 1 working day"),
])
def test_messages_when_nothing_was_published(run, as_of, message):
    assert only(run(decision(), as_of, rules=[RULE]), RULE).message == message


def test_overdue_count_when_nothing_was_published(run):
    assert "overdue" not in only(run(decision(), "2024-10-16", rules=[RULE]), RULE).message
    finding = only(run(decision(), "2024-10-17", rules=[RULE]), RULE)
    assert "overdue by 1 working day" in finding.message
    assert finding.overdue_workdays == 1


def test_feedback_after_the_as_of_date_has_not_happened_yet(run):
    # Published on the due day, but judged as at the day before: not yet published, so pending.
    finding = only(run(decision(feedback="2024-10-16"), "2024-10-15", rules=[RULE]), RULE)
    assert finding.status.value == "pending"
    assert finding.message == "feedback not published yet; due 2024-10-16"


def test_late_feedback_not_yet_happened_is_a_fail_once_the_due_day_is_over(run):
    finding = only(run(decision(feedback="2024-10-18"), "2024-10-17", rules=[RULE]), RULE)
    assert finding.status.value == "fail"
    assert finding.message == "feedback not published; due 2024-10-16, overdue by 1 working day"
    assert finding.overdue_workdays == 1


def test_late_only_by_days_off_says_so(run):
    # Issued 2024-04-25: due Saturday 2024-05-11 (a make-up working day); 05-12 is a Sunday, a day off.
    late = only(run(decision("2024-04-25", feedback="2024-05-12"), "2024-12-31", rules=[RULE]), RULE)
    assert late.status.value == "fail"
    assert late.message == "feedback published 2024-05-12, 1 day (no working day) after the due date 2024-05-11"
    assert late.overdue_workdays == 0
    missing = only(run(decision("2024-04-25"), "2024-05-12", rules=[RULE]), RULE)
    assert missing.status.value == "fail"
    assert missing.message == "feedback not published; due 2024-05-11, overdue by 1 day (no working day)"
    assert missing.overdue_workdays == 0


def test_a_decision_issued_after_the_as_of_date_is_not_judged(run):
    assert statuses(run(decision(), "2024-09-26", rules=[RULE]), RULE) == []
    assert statuses(run(decision(), "2024-09-27", rules=[RULE]), RULE) == [(TITLE, "pending", 2)]


@pytest.mark.parametrize(("issued", "due", "day_after"), [
    ("2024-02-01", "2024-02-20", "2024-02-21"),  # Spring Festival, make-up days 2/4 and 2/18
    ("2024-04-25", "2024-05-11", "2024-05-13"),  # Labour Day, make-up days 4/28 and 5/11
])
def test_due_dates_across_the_spring_festival_and_labour_day(run, issued, due, day_after):
    on_due = only(run(decision(issued, feedback=due), "2024-12-31", rules=[RULE]), RULE)
    assert on_due.status.value == "pass" and on_due.due == dt.date.fromisoformat(due)
    late = only(run(decision(issued, feedback=day_after), "2024-12-31", rules=[RULE]), RULE)
    assert late.status.value == "fail"
    assert f"1 working day after the due date {due}" in late.message


def test_feedback_in_the_next_year(run):
    # issued 2024-12-20 (Fri): 12/23–12/27 1–5, 12/30 6, 12/31 7, 2025-01-01 off, 1/2 8, 1/3 9, 1/6 10.
    finding = only(run(decision("2024-12-20", feedback="2025-01-06"), "2025-03-01", rules=[RULE]), RULE)
    assert finding.status.value == "pass"
    assert finding.due == dt.date(2025, 1, 6)


def test_several_decisions_keep_their_own_lines(run):
    findings = run("""
        decisions:
          - title: 甲
            issued: 2024-09-27
            feedback_published: 2024-10-16
          - title: 乙
            issued: 2024-09-27
            feedback_published: 2024-10-17
          - title: 丙
            issued: 2024-10-15
        """, "2024-10-20", rules=[RULE])
    assert sorted(statuses(findings, RULE)) == sorted([("甲", "pass", 2), ("乙", "fail", 5), ("丙", "pending", 8)])
