"""Waivers in a report: they turn a fail (or pending) of their rule and subject into waived until they expire.

The feedback decisions below are issued 2024-09-27 (Fri), due 2024-10-16 (10 working days across National Day:
9/29 and 10/12 are make-up days, 10/1–10/7 off).
"""

from __future__ import annotations

import textwrap

import pytest
from helpers import only, report_text, statuses

from disclose_cli.loading.dataset import load

RULE = "feedback-deadline"

DECISIONS = """\
decisions:
  - title: 甲
    issued: 2024-09-27
  - title: 乙
    issued: 2024-09-27
  - title: 丙
    issued: 2024-09-27
    feedback_published: 2024-10-16
"""


def with_waivers(*waivers: str, records: str = DECISIONS) -> str:
    return records + "waivers:\n" + "".join(textwrap.indent(textwrap.dedent(waiver).lstrip("\n"), "  ")
                                            for waiver in waivers)


def waiver(rule: str = RULE, subject: str | None = None, expires: str | None = None,
           reason: str = "决策文件涉密，反馈延后", approved_by: str = "市政府办公室") -> str:
    lines = [f"- rule: {rule}"]
    if subject is not None:
        lines.append(f"  subject: {subject}")
    lines += [f"  reason: {reason}", f"  approved_by: {approved_by}"]
    if expires is not None:
        lines.append(f"  expires: {expires}")
    return "\n".join(lines) + "\n"


def by_subject(findings) -> dict[str, str]:
    return {subject: status for subject, status, _ in statuses(findings, RULE)}


def test_without_waivers(run):
    assert sorted(statuses(run(DECISIONS, "2024-10-17", rules=[RULE]), RULE)) \
        == [("丙", "pass", 6), ("乙", "fail", 4), ("甲", "fail", 2)]


def test_a_waiver_for_one_subject_waives_only_that_subject(run):
    findings = run(with_waivers(waiver(subject="甲")), "2024-10-17", rules=[RULE])
    assert sorted(statuses(findings, RULE)) == [("丙", "pass", 6), ("乙", "fail", 4), ("甲", "waived", 2)]
    waived = only(findings, RULE, "甲")
    # The finding's own message is kept, and the waiver is named once after it.
    assert waived.message == ("feedback not published; due 2024-10-16, overdue by 1 working day; "
                              "waived: 决策文件涉密，反馈延后 (approved by 市政府办公室)")
    assert waived.waiver == "决策文件涉密，反馈延后 (approved by 市政府办公室)"
    assert only(findings, RULE, "乙").waiver is None


def test_a_waiver_without_subject_waives_every_subject_of_its_rule(run):
    findings = run(with_waivers(waiver()), "2024-10-17", rules=[RULE])
    assert by_subject(findings) == {"甲": "waived", "乙": "waived", "丙": "pass"}


def test_a_waiver_of_another_rule_changes_nothing(run):
    findings = run(with_waivers(waiver(rule="request-deadline")), "2024-10-17", rules=[RULE])
    assert by_subject(findings) == {"甲": "fail", "乙": "fail", "丙": "pass"}


def test_a_waiver_for_another_subject_changes_nothing(run):
    findings = run(with_waivers(waiver(subject="丁")), "2024-10-17", rules=[RULE])
    assert by_subject(findings) == {"甲": "fail", "乙": "fail", "丙": "pass"}


def test_a_waiver_never_turns_a_pass_into_waived(run):
    findings = run(with_waivers(waiver(subject="丙"), waiver()), "2024-10-17", rules=[RULE])
    passed = only(findings, RULE, "丙")
    assert passed.status.value == "pass"
    assert passed.waiver is None and "waived" not in passed.message


@pytest.mark.parametrize(("as_of", "status"), [
    ("2024-10-19", "waived"),
    ("2024-10-20", "waived"),  # expires is inclusive
    ("2024-10-21", "fail"),
])
def test_expiry(run, as_of, status):
    findings = run(with_waivers(waiver(subject="甲", expires="2024-10-20")), as_of, rules=[RULE])
    assert by_subject(findings)["甲"] == status


def test_an_expired_waiver_keeps_the_fail_with_a_note(run):
    findings = run(with_waivers(waiver(subject="甲", expires="2024-10-20")), "2024-10-21", rules=[RULE])
    finding = only(findings, RULE, "甲")
    assert (finding.status.value, finding.location.line) == ("fail", 2)
    assert "(the waiver expired on 2024-10-20)" in finding.message
    assert finding.waiver == "expired 2024-10-20"
    assert "expired" not in only(findings, RULE, "乙").message


def test_the_latest_of_several_expired_waivers_is_named(run):
    findings = run(with_waivers(waiver(subject="甲", expires="2024-10-18"), waiver(expires="2024-10-20")),
                   "2024-10-25", rules=[RULE])
    assert "(the waiver expired on 2024-10-20)" in only(findings, RULE, "甲").message
    assert "(the waiver expired on 2024-10-20)" in only(findings, RULE, "乙").message


def test_one_valid_waiver_is_enough_when_another_has_expired(run):
    findings = run(with_waivers(waiver(subject="甲", expires="2024-10-18"), waiver(subject="甲")),
                   "2024-10-25", rules=[RULE])
    assert by_subject(findings)["甲"] == "waived"


def test_a_pending_finding_is_waived_too(run):
    findings = run(with_waivers(waiver(subject="甲")), "2024-10-15", rules=[RULE])
    assert by_subject(findings) == {"甲": "waived", "乙": "pending", "丙": "pending"}  # 丙's feedback of 10-16 is still ahead


@pytest.mark.parametrize("subject", ['"2024"', "2024"], ids=["quoted", "unquoted-year"])
def test_a_waiver_for_the_year(run, subject):
    # An unquoted year is read as the number 2024 and taken as the text "2024".
    snippet = with_waivers(f"""
        - rule: training-frequency
          subject: {subject}
          reason: 培训并入市政府办公室统一组织
          approved_by: 市政府办公室
        """, records="trainings: []\n")
    findings = run(snippet, "2024-12-31", rules=["training-frequency"])
    # No training recorded: the finding points at the report's first line (``trainings: []``, line 1).
    assert statuses(findings, "training-frequency") == [("2024", "waived", 1)]
    assert only(findings, "training-frequency").waiver == "培训并入市政府办公室统一组织 (approved by 市政府办公室)"


def waiver_problems(tmp_path, context, subject: str) -> list[str]:
    path = tmp_path / "report.yaml"
    path.write_text(report_text(with_waivers(waiver(rule="training-frequency", subject=subject),
                                             records="trainings: []\n")), encoding="utf-8")
    return [str(problem) for problem in load([path], context).problems]


@pytest.mark.parametrize("subject", ["2000", "2024", "2100"])
def test_an_unquoted_year_is_a_valid_subject(tmp_path, context, subject):
    assert waiver_problems(tmp_path, context, subject) == []


def test_a_leading_zero_subject_has_two_meanings_and_asks_for_quotes(tmp_path, context):
    [problem] = waiver_problems(tmp_path, context, "0123")
    assert "report.yaml:4:14: '0123' is the number 83 in YAML 1.1" in problem and '"0123" in quotes' in problem


@pytest.mark.parametrize("subject", ["123", "1999", "2101", "2024.5"])
def test_any_other_bare_number_as_subject_asks_for_quotes(tmp_path, context, subject):
    # The waiver's subject is on line 4 (trainings, waivers, - rule, subject), its value at column 14.
    [problem] = waiver_problems(tmp_path, context, subject)
    assert problem.endswith(f"report.yaml:4:14: 'subject' must be text, but {subject} is read as a number; "
                            "put it in quotes")


def test_a_quoted_number_is_a_valid_subject(tmp_path, context):
    assert waiver_problems(tmp_path, context, '"123"') == []


def test_a_waiver_for_a_window(run):
    snippet = with_waivers("""
        - rule: meeting-frequency
          subject: 2024Q1
          reason: 疫情
          approved_by: 市政府办公室
        """, records="meetings: []\n")
    findings = run(snippet, "2024-12-31", rules=["meeting-frequency"], unit="环翠区")
    assert [status for _, status, _ in statuses(findings, "meeting-frequency")] \
        == ["waived", "fail", "fail", "fail"]


def test_a_waiver_for_a_task(run):
    snippet = with_waivers("""
        - rule: task-deadline
          subject: training
          reason: 并入全市统一培训
          approved_by: 市政府办公室
          expires: 2025-01-31
        """, records="tasks: []\n")
    findings = run(snippet, "2025-01-02", rules=["task-deadline"])
    assert only(findings, "task-deadline", "training").status.value == "waived"
    assert only(findings, "task-deadline", "interpretation-forms").status.value == "fail"


def test_a_waiver_naming_an_unknown_rule_is_an_input_problem(tmp_path, context):
    path = tmp_path / "report.yaml"
    path.write_text(report_text(with_waivers(waiver(rule="feedback-deadlin"))), encoding="utf-8")
    dataset = load([path], context)
    assert dataset.sources == []
    assert any("unknown rule 'feedback-deadlin'" in problem.message and "feedback-deadline" in problem.message
               for problem in dataset.problems)
