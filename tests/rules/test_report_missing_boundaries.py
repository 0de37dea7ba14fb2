"""report-missing in both languages, with the year it is about."""

from __future__ import annotations

from helpers import only


def test_a_missing_report_in_both_languages(run):
    findings = run("trainings: []\n", "2024-12-31", rules=["report-missing"])
    finding = only(findings, "report-missing", unit="环翠区")
    assert (finding.subject, finding.year, finding.status.value) == ("2024", 2024, "fail")
    assert finding.message.startswith("no report file for 2024; ") and finding.message.endswith(" assigned to this unit")
    tasks = finding.message.split("; ")[1].split(" ")[0]
    assert finding.message_zh == f"未报送2024年落实情况；本单位承担{tasks}项重点工作"
