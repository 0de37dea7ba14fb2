"""What each rule puts in a unit's 工作配档表 (``duties``) and what reports show beside its statuses (``tally``),
in both languages, with the default figures and with figures a configuration changes."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path

import pytest

from disclose_cli.base.locations import Location
from disclose_cli.base.phrase import Phrase
from disclose_cli.model.findings import Finding, Status
from disclose_cli.rules import RULES, Parameters
from disclose_cli.rules.rule import Count, Duty, WindowCell

D = dt.date


def duties(context, unit: str, parameters: Parameters | None = None, year: int = 2024) -> list[Duty]:
    found = []
    for rule in RULES.values():
        if rule.duties:
            found.extend(rule.duties(context.registry.get(unit), year, parameters or Parameters()))
    return found


def by_rule(found: list[Duty], rule: str) -> list[tuple[str, dt.date | None, Phrase]]:
    return [(duty.label, duty.due, duty.requirement) for duty in found if duty.rule == rule]


def test_a_department_s_duties(context):
    found = duties(context, "市教育局")
    assert by_rule(found, "consultation-period") == [("", None, Phrase(
        "keep each draft open for public comment at least 30 days", "公开征求意见的期限不少于30日（不足的须公开说明理由）"))]
    assert by_rule(found, "feedback-deadline") == [("", None, Phrase(
        "publish the consultation feedback within 10 working days of each decision",
        "决策文件出台后10个工作日内公开意见收集、采纳情况"))]
    assert by_rule(found, "request-deadline") == [("", None, Phrase(
        "answer each information request within 20 working days (up to 20 more when approved); ask for a "
        "correction within 7 working days of receipt",
        "收到申请之日起20个工作日内答复（经批准可延长20个工作日）；需补正的，7个工作日内一次性告知"))]
    assert by_rule(found, "multimedia-share") == [("2024", D(2024, 12, 31), Phrase(
        "at least 30% of interpretations as video, animation, audio or H5", "视频、动漫等解读形式占比不低于30%"))]
    every_half = Phrase("at least one important meeting with public representatives every half-year",
                        "每半年至少邀请公众代表列席重要会议1次")
    assert by_rule(found, "meeting-frequency") == [("2024H1", D(2024, 6, 30), every_half),
                                                   ("2024H2", D(2024, 12, 31), every_half)]
    assert by_rule(found, "evaluation-frequency") == [("2024", D(2024, 12, 31), Phrase(
        "at least 1 policy evaluation, results published by the year's end",
        "至少开展1次专题性政策评价，年底前公开评价结果和运用情况"))]
    assert by_rule(found, "training-frequency") == [("2024", D(2024, 12, 31), Phrase(
        "at least 1 training", "至少组织1次集中学习培训"))]
    assert by_rule(found, "annual-report-deadline") == [("2024", D(2025, 1, 31), Phrase(
        "publish the 2024 annual disclosure report by 2025-01-31", "2025年1月31日前公开2024年政府信息公开工作年度报告"))]
    assert {duty.rule for duty in found} == {"consultation-period", "feedback-deadline", "request-deadline",
                                             "multimedia-share", "meeting-frequency", "evaluation-frequency",
                                             "training-frequency", "annual-report-deadline"}


def test_a_district_s_duties(context):
    found = duties(context, "环翠区", year=2025)
    every_quarter = Phrase("at least one important meeting with public representatives every quarter",
                           "每季度至少邀请公众代表列席重要会议1次")
    assert by_rule(found, "meeting-frequency") == [
        ("2025Q1", D(2025, 3, 31), every_quarter), ("2025Q2", D(2025, 6, 30), every_quarter),
        ("2025Q3", D(2025, 9, 30), every_quarter), ("2025Q4", D(2025, 12, 31), every_quarter)]
    assert by_rule(found, "evaluation-frequency") == [("2025", D(2025, 12, 31), Phrase(
        "at least 2 policy evaluations, results published by the year's end",
        "至少开展2次专题性政策评价，年底前公开评价结果和运用情况"))]
    assert by_rule(found, "multimedia-share")[0][:2] == ("2025", D(2025, 12, 31))
    assert by_rule(found, "annual-report-deadline") == [("2025", D(2026, 3, 31), Phrase(
        "publish the 2025 annual disclosure report by 2026-03-31", "2026年3月31日前公开2025年政府信息公开工作年度报告"))]


def test_a_unit_that_makes_no_policy_has_no_evaluation_duty(context):
    assert by_rule(duties(context, "市机关事务服务中心"), "evaluation-frequency") == []


def test_duties_follow_the_configured_figures(context):
    parameters = Parameters(consultation_days=45, feedback_workdays=15, request_workdays=15,
                            request_extension_workdays=10, correction_notice_workdays=5, trainings_required=2,
                            multimedia_share_percent=35, evaluations_required={"department": 3},
                            meeting_span={"department": "quarter"},
                            annual_report_due_by_unit={"市教育局": "01-20"})
    found = duties(context, "市教育局", parameters)
    assert by_rule(found, "consultation-period")[0][2] == Phrase(
        "keep each draft open for public comment at least 45 days", "公开征求意见的期限不少于45日（不足的须公开说明理由）")
    assert by_rule(found, "feedback-deadline")[0][2] == Phrase(
        "publish the consultation feedback within 15 working days of each decision",
        "决策文件出台后15个工作日内公开意见收集、采纳情况")
    assert by_rule(found, "request-deadline")[0][2] == Phrase(
        "answer each information request within 15 working days (up to 10 more when approved); ask for a "
        "correction within 5 working days of receipt",
        "收到申请之日起15个工作日内答复（经批准可延长10个工作日）；需补正的，5个工作日内一次性告知")
    assert by_rule(found, "multimedia-share")[0][2] == Phrase(
        "at least 35% of interpretations as video, animation, audio or H5", "视频、动漫等解读形式占比不低于35%")
    assert [label for label, _, _ in by_rule(found, "meeting-frequency")] == ["2024Q1", "2024Q2", "2024Q3", "2024Q4"]
    assert by_rule(found, "meeting-frequency")[0][2].zh == "每季度至少邀请公众代表列席重要会议1次"
    assert by_rule(found, "evaluation-frequency")[0][2] == Phrase(
        "at least 3 policy evaluations, results published by the year's end",
        "至少开展3次专题性政策评价，年底前公开评价结果和运用情况")
    assert by_rule(found, "training-frequency")[0][2] == Phrase("at least 2 trainings", "至少组织2次集中学习培训")
    assert by_rule(found, "annual-report-deadline") == [("2024", D(2025, 1, 20), Phrase(
        "publish the 2024 annual disclosure report by 2025-01-20", "2025年1月20日前公开2024年政府信息公开工作年度报告"))]


def _finding(rule: str, subject: str, status: Status, measure: object = None) -> Finding:
    return Finding(rule=rule, unit="环翠区", status=status, subject=subject, message="", message_zh="",
                   location=Location(Path("hcq.yaml"), 1), measure=measure, year=2024)


@pytest.mark.parametrize("rule", ["training-frequency", "evaluation-frequency", "multimedia-share"])
def test_a_yearly_tally_is_the_measure_of_its_finding(rule):
    count = Count(1, 2, Fraction(3, 10))
    assert RULES[rule].tally([_finding(rule, "2024", Status.PENDING, count)]) == count
    assert RULES[rule].tally([_finding(rule, "2024", Status.WAIVED), _finding(rule, "2024", Status.FAIL, count)]) \
        == count
    assert RULES[rule].tally([]) is None


def test_the_meeting_grid_of_a_district_shows_every_quarter():
    tally = RULES["meeting-frequency"].tally
    findings = [_finding("meeting-frequency", "2024Q1", Status.PASS),
                _finding("meeting-frequency", "2024Q2", Status.FAIL),
                _finding("meeting-frequency", "2024Q3", Status.WAIVED)]
    assert tally(findings) == (WindowCell("2024Q1", "pass"), WindowCell("2024Q2", "fail"),
                               WindowCell("2024Q3", "waived"), WindowCell("2024Q4", "future"))


def test_the_meeting_grid_of_a_department_shows_both_half_years():
    tally = RULES["meeting-frequency"].tally
    assert tally([_finding("meeting-frequency", "2025H1", Status.PENDING)]) == (
        WindowCell("2025H1", "pending"), WindowCell("2025H2", "future"))
    assert tally([]) is None
