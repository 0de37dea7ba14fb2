"""How outputs for people name what the engine decided: statuses, rules, a finding's subject, its message.
Reporters and documents both use these, so that the terminal and the documents speak alike."""

from __future__ import annotations

from typing import Mapping

from ..base.phrase import Phrase
from ..calendar.periods import period_name_zh
from ..model.findings import Finding, Status
from . import RULES

# One vocabulary for the four statuses, in the terminal and the documents alike.
STATUS = {Status.PASS: Phrase("pass", "通过"), Status.FAIL: Phrase("fail", "未通过"),
          Status.PENDING: Phrase("pending", "未到期"), Status.WAIVED: Phrase("waived", "豁免")}


def status_word(status: Status, lang: str) -> str:
    return STATUS[status].pick(lang)


def rule_name(rule_id: str, lang: str) -> str:
    """A rule as people read it: its Chinese name, or its id in English (the word --rule takes)."""
    return RULES[rule_id].name.zh if lang == "zh" else rule_id


def subject_text(finding: Finding, headings: Mapping[tuple[int, str], str], lang: str,
                 with_codes: bool = True) -> str:
    """What a finding is about. A task by its heading, with its id after it (the id is what a report file
    writes); a window or a year in words, with the code a waiver's ``subject:`` takes. Without ``with_codes``
    (a document an office sends out), the heading or the words alone."""
    kind = RULES[finding.rule].subject
    if kind == "task":
        heading = headings.get((finding.year, finding.subject))
        if heading and not with_codes:
            return heading
        if heading:
            return f"{heading}（{finding.subject}）" if lang == "zh" else f"{finding.subject} ({heading})"
    if kind == "window" and lang == "zh":
        name = period_name_zh(finding.subject)
        return f"{name}（{finding.subject}）" if with_codes else name
    if kind == "year" and lang == "zh":
        return period_name_zh(finding.subject)
    return finding.subject


def message_text(finding: Finding, lang: str) -> str:
    return finding.message_zh if lang == "zh" else finding.message
