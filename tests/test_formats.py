"""``disclose check --format json|github|junit|sarif`` and ``--output``, ``--fail-on``, ``--unit``, ``--rule``.

A small data set of two units, judged at 2024-12-31, gives every status: fail, pending, waived and pass. One
consultation title carries what breaks naive formatters: markup, quotes, ``|``, a comma, a colon, a newline, a
control character (BEL) and a right-to-left override.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Callable

import pytest
from conftest import Run

SARIF_SCHEMA = Path(__file__).resolve().parents[1].parent / "shared" / "sarif" / "sarif-schema-2.1.0.json"
AS_OF = "2024-12-31"


README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
Cli = Callable[..., Run]  # the conftest ``cli`` fixture: ``disclose ARGS`` in-process, stdout and stderr apart


# The title as YAML escapes (a raw string: the escapes are YAML's) and as the text it means.
NASTY_TITLE_YAML = r'''"<script>alert('x')</script> \"引号\" a|b, c: d 第一行\n第二行\x07响铃\u202E反向"'''
NASTY_TITLE = "<script>alert('x')</script> \"引号\" a|b, c: d 第一行\n第二行\x07响铃\u202e反向"
NASTY_LINE = 11  # where its record starts in kj.yaml

KJ = f"""\
unit: 市科技局
year: 2024
tasks:
  - task: training
    status: done
    done_on: 2024-06-20
  - task: new-media
    status: not_applicable
    note: 本单位未开设政务新媒体
consultations:
  - title: {NASTY_TITLE_YAML}
    opened: 2024-03-01
    closed: 2024-03-10
  - title: 威海市科技创新促进条例(草案)
    opened: 2024-03-01
    closed: 2024-03-31
  - title: 科技计划项目管理办法(草案)
    opened: 2024-04-01
    closed: 2024-04-11
    short_reason: 因需要尽快出台
trainings:
  - title: 政务公开业务培训
    date: 2024-06-20
requests:
  - ref: "威科技依申〔2024〕9号 <b>|</b>"
    received: 2024-12-20
meetings:
  - title: 2024年上半年科技工作座谈会
    date: 2024-03-15
    public_attendees: 2
waivers:
  - rule: meeting-frequency
    subject: 2024H2
    reason: 机构改革期间暂停
    approved_by: 市政府办公室
"""

HC = """\
unit: 环翠区
year: 2024
decisions:
  - title: 关于调整公共租赁住房租金标准的通知
    issued: 2024-12-25
interpretations:
  - {policy: 威海市促进消费若干措施, form: video, published: 2024-05-11}
  - {policy: 威海市人才新政, form: text, published: 2024-06-02}
"""

WAIVER_REASONS = ("机构改革期间暂停", "因需要尽快出台", "本单位未开设政务新媒体")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """tmp_path with reports/kj.yaml (市科学技术局) and reports/hc.yaml (环翠区), and a disclose.yaml naming the folder
    (so that a unit without a report points at its reports: line); run the CLI from tmp_path."""
    reports = tmp_path / "reports"
    reports.mkdir()
    (tmp_path / "disclose.yaml").write_text("# the data repository\nreports: [reports]\n", encoding="utf-8")
    (reports / "kj.yaml").write_text(KJ, encoding="utf-8")
    (reports / "hc.yaml").write_text(HC, encoding="utf-8")
    assert KJ.splitlines()[NASTY_LINE - 1].startswith("  - title: \"<script>")
    return tmp_path


def check(cli: Cli, data: Path, *args: object, env: dict[str, str | None] | None = None) -> Run:
    """``disclose check reports --as-of AS_OF ARGS`` in ``data``; in English unless ``env`` says otherwise."""
    return cli("check", "reports", "--as-of", AS_OF, *args, cwd=data, env=env)


def check_json(cli: Cli, data: Path, *args: object) -> dict:
    result = check(cli, data, "--format", "json", *args)
    assert result.returncode in (0, 1), result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def registry_order(cli: Cli) -> list[str]:
    result = cli("units", "--format", "json")
    assert result.returncode == 0, result.stderr
    return [unit["name"] for unit in json.loads(result.stdout)]


# ---- json ---------------------------------------------------------------------------------------------------


def test_json_contract(cli: Cli, data: Path) -> None:
    result = check(cli, data, "--format", "json")
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    log = json.loads(result.stdout)
    assert set(log) >= {"findings", "summary"}
    summary = log["summary"]
    assert set(summary) >= {"as_of", "files", "units", "counts"}
    assert summary["as_of"] == AS_OF
    assert summary["files"] == 2
    assert summary["units"] == 2
    assert set(summary["counts"]) == {"pass", "fail", "pending", "waived"}
    # The warnings stay English strings; warnings_zh says the same in Chinese, one for one.
    assert isinstance(summary["warnings"], list) and isinstance(summary["warnings_zh"], list)
    assert len(summary["warnings"]) == len(summary["warnings_zh"])
    assert all(isinstance(text, str) for text in summary["warnings"] + summary["warnings_zh"])
    findings = log["findings"]
    for status in ("pass", "fail", "pending", "waived"):
        assert summary["counts"][status] == sum(1 for f in findings if f["status"] == status) > 0, status
    for finding in findings:
        assert set(finding) >= {"rule", "unit", "status", "subject", "message", "due", "file", "line",
                                "overdue_workdays", "waiver"}, finding
        # Every finding in a file has a line, including those about a whole section or a task absent from the
        # report; only a unit without a report, with no configuration, points at the folder read (no line).
        if finding["rule"] == "report-missing" and (data / finding["file"]).is_dir():
            assert finding["line"] is None, finding
        else:
            assert isinstance(finding["line"], int) and finding["line"] >= 1, finding
        assert isinstance(finding["waiver"], (str, type(None)))
        if finding["due"] is not None:
            dt.date.fromisoformat(finding["due"])


def natural(text: str) -> list:
    """4号 before 21号: digit runs compare as numbers."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text) if part]


def test_json_findings_are_ordered_by_unit_then_rule_then_subject(cli: Cli, data: Path) -> None:
    findings = check_json(cli, data)["findings"]
    order = {name: index for index, name in enumerate(registry_order(cli))}
    keys = [(order[f["unit"]], f["rule"], natural(f["subject"])) for f in findings]
    assert keys == sorted(keys)
    # Both reporting units come first in registry order among themselves; the rest have no report.
    units = list(dict.fromkeys(f["unit"] for f in findings))
    assert units.index("市科学技术局") < units.index("环翠区")


def test_json_statuses_of_the_data_set(cli: Cli, data: Path) -> None:
    findings = check_json(cli, data)["findings"]

    def one(rule: str, subject: str, unit: str = "市科学技术局") -> dict:
        [found] = [f for f in findings if (f["rule"], f["subject"], f["unit"]) == (rule, subject, unit)]
        return found

    nasty = one("consultation-period", NASTY_TITLE)
    assert (nasty["unit"], nasty["status"], nasty["file"], nasty["line"]) == (
        "市科学技术局", "fail", "reports/kj.yaml", NASTY_LINE)
    assert one("consultation-period", "威海市科技创新促进条例(草案)")["status"] == "pass"
    assert one("consultation-period", "科技计划项目管理办法(草案)")["status"] == "waived"
    assert one("meeting-frequency", "2024H2")["status"] == "waived"
    assert one("task-deadline", "new-media")["status"] == "waived"
    assert one("task-deadline", "training")["status"] == "pass"
    request = one("request-deadline", "威科技依申〔2024〕9号 <b>|</b>")
    assert (request["status"], request["due"]) == ("pending", "2025-01-20")
    feedback = one("feedback-deadline", "关于调整公共租赁住房租金标准的通知", unit="环翠区")
    assert (feedback["status"], feedback["due"]) == ("pending", "2025-01-09")
    assert one("multimedia-share", "2024", unit="环翠区")["status"] == "pass"
    assert one("task-deadline", "new-media", unit="环翠区")["status"] == "fail"
    missing = [f for f in findings if f["rule"] == "report-missing"]
    # A unit without a report points into the data repository: the reports: line of disclose.yaml.
    assert missing and all(f["status"] == "fail" and (f["file"], f["line"]) == ("disclose.yaml", 2) for f in missing)
    assert {"市科学技术局", "环翠区"}.isdisjoint(f["unit"] for f in missing)
    # Findings without a record of their own point at the report's first line (line 1 in both files).
    absent_task = one("task-deadline", "new-media", unit="环翠区")
    assert (absent_task["file"], absent_task["line"]) == ("reports/hc.yaml", 1)
    assert one("training-frequency", "2024", unit="环翠区")["line"] == 1
    assert one("multimedia-share", "2024", unit="环翠区")["line"] == 7  # the first interpretation
    assert one("training-frequency", "2024")["line"] == 22  # the training that made it pass


def test_json_waiver_field(cli: Cli, data: Path) -> None:
    findings = check_json(cli, data)["findings"]
    [h2] = [f for f in findings if (f["unit"], f["rule"], f["subject"]) == ("市科学技术局", "meeting-frequency",
                                                                          "2024H2")]
    assert (h2["status"], h2["waiver"]) == ("waived", "机构改革期间暂停 (approved by 市政府办公室)")
    # The waiver is named once in the message too, after the finding's own words.
    assert h2["message"] == ("no meeting with public representatives in 2024H2; "
                             "waived: 机构改革期间暂停 (approved by 市政府办公室)")
    # No waiver applies to anything else: passes, fails and pending findings carry null.
    others = [f for f in findings if f["status"] in ("pass", "fail", "pending")]
    assert others and all(f["waiver"] is None for f in others)


def test_json_waiver_field_names_an_expired_waiver(cli: Cli, data: Path) -> None:
    (data / "reports" / "kj.yaml").write_text(KJ + "    expires: 2024-06-30\n", encoding="utf-8")
    findings = check_json(cli, data)["findings"]
    [h2] = [f for f in findings if (f["unit"], f["rule"], f["subject"]) == ("市科学技术局", "meeting-frequency",
                                                                          "2024H2")]
    assert (h2["status"], h2["waiver"]) == ("fail", "expired 2024-06-30")
    assert "(the waiver expired on 2024-06-30)" in h2["message"]


def test_json_is_byte_identical_across_runs(cli: Cli, data: Path) -> None:
    first = check(cli, data, "--format", "json")
    second = check(cli, data, "--format", "json")
    assert first.stdout.encode() == second.stdout.encode()


# ---- github -------------------------------------------------------------------------------------------------


def test_github_annotations(cli: Cli, data: Path) -> None:
    counts = check_json(cli, data)["summary"]["counts"]
    result = check(cli, data, "--format", "github")
    assert result.returncode == 1
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert result.stdout.endswith("\n")
    for line in lines:
        assert line.startswith(("::error ", "::warning ")), f"not a workflow command: {line!r}"
    assert sum(1 for line in lines if line.startswith("::error ")) == counts["fail"]
    assert sum(1 for line in lines if line.startswith("::warning ")) == counts["pending"]
    [nasty] = [line for line in lines if "&lt;" not in line and "<script>" in line]
    assert nasty.startswith(f"::error file=reports/kj.yaml,line={NASTY_LINE},")
    properties, _, message = nasty[len("::error "):].partition("::")
    assert "\n" not in nasty and "第一行%0A第二行" in message
    # In a property a comma and a colon would end or split it: they are escaped.
    assert "a|b%2C c%3A d" in properties
    [pending] = [line for line in lines if "威科技依申" in line and "request-deadline" in line]
    assert pending.startswith("::warning file=reports/kj.yaml,line=25,")
    assert pending.endswith(": not answered yet; due 2025-01-20")  # English under DISCLOSE_LANG=en
    assert not any("科技计划项目管理办法" in line or "机构改革期间暂停" in line for line in lines)  # waived: absent
    # In the default language the same annotations, in Chinese.
    chinese = check(cli, data, "--format", "github", env={"DISCLOSE_LANG": None})
    assert chinese.returncode == 1 and chinese.stderr == ""
    zh_lines = chinese.stdout.splitlines()
    assert [line.partition(" ")[0] for line in zh_lines] == [line.partition(" ")[0] for line in lines]
    [pending_zh] = [line for line in zh_lines if line.startswith("::warning ") and "威科技依申" in line]
    assert pending_zh.startswith("::warning file=reports/kj.yaml,line=25,")
    assert pending_zh.endswith("：尚未答复，期限2025-01-20")


def test_github_every_fail_has_a_line(cli: Cli, data: Path) -> None:
    # Including findings not tied to one record: a task missing from the report, a frequency window with nothing
    # recorded, multimedia-share, evaluation-frequency.
    result = check(cli, data, "--format", "github")
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert errors
    assert all(re.match(r"::error file=[^,]+,line=\d+,", line) for line in errors), [
        line for line in errors if ",line=" not in line][:3]


# ---- junit --------------------------------------------------------------------------------------------------

XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def test_junit(cli: Cli, data: Path) -> None:
    findings = check_json(cli, data)["findings"]
    result = check(cli, data, "--format", "junit")
    assert result.returncode == 1
    assert result.stderr == ""
    assert not XML_INVALID.search(result.stdout), "characters XML 1.0 cannot carry"
    root = ET.fromstring(result.stdout.encode("utf-8"))
    cases = list(root.iter("testcase"))
    assert len(cases) == len(findings)
    by_status = {status: sum(1 for f in findings if f["status"] == status) for status in ("fail", "pending",
                                                                                             "waived", "pass")}
    assert sum(1 for case in cases if case.find("failure") is not None) == by_status["fail"]
    assert sum(1 for case in cases if case.find("skipped") is not None) == by_status["pending"] + by_status["waived"]
    assert sum(1 for case in cases if len(case) == 0) == by_status["pass"]
    [nasty] = [case for case in cases if case.get("classname") == "consultation-period"
               and case.get("name", "").startswith("<script>")]
    assert nasty.find("failure") is not None
    assert "\u202e" in nasty.get("name") and "\x07" not in nasty.get("name")
    assert nasty.get("name").replace("\ufffd", "\x07") == NASTY_TITLE
    assert nasty.get("file") == "reports/kj.yaml" and nasty.get("line") == str(NASTY_LINE)
    # Test cases come in the order of the findings (suites by unit, findings ordered by unit first).
    assert [(case.get("classname"), case.get("line")) for case in cases] == [
        (f["rule"], str(f["line"])) for f in findings]
    for case, finding in zip(cases, findings):
        skipped = case.find("skipped")
        if skipped is not None:
            # The finding's own message, once (no "waived: … waived: …"); the status is the type.
            assert skipped.get("message") == finding["message"]
            assert skipped.get("type") == finding["status"]
            assert not skipped.get("message").startswith(("pending:", "waived:"))
            assert skipped.get("message").count("waived:") <= 1
    [waived] = [case.find("skipped") for case in cases
                if case.get("classname") == "meeting-frequency" and case.get("name") == "2024H2"]
    assert waived.attrib == {"message": "no meeting with public representatives in 2024H2; waived: 机构改革期间暂停 "
                                        "(approved by 市政府办公室)", "type": "waived"}
    [pending] = [case.find("skipped") for case in cases if case.get("classname") == "request-deadline"]
    assert pending.attrib == {"message": "not answered yet; due 2025-01-20", "type": "pending"}
    assert root.get("tests") == str(len(findings))
    assert root.get("failures") == str(by_status["fail"])
    # In the default language the messages are the findings' Chinese ones.
    chinese = check(cli, data, "--format", "junit", env={"DISCLOSE_LANG": None})
    assert chinese.returncode == 1 and chinese.stderr == ""
    zh_cases = list(ET.fromstring(chinese.stdout.encode("utf-8")).iter("testcase"))
    assert len(zh_cases) == len(findings)
    for case, finding in zip(zh_cases, findings):
        skipped = case.find("skipped")
        if skipped is not None:
            assert skipped.get("message") == finding["message_zh"]
    [waived_zh] = [case.find("skipped") for case in zh_cases
                   if case.get("classname") == "meeting-frequency" and case.get("name") == "2024H2"]
    assert waived_zh.attrib == {"message": "2024年下半年未召开邀请公众代表列席的会议；已豁免：机构改革期间暂停（批准：市政府办公室）",
                                "type": "waived"}


# ---- sarif --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("broken", [False, True], ids=["findings", "invalid-input"])
def test_sarif_does_what_the_multitool_asks(cli: Cli, data: Path, broken: bool) -> None:
    # The SARIF Multitool needs .NET; its rules SARIF1001 (a rule's name differs from its id), SARIF2005 (the tool
    # names its informationUri and version) and GH2012 (every rule has help) are asserted here instead.
    if broken:
        (data / "reports" / "broken.yaml").write_text("unit: 文登区\nyear: 2O24\n", encoding="utf-8")
    log = json.loads(check(cli, data, "--format", "sarif").stdout)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["informationUri"].startswith("https://") and driver["version"] and driver["semanticVersion"]
    assert driver["rules"]
    for rule in driver["rules"]:
        assert rule["name"] != rule["id"] and re.fullmatch(r"(?:[A-Z][a-z0-9]*)+", rule["name"]), rule["id"]
        assert rule["shortDescription"]["text"].endswith(".") and rule["fullDescription"]["text"]
        assert rule["help"]["text"].strip() and rule["help"]["markdown"].strip(), rule["id"]
        assert rule["helpUri"].startswith("https://"), rule["id"]
        # The project page is the README: the help link's text fragment lands on the rule's row of its table.
        page, fragment = rule["helpUri"].split("#:~:text=")
        assert page == driver["informationUri"] and fragment == rule["id"]
        assert f"`{rule['id']}`" in README, f"README does not name {rule['id']}"
    ids = [rule["id"] for rule in driver["rules"]]
    assert all(ids[result["ruleIndex"]] == result["ruleId"] for result in log["runs"][0]["results"])
    assert ("invalid-input" in ids) is broken
    for result in log["runs"][0]["results"]:
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert not uri.startswith(("/", "file:")), uri  # relative to the repository root (GH1005)


def test_the_readme_lists_every_rule_as_disclose_rules_does() -> None:
    from disclose_cli.rules import RULES

    table = README.split("\n## Rules\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z-]+)` \| (.+?) \| (.+?) \|$", table, re.M)
    assert rows == [(rule.id, rule.name.zh, rule.doc.splitlines()[0].split(": ", 1)[1]) for rule in RULES.values()]


def test_sarif_is_valid_against_the_official_schema(cli: Cli, data: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"no SARIF schema at {SARIF_SCHEMA}")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    result = check(cli, data, "--format", "sarif")
    assert result.returncode == 1
    assert result.stderr == ""
    log = json.loads(result.stdout)
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(log), key=lambda error: list(error.path))
    assert not errors, [f"{list(error.path)}: {error.message}" for error in errors[:5]]
    assert log["version"] == "2.1.0"


def test_sarif_content(cli: Cli, data: Path) -> None:
    counts = check_json(cli, data)["summary"]["counts"]
    log = json.loads(check(cli, data, "--format", "sarif").stdout)
    [run] = log["runs"]
    results = run["results"]
    assert len(results) == counts["fail"] + counts["pending"] + counts["waived"]  # passes are left out
    assert all(r["properties"]["status"] != "pass" for r in results)
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    for r in results:
        assert r["locations"], r
        assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r
        assert rule_ids[r["ruleIndex"]] == r["ruleId"]
        status = r["properties"]["status"]
        assert r["level"] == {"fail": "error", "pending": "warning", "waived": "note"}[status]
        assert ("suppressions" in r) == (status == "waived")
        # The message in Chinese too, as a property.
        assert isinstance(r["properties"]["message_zh"], str) and r["properties"]["message_zh"], r
    justifications = " ".join(s["justification"] for r in results for s in r.get("suppressions", []))
    for reason in WAIVER_REASONS:
        assert reason in justifications
    missing = [r for r in results if r["ruleId"] == "report-missing"]
    assert missing
    for r in missing:
        location = r["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "disclose.yaml"
        assert location["region"]["startLine"] == 2
    [nasty] = [r for r in results if r["properties"]["subject"] == NASTY_TITLE]
    assert nasty["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "reports/kj.yaml"}, "region": {"startLine": NASTY_LINE}}


# ---- --output -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("output_format", ["json", "github", "junit", "sarif", "text"])
def test_output_file_is_written_whole_and_stdout_stays_empty(cli: Cli, data: Path, output_format: str) -> None:
    out = data / "out"
    out.mkdir()
    result = check(cli, data, "--format", output_format, "--output", f"out/report.{output_format}")
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert [path.name for path in out.iterdir()] == [f"report.{output_format}"], "no temporary file is left"
    written = (out / f"report.{output_format}").read_text(encoding="utf-8")
    if output_format != "text":
        assert written == check(cli, data, "--format", output_format).stdout
    else:
        assert "市科学技术局" in written and "fail" in written
        counts = check_json(cli, data)["summary"]["counts"]
        assert (f"as of {AS_OF}: 2 units reporting in 2 files · {counts['pass']} pass · {counts['fail']} fail · "
                f"{counts['pending']} pending · {counts['waived']} waived") in written.splitlines()


def test_output_replaces_an_existing_file(cli: Cli, data: Path) -> None:
    target = data / "report.json"
    target.write_text("old\n", encoding="utf-8")
    result = check(cli, data, "--format", "json", "-o", "report.json")
    assert result.returncode == 1
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["as_of"] == AS_OF
    assert sorted(path.name for path in data.iterdir()) == ["disclose.yaml", "report.json", "reports"]


def test_output_into_a_missing_folder_is_invalid_input(cli: Cli, data: Path) -> None:
    result = check(cli, data, "--format", "json", "--output", "no_such_folder/report.json")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "internal error" not in result.stdout and "Traceback" not in result.stdout
    assert result.stderr == ""  # check prints its problems on stdout
    [line] = result.stdout.splitlines()
    assert line.startswith("no_such_folder/report.json: cannot write the output"), line
    assert not (data / "no_such_folder").exists()


@pytest.mark.parametrize("output", ["reports/kj.yaml", "reports/../reports/hc.yaml"])
def test_output_never_overwrites_an_input_report(cli: Cli, data: Path, output: str) -> None:
    before = {path.name: path.read_bytes() for path in (data / "reports").iterdir()}
    result = check(cli, data, "--format", "json", "--output", output)
    assert {path.name: path.read_bytes() for path in (data / "reports").iterdir()} == before
    assert result.returncode == 2
    assert result.stderr == ""  # check prints its problems on stdout
    [line] = result.stdout.splitlines()
    assert line.startswith(f"{output}: ") and "is one of the input files" in line, line


# ---- exit codes and filters ---------------------------------------------------------------------------------


def test_exit_codes_follow_fail_on(cli: Cli, data: Path) -> None:
    # request-deadline alone: one pending request, nothing failing.
    assert check(cli, data, "--rule", "request-deadline").returncode == 0
    assert check(cli, data, "--rule", "request-deadline", "--fail-on", "fail").returncode == 0
    assert check(cli, data, "--rule", "request-deadline", "--fail-on", "pending").returncode == 1
    # consultation-period: one failure.
    assert check(cli, data, "--rule", "consultation-period").returncode == 1
    # A unit with nothing failing under a rule.
    assert check(cli, data, "--rule", "multimedia-share", "--unit", "环翠区").returncode == 0


def test_unit_filter_accepts_an_alias(cli: Cli, data: Path) -> None:
    findings = check_json(cli, data, "--unit", "市科技局")["findings"]
    assert findings and {f["unit"] for f in findings} == {"市科学技术局"}
    both = check_json(cli, data, "--unit", "环翠区", "--unit", "市科学技术局")["findings"]
    assert {f["unit"] for f in both} == {"市科学技术局", "环翠区"}


def test_unit_filter_includes_a_unit_without_a_report(cli: Cli, data: Path) -> None:
    findings = check_json(cli, data, "--unit", "文登区")["findings"]
    assert [(f["rule"], f["status"]) for f in findings] == [("report-missing", "fail")]
    # The text summary counts the selected unit alone.
    text = check(cli, data, "--unit", "文登区")
    assert text.returncode == 1 and text.stderr == ""
    assert (f"as of {AS_OF}: 0 units reporting in 0 files · 0 pass · 1 fail · 0 pending · 0 waived"
            in text.stdout.splitlines())


def test_rule_filter(cli: Cli, data: Path) -> None:
    findings = check_json(cli, data, "--rule", "consultation-period", "--rule", "feedback-deadline")["findings"]
    assert {f["rule"] for f in findings} == {"consultation-period", "feedback-deadline"}
    summary = check_json(cli, data, "--rule", "feedback-deadline")["summary"]
    assert summary["counts"] == {"pass": 0, "fail": 0, "pending": 1, "waived": 0}


def test_unknown_unit_is_a_usage_error_with_a_suggestion(cli: Cli, data: Path) -> None:
    result = check(cli, data, "--unit", "环翠县", "--format", "json")
    assert result.returncode == 2
    # A problem of the command line, printed as check prints its problems: on stdout, instead of the report.
    assert result.stderr == ""
    assert "Traceback" not in result.stdout
    assert "unknown unit '环翠县'" in result.stdout and "did you mean '环翠区'?" in result.stdout
    assert result.stdout == "--unit: unknown unit '环翠县'; did you mean '环翠区'?\n"


def test_unknown_rule_is_a_usage_error(cli: Cli, data: Path) -> None:
    result = check(cli, data, "--rule", "meeting-frequncy", "--format", "json")
    assert result.returncode == 2
    assert result.stderr == ""  # on stdout, instead of the report
    assert "Traceback" not in result.stdout
    [line] = result.stdout.splitlines()
    assert line.startswith("--rule: unknown rule 'meeting-frequncy'"), line
    assert "meeting-frequency" in line


def test_unknown_rule_suggests_the_closest(cli: Cli, data: Path) -> None:
    result = check(cli, data, "--rule", "meeting-frequncy")
    assert result.returncode == 2 and result.stderr == ""
    assert "did you mean 'meeting-frequency'?; rules are consultation-period, " in result.stdout
    far = check(cli, data, "--rule", "no-such-thing-at-all")
    assert far.returncode == 2 and far.stderr == ""
    assert "unknown rule 'no-such-thing-at-all'; rules are " in far.stdout
    assert "did you mean" not in far.stdout  # nothing close


def test_invalid_input_is_exit_2_in_every_format(cli: Cli, data: Path) -> None:
    (data / "reports" / "broken.yaml").write_text("unit: 文登区\nyear: 2024\ntrainings:\n  - title: 培训\n"
                                                  "    date: 2024-02-30\n", encoding="utf-8")
    # The problems on stdout, instead of the report, in the format asked for; stderr stays empty.
    expected = {
        "text": "reports/broken.yaml:5:11: ",
        "github": "::error file=reports/broken.yaml,line=5,col=11,title=invalid input::",
        "json": '{"version": 1,\n "problems": [\n  {"file": "reports/broken.yaml", "line": 5, "column": 11,',
        "junit": '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="disclose check"',
        "sarif": "{\n",
    }
    for output_format, start in expected.items():
        result = check(cli, data, "--format", output_format)
        assert result.returncode == 2, output_format
        assert result.stderr == "", output_format
        assert result.stdout.startswith(start), (output_format, result.stdout[:300])
    sarif = json.loads(check(cli, data, "--format", "sarif").stdout)
    [problem] = sarif["runs"][0]["results"]
    assert problem["ruleId"] == "invalid-input" and problem["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "reports/broken.yaml"}, "region": {"startLine": 5, "startColumn": 11}}
    assert "invalid-input" not in cli("rules").stdout


def test_a_file_is_named_from_the_repository_root_wherever_the_run_started(tmp_path: Path, monkeypatch) -> None:
    """File names are remembered per file (a check names the same file once per finding), but a relative path
    means another file from another folder: two runs in one process, started in two folders, name each its own."""
    from disclose_cli.base.locations import relative_name, repository_name

    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    assert relative_name(Path("a.yaml"), tmp_path) == repository_name(Path("a.yaml"), tmp_path) == "a.yaml"
    monkeypatch.chdir(tmp_path / "sub")
    assert relative_name(Path("a.yaml"), tmp_path) == repository_name(Path("a.yaml"), tmp_path) == "sub/a.yaml"
    assert relative_name(Path("../b/c.yaml"), tmp_path) == "b/c.yaml"
    gbk_name = os.fsdecode("你好.yaml".encode("gbk"))  # as unzipped from a Chinese Windows machine
    assert repository_name(tmp_path / "reports" / gbk_name, tmp_path) == "reports/你好.yaml"
