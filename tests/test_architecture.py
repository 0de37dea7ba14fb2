"""The house rules of docs/architecture.md, held by tests: layers import only downwards, the core never imports
click, no rule id is spelled outside rules/, no source file grows past 400 lines, and every rule declares what
the registry and the documents derive from it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from disclose_cli.base.phrase import Phrase
from disclose_cli.rules import CATALOG_RULE_IDS, RULES, Parameters

SOURCE = Path(__file__).resolve().parents[1] / "src" / "disclose_cli"
# Each layer may import the layers of lower rank (and itself); see docs/architecture.md.
RANK = {"__init__": 0, "base": 0, "model": 1, "output": 1, "calendar": 2, "rules": 3, "loading": 4, "engine": 5,
        "reporters": 6, "documents": 6, "cli": 7, "api": 7, "entry": 8, "__main__": 9}
SOURCES = sorted(SOURCE.rglob("*.py"))


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, first part of the module inside the package) of each relative import; absolute imports of the
    package count too."""
    package = list(path.relative_to(SOURCE).parts[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)]
            target = base + (node.module.split(".") if node.module else [])
            if not target:
                target = [node.names[0].name if node.names[0].name in RANK else "__init__"]
            found.append((node.lineno, target[0]))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("disclose_cli."):
            found.append((node.lineno, node.module.split(".")[1]))
    return found


def layer_of(path: Path) -> str:
    return path.relative_to(SOURCE).parts[0].removesuffix(".py")


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(SOURCE)))
def test_a_module_imports_only_its_own_layer_and_those_below(path: Path) -> None:
    layer = layer_of(path)
    upward = [(line, target) for line, target in imports(path) if target != layer and RANK[target] >= RANK[layer]]
    assert not upward, f"{path.relative_to(SOURCE)} ({layer}) imports " + ", ".join(
        f"{target} at line {line}" for line, target in upward)


def test_only_the_command_line_imports_click() -> None:
    offenders = []
    for path in SOURCES:
        if layer_of(path) == "cli":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            offenders += [f"{path.relative_to(SOURCE)}:{node.lineno}" for name in names if name.split(".")[0] == "click"]
    assert not offenders


def test_no_rule_id_is_spelled_outside_the_rules() -> None:
    spelled = re.compile("|".join(rf"['\"]{re.escape(rule_id)}['\"]" for rule_id in RULES))
    found = [f"{path.relative_to(SOURCE)}:{number}: {line.strip()}"
             for path in SOURCES if layer_of(path) != "rules"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if spelled.search(line)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(SOURCE)))
def test_no_source_file_is_longer_than_400_lines(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400


@pytest.mark.parametrize("rule", RULES.values(), ids=list(RULES))
def test_every_rule_declares_itself(rule) -> None:
    assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.id)
    assert isinstance(rule.name, Phrase) and rule.name.zh and rule.name.en
    assert re.search(r"[\u4e00-\u9fff]", rule.name.zh), rule.name
    assert "Passes" in rule.doc and "Fails" in rule.doc, "the documentation shows a passing and a failing example"
    assert rule.subject in ("task", "window", "year", "record", "cell")


def test_the_catalog_rules_and_the_figures_come_from_the_registry() -> None:
    assert set(CATALOG_RULE_IDS) == {rule.id for rule in RULES.values() if rule.in_catalog}
    assert [rule.id for rule in RULES.values() if rule.without_report] == ["report-missing"]
    declared = [name for rule in RULES.values() if rule.figures for name in rule.figures.model_fields
                if name != "line"]
    assert len(declared) == len(set(declared)), "a figure belongs to one rule"
    assert set(declared) == set(Parameters.model_fields) - {"line"}
