"""training-frequency: at least one training a year."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import only, statuses

from disclose_cli.rules import Parameters

RULE = "training-frequency"
# Lines: training(...) writes ``trainings:`` on line 1 and its record on line 2; ``trainings: []`` has no record,
# so a finding points at the report's first line, line 1.
FIRST_RECORD, FIRST_LINE = 2, 1


def training(date: str) -> str:
    return f"""
trainings:
  - title: 2024年政务公开业务培训
    date: {date}
"""


def test_a_training_passes_with_its_line(run):
    findings = run(training("2024-06-20"), "2024-12-31", rules=[RULE])
    assert statuses(findings, RULE) == [("2024", "pass", 2)]
    assert "1 training recorded (at least 1 a year)" in only(findings, RULE).message


def test_the_first_training_is_the_one_shown(run):
    findings = run("""
        trainings:
          - title: 春季培训
            date: 2024-03-20
          - title: 秋季培训
            date: 2024-09-20
        """, "2024-12-31", rules=[RULE])
    assert statuses(findings, RULE) == [("2024", "pass", 2)]
    assert "2 trainings recorded" in only(findings, RULE).message


@pytest.mark.parametrize(("as_of", "status"), [
    ("2024-12-30", "pending"),
    ("2024-12-31", "fail"),
    ("2025-01-01", "fail"),
])
def test_no_training_around_the_year_end(run, as_of, status):
    finding = only(run("trainings: []\n", as_of, rules=[RULE]), RULE)
    assert (finding.subject, finding.status.value, finding.location.line) == ("2024", status, FIRST_LINE)
    assert finding.due == dt.date(2024, 12, 31)
    assert "0 trainings recorded" in finding.message


def test_a_training_on_the_last_day_of_the_year_counts(run):
    assert statuses(run(training("2024-12-31"), "2024-12-31", rules=[RULE]), RULE) == [("2024", "pass", 2)]


def test_a_training_after_the_as_of_date_has_not_happened_yet(run):
    # Not counted yet, but it is the section's first record: the pending finding points at it.
    assert statuses(run(training("2024-06-20"), "2024-06-19", rules=[RULE]), RULE) \
        == [("2024", "pending", FIRST_RECORD)]
    assert statuses(run(training("2024-06-20"), "2024-06-20", rules=[RULE]), RULE) == [("2024", "pass", 2)]


def test_nothing_before_the_year_begins(run):
    assert statuses(run("trainings: []\n", "2023-12-31", rules=[RULE]), RULE) == []


@pytest.mark.parametrize("unit", ["环翠区", "经济技术开发区", "市机关事务服务中心"])
def test_every_assigned_kind_is_judged(run, unit):
    assert statuses(run("trainings: []\n", "2024-12-31", rules=[RULE], unit=unit), RULE, unit) \
        == [("2024", "fail", FIRST_LINE)]


def test_a_fail_points_at_the_first_training_of_the_section(run):
    # Two trainings required, one held: the fail points at the section's first record, line 2.
    findings = run(training("2024-06-20"), "2024-12-31", rules=[RULE], parameters=Parameters(trainings_required=2))
    assert statuses(findings, RULE) == [("2024", "fail", FIRST_RECORD)]
    assert "1 training recorded (at least 2 a year)" in only(findings, RULE).message


def test_without_trainings_the_report_first_line_is_shown(run):
    # The report's first line is its first key: line 2, after a comment; no trainings section at all.
    findings = run("""
        # 市教育局 2024年度政务公开工作台账
        meetings: []
        """, "2024-12-31", rules=[RULE])
    assert statuses(findings, RULE) == [("2024", "fail", 2)]


def test_a_unit_without_the_task_gets_no_finding(run):
    assert statuses(run("trainings: []\n", "2024-12-31", rules=[RULE], unit="威海供电公司"), RULE) == []
