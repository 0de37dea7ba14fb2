"""The rule registry: the rule modules, listed by hand, and everything derived from what they declare.

Each module declares its id, names, check, figures, plan duties, report tally and documentation (see
``rules.rule``). From them come the ids a catalog row may carry, the schema's waiver enum, the configuration's
rule figures (``Parameters``) and ``disclose rules``; nothing outside this folder spells out a rule id.
"""

from __future__ import annotations

from typing import Any

from pydantic import create_model

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
from .rule import Figures, Rule

RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in map(Rule.of, (
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
    ))
}

CATALOG_RULE_IDS: tuple[str, ...] = tuple(rule.id for rule in RULES.values() if rule.in_catalog)

# Every rule's figures in one model, in registry order: the rules read them from their context, and
# disclose.yaml's ``rules:`` section is validated against it.
Parameters: type[Figures] = create_model(
    "Parameters", __base__=tuple(rule.figures for rule in reversed(RULES.values()) if rule.figures),
    __doc__="Every rule's figures; defaults from the law and the 2024 notice.")


def get(rule_id: str) -> Rule:
    """The rule for an id; KeyError names the known ids."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise KeyError(f"unknown rule '{rule_id}'; rules are {', '.join(RULES)}") from None


def figure_descriptions() -> dict[str, dict[str, Any]]:
    """Each figure's description in English and Chinese, by name."""
    return {name: {"en": field.description, "zh": (field.json_schema_extra or {}).get("zh")}
            for name, field in Parameters.model_fields.items() if name != "line"}
