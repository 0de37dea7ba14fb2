"""request-deadline: 20 working days after receipt (政府信息公开条例 第三十三条), +20 when extended, plus excluded
consultation days; after a correction (补正, 第三十条) the period runs from the corrected application.

Hand-computed due dates (2024 arrangement, DOMAIN.md §5):
- received 2024-02-05 (Mon): 2/6–2/9 1–4 (2/9 除夕 is a working day), 2/10–2/17 off, 2/18 (Sun, make-up) 5,
  2/19–2/23 6–10, 2/26–3/1 11–15, 3/4–3/8 16–20 → due 2024-03-08 (Fri); next working day 3/11 (Mon).
  Extended: 3/11–3/15 21–25, 3/18–3/22 26–30, 3/25–3/29 31–35, 4/1–4/3 36–38, 4/4–4/6 off,
  4/7 (Sun, make-up) 39, 4/8 40 → due 2024-04-08.
- corrected 2024-03-01 (Fri): 3/4–3/8 1–5, 3/11–3/15 6–10, 3/18–3/22 11–15, 3/25–3/29 16–20 → due 2024-03-29.
- corrected 2024-03-20 (Wed): 3/21–3/22 1–2, 3/25–3/29 3–7, 4/1–4/3 8–10, 4/4–4/6 off, 4/7 (Sun, make-up) 11,
  4/8–4/12 12–16, 4/15–4/18 17–20 → due 2024-04-18.
- received 2024-09-20 (Fri): 9/23–9/27 1–5, 9/29 (Sun, make-up) 6, 9/30 7, 10/1–10/7 off, 10/8–10/11 8–11,
  10/12 (Sat, make-up) 12, 10/14–10/18 13–17, 10/21–10/23 18–20 → due 2024-10-23 (Wed).
  +3 excluded: 10/24 21, 10/25 22, 10/28 23 → due 2024-10-28. Extended (40): 10/24–10/25 21–22,
  10/28–11/1 23–27, 11/4–11/8 28–32, 11/11–11/15 33–37, 11/18–11/20 38–40 → due 2024-11-20.
"""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import only, statuses

RULE = "request-deadline"
REF = "威教依申〔2024〕3号"


def request(received: str = "2024-02-05", answered: str | None = None, **more: object) -> str:
    lines = [f"    answered: {answered}"] if answered else []
    lines += [f"    {key}: {str(value).lower() if isinstance(value, bool) else value}" for key, value in more.items()]
    extra = "".join("\n" + line for line in lines)
    return f"""
requests:
  - ref: {REF}
    received: {received}{extra}
"""


def judged(run, snippet: str, as_of: str = "2024-12-31"):
    return only(run(snippet, as_of, rules=[RULE]), RULE)


@pytest.mark.parametrize(("answered", "status"), [
    ("2024-03-07", "pass"),
    ("2024-03-08", "pass"),
    ("2024-03-11", "fail"),
])
def test_answered_around_the_due_date_after_the_spring_festival(run, answered, status):
    finding = judged(run, request(answered=answered))
    assert (finding.subject, finding.status.value, finding.location.line) == (REF, status, 2)
    assert finding.due == dt.date(2024, 3, 8)


def test_one_working_day_late(run):
    finding = judged(run, request(answered="2024-03-11"))
    assert finding.message == "answered 2024-03-11, 1 working day after the due date 2024-03-08"
    assert finding.overdue_workdays == 1


def test_on_time_message(run):
    assert judged(run, request(answered="2024-03-08")).message == "answered 2024-03-08, on time (due 2024-03-08)"


@pytest.mark.parametrize(("answered", "message"), [
    ("2024-03-09", "answered 2024-03-09, 1 day (no working day) after the due date 2024-03-08"),  # Saturday
    ("2024-03-10", "answered 2024-03-10, 2 days (no working day) after the due date 2024-03-08"),  # Sunday
])
def test_late_only_by_a_weekend(run, answered, message):
    finding = judged(run, request(answered=answered))
    assert finding.status.value == "fail"
    assert finding.message == message
    assert finding.overdue_workdays == 0


@pytest.mark.parametrize(("as_of", "status"), [
    ("2024-03-07", "pending"),
    ("2024-03-08", "fail"),
    ("2024-03-11", "fail"),
])
def test_unanswered_as_of_around_the_due_date(run, as_of, status):
    finding = judged(run, request(), as_of)
    assert (finding.subject, finding.status.value, finding.location.line) == (REF, status, 2)
    assert "due 2024-03-08" in finding.message


@pytest.mark.parametrize(("as_of", "message", "overdue"), [
    ("2024-03-07", "not answered yet; due 2024-03-08", None),
    ("2024-03-08", "not answered; due 2024-03-08", 0),
    ("2024-03-09", "not answered; due 2024-03-08, overdue by 1 day (no working day)", 0),
    ("2024-03-10", "not answered; due 2024-03-08, overdue by 2 days (no working day)", 0),
    ("2024-03-11", "not answered; due 2024-03-08, overdue by 1 working day", 1),
    ("2024-03-12", "not answered; due 2024-03-08, overdue by 2 working days", 2),
])
def test_unanswered_messages(run, as_of, message, overdue):
    finding = judged(run, request(), as_of)
    assert finding.message == message
    assert finding.overdue_workdays == overdue


def test_an_answer_after_the_as_of_date_has_not_happened_yet(run):
    assert judged(run, request(answered="2024-03-08"), "2024-03-07").status.value == "pending"
    assert judged(run, request(answered="2024-03-08"), "2024-03-08").status.value == "pass"


def test_a_request_received_after_the_as_of_date_is_not_judged(run):
    assert statuses(run(request(), "2024-02-04", rules=[RULE]), RULE) == []
    assert statuses(run(request(), "2024-02-05", rules=[RULE]), RULE) == [(REF, "pending", 2)]


def test_national_day(run):
    assert judged(run, request("2024-09-20", answered="2024-10-23")).status.value == "pass"
    late = judged(run, request("2024-09-20", answered="2024-10-24"))
    assert late.status.value == "fail" and late.due == dt.date(2024, 10, 23)


@pytest.mark.parametrize(("answered", "status"), [
    ("2024-03-29", "pass"),
    ("2024-04-01", "fail"),
])
def test_the_period_restarts_from_the_correction(run, answered, status):
    finding = judged(run, request(answered=answered, corrected="2024-03-01"))
    assert finding.due == dt.date(2024, 3, 29)
    assert finding.status.value == status


def test_a_correction_before_qingming(run):
    finding = judged(run, request(answered="2024-04-18", corrected="2024-03-20"))
    assert finding.due == dt.date(2024, 4, 18)
    assert finding.status.value == "pass"
    assert judged(run, request(answered="2024-04-19", corrected="2024-03-20")).status.value == "fail"


def test_a_correction_after_the_as_of_date_has_not_happened_yet(run):
    # As at 2024-02-29 the correction of 03-01 is in the future: the period still runs from receipt.
    finding = judged(run, request(corrected="2024-03-01"), "2024-02-29")
    assert finding.status.value == "pending"
    assert finding.due == dt.date(2024, 3, 8)
    # Once it has happened, the later due date applies: no longer overdue on 03-08.
    assert judged(run, request(corrected="2024-03-01"), "2024-03-08").status.value == "pending"


@pytest.mark.parametrize(("answered", "status"), [
    ("2024-04-08", "pass"),
    ("2024-04-09", "fail"),
])
def test_an_extended_request_gets_40_working_days(run, answered, status):
    finding = judged(run, request(answered=answered, extended=True))
    assert finding.due == dt.date(2024, 4, 8)
    assert finding.status.value == status


def test_extension_across_national_day(run):
    assert judged(run, request("2024-09-20", answered="2024-11-20", extended=True)).status.value == "pass"
    assert judged(run, request("2024-09-20", answered="2024-11-20")).status.value == "fail"
    finding = judged(run, request("2024-09-20", answered="2024-11-21", extended=True))
    assert finding.status.value == "fail"
    assert finding.due == dt.date(2024, 11, 20)


def test_extended_false_is_the_plain_period(run):
    assert judged(run, request(answered="2024-03-11", extended=False)).status.value == "fail"


@pytest.mark.parametrize(("answered", "status"), [
    ("2024-10-28", "pass"),
    ("2024-10-29", "fail"),
])
def test_excluded_workdays_extend_the_period(run, answered, status):
    finding = judged(run, request("2024-09-20", answered=answered, excluded_workdays=3))
    assert finding.due == dt.date(2024, 10, 28)
    assert finding.status.value == status


def test_correction_extension_and_excluded_days_together(run):
    # corrected 2024-09-27 (Fri), 20 + 20 + 2 = 42: 9/29 1, 9/30 2, 10/8–10/11 3–6, 10/12 7, 10/14–10/18 8–12,
    # 10/21–10/25 13–17, 10/28–11/1 18–22, 11/4–11/8 23–27, 11/11–11/15 28–32, 11/18–11/22 33–37,
    # 11/25–11/29 38–42 → due 2024-11-29.
    finding = judged(run, request("2024-09-20", corrected="2024-09-27", extended=True, excluded_workdays=2))
    assert finding.due == dt.date(2024, 11, 29)
    assert finding.status.value == "fail"  # never answered, judged 2024-12-31


def test_a_request_answered_in_the_next_year(run):
    # received 2024-12-20: 12/23–12/27 1–5, 12/30 6, 12/31 7, 2025-01-01 off, 1/2–1/3 8–9, 1/6–1/10 10–14,
    # 1/13–1/17 15–19, 1/20 20 → due 2025-01-20.
    finding = judged(run, request("2024-12-20", answered="2025-01-20"), "2025-02-01")
    assert finding.status.value == "pass" and finding.due == dt.date(2025, 1, 20)


def test_each_request_is_judged_on_its_own_line(run):
    findings = run("""
        requests:
          - ref: "3"
            received: 2024-02-05
            answered: 2024-03-08
          - ref: "4"
            received: 2024-02-05
        """, "2024-03-11", rules=[RULE])
    assert statuses(findings, RULE) == [("3", "pass", 2), ("4", "fail", 5)]
    assert "overdue by 1 working day" in only(findings, RULE, "4").message


def test_requests_are_ordered_by_their_numbers(run):
    # Digit runs compare as numbers: 4号 before 21号 before 100号, whatever the order in the file.
    findings = run("""
        requests:
          - ref: 威教依申〔2024〕21号
            received: 2024-02-05
          - ref: 威教依申〔2024〕100号
            received: 2024-02-05
          - ref: 威教依申〔2024〕4号
            received: 2024-02-05
        """, "2024-03-01", rules=[RULE])
    assert statuses(findings, RULE) == [("威教依申〔2024〕4号", "pending", 6), ("威教依申〔2024〕21号", "pending", 2),
                                        ("威教依申〔2024〕100号", "pending", 4)]
