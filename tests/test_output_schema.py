"""The JSON output's contract: docs/schemas/check-output.schema.json and problems-output.schema.json describe
exactly what ``check --format json`` and ``validate --format json`` write. Real output of the sample data (at
dates that bring out every status, waivers applied and expired, units without a report) and of the invalid
examples validates; output that breaks the contract does not."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from disclose_cli.model.findings import Finding, Location, Status

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "weihai-2024"
INVALID = Path(__file__).resolve().parent / "invalid"
SCHEMAS = ROOT / "docs" / "schemas"

# as-of dates through the sample year: early (most pending), mid-year (a waiver of 荣成市 expired on 2024-06-30),
# the year's end (failures, waivers in force), and after the annual reports' deadlines.
AS_OF_DATES = ("2024-03-31", "2024-07-01", "2024-12-31", "2025-04-01")


def _schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def _validator(name: str) -> Draft202012Validator:
    """A strict validator of one of the two schemas: formats (dates) checked, and the check schema's relative
    reference to the problems schema resolved as it is beside it in docs/schemas/."""
    schema = _schema(name)
    Draft202012Validator.check_schema(schema)
    registry = Registry().with_resources(
        (path.name, Resource.from_contents(_schema(path.name))) for path in SCHEMAS.glob("*.schema.json"))
    return Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def check_schema() -> Draft202012Validator:
    return _validator("check-output.schema.json")


@pytest.fixture(scope="module")
def problems_schema() -> Draft202012Validator:
    return _validator("problems-output.schema.json")


@pytest.fixture(scope="module")
def sample_outputs() -> dict[tuple[str, ...], dict]:
    """``check --format json`` of the sample data for each set of options, parsed."""
    from conftest import run_in_process

    outputs = {}
    for as_of in AS_OF_DATES:
        for extra in ((), ("--show-pass",)):
            run = run_in_process("check", EXAMPLES, "--format", "json", "--as-of", as_of, *extra)
            assert run.returncode in (0, 1), run.stderr
            outputs[(as_of, *extra)] = json.loads(run.stdout)
    return outputs


def test_check_output_of_the_sample_data_validates(check_schema, sample_outputs) -> None:
    for options, output in sample_outputs.items():
        errors = [error.message for error in check_schema.iter_errors(output)]
        assert errors == [], options


def test_the_sample_outputs_cover_every_status_waivers_and_units_without_a_report(sample_outputs) -> None:
    findings = [finding for output in sample_outputs.values() for finding in output["findings"]]
    assert {finding["status"] for finding in findings} == {status.value for status in Status}
    assert any(finding["waiver"] and finding["status"] == "waived" for finding in findings)
    assert any((finding["waiver"] or "").startswith("expired ") for finding in findings)
    assert any(finding["rule"] == "report-missing" and finding["line"] is None for finding in findings)
    assert any(finding["due"] is None for finding in findings) and any(finding["due"] for finding in findings)
    assert any(finding["overdue_workdays"] for finding in findings)


def test_check_output_with_calendar_warnings_validates(check_schema) -> None:
    """Warnings (a count touched a year the calendar does not know) come as two lists of text, one per language;
    the sample data has none, so the writer is given a result that has one."""
    import datetime as dt
    import io

    from disclose_cli.base.phrase import Phrase
    from disclose_cli.model.findings import CheckResult
    from disclose_cli.reporters import json_format

    warning = Phrase("the official working-day arrangement for 2031 is not known", "工作日历中没有2031年的国务院节假日安排")
    result = CheckResult(dt.date(2031, 1, 5), [], files=0, units=0, warnings=[warning], root=ROOT)
    stream = io.StringIO()
    json_format.write(result, stream)
    output = json.loads(stream.getvalue())
    assert output["summary"]["warnings"] == [warning.en] and output["summary"]["warnings_zh"] == [warning.zh]
    assert list(check_schema.iter_errors(output)) == []


def test_narrowed_and_empty_check_outputs_validate(cli, check_schema) -> None:
    narrowed = cli("check", EXAMPLES, "--format", "json", "--as-of", "2024-09-30", "--unit", "市科技局",
                   "--rule", "task-deadline")
    output = json.loads(narrowed.stdout)
    assert output["findings"] and {finding["unit"] for finding in output["findings"]} == {"市科学技术局"}
    assert list(check_schema.iter_errors(output)) == []
    empty = json.loads(cli("check", EXAMPLES, "--format", "json", "--as-of", "2024-09-30", "--rule",
                           "report-missing", "--unit", "市科技局").stdout)
    assert empty["findings"] == []
    assert list(check_schema.iter_errors(empty)) == []


def test_problems_of_the_invalid_examples_validate_against_both_schemas(cli, check_schema, problems_schema) -> None:
    validated = cli("validate", INVALID, "--format", "json")
    assert validated.returncode == 2
    problems = json.loads(validated.stdout)
    assert len(problems["problems"]) >= len(list(INVALID.glob("*.yaml")))
    assert list(problems_schema.iter_errors(problems)) == []
    # check writes the same problems instead of findings: its own schema accepts them too
    checked = cli("check", INVALID, "--format", "json")
    assert checked.returncode == 2
    assert json.loads(checked.stdout)["problems"] and list(check_schema.iter_errors(json.loads(checked.stdout))) == []


def test_validate_output_of_valid_files_validates(cli, problems_schema) -> None:
    run = cli("validate", EXAMPLES, "--format", "json")
    assert run.returncode == 0
    assert json.loads(run.stdout) == {"version": 1, "problems": []}
    assert list(problems_schema.iter_errors(json.loads(run.stdout))) == []


# ---- the schemas are not trivially permissive ----------------------------------------------------------------


def _a_result(sample_outputs) -> dict:
    """A valid output to break: the sample data's at the year's end, cut to its first findings (each break
    touches the first finding or the summary; validating hundreds of findings would only cost time)."""
    output = copy.deepcopy(sample_outputs[("2024-12-31",)])
    assert output["findings"]
    output["findings"] = output["findings"][:3]
    return output


@pytest.mark.parametrize("break_it", [
    pytest.param(lambda out: out["findings"][0].pop("status"), id="finding without status"),
    pytest.param(lambda out: out["findings"][0].pop("file"), id="finding without file"),
    pytest.param(lambda out: out["findings"][0].update(status="late"), id="unknown status"),
    pytest.param(lambda out: out["findings"][0].update(severity="error"), id="unknown key in a finding"),
    pytest.param(lambda out: out["findings"][0].update(line=0), id="line 0"),
    pytest.param(lambda out: out["findings"][0].update(line="12"), id="line as text"),
    pytest.param(lambda out: out["findings"][0].update(due="2024/12/31"), id="due not an ISO date"),
    pytest.param(lambda out: out["findings"][0].update(due="2024-02-30"), id="due not a real date"),
    pytest.param(lambda out: out["findings"][0].update(rule="Task Deadline"), id="rule not an id"),
    pytest.param(lambda out: out.update(version=2), id="another version"),
    pytest.param(lambda out: out.pop("summary"), id="no summary"),
    pytest.param(lambda out: out["summary"]["counts"].pop("waived"), id="a count missing"),
    pytest.param(lambda out: out["summary"].update(as_of=None), id="no as-of date"),
    pytest.param(lambda out: out.update(problems=[]), id="findings and problems at once"),
])
def test_check_schema_rejects_output_that_breaks_the_contract(check_schema, sample_outputs, break_it) -> None:
    output = _a_result(sample_outputs)
    assert check_schema.is_valid(output)
    break_it(output)
    with pytest.raises(ValidationError):
        check_schema.validate(output)


@pytest.mark.parametrize("break_it", [
    pytest.param(lambda problem: problem.pop("line"), id="problem without line"),
    pytest.param(lambda problem: problem.pop("message_zh"), id="problem without Chinese"),
    pytest.param(lambda problem: problem.update(severity="error"), id="unknown key in a problem"),
    pytest.param(lambda problem: problem.update(column=-1), id="negative column"),
])
def test_problems_schema_rejects_output_that_breaks_the_contract(problems_schema, break_it) -> None:
    output = {"version": 1, "problems": [{"file": "reports/kjj.yaml", "line": 3, "column": 7,
                                          "message": "unknown key", "message_zh": "未知的键"}]}
    assert problems_schema.is_valid(output)
    break_it(output["problems"][0])
    with pytest.raises(ValidationError):
        problems_schema.validate(output)


def test_the_schema_names_every_field_a_finding_has_and_every_status() -> None:
    """A field added to the output, or a status, must be added to the schema in the same change."""
    finding = _schema("check-output.schema.json")["$defs"]["finding"]
    written = Finding("task-deadline", "市科技局", Status.PASS, "training", "done", "完成", Location(Path("a.yaml"), 3))
    assert set(finding["required"]) == set(finding["properties"]) == set(written.to_json())
    assert finding["properties"]["status"]["enum"] == [status.value for status in Status]
