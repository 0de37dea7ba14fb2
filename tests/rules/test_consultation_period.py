"""consultation-period: at least 30 days open, counted from the day after opening (民法典 第二百零一条)."""

from __future__ import annotations

import pytest
from helpers import only, statuses

RULE = "consultation-period"


def consultation(closed: str, opened: str = "2024-03-01", reason: str | None = None) -> str:
    extra = f"\n    short_reason: {reason}" if reason else ""
    return f"""
consultations:
  - title: 威海市养老服务条例(草案)
    opened: {opened}
    closed: {closed}{extra}
"""


@pytest.mark.parametrize(("closed", "status", "days"), [
    ("2024-03-30", "fail", 29),
    ("2024-03-31", "pass", 30),
    ("2024-04-01", "pass", 31),
])
def test_29_30_31_days(run, closed, status, days):
    findings = run(consultation(closed), "2024-12-31", rules=[RULE])
    assert statuses(findings, RULE) == [("威海市养老服务条例(草案)", status, 2)]
    assert f"open {days} days (2024-03-01 to {closed})" in only(findings, RULE).message


def test_a_short_period_without_reason_says_how_short(run):
    finding = only(run(consultation("2024-03-21"), "2024-12-31", rules=[RULE]), RULE)
    assert finding.status.value == "fail"
    assert "open 20 days" in finding.message
    assert "10 short of 30" in finding.message
    assert "no short_reason" in finding.message


def test_a_period_across_february_29(run):
    # 2024 is a leap year: 2024-02-01 → 2024-03-02 is 30 days, → 2024-03-01 only 29.
    assert statuses(run(consultation("2024-03-02", opened="2024-02-01"), "2024-12-31", rules=[RULE]), RULE) \
        == [("威海市养老服务条例(草案)", "pass", 2)]
    assert statuses(run(consultation("2024-03-01", opened="2024-02-01"), "2024-12-31", rules=[RULE]), RULE) \
        == [("威海市养老服务条例(草案)", "fail", 2)]


def test_short_reason_waives_and_shows_the_reason(run):
    findings = run(consultation("2024-03-08", reason="因需要尽快出台，公众可在7日内提出意见"), "2024-12-31", rules=[RULE])
    assert statuses(findings, RULE) == [("威海市养老服务条例(草案)", "waived", 2)]
    message = only(findings, RULE).message
    assert "open 7 days" in message and "under 30" in message
    assert "因需要尽快出台" in message


def test_a_short_reason_on_a_long_enough_period_still_passes(run):
    findings = run(consultation("2024-03-31", reason="不需要"), "2024-12-31", rules=[RULE])
    assert statuses(findings, RULE) == [("威海市养老服务条例(草案)", "pass", 2)]


@pytest.mark.parametrize(("as_of", "expected"), [
    ("2024-02-29", []),  # the day before it opens: nothing to judge yet
    ("2024-03-01", [("威海市养老服务条例(草案)", "fail", 2)]),  # judged from its declared dates once open
    ("2024-03-02", [("威海市养老服务条例(草案)", "fail", 2)]),
])
def test_judged_from_the_opening_day(run, as_of, expected):
    assert statuses(run(consultation("2024-03-21"), as_of, rules=[RULE]), RULE) == expected


def test_each_consultation_is_judged_on_its_own_line(run):
    findings = run("""
        consultations:
          - title: 城区停车收费调整方案
            opened: 2024-03-01
            closed: 2024-03-21
          - title: 威海市养老服务条例(草案)
            opened: 2024-05-06
            closed: 2024-06-05
          - title: 未开始的草案
            opened: 2024-11-01
            closed: 2024-12-15
        """, "2024-10-01", rules=[RULE])
    assert statuses(findings, RULE) == [
        ("城区停车收费调整方案", "fail", 2),
        ("威海市养老服务条例(草案)", "pass", 5),
    ]
