"""Each rule's documented examples (``disclose rules RULE``) do what they say: the passing one passes, the failing
one fails, and the Chinese and English documentation show the same YAML (comments aside)."""

from __future__ import annotations

import re

import pytest

from disclose_cli.rules import RULES
from disclose_cli.rules.docs import blocks

# The unit and date each rule's examples are judged at, and the subjects they are about (None: every finding).
SETTINGS = {
    "consultation-period": ("市教育局", "2024-12-31", None),
    "feedback-deadline": ("市教育局", "2024-12-31", None),
    "request-deadline": ("市教育局", "2024-12-31", None),
    "multimedia-share": ("市教育局", "2024-12-31", None),
    "meeting-frequency": ("市教育局", "2024-12-31", None),
    "evaluation-frequency": ("市教育局", "2024-12-31", None),
    "training-frequency": ("市教育局", "2024-12-31", None),
    "task-deadline": ("市教育局", "2025-01-01", {"training"}),
    "annual-report-deadline": ("市教育局", "2025-03-31", None),
    "annual-report-arithmetic": ("市教育局", "2025-03-31", None),
}


def examples(doc: str) -> list[str]:
    return [block.example for block in blocks(doc) if block.example]


def without_comments(yaml_text: str) -> str:
    return "\n".join(re.sub(r"\s+#.*$", "", line) for line in yaml_text.splitlines() if not line.strip().startswith("#"))


@pytest.mark.parametrize("rule_id", sorted(SETTINGS))
def test_the_passing_example_passes_and_the_failing_one_fails(run, rule_id: str) -> None:
    unit, as_of, subjects = SETTINGS[rule_id]
    passing, failing = examples(RULES[rule_id].doc)
    for snippet, wanted in ((passing, "pass"), (failing, "fail")):
        found = [finding for finding in run(snippet, as_of, rules=[rule_id], unit=unit)
                 if subjects is None or finding.subject in subjects]
        statuses = {finding.status.value for finding in found}
        assert found, f"{rule_id}: the {wanted}ing example gives no finding"
        if wanted == "pass":
            assert statuses <= {"pass", "waived"}, (rule_id, [(f.subject, f.status.value) for f in found])
        else:
            assert "fail" in statuses, (rule_id, [(f.subject, f.status.value) for f in found])


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_both_languages_document_the_same_examples(rule_id: str) -> None:
    rule = RULES[rule_id]
    english, chinese = examples(rule.doc), examples(rule.doc_zh)
    assert [without_comments(text) for text in english] == [without_comments(text) for text in chinese]
    paragraphs = [block.text for block in blocks(rule.doc_zh) if not block.example]
    assert any(text.startswith("依据：") for text in paragraphs), "the Chinese text quotes its source"
    assert any(text.startswith("计算方法：") for text in paragraphs), "and says how the rule counts"
