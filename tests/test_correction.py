"""补正 in the report file, Table 三 and between years: the dates in order, a given-up request's outcome
(（六）其他处理 1), which is not carried over, and the carried-over entries agreeing on the new fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from disclose_cli.loading.context import load_context
from disclose_cli.loading.dataset import load
from disclose_cli.model.annual_tables import table3_from_requests

REF = "威教依申〔2024〕7号"
HEAD = "unit: 市教育局\nyear: {year}\nrequests:\n"


def report(folder: Path, name: str, body: str, year: int = 2024) -> Path:
    path = folder / name
    path.write_text(HEAD.format(year=year) + (body or "  []\n"), encoding="utf-8")
    return path


def entry(ref: str = REF, **fields: str) -> str:
    return f"  - ref: {ref}\n" + "".join(f"    {key}: {value}\n" for key, value in fields.items())


@pytest.mark.parametrize(("fields", "key", "message"), [
    ({"received": "2024-03-04", "correction_requested": "2024-03-01"}, "correction_requested",
     "'correction_requested' 2024-03-01 is before 'received' 2024-03-04"),
    ({"received": "2024-03-04", "correction_requested": "2024-03-05", "correction_deadline": "2024-03-04"},
     "correction_deadline", "'correction_deadline' 2024-03-04 is before 'correction_requested' 2024-03-05"),
    ({"received": "2024-03-04", "correction_requested": "2024-03-05", "corrected": "2024-03-04"}, "corrected",
     "'corrected' 2024-03-04 is before 'correction_requested' 2024-03-05"),
    ({"received": "2024-03-04", "correction_requested": "2024-03-05", "answered": "2024-03-04"}, "answered",
     "'answered' 2024-03-04 is before 'correction_requested' 2024-03-05"),
    ({"received": "2024-03-04", "correction_requested": "2024-03-05", "corrected": "2024-03-10",
      "answered": "2024-03-08"}, "answered", "'answered' 2024-03-08 is before 'corrected' 2024-03-10"),
    ({"received": "2024-03-04", "correction_deadline": "2024-03-20"}, "correction_deadline",
     "a correction_deadline needs correction_requested"),
])
def test_the_correction_dates_are_in_order(cli, tmp_path, fields, key, message):
    report(tmp_path, "r.yaml", entry(**fields))
    result = cli("validate", "r.yaml", cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    line = 4 + list(fields).index(key) + 1
    assert f"r.yaml:{line}:" in result.stdout and message in result.stdout, result.stdout
    assert result.stderr == ""


def test_a_given_up_request_needs_no_answer_for_its_outcome(cli, tmp_path):
    report(tmp_path, "r.yaml", entry(received="2024-03-04", correction_requested="2024-03-05",
                                     correction_deadline="2024-03-20", applicant="natural_person",
                                     outcome="other.no_correction"))
    assert cli("validate", "r.yaml", cwd=tmp_path).returncode == 0


def test_an_outcome_while_still_waiting_is_an_error(cli, tmp_path):
    report(tmp_path, "r.yaml", entry(received="2024-03-04", correction_requested="2024-03-05",
                                     outcome="other.no_correction"))
    result = cli("validate", "r.yaml", cwd=tmp_path)
    assert result.returncode == 2 and "r.yaml:7:" in result.stdout and "an outcome needs" in result.stdout
    assert result.stderr == ""


def arithmetic(cli, folder: Path, as_of: str = "2025-03-31") -> list[dict]:
    result = cli("check", folder, "--as-of", as_of, "--rule", "annual-report-arithmetic", "--format", "json")
    assert result.returncode in (0, 1), result.stdout + result.stderr
    return json.loads(result.stdout)["findings"]


GIVEN_UP = dict(received="2024-03-04", correction_requested="2024-03-05", correction_deadline="2024-03-20",
                applicant="natural_person")


def test_a_given_up_request_counts_under_other_no_correction(cli, tmp_path):
    report(tmp_path, "r.yaml", entry(**GIVEN_UP, outcome="（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"))
    [finding] = [f for f in arithmetic(cli, tmp_path) if f["unit"] == "市教育局"]
    assert finding["status"] == "pass"
    context = load_context()
    [source] = load([tmp_path], context).sources
    table, unplaced = table3_from_requests(source.report)
    assert table["other.no_correction"][0] == 1 and table["carried_out"][0] == 0 and table["new"][0] == 1
    assert not unplaced.given_up_elsewhere


@pytest.mark.parametrize("outcome", [None, "disclosed"])
def test_a_given_up_request_elsewhere_in_table3_is_named(cli, tmp_path, outcome):
    fields = dict(GIVEN_UP, **({"outcome": outcome} if outcome else {}))
    report(tmp_path, "r.yaml", entry(**fields))
    failed = [f for f in arithmetic(cli, tmp_path) if f["status"] == "fail"]
    assert [(f["subject"], f["line"]) for f in failed] == [("表三 逾期未补正", 4)]
    assert REF in failed[0]["message"] and "other.no_correction" in failed[0]["message"]
    assert "（六）其他处理 1.申请人无正当理由逾期不补正" in failed[0]["message_zh"]


def test_a_request_given_up_in_the_year_is_not_carried_over(cli, tmp_path):
    report(tmp_path, "r2023.yaml", entry(received="2023-12-01", correction_requested="2023-12-04",
                                         correction_deadline="2023-12-15", applicant="natural_person",
                                         outcome="other.no_correction"), year=2023)
    report(tmp_path, "r2024.yaml", "")
    assert cli("validate", tmp_path).returncode == 0


def test_a_request_waiting_at_the_years_end_is_carried_over(cli, tmp_path):
    waiting = dict(received="2023-12-18", correction_requested="2023-12-20", applicant="natural_person")
    report(tmp_path, "r2023.yaml", entry(**waiting), year=2023)
    report(tmp_path, "r2024.yaml", "")
    result = cli("validate", tmp_path)
    assert result.returncode == 2 and f"request '{REF}' was not answered by 2023-12-31" in result.stdout
    assert result.stderr == ""
    report(tmp_path, "r2024.yaml", entry(**waiting, corrected="2024-01-05", carried_over="true"))
    assert cli("validate", tmp_path).returncode == 0, cli("validate", tmp_path).stdout


def test_the_carried_over_entries_agree_on_the_correction(cli, tmp_path):
    report(tmp_path, "r2023.yaml", entry(received="2023-12-18", correction_requested="2023-12-20",
                                         applicant="natural_person"), year=2023)
    report(tmp_path, "r2024.yaml", entry(received="2023-12-18", correction_requested="2023-12-21",
                                         applicant="natural_person", carried_over="true"))
    result = cli("validate", tmp_path)
    assert result.returncode == 2 and result.stderr == ""
    assert (f"request '{REF}': correction_requested is 2023-12-21 here but 2023-12-20 in the 2023 report"
            in result.stdout)
