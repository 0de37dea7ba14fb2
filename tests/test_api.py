"""The Python API (disclose_cli.api) and main() used from Python: both return to their caller."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from disclose_cli import api
from disclose_cli.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "weihai-2024"


@pytest.fixture(scope="module")
def data() -> api.Dataset:
    return api.load([EXAMPLES])


def test_check_gives_the_findings_of_the_command(data: api.Dataset, cli) -> None:
    result = api.check(data, as_of=dt.date(2024, 12, 31))
    printed = json.loads(cli("check", EXAMPLES, "--as-of", "2024-12-31", "--format", "json").stdout)
    assert [finding.to_json(result.file_name(finding.location.path)) for finding in result.findings] == printed["findings"]
    assert json.loads(api.check_output(result, "json")) == printed


def test_units_may_be_named_by_alias_and_rules_chosen(data: api.Dataset) -> None:
    result = api.check(data, as_of=dt.date(2024, 12, 31), units=["市科技局"], rules=["training-frequency"])
    assert {(finding.unit, finding.rule) for finding in result.findings} == {("市科学技术局", "training-frequency")}
    with pytest.raises(api.InputError) as error:
        api.check(data, as_of=dt.date(2024, 12, 31), units=["市科技"])
    assert "did you mean" in str(error.value)


def test_invalid_input_raises_with_located_problems(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("unit: 环翠县\nyear: 2024\n", encoding="utf-8")
    with pytest.raises(api.InputError) as error:
        api.load([tmp_path])
    [problem] = error.value.problems
    assert (problem.location.line, problem.location.column) == (1, 7) and "环翠县" in problem.message


def test_documents_render_to_text_and_bytes(data: api.Dataset) -> None:
    assert api.report(data, "2024Q3", format="md", as_of=dt.date(2024, 9, 30)).startswith("# 2024年第三季度")
    docx = api.annual_report(data, "荣成市", 2024, format="docx", as_of=dt.date(2025, 3, 31))
    assert isinstance(docx, bytes) and docx[:2] == b"PK"


def test_main_returns_its_exit_code_to_the_caller(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert "disclose" in capsys.readouterr().out
    assert main(["no-such-command"]) == 2


def test_main_returns_from_a_fresh_interpreter() -> None:
    # A real process: nothing may end the interpreter behind the caller's back (os._exit, sys.exit).
    code = "from disclose_cli.cli import main\ncode = main(['--version'])\nprint('returned', code)\n"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip().endswith("returned 0"), done.stderr


def test_the_package_is_typed() -> None:
    assert (ROOT / "src" / "disclose_cli" / "py.typed").is_file()
