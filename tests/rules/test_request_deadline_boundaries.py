"""request-deadline at its edges: a request not yet received, or one waiting for its 补正, does not hide the
requests after it; the day answered (or the 补正 asked) is the finding's ``done``; the waiting message in Chinese
as in English, with the correction deadline.

Received 2024-03-04 (Mon): the 7th working day is 2024-03-13, the 20th 2024-04-01.
"""

from __future__ import annotations

import datetime as dt

from helpers import only, statuses

RULE = "request-deadline"


def test_a_request_not_yet_received_does_not_hide_the_ones_after_it(run):
    findings = run("""
        requests:
          - ref: 威教依申〔2024〕9号
            received: 2024-11-04
          - ref: 威教依申〔2024〕7号
            received: 2024-03-04
            answered: 2024-03-20
        """, "2024-10-31", rules=[RULE])
    assert statuses(findings, RULE) == [("威教依申〔2024〕7号", "pass", 4)]
    answered = only(findings, RULE)
    assert (answered.done, answered.due) == (dt.date(2024, 3, 20), dt.date(2024, 4, 1))
    assert answered.message_zh == "答复于2024-03-20，未超期限（2024-04-01）"


def test_a_request_waiting_for_its_correction_does_not_hide_the_ones_after_it(run):
    findings = run("""
        requests:
          - ref: 甲
            received: 2024-03-04
            correction_requested: 2024-03-06
          - ref: 乙
            received: 2024-03-04
        """, "2024-03-15", rules=[RULE])
    assert sorted(subject for subject, _, _ in statuses(findings, RULE)) == ["乙", "甲", "甲 补正告知"]
    notice = only(findings, RULE, "甲 补正告知")
    assert (notice.status.value, notice.done, notice.due) == ("pass", dt.date(2024, 3, 6), dt.date(2024, 3, 13))
    assert notice.message_zh == "告知补正于2024-03-06，未超期限（2024-03-13）"
    waiting = only(findings, RULE, "甲")
    assert (waiting.status.value, waiting.location.line, waiting.due, waiting.done) == ("pending", 2, None, None)


def test_the_waiting_message_names_the_correction_deadline_in_both_languages(run):
    findings = run("""
        requests:
          - ref: 甲
            received: 2024-03-04
            correction_requested: 2024-03-06
            correction_deadline: 2024-03-20
        """, "2024-03-20", rules=[RULE])
    waiting = only(findings, RULE, "甲")
    assert waiting.message == ("waiting for the applicant's correction (asked 2024-03-06, correction deadline "
                               "2024-03-20); the answer period has not begun")
    assert waiting.message_zh == "等待申请人补正（2024-03-06告知补正，补正期限2024-03-20），答复期限尚未起算"
    assert waiting.location.line == 2


def test_an_answer_after_the_as_of_date_is_not_done_yet(run):
    snippet = "requests:\n  - ref: 甲\n    received: 2024-03-04\n    answered: 2024-03-20\n"
    finding = only(run(snippet, "2024-03-19", rules=[RULE]), RULE)
    assert (finding.status.value, finding.done) == ("pending", None)
    assert finding.message_zh == "尚未答复，期限2024-04-01"
