"""How outputs name what the engine decided (rules/naming.py), and how a rule's documentation is read into
paragraphs and examples (rules/docs.py), in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclose_cli.base.locations import Location
from disclose_cli.model.findings import Finding, Status
from disclose_cli.rules.docs import Block, as_markdown, as_text, blocks
from disclose_cli.rules.naming import message_text, rule_name, status_word, subject_text


def finding(rule: str, subject: str, year: int = 2024) -> Finding:
    return Finding(rule=rule, unit="市教育局", status=Status.FAIL, subject=subject, message="late",
                   message_zh="超期", location=Location(Path("kjj.yaml"), 3), year=year)


@pytest.mark.parametrize(("status", "en", "zh"), [
    (Status.PASS, "pass", "通过"), (Status.FAIL, "fail", "未通过"), (Status.PENDING, "pending", "未到期"),
    (Status.WAIVED, "waived", "豁免"),
])
def test_status_words(status, en, zh):
    assert (status_word(status, "en"), status_word(status, "zh")) == (en, zh)


def test_a_rule_is_named_in_chinese_and_by_its_id_in_english():
    assert rule_name("task-deadline", "zh") == "重点工作完成时限"
    assert rule_name("task-deadline", "en") == "task-deadline"


def test_the_message_in_each_language():
    item = finding("task-deadline", "training")
    assert (message_text(item, "zh"), message_text(item, "en")) == ("超期", "late")


HEADINGS = {(2024, "training"): "组织业务培训"}


def test_a_task_by_its_heading_with_its_id():
    item = finding("task-deadline", "training")
    assert subject_text(item, HEADINGS, "zh") == "组织业务培训（training）"
    assert subject_text(item, HEADINGS, "en") == "training (组织业务培训)"
    assert subject_text(item, HEADINGS, "zh", with_codes=False) == "组织业务培训"
    assert subject_text(item, HEADINGS, "en", with_codes=False) == "组织业务培训"


def test_a_task_of_another_year_or_without_heading_by_its_id():
    assert subject_text(finding("task-deadline", "training", 2025), HEADINGS, "zh") == "training"
    assert subject_text(finding("task-deadline", "gazette"), HEADINGS, "zh", with_codes=False) == "gazette"


def test_a_window_in_words_with_its_code_in_chinese():
    item = finding("meeting-frequency", "2024Q3")
    assert subject_text(item, {}, "zh") == "2024年第三季度（2024Q3）"
    assert subject_text(item, {}, "zh", with_codes=False) == "2024年第三季度"
    assert subject_text(item, {}, "en") == "2024Q3"


def test_a_year_in_words_in_chinese():
    item = finding("training-frequency", "2024")
    assert (subject_text(item, {}, "zh"), subject_text(item, {}, "en")) == ("2024年", "2024")


def test_a_record_and_a_cell_as_written():
    assert subject_text(finding("feedback-deadline", "关于调整租金的通知"), {}, "zh") == "关于调整租金的通知"
    assert subject_text(finding("annual-report-arithmetic", "表三 总计 / 自然人"), {}, "zh") == "表三 总计 / 自然人"


DOC = """sample-rule: a sample, with ``literal`` text.

A paragraph
  written on two lines.

Passes::

    trainings:
      - date: 2024-06-20

Fails (at the year's end)::

    trainings: []
"""

DOC_ZH = """sample-rule：示例，含 ``literal``。

通过示例::

    trainings: []

未通过示例（年度结束后）::

    trainings: []
"""


def test_blocks_are_paragraphs_and_examples():
    assert blocks(DOC) == [
        Block("sample-rule: a sample, with literal text."),
        Block("A paragraph written on two lines."),
        Block("Passes", "trainings:\n  - date: 2024-06-20"),
        Block("Fails (at the year's end)", "trainings: []"),
    ]


def test_an_example_whose_yaml_holds_a_double_colon_keeps_it():
    assert blocks("Passes::\n\n    note: a::\n    b: 1\n") == [Block("Passes", "note: a::\nb: 1")]


def test_as_text():
    assert as_text(DOC) == (
        "sample-rule: a sample, with literal text.\n\nA paragraph written on two lines.\n\n"
        "Passes:\n    trainings:\n      - date: 2024-06-20\n\n"
        "Fails (at the year's end):\n    trainings: []\n")


def test_as_text_in_chinese_ends_headings_with_a_full_width_colon():
    assert as_text(DOC_ZH) == ("sample-rule：示例，含 literal。\n\n通过示例：\n    trainings: []\n\n"
                               "未通过示例（年度结束后）：\n    trainings: []\n")


def test_as_markdown():
    assert as_markdown(DOC) == (
        "sample-rule: a sample, with literal text.\n\nA paragraph written on two lines.\n\n"
        "**Passes**\n\n```yaml\ntrainings:\n  - date: 2024-06-20\n```\n\n"
        "**Fails (at the year's end)**\n\n```yaml\ntrainings: []\n```\n")
    assert as_markdown(DOC_ZH).splitlines()[2] == "**通过示例**"


def test_an_example_keeps_its_own_indentation_and_last_characters():
    doc = "Passes::\n\n        - first: deeper\n    code: X\n"
    assert blocks(doc) == [Block("Passes", "    - first: deeper\ncode: X")]


def test_a_heading_written_with_its_own_colon_gets_one():
    doc = "Fails for unit X:::\n\n    trainings: []\n\n未通过示例（单位X）：::\n\n    trainings: []\n"
    assert as_text(doc) == "Fails for unit X:\n    trainings: []\n\n未通过示例（单位X）：\n    trainings: []\n"
    assert as_markdown(doc).startswith("**Fails for unit X**\n\n```yaml\ntrainings: []\n```\n\n**未通过示例（单位X）**")
