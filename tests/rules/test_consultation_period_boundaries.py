"""consultation-period at its edges: a consultation not yet open does not hide the ones after it; the messages
in Chinese as in English."""

from __future__ import annotations

from helpers import only, statuses

RULE = "consultation-period"


def test_a_consultation_not_yet_open_does_not_hide_the_ones_after_it(run):
    findings = run("""
        consultations:
          - title: 未开始的草案
            opened: 2024-11-01
            closed: 2024-12-15
          - title: 城区停车收费调整方案
            opened: 2024-03-01
            closed: 2024-03-21
        """, "2024-10-01", rules=[RULE])
    assert statuses(findings, RULE) == [("城区停车收费调整方案", "fail", 5)]


def test_messages_in_chinese(run):
    def judged(closed: str, reason: str = "") -> object:
        extra = f"\n    short_reason: {reason}" if reason else ""
        return only(run(f"consultations:\n  - title: 草案\n    opened: 2024-03-01\n    closed: {closed}{extra}\n",
                        "2024-12-31", rules=[RULE]), RULE)

    assert judged("2024-03-31").message_zh == "公开征求意见30日（2024-03-01至2024-03-31）"
    short = judged("2024-03-21")
    assert short.message == ("open 20 days (2024-03-01 to 2024-03-21), 10 short of 30 and no short_reason "
                             "published")
    assert short.message_zh == "公开征求意见20日（2024-03-01至2024-03-21），比30日少10日，且未说明缩短期限的理由"
    waived = judged("2024-03-08", "情况紧急")
    assert waived.message == "open 7 days (2024-03-01 to 2024-03-08), under 30; reason given: 情况紧急"
    assert waived.message_zh == "公开征求意见7日（2024-03-01至2024-03-08），不足30日；已说明理由：情况紧急"
