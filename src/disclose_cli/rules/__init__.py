"""The rules, registered by hand: each module has an ``ID`` and a ``check(subject, ctx)`` that yields verdicts.

A module's docstring is the rule's user documentation (``disclose rules``).
"""

from __future__ import annotations

from types import ModuleType

from . import (
    annual_report_arithmetic,
    annual_report_deadline,
    consultation_period,
    evaluation_frequency,
    feedback_deadline,
    meeting_frequency,
    multimedia_share,
    report_missing,
    request_deadline,
    task_deadline,
    training_frequency,
)

RULES: dict[str, ModuleType] = {
    module.ID: module
    for module in (
        consultation_period,
        feedback_deadline,
        request_deadline,
        multimedia_share,
        meeting_frequency,
        evaluation_frequency,
        training_frequency,
        task_deadline,
        annual_report_deadline,
        annual_report_arithmetic,
        report_missing,
    )
}


def get(rule_id: str) -> ModuleType:
    """The rule module for an id; KeyError names the known ids."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise KeyError(f"unknown rule '{rule_id}'; rules are {', '.join(RULES)}") from None
