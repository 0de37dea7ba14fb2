"""Where YAML 1.1 (PyYAML, which disclose reads with) and YAML 1.2 (editors: yaml-language-server) give a plain
scalar different meanings, the reader files a located problem instead of silently taking the 1.1 meaning."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclose_cli.loading.yaml_reader import load_text
from disclose_cli.model.fields import LINE_KEY

PATH = Path("report.yaml")


def read(value: str) -> tuple[object, list]:
    document = load_text(PATH, f"a: 1\nfigure: {value}\n")
    return document.data["figure"] if document.data else None, document.problems


@pytest.mark.parametrize(("written", "yaml_11", "yaml_12"), [
    ("yes", "true", "the text 'yes'"), ("No", "false", "the text 'No'"), ("on", "true", "the text 'on'"),
    ("OFF", "false", "the text 'OFF'"),
    ("0120", "the number 80", "the number 120"),  # an octal to 1.1
    ("1:30", "the number 90", "the text '1:30'"),  # base 60 to 1.1
    ("1_000", "the number 1000", "the text '1_000'"),
    ("0b101", "the number 5", "the text '0b101'"),
    ("0o17", "the text '0o17'", "the number 15"),  # an octal to 1.2 only
    ("1e3", "the text '1e3'", "the number 1000"),  # a float to 1.2 only
    ("1.5e3", "the text '1.5e3'", "the number 1500"),
    ("1_000.5", "the number 1000.5", "the text '1_000.5'"),
])
def test_a_scalar_with_two_meanings_is_a_located_problem(written: str, yaml_11: str, yaml_12: str) -> None:
    _, problems = read(written)
    assert len(problems) == 1, problems
    (problem,) = problems
    assert (problem.location.line, problem.location.column) == (2, 9)
    assert f"'{written}' is {yaml_11} in YAML 1.1" in problem.message
    assert f"but {yaml_12} in YAML 1.2" in problem.message
    assert f'"{written}" in quotes' in problem.message and f'"{written}"' in problem.message_zh
    assert "YAML 1.1" in problem.message_zh and "YAML 1.2" in problem.message_zh


@pytest.mark.parametrize(("written", "value"), [
    ("true", True), ("False", False), ("120", 120), ("-7", -7), ("+3", 3), ("0", 0), ("1.5", 1.5),
    ("0x1F", 31), ("007", 7),  # forms of 1.1's that 1.2 reads as the same number
    (".inf", float("inf")), ("~", None), ("null", None), ("2024-03-01", "2024-03-01"),
    ('"yes"', "yes"), ("'0120'", "0120"), ('"1:30"', "1:30"), ("yes please", "yes please"), ("10:30 am", "10:30 am"),
])
def test_scalars_both_versions_read_alike_are_taken_as_they_are(written: str, value: object) -> None:
    read_value, problems = read(written)
    assert problems == []
    assert read_value == value and type(read_value) is type(value)


def test_a_faulted_value_is_told_once_not_again_by_the_field(cli, tmp_path: Path) -> None:
    # extended is a flag: YAML 1.1's true would pass it, YAML 1.2's "yes" would not; one problem either way.
    (tmp_path / "report.yaml").write_text(
        "unit: 环翠区\nyear: 2024\ntrainings:\n  - title: yes\n    date: 2024-06-20\n", encoding="utf-8")
    result = cli("validate", "report.yaml", cwd=tmp_path, env={"DISCLOSE_LANG": None})
    assert result.returncode == 2
    assert result.stdout.splitlines() == [
        "report.yaml:4:12: “yes”按 YAML 1.1（本工具）是 true，按 YAML 1.2（编辑器）是文字“yes”；"
        "请写 true（如指文字，加引号写成 \"yes\"）"]


def test_keys_are_read_the_same_way() -> None:
    document = load_text(PATH, "on: 1\n")
    assert [problem.location.line for problem in document.problems] == [1]
    assert LINE_KEY in document.data
