"""evaluation-frequency: departments 1, districts and zones 2 evaluations a year, results published by 12-31."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import only, statuses

RULE = "evaluation-frequency"
DEPARTMENT, DISTRICT, ZONE = "市教育局", "环翠区", "综合保税区"


def evaluation(topic: str, completed: str, published: str | None) -> str:
    extra = f"\n    results_published: {published}" if published else ""
    return f"""  - topic: {topic}
    completed: {completed}{extra}
"""


def evaluations(*items: str) -> str:
    return "evaluations:\n" + "".join(items) if items else "evaluations: []\n"


ONE = evaluations(evaluation("稳就业政策实施效果评价", "2024-10-15", "2024-12-10"))
TWO = evaluations(evaluation("稳就业政策实施效果评价", "2024-05-15", "2024-06-10"),
                  evaluation("惠企政策实施效果评价", "2024-10-15", "2024-12-10"))
# Lines: ``evaluations:`` is line 1, the first record starts on line 2 (the second of TWO on line 5); with no
# record, a finding points at the report's first line, line 1 (``evaluations: []``).
FIRST_RECORD, FIRST_LINE = 2, 1


def test_one_published_evaluation_passes_a_department(run):
    findings = run(ONE, "2024-12-31", rules=[RULE], unit=DEPARTMENT)
    assert statuses(findings, RULE) == [("2024", "pass", 2)]
    assert "1 of 1 evaluation completed with results published" in only(findings, RULE).message


@pytest.mark.parametrize("unit", [DISTRICT, ZONE])
def test_districts_and_zones_need_two(run, unit):
    one = only(run(ONE, "2024-12-31", rules=[RULE], unit=unit), RULE)
    assert (one.status.value, one.location.line) == ("fail", FIRST_RECORD)
    assert "1 of 2 evaluations completed with results published; the year ended 2024-12-31" in one.message
    assert statuses(run(TWO, "2024-12-31", rules=[RULE], unit=unit), RULE) == [("2024", "pass", 2)]


def test_results_published_after_the_year_do_not_count(run):
    late = evaluations(evaluation("稳就业政策实施效果评价", "2024-10-15", "2025-01-02"))
    finding = only(run(late, "2025-01-10", rules=[RULE], unit=DEPARTMENT), RULE)
    assert finding.status.value == "fail"
    assert "0 of 1 evaluation completed with results published; 1 without published results" in finding.message


def test_results_published_on_the_last_day_count(run):
    last_day = evaluations(evaluation("稳就业政策实施效果评价", "2024-12-20", "2024-12-31"))
    assert statuses(run(last_day, "2024-12-31", rules=[RULE], unit=DEPARTMENT), RULE) == [("2024", "pass", 2)]


def test_an_evaluation_without_published_results_fails_at_the_year_end(run):
    unpublished = evaluations(evaluation("稳就业政策实施效果评价", "2024-10-15", None))
    finding = only(run(unpublished, "2024-12-31", rules=[RULE], unit=DEPARTMENT), RULE)
    assert finding.status.value == "fail"
    assert "1 without published results" in finding.message


@pytest.mark.parametrize(("as_of", "status"), [
    ("2024-12-30", "pending"),
    ("2024-12-31", "fail"),
])
def test_none_around_the_year_end(run, as_of, status):
    finding = only(run(evaluations(), as_of, rules=[RULE], unit=DEPARTMENT), RULE)
    assert (finding.subject, finding.status.value, finding.location.line) == ("2024", status, FIRST_LINE)
    assert finding.due == dt.date(2024, 12, 31)


def test_pending_for_a_district_with_one_so_far(run):
    finding = only(run(TWO, "2024-09-01", rules=[RULE], unit=DISTRICT), RULE)  # the second not completed yet
    assert (finding.status.value, finding.location.line) == ("pending", FIRST_RECORD)
    assert "1 of 2 evaluations completed with results published so far; due 2024-12-31" in finding.message


def test_results_published_after_the_as_of_date_have_not_happened_yet(run):
    finding = only(run(ONE, "2024-12-09", rules=[RULE], unit=DEPARTMENT), RULE)
    assert finding.status.value == "pending"
    assert "1 without published results" in finding.message
    assert statuses(run(ONE, "2024-12-10", rules=[RULE], unit=DEPARTMENT), RULE) == [("2024", "pass", 2)]


def test_an_evaluation_completed_after_the_as_of_date_is_not_counted(run):
    finding = only(run(ONE, "2024-10-14", rules=[RULE], unit=DEPARTMENT), RULE)
    assert (finding.status.value, finding.location.line) == ("pending", FIRST_RECORD)  # still the section's first
    assert "0 of 1 evaluation" in finding.message and "without published results" not in finding.message


def test_a_pass_points_at_the_evaluation_that_counts(run):
    # The first record (lines 2-3) never had its results published; the pass is made by the second one, which
    # starts on line 4.
    findings = run(evaluations(evaluation("稳就业政策实施效果评价", "2024-05-15", None),
                               evaluation("惠企政策实施效果评价", "2024-10-15", "2024-12-10")),
                   "2024-12-31", rules=[RULE], unit=DEPARTMENT)
    assert statuses(findings, RULE) == [("2024", "pass", 4)]


def test_a_fail_points_at_the_first_evaluation_of_the_section(run):
    findings = run(evaluations(evaluation("稳就业政策实施效果评价", "2024-05-15", None),
                               evaluation("惠企政策实施效果评价", "2024-10-15", "2024-12-10")),
                   "2024-12-31", rules=[RULE], unit=DISTRICT)
    assert statuses(findings, RULE) == [("2024", "fail", FIRST_RECORD)]


def test_without_evaluations_the_report_first_line_is_shown(run):
    # The report's first line is its first key: line 2, after a comment; no evaluations section at all.
    findings = run("""
        # 环翠区 2024年度政务公开工作台账
        trainings: []
        """, "2024-12-31", rules=[RULE], unit=DISTRICT)
    assert statuses(findings, RULE) == [("2024", "fail", 2)]


def test_a_department_that_makes_no_policy_gets_no_finding(run):
    # 市机关事务服务中心 is marked policy_maker: false in the registry.
    assert statuses(run(evaluations(), "2024-12-31", rules=[RULE], unit="市机关事务服务中心"), RULE) == []


def test_a_unit_without_the_task_gets_no_finding(run):
    assert statuses(run(evaluations(), "2024-12-31", rules=[RULE], unit="市委编办"), RULE) == []


def test_nothing_before_the_year_begins(run):
    assert statuses(run(evaluations(), "2023-12-31", rules=[RULE], unit=DEPARTMENT), RULE) == []
