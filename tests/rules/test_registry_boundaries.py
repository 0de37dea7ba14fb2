"""What a rule declares (rules/rule.py) and what the registry derives from it (rules/__init__.py).

The registry is built when the package is imported; these tests build it again from the modules, so that a
declaration read wrongly (a flag's default, a figure's description, the check of a docstring) shows.
"""

from __future__ import annotations

import types

import pytest

from disclose_cli import rules
from disclose_cli.base.phrase import Phrase
from disclose_cli.model.fields import LINE_KEY
from disclose_cli.rules import RULES, figure_descriptions, get
from disclose_cli.rules.rule import Rule, figure, over_defaults

MODULES = {module.ID: module for module in (
    rules.consultation_period, rules.feedback_deadline, rules.request_deadline, rules.multimedia_share,
    rules.meeting_frequency, rules.evaluation_frequency, rules.training_frequency, rules.task_deadline,
    rules.annual_report_deadline, rules.annual_report_arithmetic, rules.report_missing)}

# id: (subject, in_catalog, without_report, fold_pending, checks_annual_figures, has figures, duties, tally)
DECLARED = {
    "consultation-period": ("record", True, False, False, False, True, True, False),
    "feedback-deadline": ("record", True, False, False, False, True, True, False),
    "request-deadline": ("record", True, False, False, False, True, True, False),
    "multimedia-share": ("year", True, False, False, False, True, True, True),
    "meeting-frequency": ("window", True, False, False, False, True, True, True),
    "evaluation-frequency": ("year", True, False, False, False, True, True, True),
    "training-frequency": ("year", True, False, False, False, True, True, True),
    "task-deadline": ("task", True, False, True, False, False, False, False),
    "annual-report-deadline": ("year", False, False, False, False, True, True, False),
    "annual-report-arithmetic": ("cell", False, False, False, True, False, False, False),
    "report-missing": ("year", False, True, False, False, False, False, False),
}


@pytest.mark.parametrize("rule_id", DECLARED)
def test_a_rule_is_read_from_its_module(rule_id):
    module = MODULES[rule_id]
    rule = Rule.of(module)
    assert (rule.id, rule.name, rule.check) == (rule_id, module.NAME, module.check)
    assert rule.doc == module.__doc__.strip() and rule.doc_zh == module.DOC_ZH.strip()
    assert (rule.figures, rule.duties, rule.tally) == (getattr(module, "Figures", None),
                                                       getattr(module, "duties", None), getattr(module, "tally", None))
    assert (rule.subject, rule.in_catalog, rule.without_report, rule.fold_pending, rule.checks_annual_figures,
            rule.figures is not None, rule.duties is not None, rule.tally is not None) == DECLARED[rule_id]
    assert RULES[rule_id] == rule


def test_the_registry_lists_every_rule_in_its_order():
    assert list(RULES) == list(DECLARED)
    assert rules.CATALOG_RULE_IDS == tuple(rule_id for rule_id, declared in DECLARED.items() if declared[1])


def _module(doc: str, doc_zh: str) -> types.ModuleType:
    module = types.ModuleType("disclose_cli.rules.sample")
    module.__doc__, module.DOC_ZH, module.ID = doc, doc_zh, "sample-rule"
    module.NAME, module.SUBJECT, module.check = Phrase("Sample", "示例"), "year", lambda subject, ctx: ()
    return module


def test_a_module_without_its_flags_takes_the_defaults():
    rule = Rule.of(_module("sample-rule: a sample.", "sample-rule：示例。"))
    assert (rule.figures, rule.duties, rule.tally) == (None, None, None)
    assert (rule.in_catalog, rule.without_report, rule.fold_pending, rule.checks_annual_figures) \
        == (True, False, False, False)


@pytest.mark.parametrize(("doc", "doc_zh", "message"), [
    ("sample rule: no id first.", "sample-rule：示例。",
     "disclose_cli.rules.sample: the docstring must start with 'sample-rule: '"),
    (None, "sample-rule：示例。", "disclose_cli.rules.sample: the docstring must start with 'sample-rule: '"),
    ("sample-rule: a sample.", "sample-rule: 示例（半角冒号）。",
     "disclose_cli.rules.sample: DOC_ZH must start with 'sample-rule：'"),
])
def test_a_documentation_that_does_not_start_with_the_id_is_refused(doc, doc_zh, message):
    with pytest.raises(TypeError) as raised:
        Rule.of(_module(doc, doc_zh))
    assert str(raised.value) == message


def test_documentation_and_summary_in_each_language():
    rule = RULES["feedback-deadline"]
    assert rule.documentation("zh") == rule.doc_zh and rule.documentation("en") == rule.doc
    assert rule.summary == "the results of a consultation are published within 10 working days of the decision."
    assert rule.summary_in("en") == rule.summary
    assert rule.summary_in("zh") == "决策文件出台后10个工作日内公开意见收集、采纳情况（结果反馈）。"


def test_a_summary_keeps_a_later_colon():
    rule = Rule.of(_module("sample-rule: one: two", "sample-rule：一：二"))
    assert (rule.summary, rule.summary_in("en"), rule.summary_in("zh")) == ("one: two", "one: two", "一：二")


def test_get_names_the_known_rules():
    assert get("task-deadline") is RULES["task-deadline"]
    with pytest.raises(KeyError) as raised:
        get("task-deadlines")
    assert raised.value.args[0] == f"unknown rule 'task-deadlines'; rules are {', '.join(DECLARED)}"


def test_every_figure_is_described_in_both_languages():
    descriptions = figure_descriptions()
    assert LINE_KEY not in descriptions and "line" not in descriptions
    assert descriptions["feedback_workdays"] == {"en": "working days after a decision to publish the feedback",
                                                 "zh": "决策文件出台后公开结果反馈的工作日数"}
    # multimedia_share_percent is a plain pydantic Field with the same description keys.
    assert descriptions["multimedia_share_percent"] == {
        "en": "least share of interpretations in a counting form, in percent", "zh": "多样化解读最低占比（%）"}
    assert all(entry["en"] and entry["zh"] for entry in descriptions.values())


def test_a_figure_carries_its_default_and_descriptions():
    plain = figure(10, "ten", "十")
    assert (plain.default, plain.description, plain.json_schema_extra) == (10, "ten", {"zh": "十"})
    keyed = figure({"a": 1}, "per unit", "按单位", keyed_by="unit")
    assert keyed.json_schema_extra == {"zh": "按单位", "keyed_by": "unit"}
    assert keyed.description == "per unit"
    first, second = keyed.default_factory(), keyed.default_factory()
    assert first == {"a": 1} and type(first) is dict
    first["b"] = 2  # each model gets its own copy of a mutable default
    assert second == {"a": 1} and keyed.default_factory() == {"a": 1}
    listed = figure(["video"], "forms", "形式")
    assert listed.default_factory() == ["video"] and type(listed.default_factory()) is list


def test_a_figure_per_kind_keeps_the_kinds_a_configuration_leaves_out():
    merge = over_defaults({"department": 1, "district": 2}).func
    assert merge({"district": 3}) == {"department": 1, "district": 3}
    assert merge({LINE_KEY: 4, "department": 5}) == {"department": 5, "district": 2}
    assert merge(7) == 7  # not a mapping: left for pydantic to refuse
