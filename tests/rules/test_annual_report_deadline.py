"""annual-report-deadline: 政府信息公开条例 第四十九条 — departments (and other units) publish last year's report by
31 January, governments (districts, zones) by 31 March; calendar dates, configurable per kind or per unit.

Hand-checked 2025 calendar (国务院办公厅 2025 arrangement): 春节 1/28–2/4 off (1/26 Sun and 2/8 Sat are make-up
working days), so 2025-01-31 (Fri) is itself a day off: the statute's date still applies as written.
- published 2025-02-01 (Sat): no working day after 01-31 → "1 day (no working day)".
- published 2025-02-10: 2/5, 2/6, 2/7, 2/8 (make-up), 2/10 → 5 working days late.
- 2025-03-31 is a Monday; 04-01 (Tue) is 1 working day after it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import only, statuses

from disclose_cli.rules import Parameters

RULE = "annual-report-deadline"
JAN_31 = dt.date(2025, 1, 31)
MAR_31 = dt.date(2025, 3, 31)


def published(date: str | None, unit: str = "市教育局", year: int = 2024) -> str:
    """A report whose annual_report section starts at line 1; its findings point at line 2, the section's first
    key (and ``published`` is at line 5 when given)."""
    lines = ["annual_report:", "  overview:", "    proactive: 全年主动公开政府信息。", "  problems: 无。"]
    if date is not None:
        lines.append(f"  published: {date}")
    return "\n".join(lines) + f"\nunit: {unit}\nyear: {year}\n"


def judged(run, snippet: str, as_of: str = "2025-04-30", unit: str | None = None, **options):
    return only(run(snippet, as_of, rules=[RULE], **options), RULE, unit=unit)


@pytest.mark.parametrize(("unit", "due"), [
    ("市教育局", JAN_31),  # department
    ("市机关事务服务中心", JAN_31),  # department, policy_maker: false
    ("威海供电公司", JAN_31),  # other
    ("环翠区", MAR_31),  # district
    ("荣成市", MAR_31),  # county-level city: a district
    ("火炬高技术产业开发区", MAR_31),  # zone
])
def test_due_date_by_unit_kind(run, unit, due):
    finding = judged(run, published("2025-01-15", unit), unit=unit)
    assert (finding.subject, finding.status.value, finding.due) == ("2024", "pass", due)
    assert finding.message == f"annual report published 2025-01-15, on time (due {due})"


@pytest.mark.parametrize(("date", "status"), [
    ("2025-01-30", "pass"),
    ("2025-01-31", "pass"),
    ("2025-02-01", "fail"),
])
def test_department_published_around_31_january(run, date, status):
    finding = judged(run, published(date))
    assert (finding.subject, finding.status.value, finding.location.line, finding.due) == ("2024", status, 2, JAN_31)


@pytest.mark.parametrize(("date", "status"), [
    ("2025-03-30", "pass"),
    ("2025-03-31", "pass"),
    ("2025-04-01", "fail"),
])
def test_district_published_around_31_march(run, date, status):
    finding = judged(run, published(date, "环翠区"), unit="环翠区")
    assert (finding.subject, finding.status.value, finding.location.line, finding.due) == ("2024", status, 2, MAR_31)


def test_a_department_publishing_in_february_fails_though_a_district_would_pass(run):
    department = judged(run, published("2025-02-10"))
    assert department.status.value == "fail"
    assert department.message == "annual report published 2025-02-10, 5 working days after the due date 2025-01-31"
    assert department.overdue_workdays == 5
    district = judged(run, published("2025-02-10", "环翠区"), unit="环翠区")
    assert district.status.value == "pass"


@pytest.mark.parametrize(("date", "message", "overdue"), [
    ("2025-02-01", "annual report published 2025-02-01, 1 day (no working day) after the due date 2025-01-31", 0),
    ("2025-02-05", "annual report published 2025-02-05, 1 working day after the due date 2025-01-31", 1),
])
def test_late_messages_across_the_spring_festival(run, date, message, overdue):
    finding = judged(run, published(date))
    assert (finding.message, finding.overdue_workdays) == (message, overdue)


def test_late_district_message(run):
    finding = judged(run, published("2025-04-01", "环翠区"), unit="环翠区")
    assert finding.message == "annual report published 2025-04-01, 1 working day after the due date 2025-03-31"
    assert finding.overdue_workdays == 1


@pytest.mark.parametrize(("as_of", "status", "message"), [
    ("2025-01-30", "pending", "annual report not published yet; due 2025-01-31"),
    ("2025-01-31", "fail", "annual report not published; due 2025-01-31"),
    ("2025-02-01", "fail", "annual report not published; due 2025-01-31, overdue by 1 day (no working day)"),
])
def test_department_not_published_as_of_around_the_due_date(run, as_of, status, message):
    finding = judged(run, published(None), as_of)
    assert (finding.status.value, finding.message, finding.location.line) == (status, message, 2)


@pytest.mark.parametrize(("as_of", "status"), [
    ("2025-03-30", "pending"),
    ("2025-03-31", "fail"),
    ("2025-04-01", "fail"),
])
def test_district_not_published_as_of_around_the_due_date(run, as_of, status):
    finding = judged(run, published(None, "环翠区"), as_of, unit="环翠区")
    assert (finding.status.value, finding.due) == (status, MAR_31)


def test_pending_during_the_report_year_itself(run):
    assert judged(run, published(None), "2024-06-30").status.value == "pending"


def test_without_an_annual_report_section_it_is_not_published(run):
    snippet = "trainings:\n  - {title: 培训, date: 2024-06-20}\n"
    assert statuses(run(snippet, "2025-01-30", rules=[RULE]), RULE) == [("2024", "pending", 1)]
    late = judged(run, snippet, "2025-02-05")
    assert (late.status.value, late.location.line) == ("fail", 1)
    assert late.message == "annual report not published; due 2025-01-31, overdue by 1 working day"


def test_a_publication_after_the_as_of_date_has_not_happened_yet(run):
    assert judged(run, published("2025-01-20"), "2025-01-19").status.value == "pending"
    assert judged(run, published("2025-01-20"), "2025-01-20").status.value == "pass"
    # Published after the due date, judged later still: late; judged before it happened: not published, overdue.
    assert judged(run, published("2025-02-10"), "2025-02-05").message == (
        "annual report not published; due 2025-01-31, overdue by 1 working day")


def test_the_finding_points_at_the_annual_report_section(run):
    snippet = "trainings:\n  - {title: 培训, date: 2024-06-20}\n" + published("2025-01-20")
    # annual_report: is line 3, its first key (overview:) line 4; a report without the section: line 1 (above).
    assert statuses(run(snippet, "2025-04-30", rules=[RULE]), RULE) == [("2024", "pass", 4)]


# --- stricter local dates ---------------------------------------------------------------------------------------

DEFAULT_DUE = Parameters().annual_report_due


def test_the_defaults_are_the_statute(run):
    assert DEFAULT_DUE == {"department": "01-31", "other": "01-31", "district": "03-31", "zone": "03-31"}
    assert Parameters().annual_report_due_by_unit == {}


@pytest.mark.parametrize(("date", "status"), [
    ("2025-01-27", "pass"),
    ("2025-01-28", "pass"),
    ("2025-01-29", "fail"),  # on time by the statute, late by the local rule
])
def test_a_stricter_date_for_a_kind(run, date, status):
    # 怀化 2022: 市直单位 publish by 1月28日.
    parameters = Parameters(annual_report_due={**DEFAULT_DUE, "department": "01-28"})
    finding = judged(run, published(date), parameters=parameters)
    assert (finding.status.value, finding.due) == (status, dt.date(2025, 1, 28))


def test_a_stricter_date_for_one_kind_leaves_the_others(run):
    parameters = Parameters(annual_report_due={**DEFAULT_DUE, "district": "02-20"})
    assert judged(run, published("2025-02-21", "环翠区"), unit="环翠区", parameters=parameters).status.value == "fail"
    assert judged(run, published("2025-02-21", "火炬高技术产业开发区"), unit="火炬高技术产业开发区",
                  parameters=parameters).due == MAR_31
    assert judged(run, published("2025-01-31"), parameters=parameters).status.value == "pass"


def test_a_date_for_one_unit_overrides_its_kind(run):
    parameters = Parameters(annual_report_due_by_unit={"荣成市": "02-20"})
    rongcheng = judged(run, published("2025-02-21", "荣成市"), unit="荣成市", parameters=parameters)
    assert (rongcheng.status.value, rongcheng.due) == ("fail", dt.date(2025, 2, 20))
    assert rongcheng.message == "annual report published 2025-02-21, 1 working day after the due date 2025-02-20"
    # Another district keeps 31 March.
    huancui = judged(run, published("2025-02-21", "环翠区"), unit="环翠区", parameters=parameters)
    assert (huancui.status.value, huancui.due) == ("pass", MAR_31)


def test_the_unit_date_wins_over_a_stricter_kind_date(run):
    parameters = Parameters(annual_report_due={**DEFAULT_DUE, "department": "01-20"},
                            annual_report_due_by_unit={"市教育局": "01-25"})
    assert judged(run, published("2025-01-24"), parameters=parameters).due == dt.date(2025, 1, 25)


def test_a_unit_date_pending_and_overdue_as_of(run):
    parameters = Parameters(annual_report_due_by_unit={"市教育局": "01-20"})
    assert judged(run, published(None), "2025-01-19", parameters=parameters).status.value == "pending"
    assert judged(run, published(None), "2025-01-20", parameters=parameters).status.value == "fail"


def test_a_stricter_date_from_disclose_yaml(tmp_path, context):
    from disclose_cli.loading.config import load_config

    config = tmp_path / "disclose.yaml"
    config.write_text("rules:\n  annual_report_due:\n    department: '01-28'\n"
                      "  annual_report_due_by_unit:\n    荣成市: '02-20'\n", encoding="utf-8")
    parameters = load_config(config).parameters
    # A kind set in the file replaces only that kind's date; the statute's dates stay for the others.
    assert parameters.annual_report_due == {"department": "01-28", "other": "01-31", "district": "03-31",
                                            "zone": "03-31"}
    assert parameters.annual_report_due_by_unit == {"荣成市": "02-20"}


def test_29_february_as_a_local_date_does_not_crash(run):
    parameters = Parameters(annual_report_due_by_unit={"环翠区": "02-29"})
    finding = judged(run, published("2025-02-27", "环翠区"), unit="环翠区", parameters=parameters)
    assert finding.status.value == "pass"
    assert finding.due == dt.date(2025, 2, 28)


# --- who is judged ----------------------------------------------------------------------------------------------

def test_a_unit_without_a_report_gets_only_report_missing(run):
    findings = run(published("2025-01-20"), "2025-04-30")
    assert [(f.rule, f.status.value) for f in findings if f.unit == "环翠区"] == [("report-missing", "fail")]
    assert not [f for f in findings if f.rule == RULE and f.unit != "市教育局"]
    # With the rule alone, a unit without a report gets nothing at all.
    assert [f.unit for f in run(published("2025-01-20"), "2025-04-30", rules=[RULE])] == ["市教育局"]


def test_one_finding_per_report_and_year(run):
    findings = run([published("2025-01-20"), published(None, "环翠区"), published("2025-03-01", "荣成市")],
                   "2025-04-30", rules=[RULE])
    assert sorted((f.unit, f.subject, f.status.value) for f in findings) == [
        ("市教育局", "2024", "pass"), ("环翠区", "2024", "fail"), ("荣成市", "2024", "pass")]


def test_a_previous_year_file_kept_for_the_annual_report_is_not_judged(run):
    # No 2023 catalog: the 2023 file is kept only for the 2024 report, and its own annual report is not judged.
    findings = run([published("2024-05-10", "荣成市", 2023), published("2025-03-01", "荣成市")], "2025-04-30",
                   rules=[RULE])
    assert [(f.unit, f.subject, f.status.value) for f in findings] == [("荣成市", "2024", "pass")]
