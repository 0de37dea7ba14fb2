"""report-missing: a unit with catalog tasks and no report for the year gets one fail, and nothing else."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import yaml
from helpers import run_check, statuses

RULE = "report-missing"
ROOT = Path(__file__).resolve().parents[2]
UNITS_YAML = ROOT / "data" / "units.yaml"
TASKS_YAML = ROOT / "data" / "tasks_2024.yaml"

EDUCATION = "trainings:\n  - {title: 培训, date: 2024-06-20}\n"


def registry_line(name: str) -> int:
    """The line of ``- name: NAME`` in the bundled registry, read from the file itself."""
    for number, text in enumerate(UNITS_YAML.read_text(encoding="utf-8").splitlines(), start=1):
        if text.strip() == f"- name: {name}":
            return number
    raise AssertionError(f"{name} is not in {UNITS_YAML}")


def tasks_for_district() -> int:
    """Tasks of the 2024 table that a district (各区市政府) is responsible for, counted from the raw data."""
    tasks = yaml.safe_load(TASKS_YAML.read_text(encoding="utf-8"))["tasks"]
    return sum(1 for task in tasks if "district" in task["groups"] or "环翠区" in task["units"])


def test_a_unit_without_a_report_gets_exactly_one_finding(run, tmp_path):
    findings = run(EDUCATION, "2024-12-31")
    for_huancui = [finding for finding in findings if finding.unit == "环翠区"]
    assert [(f.rule, f.subject, f.status.value) for f in for_huancui] == [(RULE, "2024", "fail")]
    finding = for_huancui[0]
    # Without a configuration the finding points at what was read, never into the installation.
    assert finding.location.path.resolve().is_relative_to(tmp_path.resolve())
    assert finding.location.line is None
    assert f"no report file for 2024; {tasks_for_district()} tasks assigned to this unit" in finding.message


def test_with_a_registry_of_its_own_the_finding_points_at_the_units_entry(tmp_path, context):
    own = dataclasses.replace(context, config=dataclasses.replace(context.config, registry=UNITS_YAML))
    findings = run_check(tmp_path, own, EDUCATION, "2024-12-31", units=["环翠区"])
    # The registry as read (the package's copy of data/units.yaml when installed).
    assert [(f.location.path, f.location.line) for f in findings if f.rule == RULE] == [
        (own.registry.path, registry_line("环翠区"))]


def test_every_unit_without_a_report_is_listed_and_the_reporting_unit_is_not(run):
    findings = run(EDUCATION, "2024-12-31")
    missing = {finding.unit for finding in findings if finding.rule == RULE}
    assert "市教育局" not in missing
    assert {"环翠区", "文登区", "荣成市", "乳山市", "火炬高技术产业开发区", "综合保税区", "市司法局",
            "市机关事务服务中心", "威海供电公司", "市委编办"} <= missing
    # No other rule speaks about a unit without a report.
    assert {finding.rule for finding in findings if finding.unit in missing} == {RULE}
    # The reporting unit is judged by the other rules.
    assert ("2024", "pass", 2) in statuses(findings, "training-frequency", "市教育局")


def test_a_missing_report_fails_whatever_the_as_of_date(run):
    findings = run(EDUCATION, "2024-01-02", units=["环翠区"])
    assert statuses(findings, RULE) == [("2024", "fail", None)]


def test_no_finding_once_the_report_exists(run):
    findings = run([EDUCATION, "unit: 环翠区\nyear: 2024\n"], "2024-12-31")
    missing = {finding.unit for finding in findings if finding.rule == RULE}
    assert "环翠区" not in missing and "市教育局" not in missing
    assert any(finding.unit == "环翠区" and finding.rule != RULE for finding in findings)


def test_a_report_under_an_alias_counts(run):
    findings = run([EDUCATION, "unit: 威海市环翠区\nyear: 2024\n"], "2024-12-31", units=["环翠区"])
    assert statuses(findings, RULE) == []
    # No trainings section: the fail points at the report's first line (``unit: 威海市环翠区``, line 1).
    assert statuses(findings, "training-frequency", "环翠区") == [("2024", "fail", 1)]


def test_other_rules_alone_say_nothing_about_a_missing_report(run):
    findings = run(EDUCATION, "2024-12-31", rules=["task-deadline", "training-frequency"], units=["环翠区"])
    assert findings == []


def test_the_unit_filter_applies(run):
    findings = run(EDUCATION, "2024-12-31", rules=[RULE], units=["文登区"])
    assert [(f.unit, f.rule, f.status.value) for f in findings] == [("文登区", RULE, "fail")]
