"""Requests carried over from one year's report into the next (Table 三's 四、结转下年度继续办理 → 二、上年结转).

A request received in a year and not answered by that year's end is listed again in the next year's file with
``carried_over: true`` (same ``ref``; its ``received`` lies in the previous year). When both years' files are in the
data the two entries must agree, and request-deadline judges the request once. A file for the year just before a
catalog's year (2023 here: the bundled catalog is 2024's), or any earlier year from 2021 (the national format's
first year), is accepted without a catalog, but lists no tasks; a year before 2021 (the trial format of 2019) and a
year after the last catalog stay errors.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from disclose_cli.loading.config import load_config
from disclose_cli.loading.context import load_context
from disclose_cli.loading.dataset import load
from disclose_cli.engine import CheckOptions, check

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "weihai-2024"
REF = "荣政依申〔2023〕52号"
RULE = "request-deadline"

# Line 4 is the request (``- ref:``) in both files.
REPORT_2023 = f"""unit: 荣成市
year: 2023
requests:
  - ref: {REF}
    received: 2023-12-18
    applicant: natural_person
"""


def report_2024(received: str = "2023-12-18", applicant: str = "natural_person", answered: str | None = "2024-01-12",
                outcome: str | None = "disclosed", carried_over: bool = True, ref: str = REF, **more) -> str:
    fields = {"received": received, "applicant": applicant, "answered": answered, "outcome": outcome, **more}
    if carried_over:
        fields = {"carried_over": "true", **fields}
    shown = "".join(f"    {key}: {str(value).lower() if isinstance(value, bool) else value}\n"
                    for key, value in fields.items() if value is not None)
    return f"unit: 荣成市\nyear: 2024\nrequests:\n  - ref: {ref}\n{shown}"


def write(folder: Path, files: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def problems_of(tmp_path: Path, context, files: dict[str, str]) -> list[str]:
    dataset = load(write(tmp_path / "reports", files), context)
    return [str(problem) for problem in dataset.problems]


def deadline_findings(cli, tmp_path: Path, files: dict[str, str], as_of: str = "2025-04-30") -> list[dict]:
    """request-deadline's findings for 荣成市 from ``disclose check`` (run in-process by ``cli``)."""
    write(tmp_path / "reports", files)
    result = cli("check", "reports", "--as-of", as_of, "--rule", RULE, "--format", "json", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stdout + result.stderr
    return [finding for finding in json.loads(result.stdout)["findings"] if finding["unit"] == "荣成市"]


# --- the two entries agree -------------------------------------------------------------------------------------

def test_a_consistent_pair_is_valid(tmp_path, context):
    dataset = load(write(tmp_path, {"r2023.yaml": REPORT_2023, "r2024.yaml": report_2024()}), context)
    assert dataset.problems == []
    assert sorted(source.report.year for source in dataset.sources) == [2023, 2024]


def test_the_weihai_examples_validate(cli):
    count = len(list(EXAMPLES.glob("*.yaml")))
    result = cli("validate", EXAMPLES, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    assert result.stdout.strip() == f"{count} reports valid ({count} files)"
    assert (EXAMPLES / "rongcheng-shi-2023.yaml").is_file()


@pytest.mark.parametrize(("change", "key", "here", "there"), [
    ({"received": "2023-12-19"}, "received", "2023-12-19", "2023-12-18"),
    ({"applicant": "business"}, "applicant", "business", "natural_person"),
    ({"applicant": "商业企业"}, "applicant", "business", "natural_person"),  # a label is compared as its code
    ({"extended": True}, "extended", "True", "False"),
    ({"excluded_workdays": 5}, "excluded_workdays", "5", "0"),
])
def test_a_carried_over_request_that_disagrees_with_last_years_entry(tmp_path, context, change, key, here, there):
    found = problems_of(tmp_path, context, {"r2023.yaml": REPORT_2023, "r2024.yaml": report_2024(**change)})
    assert len(found) == 1, found
    problem = found[0]
    # At the 2024 entry, naming the 2023 file and line.
    assert problem.startswith(f"{tmp_path / 'reports' / 'r2024.yaml'}:4:")
    assert f"request '{REF}': {key} is {here} here but {there} in the 2023 report " in problem
    assert f"({tmp_path / 'reports' / 'r2023.yaml'}:4)" in problem


def test_answered_and_outcome_may_be_missing_from_one_entry(tmp_path, context):
    # The 2023 file was closed at the year's end, before the answer: only the 2024 entry has it.
    assert problems_of(tmp_path, context, {"r2023.yaml": REPORT_2023, "r2024.yaml": report_2024()}) == []
    answered_in_2023_file = REPORT_2023 + "    answered: 2024-01-12\n    outcome: disclosed\n"
    assert problems_of(tmp_path / "b", context, {"r2023.yaml": answered_in_2023_file,
                                                 "r2024.yaml": report_2024(answered=None, outcome=None)}) == []


@pytest.mark.parametrize(("change", "key"), [
    ({"answered": "2024-01-15"}, "answered"),
    ({"outcome": "partly_disclosed"}, "outcome"),
])
def test_answers_given_in_both_entries_must_agree(tmp_path, context, change, key):
    last_year = REPORT_2023 + "    answered: 2024-01-12\n    outcome: disclosed\n"
    found = problems_of(tmp_path, context, {"r2023.yaml": last_year, "r2024.yaml": report_2024(**change)})
    assert len(found) == 1 and f"request '{REF}': {key} is " in found[0] and "r2023.yaml:4" in found[0]


def test_disagreement_through_disclose_validate_and_check(cli, tmp_path):
    write(tmp_path / "reports", {"r2023.yaml": REPORT_2023, "r2024.yaml": report_2024(applicant="research")})
    for command in (("validate", "reports"), ("check", "reports", "--as-of", "2025-04-30")):
        result = cli(*command, cwd=tmp_path)
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        assert result.stderr == "", command  # validate and check print their problems on stdout
        line = next(line for line in result.stdout.splitlines() if REF in line)
        assert line.startswith(str(Path("reports") / "r2024.yaml") + ":4:") or "r2024.yaml:4:" in line
        assert "applicant is research here but natural_person in the 2023 report" in line
        assert "r2023.yaml:4" in line


def test_carried_over_without_a_matching_entry_last_year(tmp_path, context):
    found = problems_of(tmp_path, context, {"r2023.yaml": REPORT_2023,
                                            "r2024.yaml": report_2024(ref="荣政依申〔2023〕53号")})
    reports = tmp_path / "reports"
    assert any(problem.startswith(f"{reports / 'r2024.yaml'}:4:") and problem.endswith(
        f": request '荣政依申〔2023〕53号' is marked carried_over, but the 2023 report ({reports / 'r2023.yaml'}) has "
        "no request '荣政依申〔2023〕53号'") for problem in found), found
    # ... and 52号, open at 2023's end, is then missing from 2024.
    assert any(problem.startswith(f"{reports / 'r2023.yaml'}:4:") and f"'{REF}' was not answered by 2023-12-31"
               in problem for problem in found)
    assert len(found) == 2


def test_carried_over_without_last_years_file_is_accepted(tmp_path, context):
    assert problems_of(tmp_path, context, {"r2024.yaml": report_2024()}) == []


# --- last year's open requests must be carried over -----------------------------------------------------------

def test_a_request_open_at_last_years_end_missing_from_this_year(tmp_path, context):
    this_year = "unit: 荣成市\nyear: 2024\nrequests: []\n"
    found = problems_of(tmp_path, context, {"r2023.yaml": REPORT_2023, "r2024.yaml": this_year})
    reports = tmp_path / "reports"
    assert len(found) == 1 and found[0].startswith(f"{reports / 'r2023.yaml'}:4:")
    assert found[0].endswith(f": request '{REF}' was not answered by 2023-12-31; list it in the 2024 report "
                             f"({reports / 'r2024.yaml'}) with carried_over: true")


def test_answered_only_in_the_next_year_still_needs_carrying(tmp_path, context):
    last_year = REPORT_2023 + "    answered: 2024-01-12\n    outcome: disclosed\n"
    found = problems_of(tmp_path, context, {"r2023.yaml": last_year, "r2024.yaml": "unit: 荣成市\nyear: 2024\n"})
    assert len(found) == 1 and "was not answered by 2023-12-31" in found[0]


def test_answered_within_last_year_needs_no_carrying(tmp_path, context):
    last_year = REPORT_2023 + "    answered: 2023-12-29\n    outcome: disclosed\n"
    assert problems_of(tmp_path, context, {"r2023.yaml": last_year, "r2024.yaml": "unit: 荣成市\nyear: 2024\n"}) == []


def test_listed_again_without_the_flag(tmp_path, context):
    # Without the flag, a 2023 date does not belong in the 2024 report (which is then set aside as invalid).
    found = problems_of(tmp_path, context, {"r2023.yaml": REPORT_2023, "r2024.yaml": report_2024(carried_over=False)})
    assert len(found) == 1 and found[0].startswith(f"{tmp_path / 'reports' / 'r2024.yaml'}:5:")
    assert "2023-12-18 is not in 2024, the year of this report" in found[0]


def test_entries_are_matched_within_one_unit(tmp_path, context):
    # 环翠区's carried-over entry has no 2023 file of its own to agree with, and 荣成市 has no 2024 file to carry
    # its open request into: neither is compared with the other unit's file.
    other = report_2024().replace("unit: 荣成市", "unit: 环翠区")
    assert problems_of(tmp_path, context, {"r2023.yaml": REPORT_2023, "other.yaml": other}) == []
    # With 荣成市's 2024 file present but not carrying 52号, the problem is 荣成市's alone.
    found = problems_of(tmp_path / "b", context, {"r2023.yaml": REPORT_2023, "other.yaml": other,
                                                  "r2024.yaml": "unit: 荣成市\nyear: 2024\n"})
    assert len(found) == 1 and "r2023.yaml:4:" in found[0] and "was not answered by 2023-12-31" in found[0]


# --- the carried-over entry itself ------------------------------------------------------------------------------

@pytest.mark.parametrize("received", ["2024-01-03", "2022-12-20"])
def test_a_carried_over_request_received_outside_the_previous_year(tmp_path, context, received):
    found = problems_of(tmp_path, context, {"r2024.yaml": report_2024(received=received, answered="2024-01-20")})
    assert found == [f"{tmp_path / 'reports' / 'r2024.yaml'}:6:15: a carried-over request was received in 2023; "
                     f"{received} is not in 2023"]


@pytest.mark.parametrize("with_2023_file", [False, True])
def test_a_carried_over_request_answered_last_year_is_a_problem(tmp_path, context, with_2023_file):
    files = {"r2024.yaml": report_2024(received="2023-11-01", answered="2023-12-20")}
    if with_2023_file:
        files["r2023.yaml"] = (REPORT_2023.replace("2023-12-18", "2023-11-01")
                               + "    answered: 2023-12-20\n    outcome: disclosed\n")
    assert problems_of(tmp_path, context, files) != []


# --- which years need a catalog ---------------------------------------------------------------------------------

def test_a_2023_file_alone_is_valid_and_not_judged(tmp_path, context):
    other_unit = "unit: 环翠区\nyear: 2024\n"  # so that 2024 is in the data
    dataset = load(write(tmp_path, {"r2023.yaml": REPORT_2023, "other.yaml": other_unit}), context)
    assert dataset.problems == []
    findings = check(dataset, CheckOptions(as_of=dt.date(2025, 4, 30), units=("荣成市",))).findings
    # Nothing of 2023 is judged; 荣成市 has no 2024 report, so report-missing alone speaks.
    assert [(f.rule, f.subject) for f in findings] == [("report-missing", "2024")]


def test_a_file_two_years_before_the_catalog_is_valid_but_one_before_2021_is_an_error(tmp_path, context):
    # From 2021 (the national format's first year) up to the year before the first catalog a report lists no tasks.
    assert problems_of(tmp_path / "a", context, {"r2022.yaml": "unit: 荣成市\nyear: 2022\n"}) == []
    assert problems_of(tmp_path / "b", context, {"r2021.yaml": "unit: 荣成市\nyear: 2021\n"}) == []
    found = problems_of(tmp_path / "c", context, {"r2020.yaml": "unit: 荣成市\nyear: 2020\n"})
    assert found == [f"{tmp_path / 'c' / 'reports' / 'r2020.yaml'}:2:7: 2020 is before 2021: the yearly report's "
                     "format of 2019 (the trial format) is not supported"]


def test_a_file_for_the_year_after_the_catalog_is_an_error(tmp_path, context):
    found = problems_of(tmp_path, context, {"r2025.yaml": "unit: 荣成市\nyear: 2025\n"})
    assert len(found) == 1 and "no task catalog for 2025" in found[0]


def test_a_2023_file_with_tasks_is_an_error(tmp_path, context):
    text = "unit: 荣成市\nyear: 2023\ntasks:\n  - {task: training, status: done, done_on: 2023-05-16}\n"
    found = problems_of(tmp_path, context, {"r2023.yaml": text})
    assert len(found) == 1 and found[0].startswith(f"{tmp_path / 'reports' / 'r2023.yaml'}:4:")
    assert found[0].endswith(": there is no task catalog for 2023: a 2023 report (before the first catalog) "
                             "lists no tasks")


def test_the_2020_error_through_disclose_validate(cli, tmp_path):
    write(tmp_path / "a" / "reports", {"r2022.yaml": "unit: 荣成市\nyear: 2022\n", "r2023.yaml": REPORT_2023})
    result = cli("validate", "reports", cwd=tmp_path / "a")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "2 reports valid (2 files)\n" and result.stderr == ""
    write(tmp_path / "b" / "reports", {"r2020.yaml": "unit: 荣成市\nyear: 2020\n", "r2023.yaml": REPORT_2023})
    result = cli("validate", "reports", cwd=tmp_path / "b")
    assert result.returncode == 2 and result.stderr == ""
    assert "r2020.yaml:2:7: 2020 is before 2021" in result.stdout and "r2023.yaml" not in result.stdout


# --- request-deadline judges a carried-over request once -------------------------------------------------------

def test_judged_once_across_both_files(cli, tmp_path):
    found = deadline_findings(cli, tmp_path, {"r2023.yaml": REPORT_2023, "r2024.yaml": report_2024()})
    assert [(f["subject"], f["status"], Path(f["file"]).name, f["line"]) for f in found] == [
        (REF, "pass", "r2024.yaml", 4)]
    assert found[0]["due"] == "2024-01-16"  # 20 working days after 2023-12-18, New Year's Day not counted


def test_judged_in_this_years_file_when_last_years_is_absent(cli, tmp_path):
    found = deadline_findings(cli, tmp_path, {"r2024.yaml": report_2024(answered="2024-01-17")})
    assert [(f["subject"], f["status"], Path(f["file"]).name) for f in found] == [(REF, "fail", "r2024.yaml")]


def test_still_unanswered_after_the_year_end(cli, tmp_path):
    found = deadline_findings(cli, tmp_path, {"r2023.yaml": REPORT_2023,
                                              "r2024.yaml": report_2024(answered=None, outcome=None)},
                              as_of="2024-01-15")
    assert [(f["subject"], f["status"]) for f in found] == [(REF, "pending")]


def test_the_examples_judge_the_carried_request_once(cli, tmp_path):
    result = cli("check", EXAMPLES, "--as-of", "2025-04-30", "--rule", RULE, "--unit", "荣成市", "--format", "json",
                 cwd=ROOT)
    found = [f for f in json.loads(result.stdout)["findings"] if f["subject"] == REF]
    assert [(f["status"], Path(f["file"]).name) for f in found] == [("pass", "rongcheng-shi.yaml")]


# With catalogs for 2024 and 2025 both years are judged: a request received in 2024 and carried into 2025 is judged
# in the 2024 report, the year it was received, and not again in the 2025 report.

CATALOG_2025 = """year: 2025
notice:
  issuer: 威海市人民政府办公室
  number: 威政办字〔2025〕1号
  date: 2025-03-10
  title: 关于印发2025年威海市政务公开重点工作及责任分工的通知
  attachment: 2025年威海市政务公开重点工作及责任分工
roles: {}
tasks:
  - id: request-disclosure-service
    category: 政务公开标准化建设
    item: 依申请公开
    subitem: null
    content: 提升依申请公开办理水平
    responsible: 市政府各部门、单位，各区市政府、开发区管委负责
    units: []
    groups: [department, district, zone]
    roles: []
    deadline: 2025-12-31
    deadline_text: 全年
    ongoing: false
    rules: [request-deadline, task-deadline]
"""
REF_2024 = "荣政依申〔2024〕35号"  # received 2024-12-16: due 2025-01-14


def two_judged_years(tmp_path: Path, files: dict[str, str], as_of: str = "2025-04-30") -> list:
    (tmp_path / "tasks_2025.yaml").write_text(CATALOG_2025, encoding="utf-8")
    (tmp_path / "disclose.yaml").write_text("catalogs:\n  2024: bundled\n  2025: tasks_2025.yaml\n", encoding="utf-8")
    context = load_context(load_config(tmp_path / "disclose.yaml"))
    dataset = load(write(tmp_path / "reports", files), context)
    assert dataset.problems == [], dataset.problems
    options = CheckOptions(as_of=dt.date.fromisoformat(as_of), units=("荣成市",), rules=(RULE,))
    return [(f.subject, f.status.value, f.location.path.name, f.due) for f in check(dataset, options).findings]


def request_2024(answered: str | None) -> str:
    extra = f"    answered: {answered}\n    outcome: disclosed\n" if answered else ""
    return (f"unit: 荣成市\nyear: 2024\nrequests:\n  - ref: {REF_2024}\n    received: 2024-12-16\n"
            f"    applicant: natural_person\n{extra}")


def carried_2025(answered: str | None = "2025-01-10") -> str:
    extra = f"    answered: {answered}\n    outcome: disclosed\n" if answered else ""
    return (f"unit: 荣成市\nyear: 2025\nrequests:\n  - ref: {REF_2024}\n    carried_over: true\n"
            f"    received: 2024-12-16\n    applicant: natural_person\n{extra}")


def test_two_judged_years_judge_the_request_in_the_year_received(tmp_path):
    found = two_judged_years(tmp_path, {"r2024.yaml": request_2024("2025-01-10"), "r2025.yaml": carried_2025()})
    assert found == [(REF_2024, "pass", "r2024.yaml", dt.date(2025, 1, 14))]


def test_two_judged_years_without_last_years_file(tmp_path):
    found = two_judged_years(tmp_path, {"r2025.yaml": carried_2025("2025-01-15")})
    assert found == [(REF_2024, "fail", "r2025.yaml", dt.date(2025, 1, 14))]


def test_two_judged_years_use_the_answer_from_the_later_entry(tmp_path):
    found = two_judged_years(tmp_path, {"r2024.yaml": request_2024(None), "r2025.yaml": carried_2025("2025-01-10")})
    assert [(subject, status) for subject, status, _, _ in found] == [(REF_2024, "pass")]
