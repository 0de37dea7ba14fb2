"""feedback-deadline at its edges: every decision is judged, whatever comes before it in the report; the day the
feedback was published is the finding's ``done``; the messages in Chinese as in English.

Issued 2024-09-27: due 2024-10-16 (tests/rules/test_feedback_deadline.py works it out day by day).
"""

from __future__ import annotations

import datetime as dt

from helpers import only, statuses

RULE = "feedback-deadline"


def test_a_decision_not_yet_issued_does_not_hide_the_ones_after_it(run):
    findings = run("""
        decisions:
          - title: 年底出台的决定
            issued: 2024-12-20
          - title: 关于进一步优化营商环境的若干措施
            issued: 2024-09-27
            feedback_published: 2024-10-16
        """, "2024-11-30", rules=[RULE])
    assert statuses(findings, RULE) == [("关于进一步优化营商环境的若干措施", "pass", 4)]


def test_on_time_and_late_feedback_in_both_languages(run):
    on_time = only(run("decisions:\n  - title: 甲\n    issued: 2024-09-27\n    feedback_published: 2024-10-16\n",
                       "2024-12-31", rules=[RULE]), RULE)
    assert (on_time.done, on_time.due) == (dt.date(2024, 10, 16), dt.date(2024, 10, 16))
    assert on_time.message_zh == "结果反馈公开于2024-10-16，未超期限（2024-10-16）"
    late = only(run("decisions:\n  - title: 甲\n    issued: 2024-09-27\n    feedback_published: 2024-10-21\n",
                    "2024-12-31", rules=[RULE]), RULE)
    assert late.done == dt.date(2024, 10, 21)
    assert late.message_zh == "结果反馈公开于2024-10-21，超过期限2024-10-16共3个工作日"


def test_feedback_after_the_as_of_date_is_not_done_yet(run):
    finding = only(run("decisions:\n  - title: 甲\n    issued: 2024-09-27\n    feedback_published: 2024-10-16\n",
                       "2024-10-15", rules=[RULE]), RULE)
    assert (finding.status.value, finding.done) == ("pending", None)
    assert finding.message_zh == "尚未公开结果反馈，期限2024-10-16"


def test_missing_feedback_in_chinese_on_and_after_the_due_day(run):
    snippet = "decisions:\n  - title: 甲\n    issued: 2024-09-27\n"
    assert only(run(snippet, "2024-10-16", rules=[RULE]), RULE).message_zh == "尚未公开结果反馈，期限2024-10-16已届满"
    assert only(run(snippet, "2024-10-17", rules=[RULE]), RULE).message_zh \
        == "尚未公开结果反馈，期限2024-10-16，已逾期1个工作日"


def test_late_by_days_off_only_in_chinese(run):
    # Issued 2024-04-25: due Saturday 2024-05-11 (a make-up working day); 05-12 is a Sunday, a day off.
    late = only(run("decisions:\n  - title: 甲\n    issued: 2024-04-25\n    feedback_published: 2024-05-12\n",
                    "2024-12-31", rules=[RULE]), RULE)
    assert late.message_zh == "结果反馈公开于2024-05-12，超过期限2024-05-11共1天（均为非工作日）"
