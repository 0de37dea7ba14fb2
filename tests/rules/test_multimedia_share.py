"""multimedia-share: at least 30% of interpretations in video/animation/audio/h5, judged at the year's end."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import only, statuses

RULE = "multimedia-share"


def interpretations(*forms: str, published: str = "2024-05-11") -> str:
    rows = "".join(f"  - {{policy: 威海市促进消费若干措施{index}, form: {form}, published: {published}}}\n"
                   for index, form in enumerate(forms))
    return "interpretations:\n" + rows if forms else "interpretations: []\n"


EXACTLY_30 = ("video", "animation", "audio") + ("text",) * 7  # 3 of 10
JUST_UNDER = ("video", "animation", "audio") + ("text",) * 8  # 3 of 11 = 27.27…%
# Lines: ``interpretations:`` is line 1 and the first record line 2; with no record a finding points at the
# report's first line, line 1 (``interpretations: []``).
FIRST_RECORD, FIRST_LINE = 2, 1


def test_exactly_30_percent_passes_at_the_year_end(run):
    finding = only(run(interpretations(*EXACTLY_30), "2024-12-31", rules=[RULE]), RULE)
    assert (finding.subject, finding.status.value, finding.location.line) == ("2024", "pass", FIRST_RECORD)
    assert "3 of 10 interpretations (30%)" in finding.message
    assert "meets 30%" in finding.message
    assert finding.due == dt.date(2024, 12, 31)


def test_just_under_30_percent_fails_at_the_year_end(run):
    finding = only(run(interpretations(*JUST_UNDER), "2024-12-31", rules=[RULE]), RULE)
    assert (finding.subject, finding.status.value, finding.location.line) == ("2024", "fail", FIRST_RECORD)
    assert "3 of 11 interpretations (27.2%)" in finding.message  # truncated, not rounded
    assert "below 30%" in finding.message and "so far" not in finding.message


def test_a_share_that_would_round_to_30_percent_still_fails(run):
    # 299 of 997 = 29.99…%: shown truncated as 29.9%, never rounded up to the threshold.
    forms = ("video",) * 299 + ("text",) * 698
    finding = only(run(interpretations(*forms), "2024-12-31", rules=[RULE]), RULE)
    assert finding.status.value == "fail"
    assert "299 of 997 interpretations (29.9%)" in finding.message


@pytest.mark.parametrize("forms", [EXACTLY_30, JUST_UNDER])
@pytest.mark.parametrize("as_of", ["2024-06-30", "2024-12-30"])
def test_pending_while_the_year_is_open(run, forms, as_of):
    finding = only(run(interpretations(*forms), as_of, rules=[RULE]), RULE)
    assert (finding.status.value, finding.location.line) == ("pending", FIRST_RECORD)
    assert finding.due == dt.date(2024, 12, 31)


def test_below_so_far_during_the_year(run):
    finding = only(run(interpretations(*JUST_UNDER), "2024-12-30", rules=[RULE]), RULE)
    assert "below 30% so far" in finding.message


@pytest.mark.parametrize(("as_of", "status"), [("2024-12-30", "pending"), ("2024-12-31", "fail")])
def test_no_interpretations_at_all(run, as_of, status):
    finding = only(run(interpretations(), as_of, rules=[RULE]), RULE)
    assert (finding.status.value, finding.location.line) == (status, FIRST_LINE)
    assert "no interpretations recorded in 2024" in finding.message


def test_graphic_and_briefing_forms_do_not_count(run):
    finding = only(run(interpretations("graphic", "briefing", "interview", "article", "text"), "2024-12-31",
                       rules=[RULE]), RULE)
    assert finding.status.value == "fail"
    assert "0 of 5 interpretations (0%)" in finding.message


def test_h5_counts(run):
    finding = only(run(interpretations("h5", "text", "text"), "2024-12-31", rules=[RULE]), RULE)
    assert finding.status.value == "pass"
    assert "1 of 3 interpretations (33.3%)" in finding.message


def test_interpretations_after_the_as_of_date_are_not_counted(run):
    snippet = """
        interpretations:
          - {policy: 甲, form: text, published: 2024-03-01}
          - {policy: 乙, form: text, published: 2024-03-01}
          - {policy: 丙, form: text, published: 2024-03-01}
          - {policy: 丁, form: video, published: 2024-06-01}
        """
    early = only(run(snippet, "2024-05-31", rules=[RULE]), RULE)
    assert "0 of 3 interpretations" in early.message
    assert early.location.line == 2  # the section's first record
    assert "1 of 4 interpretations (25%)" in only(run(snippet, "2024-06-01", rules=[RULE]), RULE).message


def test_judged_after_the_year_too(run):
    assert only(run(interpretations(*EXACTLY_30), "2025-03-01", rules=[RULE]), RULE).status.value == "pass"


def test_a_unit_without_the_task_gets_no_finding(run):
    # 威海供电公司 (kind other) is assigned only public-enterprise-disclosure, not interpretation-forms.
    findings = run(interpretations("text"), "2024-12-31", rules=[RULE], unit="威海供电公司")
    assert statuses(findings, RULE) == []


def test_a_district_is_judged_too(run):
    findings = run(interpretations(*JUST_UNDER), "2024-12-31", rules=[RULE], unit="环翠区")
    assert statuses(findings, RULE, unit="环翠区") == [("2024", "fail", FIRST_RECORD)]


def test_interpretations_not_published_yet_still_point_at_the_section(run):
    finding = only(run(interpretations("video", published="2024-05-11"), "2024-05-10", rules=[RULE]), RULE)
    assert "no interpretations recorded in 2024" in finding.message
    assert (finding.status.value, finding.location.line) == ("pending", FIRST_RECORD)


def test_without_interpretations_the_report_first_line_is_shown(run):
    # The report's first line is its first key: line 2, after a comment; no interpretations section at all.
    findings = run("""
        # 市教育局 2024年度政务公开工作台账
        trainings: []
        """, "2024-12-31", rules=[RULE])
    assert statuses(findings, RULE) == [("2024", "fail", 2)]
