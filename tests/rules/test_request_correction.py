"""request-deadline and 补正 (政府信息公开条例 第三十条): asked within 7 working days of receipt, the answer period
suspended while the applicant corrects, restarted from the corrected application, given up after the deadline.

Hand-checked with ``disclose workdays add`` (2024 arrangement): received 2024-03-04 (Mon) → the 6th, 7th and 8th
working days after are 03-12, 03-13, 03-14; the 20th is 04-01 and the 30th 04-16. Corrected 2024-03-25 → the
20th working day after is 04-23, the 21st 04-24.
"""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import only, statuses

RULE = "request-deadline"
REF = "威教依申〔2024〕7号"
NOTICE = f"{REF} 补正告知"


def request(**fields: str) -> str:
    lines = "".join(f"\n    {key}: {value}" for key, value in fields.items())
    return f"""
requests:
  - ref: {REF}
    received: 2024-03-04{lines}
"""


def findings(run, as_of: str, **fields: str):
    return run(request(**fields), as_of, rules=[RULE])


@pytest.mark.parametrize(("asked", "status", "overdue"), [
    ("2024-03-12", "pass", None),  # the 6th working day
    ("2024-03-13", "pass", None),  # the 7th: the last day to ask
    ("2024-03-14", "fail", 1),  # the 8th
])
def test_the_correction_is_asked_within_seven_working_days(run, asked, status, overdue):
    notice = only(findings(run, "2024-12-31", correction_requested=asked), RULE, NOTICE)
    assert (notice.status.value, notice.due, notice.overdue_workdays) == (status, dt.date(2024, 3, 13), overdue)
    assert notice.location.line == 2
    if status == "fail":
        assert notice.message == "correction requested 2024-03-14, 1 working day after the due date 2024-03-13"
        assert notice.message_zh == "告知补正于2024-03-14，超过期限2024-03-13共1个工作日"


def test_a_request_waiting_for_its_correction_for_30_working_days_is_pending_not_late(run):
    waiting = only(findings(run, "2024-04-16", correction_requested="2024-03-05"), RULE, REF)
    assert waiting.status.value == "pending" and waiting.due is None
    assert waiting.message == ("waiting for the applicant's correction (asked 2024-03-05); the answer period has not "
                               "begun")
    assert waiting.message_zh == "等待申请人补正（2024-03-05告知补正），答复期限尚未起算"


@pytest.mark.parametrize(("as_of", "subjects"), [
    ("2024-03-19", [REF, NOTICE]),  # the day before the correction deadline: waiting
    ("2024-03-20", [REF, NOTICE]),  # the deadline itself: the applicant may still correct that day
    ("2024-03-21", [NOTICE]),  # the day after: given up, no answer is due
])
def test_after_the_correction_deadline_the_request_is_given_up(run, as_of, subjects):
    found = findings(run, as_of, correction_requested="2024-03-05", correction_deadline="2024-03-20")
    assert [subject for subject, _, _ in statuses(found, RULE)] == subjects
    if REF in subjects:
        assert "correction deadline 2024-03-20" in only(found, RULE, REF).message


@pytest.mark.parametrize(("answered", "status"), [
    ("2024-04-22", "pass"),
    ("2024-04-23", "pass"),  # the 20th working day after the corrected application
    ("2024-04-24", "fail"),  # the 21st
])
def test_the_period_runs_from_a_correction_that_came_after_its_deadline(run, answered, status):
    found = findings(run, "2024-12-31", correction_requested="2024-03-05", correction_deadline="2024-03-20",
                     corrected="2024-03-25", answered=answered)
    answer = only(found, RULE, REF)
    assert (answer.status.value, answer.due) == (status, dt.date(2024, 4, 23))


@pytest.mark.parametrize(("as_of", "status"), [("2024-04-22", "pending"), ("2024-04-23", "fail")])
def test_an_unanswered_corrected_request_falls_due_twenty_working_days_after_the_correction(run, as_of, status):
    found = findings(run, as_of, correction_requested="2024-03-05", corrected="2024-03-25")
    assert only(found, RULE, REF).status.value == status


def test_a_correction_asked_after_the_as_of_date_has_not_happened(run):
    found = findings(run, "2024-03-05", correction_requested="2024-03-06")
    assert statuses(found, RULE) == [(REF, "pending", 2)]
    assert "due 2024-04-01" in only(found, RULE, REF).message


def test_corrected_without_a_request_for_it_keeps_its_meaning(run):
    found = findings(run, "2024-12-31", corrected="2024-03-25", answered="2024-04-23")
    assert statuses(found, RULE) == [(REF, "pass", 2)]


def test_an_answer_while_waiting_closes_the_request_without_an_answer_deadline(run):
    found = findings(run, "2024-12-31", correction_requested="2024-03-05", answered="2024-06-01")
    assert [subject for subject, _, _ in statuses(found, RULE)] == [NOTICE]
