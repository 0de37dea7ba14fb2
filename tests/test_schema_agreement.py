"""The editor and the tool never contradict each other one way: every file ``validate`` accepts, the exported
schema accepts (read as editors read it: YAML 1.2). What the schema cannot reject is exactly docs/ci.md's list of
what only ``validate`` checks; each file of tests/invalid/ is rejected by the schema or is an instance of it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

jsonschema = pytest.importorskip("jsonschema")
ruamel_yaml = pytest.importorskip("ruamel.yaml")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples" / "weihai-2024").glob("*.yaml"))
INVALID = sorted((ROOT / "tests" / "invalid").glob("*.yaml"))

# The invalid files the schema accepts, each with the item of docs/ci.md's list it is an instance of.
VALIDATE_ONLY = {
    "answered_before_received.yaml": "dates in order",
    "closed_before_opened.yaml": "dates in order",
    "outside_year.yaml": "dates within the report's year",
    "two_years_on.yaml": "dates within the report's year",
    "done_without_date.yaml": "fields that another field requires",
    "not_applicable_without_note.yaml": "fields that another field requires",
    "task_not_assigned.yaml": "catalog membership",
    "task_twice.yaml": "duplicates",
    "same_unit_alias.yaml": "duplicates",  # each valid alone: the pair is the same unit's year twice
    "same_unit_official.yaml": "duplicates",
    "yaml11_octal.yaml": "YAML 1.1 spellings",
    "yaml11_no.yaml": "YAML 1.1 spellings",  # title: no is the text "no" to an editor
    "yaml11_yes.yaml": "YAML 1.1 spellings",
}
# Files an editor's YAML parser refuses or flags itself (syntax, tabs, keys written twice).
REFUSED_BY_THE_PARSER = {"syntax_error.yaml", "tab_indent.yaml", "duplicate_key_record.yaml", "duplicate_key_top.yaml"}


def as_editors_read(path: Path) -> object:
    """The file as YAML 1.2 reads it, dates as text (yaml-language-server has no date type)."""
    class DatesAsText(ruamel_yaml.constructor.SafeConstructor):
        pass

    DatesAsText.add_constructor("tag:yaml.org,2002:timestamp", DatesAsText.construct_yaml_str)
    reader = ruamel_yaml.YAML(typ="safe", pure=True)
    reader.Constructor = DatesAsText
    return reader.load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def schema_errors(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201 - a function of a path
    from disclose_cli.cli import main

    out = tmp_path_factory.mktemp("schema") / "report.schema.json"
    assert main(["schema", "-o", str(out)]) == 0
    validator = jsonschema.Draft202012Validator(json.loads(out.read_text(encoding="utf-8")),
                                                format_checker=jsonschema.FormatChecker())

    def errors(path: Path) -> list[str]:
        return [error.message for error in validator.iter_errors(as_editors_read(path))]
    return errors


@pytest.mark.parametrize("path", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_every_file_validate_accepts_the_schema_accepts(schema_errors, path: Path) -> None:
    assert schema_errors(path) == []


@pytest.mark.parametrize("path", INVALID, ids=[path.name for path in INVALID])
def test_an_invalid_file_is_rejected_by_the_schema_or_is_on_the_validate_only_list(schema_errors,
                                                                                  path: Path) -> None:
    if path.name in REFUSED_BY_THE_PARSER:
        return
    errors = schema_errors(path)
    if path.name in VALIDATE_ONLY:
        assert errors == [], f"the schema rejects {path.name}: take it off the validate-only list"
    else:
        assert errors, f"the schema accepts {path.name}: reject it in the schema, or list why only validate can"


def test_the_validate_only_list_is_the_one_docs_ci_gives() -> None:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    section = text.split("## What the editor's schema checks", 1)[1]
    items = set(re.findall(r"^- \*\*(.+?)\*\*", section, flags=re.M))
    assert set(VALIDATE_ONLY.values()) <= items
    # Every item is either exercised here or is about several files at once (which one file cannot show).
    assert items - set(VALIDATE_ONLY.values()) <= {"agreement between files"}
