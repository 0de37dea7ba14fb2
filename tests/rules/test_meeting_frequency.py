"""meeting-frequency: a meeting with public representatives every half-year (departments) or quarter
(districts and zones)."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import only, statuses

RULE = "meeting-frequency"
DEPARTMENT, DISTRICT, ZONE = "市教育局", "环翠区", "火炬高技术产业开发区"


def meeting(date: str, attendees: int = 2, title: str = "政府常务会议") -> str:
    return f"""
meetings:
  - title: {title}
    date: {date}
    public_attendees: {attendees}
"""


NO_MEETINGS = "meetings: []\n"

# Lines: meeting(...) writes ``meetings:`` on line 1 and its one record on line 2 (unit/year are appended after
# it); NO_MEETINGS has no record, so its findings point at the report's first line, line 1 (``meetings: []``).
MEETING_LINE = 2
FIRST_LINE = 1


def test_departments_are_judged_by_half_year(run):
    findings = run(meeting("2024-03-15"), "2024-12-31", rules=[RULE], unit=DEPARTMENT)
    # H2 has no meeting of its own: its fail points at the first meeting of the file.
    assert statuses(findings, RULE) == [("2024H1", "pass", MEETING_LINE), ("2024H2", "fail", MEETING_LINE)]


@pytest.mark.parametrize("unit", [DISTRICT, ZONE])
def test_districts_and_zones_are_judged_by_quarter(run, unit):
    findings = run(meeting("2024-03-15"), "2024-12-31", rules=[RULE], unit=unit)
    assert statuses(findings, RULE) == [("2024Q1", "pass", MEETING_LINE), ("2024Q2", "fail", MEETING_LINE),
                                        ("2024Q3", "fail", MEETING_LINE), ("2024Q4", "fail", MEETING_LINE)]


def test_a_pass_names_the_meeting(run):
    finding = only(run(meeting("2024-03-15", title="2024年第一季度政府常务会议"), "2024-12-31", rules=[RULE],
                       unit=DISTRICT), RULE, "2024Q1")
    assert "1 meeting with public representatives" in finding.message
    assert "2024年第一季度政府常务会议" in finding.message and "2024-03-15" in finding.message


def test_a_meeting_without_public_attendees_does_not_count(run):
    findings = run(meeting("2024-03-15", attendees=0), "2024-03-31", rules=[RULE], unit=DISTRICT)
    assert statuses(findings, RULE) == [("2024Q1", "fail", MEETING_LINE)]  # the meeting that did not count
    message = only(findings, RULE).message
    assert "no meeting with public representatives in 2024Q1" in message
    assert "1 meeting without public attendees" in message


def test_one_public_attendee_is_enough(run):
    findings = run(meeting("2024-03-15", attendees=1), "2024-03-31", rules=[RULE], unit=DISTRICT)
    assert statuses(findings, RULE) == [("2024Q1", "pass", 2)]


@pytest.mark.parametrize(("as_of", "expected"), [
    ("2024-03-30", [("2024Q1", "pending", FIRST_LINE)]),
    ("2024-03-31", [("2024Q1", "fail", FIRST_LINE)]),
    ("2024-04-01", [("2024Q1", "fail", FIRST_LINE), ("2024Q2", "pending", FIRST_LINE)]),
])
def test_a_quarter_without_a_meeting_around_its_last_day(run, as_of, expected):
    findings = run(NO_MEETINGS, as_of, rules=[RULE], unit=DISTRICT)
    assert statuses(findings, RULE) == expected
    assert only(findings, RULE, "2024Q1").due == dt.date(2024, 3, 31)


@pytest.mark.parametrize(("as_of", "expected"), [
    ("2024-06-29", [("2024H1", "pending", FIRST_LINE)]),
    ("2024-06-30", [("2024H1", "fail", FIRST_LINE)]),
    ("2024-07-01", [("2024H1", "fail", FIRST_LINE), ("2024H2", "pending", FIRST_LINE)]),
])
def test_a_half_year_without_a_meeting_around_its_last_day(run, as_of, expected):
    assert statuses(run(NO_MEETINGS, as_of, rules=[RULE], unit=DEPARTMENT), RULE) == expected


def test_a_meeting_on_the_last_day_of_the_window_counts(run):
    findings = run(meeting("2024-06-30"), "2024-12-31", rules=[RULE], unit=DEPARTMENT)
    assert statuses(findings, RULE) == [("2024H1", "pass", MEETING_LINE), ("2024H2", "fail", MEETING_LINE)]
    findings = run(meeting("2024-07-01"), "2024-12-31", rules=[RULE], unit=DEPARTMENT)
    assert statuses(findings, RULE) == [("2024H1", "fail", MEETING_LINE), ("2024H2", "pass", MEETING_LINE)]


def test_a_meeting_after_the_as_of_date_has_not_happened_yet(run):
    # Not counted yet, but it is the meeting dated in the window: the pending finding points at it.
    assert statuses(run(meeting("2024-06-30"), "2024-06-29", rules=[RULE], unit=DEPARTMENT), RULE) \
        == [("2024H1", "pending", MEETING_LINE)]
    assert statuses(run(meeting("2024-06-30"), "2024-06-30", rules=[RULE], unit=DEPARTMENT), RULE) \
        == [("2024H1", "pass", 2)]


def test_a_pass_comes_as_soon_as_a_meeting_counts(run):
    findings = run(meeting("2024-01-10"), "2024-01-10", rules=[RULE], unit=DISTRICT)
    assert statuses(findings, RULE) == [("2024Q1", "pass", 2)]


def test_future_windows_produce_no_finding(run):
    assert statuses(run(NO_MEETINGS, "2024-05-15", rules=[RULE], unit=DISTRICT), RULE) \
        == [("2024Q1", "fail", FIRST_LINE), ("2024Q2", "pending", FIRST_LINE)]
    assert statuses(run(NO_MEETINGS, "2023-12-31", rules=[RULE], unit=DISTRICT), RULE) == []


def test_the_attended_meeting_is_the_one_whose_line_is_shown(run):
    findings = run("""
        meetings:
          - title: 内部会议
            date: 2024-02-01
            public_attendees: 0
          - title: 列席会议
            date: 2024-02-20
            public_attendees: 3
        """, "2024-03-31", rules=[RULE], unit=DISTRICT)
    assert statuses(findings, RULE) == [("2024Q1", "pass", 5)]
    assert "列席会议" in only(findings, RULE).message


def test_the_earliest_attended_meeting_by_date_is_the_one_shown(run):
    # Listed out of order: the pass points at the meeting held first (line 5), not the first one written.
    findings = run("""
        meetings:
          - title: 三月会议
            date: 2024-03-20
            public_attendees: 2
          - title: 二月会议
            date: 2024-02-10
            public_attendees: 1
        """, "2024-03-31", rules=[RULE], unit=DISTRICT)
    assert statuses(findings, RULE) == [("2024Q1", "pass", 5)]
    assert "2 meetings with public representatives (first: 二月会议, 2024-02-10)" in only(findings, RULE).message


def test_a_window_without_a_pass_points_at_its_own_first_meeting(run):
    # Q1 passes on line 2; Q2's only meeting (line 5) had no public attendees: Q2's fail points at it.
    findings = run("""
        meetings:
          - title: 一季度会议
            date: 2024-03-15
            public_attendees: 2
          - title: 二季度会议
            date: 2024-05-15
            public_attendees: 0
        """, "2024-06-30", rules=[RULE], unit=DISTRICT)
    assert statuses(findings, RULE) == [("2024Q1", "pass", 2), ("2024Q2", "fail", 5)]


def test_a_window_without_meetings_points_at_the_first_meeting_of_the_file(run):
    # Nothing dated in Q1 or Q2: both point at the file's first meeting (line 2, dated 2024-09-20), not at the
    # earliest-dated one (line 5) nor at the report's first line.
    findings = run("""
        meetings:
          - title: 九月会议
            date: 2024-09-20
            public_attendees: 2
          - title: 七月会议
            date: 2024-07-10
            public_attendees: 0
        """, "2024-06-30", rules=[RULE], unit=DISTRICT)
    assert statuses(findings, RULE) == [("2024Q1", "fail", 2), ("2024Q2", "fail", 2)]


def test_without_any_meeting_the_report_first_line_is_shown(run):
    # The report's first line is its first key (line 2, after a comment), wherever meetings are absent.
    findings = run("""
        # 市教育局 2024年度政务公开工作台账
        trainings: []
        """, "2024-07-01", rules=[RULE], unit=DEPARTMENT)
    assert statuses(findings, RULE) == [("2024H1", "fail", 2), ("2024H2", "pending", 2)]


def test_a_unit_without_the_task_gets_no_finding(run):
    assert statuses(run(NO_MEETINGS, "2024-12-31", rules=[RULE], unit="威海供电公司"), RULE) == []
