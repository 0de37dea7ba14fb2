"""annual-report-deadline at its edges: "02-29" names the last day of February, in a next year that has one and
in one that does not; a month-day that is none, as disclose.yaml shows it; the day published is the finding's
``done``; the messages in Chinese as in English."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import only

from disclose_cli.base.locations import InputError
from disclose_cli.loading.config import load_config
from disclose_cli.rules import Parameters
from disclose_cli.rules.annual_report_deadline import due_date

RULE = "annual-report-deadline"


@pytest.mark.parametrize(("year", "due"), [
    (2023, dt.date(2024, 2, 29)),  # the report on 2023 is due in 2024, a leap year
    (2024, dt.date(2025, 2, 28)),
    (2027, dt.date(2028, 2, 29)),
])
def test_29_february_is_the_last_day_of_february_of_the_next_year(context, year, due):
    parameters = Parameters(annual_report_due_by_unit={"环翠区": "02-29"})
    assert due_date(context.registry.get("环翠区"), year, parameters) == due


def test_a_due_date_in_a_month_of_31_days_stays(context):
    parameters = Parameters(annual_report_due={"department": "03-31"})
    assert due_date(context.registry.get("市教育局"), 2024, parameters) == dt.date(2025, 3, 31)


@pytest.mark.parametrize(("written", "got_en", "got_zh"), [
    ("'02-30'", "'02-30'", "“02-30”"),
    ("'2-28'", "'2-28'", "“2-28”"),
    ("131", "a number", "数字"),
])
def test_a_month_day_that_is_none_is_refused_with_its_line(tmp_path, written, got_en, got_zh):
    path = tmp_path / "disclose.yaml"
    path.write_text(f"rules:\n  annual_report_due_by_unit:\n    荣成市: {written}\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_config(path)
    [problem] = raised.value.problems
    assert problem.location.line == 3
    assert problem.message == f"'荣成市': expected a month and day written as MM-DD, such as 01-31; got {got_en}"
    assert problem.message_zh == f"荣成市应写作“月-日”（MM-DD），如01-31；此处为{got_zh}"


def test_published_is_the_day_done_in_both_languages(run):
    snippet = "annual_report:\n  problems: 无。\n  published: 2025-01-20\n"
    finding = only(run(snippet, "2025-04-30", rules=[RULE]), RULE)
    assert (finding.status.value, finding.done, finding.due) == ("pass", dt.date(2025, 1, 20), dt.date(2025, 1, 31))
    assert finding.message_zh == "年度报告公开于2025-01-20，未超期限（2025-01-31）"
    before = only(run(snippet, "2025-01-19", rules=[RULE]), RULE)
    assert (before.status.value, before.done) == ("pending", None)
    assert before.message_zh == "年度报告尚未公开，期限2025-01-31"
    late = only(run("annual_report:\n  problems: 无。\n  published: 2025-02-10\n", "2025-04-30", rules=[RULE]), RULE)
    assert late.done == dt.date(2025, 2, 10)
    assert late.message_zh == "年度报告公开于2025-02-10，超过期限2025-01-31共5个工作日"
