"""The reader against the 402 inputs of the official YAML test suite: same values as PyYAML's own C loader
(dates aside), a located problem where that loader fails or where YAML 1.1 and 1.2 read a scalar differently,
and never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from disclose_cli.loading import yaml_loaders
from disclose_cli.loading import yaml_reader as yamlio
from disclose_cli.model.fields import LINE_KEY

SUITE = Path(__file__).resolve().parents[1].parent / "shared" / "yaml-test-suite" / "cases"
CASES = sorted(SUITE.glob("*.yaml")) if SUITE.is_dir() else []
pytestmark = pytest.mark.skipif(not CASES, reason="shared/yaml-test-suite is not beside the checkout")


class _Reference(yaml.CSafeLoader):
    """The stock C loader, with dates kept as text as disclose keeps them."""


_Reference.yaml_implicit_resolvers = yaml_loaders.Loader.yaml_implicit_resolvers


def _without_lines(value: object) -> object:
    if isinstance(value, dict):
        return {key: _without_lines(item) for key, item in value.items() if key != LINE_KEY}
    if isinstance(value, list):
        return [_without_lines(item) for item in value]
    return value


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_same_values_as_the_c_loader_or_a_located_problem(case: Path) -> None:
    text = case.read_bytes().decode("utf-8")
    document = yamlio.load_text(case, text)
    try:
        expected = yaml.load(text, Loader=_Reference)
    except yaml.YAMLError:
        assert document.problems, "the C loader refuses this input, so must disclose"
        assert all(problem.location.path == case for problem in document.problems)
        return
    duplicates = [problem for problem in document.problems if "duplicate key" in problem.message]
    two_meanings = [problem for problem in document.problems if "in YAML 1.1" in problem.message]
    assert sorted(document.problems, key=str) == sorted(duplicates + two_meanings, key=str)
    if not duplicates and not isinstance(expected, set):
        # Where a scalar has two meanings the value is still YAML 1.1's (so that nothing else is faulted).
        assert _without_lines(document.data) == expected


def test_validate_answers_every_case_in_one_run_without_a_traceback(cli, tmp_path: Path) -> None:
    completed = cli("validate", str(SUITE), cwd=tmp_path)
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr and "Traceback" not in completed.stdout
    assert completed.stderr == "", "validate prints its problems on stdout"
    named = {line.split(":", 1)[0] for line in completed.stdout.splitlines()}
    # None of these is a report, so every file gets at least one problem.
    assert {str(case) for case in CASES} <= named
