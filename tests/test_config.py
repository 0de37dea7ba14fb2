"""disclose.yaml in-process: find_config, load_config, describe, and the context it builds (load_context)."""

from __future__ import annotations

import shutil
from fractions import Fraction
import re
from pathlib import Path

import pytest

from disclose_cli.loading.config import (BUNDLED, CONFIG_NAME, TOP_KEYS, Config, default_config, describe, find_config,
                                 load_config)
from disclose_cli.loading.context import bundled_path, load_context
from disclose_cli.base.locations import InputError
from disclose_cli.rules import Parameters

FIXTURE = Path(__file__).resolve().parent / "datarepo"

# A 2025 catalog over the bundled registry: two tasks, one naming a unit, one a group and a role.
CATALOG_2025 = """\
year: 2025
notice:
  issuer: 威海市人民政府办公室
  number: 威政办字〔2025〕1号
  date: 2025-03-01
  title: 关于印发2025年威海市政务公开重点工作及责任分工的通知
roles:
  重大行政决策承办部门: [department]
tasks:
  - id: decision-feedback
    category: 决策公开
    item: 重大行政决策公开
    subitem: 结果反馈
    content: 决策文件出台后10个工作日内公开意见采纳情况
    responsible: 市司法局，重大行政决策承办部门负责
    units: [威海市司法局]
    groups: []
    roles: [重大行政决策承办部门]
    deadline: 2025-12-31
    deadline_text: 全年
    rules: [feedback-deadline, task-deadline]
  - id: training
    category: 工作保障
    item: 业务培训
    content: 每年至少组织1次集中学习培训
    responsible: 各区市政府、开发区管委负责
    groups: [district, zone]
    deadline: 2025-12-31
    deadline_text: 全年
    rules: [training-frequency, task-deadline]
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as raised:
        load_config(path)
    return [str(problem) for problem in raised.value.problems]


# ---- find_config --------------------------------------------------------------------------------------------


def test_find_config_in_the_folder_and_its_parents(tmp_path: Path) -> None:
    config = write(tmp_path / "repo" / CONFIG_NAME, "reports: [reports]\n")
    deep = tmp_path / "repo" / "reports" / "2025" / "q3"
    deep.mkdir(parents=True)
    assert find_config(tmp_path / "repo") == config
    assert find_config(deep) == config
    # The nearest one wins.
    nearer = write(tmp_path / "repo" / "reports" / CONFIG_NAME, "reports: [.]\n")
    assert find_config(deep) == nearer


def test_find_config_ignores_a_folder_named_like_it(tmp_path: Path) -> None:
    (tmp_path / "a" / CONFIG_NAME).mkdir(parents=True)
    start = tmp_path / "a"
    found = find_config(start)
    assert found is None or found.parent not in (start, tmp_path)


def test_find_config_finds_nothing_where_there_is_none(tmp_path: Path) -> None:
    if any((folder / CONFIG_NAME).is_file() for folder in [tmp_path, *tmp_path.parents]):
        pytest.skip("a disclose.yaml above the temporary folder")
    assert find_config(tmp_path) is None
    assert find_config(Path("/")) is None or (Path("/") / CONFIG_NAME).is_file()


# ---- load_config: values --------------------------------------------------------------------------------------


def test_an_empty_file_gives_the_defaults(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / CONFIG_NAME, "# nothing set yet\n"))
    defaults = default_config()
    assert config.path == tmp_path / CONFIG_NAME
    assert config.catalogs == {2024: None} == defaults.catalogs
    assert config.registry is None and config.calendar is None and config.reports == []
    assert config.parameters == Parameters() == defaults.parameters
    assert config.format == "text"
    assert config.lang is None  # --lang, DISCLOSE_LANG or Chinese decide
    assert set(config.origins.values()) == {"default"}
    assert set(TOP_KEYS) <= set(config.origins)


def test_years_as_numbers_or_quoted_keys_and_bundled_values(tmp_path: Path) -> None:
    write(tmp_path / "catalogs" / "tasks_2025.yaml", CATALOG_2025)
    config = load_config(write(tmp_path / CONFIG_NAME,
                               'catalogs:\n  2024: bundled\n  "2025": catalogs/tasks_2025.yaml\nregistry: bundled\n'))
    assert config.catalogs == {2024: None, 2025: tmp_path / "catalogs" / "tasks_2025.yaml"}
    assert all(isinstance(year, int) for year in config.catalogs)
    assert config.registry is None


def test_relative_paths_are_resolved_against_the_config_folder(tmp_path: Path, monkeypatch) -> None:
    repo = tmp_path / "repo"
    write(repo / "catalogs" / "tasks_2025.yaml", CATALOG_2025)
    shutil.copy(bundled_path("data", "units.yaml"), repo / "registry.yaml")
    write(repo / "cal" / "local.yaml", "holidays: [2025-09-03]\n")
    path = write(repo / CONFIG_NAME, "catalogs:\n  2025: catalogs/tasks_2025.yaml\nregistry: registry.yaml\n"
                                     "reports: [reports/2025, ../shared-reports]\ncalendar: cal/local.yaml\n")
    # Report folders must exist; one outside the config's folder is read only with --allow-outside-paths.
    (repo / "reports" / "2025").mkdir(parents=True)
    (tmp_path / "shared-reports").mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the working folder plays no part
    with pytest.raises(InputError) as confined:
        load_config(path)
    assert [str(problem).split(": ", 1)[0] for problem in confined.value.problems] == [f"{path}:4:25"]
    assert "../shared-reports is outside the folder of disclose.yaml" in str(confined.value.problems[0])
    config = load_config(path, allow_outside=True)
    assert config.catalogs == {2025: repo / "catalogs" / "tasks_2025.yaml"}
    assert config.registry == repo / "registry.yaml"
    assert config.reports == [repo / "reports" / "2025", repo / ".." / "shared-reports"]
    assert config.calendar == repo / "cal" / "local.yaml"
    assert config.files == {(repo / name).resolve() for name in
                            (CONFIG_NAME, "catalogs/tasks_2025.yaml", "registry.yaml", "cal/local.yaml")}


def test_a_relative_config_path_resolves_against_its_own_folder(tmp_path: Path, monkeypatch) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE, repo)
    monkeypatch.chdir(tmp_path)
    config = load_config(Path("repo") / CONFIG_NAME)
    assert config.registry.resolve() == (repo / "units.yaml").resolve()
    assert [path.resolve() for path in config.reports] == [(repo / "reports").resolve()]
    context = load_context(config)
    assert sorted(context.catalogs) == [2025]


def test_rule_figures_become_parameters(tmp_path: Path) -> None:
    path = write(tmp_path / CONFIG_NAME, """\
rules:
  consultation_days: 20
  feedback_workdays: 5
  request_workdays: 15
  request_extension_workdays: 10
  multimedia_share_percent: 45
  multimedia_forms: [video, h5, briefing]
  meeting_span: {department: quarter, zone: half}
  evaluations_required: {district: 3}
  trainings_required: 2
""")
    parameters = load_config(path).parameters
    assert parameters.consultation_days == 20
    assert parameters.feedback_workdays == 5
    assert parameters.request_workdays == 15
    assert parameters.request_extension_workdays == 10
    assert parameters.multimedia_share == Fraction(45, 100)
    assert parameters.multimedia_forms == ("video", "h5", "briefing")
    # Per-kind figures are merged over the defaults: kinds not named keep theirs.
    assert parameters.meeting_span == {"department": "quarter", "other": "half", "district": "quarter",
                                       "zone": "half"}
    assert parameters.evaluations_required == {"department": 1, "other": 1, "district": 3, "zone": 2}
    assert parameters.trainings_required == 2


@pytest.mark.parametrize("percent, share", [(0, Fraction(0)), (30, Fraction(3, 10)), (100, Fraction(1))])
def test_multimedia_share_percent_limits(tmp_path: Path, percent: int, share: Fraction) -> None:
    path = write(tmp_path / CONFIG_NAME, f"rules:\n  multimedia_share_percent: {percent}\n")
    assert load_config(path).parameters.multimedia_share == share


@pytest.mark.parametrize("form", ["text", "json", "github", "junit", "sarif"])
def test_every_check_format_may_be_the_default(tmp_path: Path, form: str) -> None:
    assert load_config(write(tmp_path / CONFIG_NAME, f"format: {form}\n")).format == form


# ---- origins and describe -------------------------------------------------------------------------------------


def test_origins_point_at_the_values_set_and_say_default_otherwise(tmp_path: Path) -> None:
    write(tmp_path / "cal.yaml", "holidays: []\n")
    (tmp_path / "reports").mkdir()  # a report folder must exist
    path = write(tmp_path / CONFIG_NAME,
                 "# 数据仓库配置\nreports:\n  - reports\nrules:\n  feedback_workdays: 5\ncalendar: cal.yaml\n")
    origins = load_config(path).origins
    assert origins["reports"] == f"{path}:3:3"
    assert origins["rules"] == f"{path}:5:3"
    assert origins["rules.feedback_workdays"] == f"{path}:5:22"
    assert origins["calendar"] == f"{path}:6:11"
    for key in ("catalogs", "registry", "format"):
        assert origins[key] == "default"
    rule_keys = [key for key in origins if key.startswith("rules.")]
    assert {"rules.consultation_days", "rules.multimedia_share_percent", "rules.meeting_span"} <= set(rule_keys)
    for key in rule_keys:
        if key != "rules.feedback_workdays":
            assert origins[key] == "default", key


def test_describe_gives_plain_data_with_every_rule_figure(tmp_path: Path) -> None:
    write(tmp_path / "catalogs" / "tasks_2025.yaml", CATALOG_2025)
    path = write(tmp_path / CONFIG_NAME, "catalogs:\n  2025: catalogs/tasks_2025.yaml\n  2024: bundled\n"
                                         "rules:\n  multimedia_share_percent: 45\nformat: sarif\nlang: en\n")
    shown = describe(load_config(path))
    assert shown["config"] == str(path)
    # Years in order, as text keys (JSON object keys); the bundled catalog named as such.
    assert list(shown["catalogs"].items()) == [("2024", BUNDLED),
                                               ("2025", str(tmp_path / "catalogs" / "tasks_2025.yaml"))]
    assert shown["registry"] == BUNDLED and shown["calendar"] is None and shown["reports"] == []
    assert shown["format"] == "sarif"
    assert shown["lang"] == "en" and shown["origins"]["lang"] == f"{path}:7:7"
    assert set(shown["rules"]) >= {"consultation_days", "feedback_workdays", "request_workdays",
                                   "request_extension_workdays", "multimedia_share_percent", "multimedia_forms",
                                   "meeting_span", "evaluations_required", "trainings_required"}
    assert shown["rules"]["multimedia_share_percent"] == 45
    assert set(shown["origins"]) == set(TOP_KEYS) | {f"rules.{key}" for key in shown["rules"]}


def test_describe_of_the_defaults() -> None:
    shown = describe(default_config())
    assert shown["config"] is None
    assert shown["lang"] is None
    assert shown["catalogs"] == {"2024": BUNDLED} and shown["registry"] == BUNDLED
    assert shown["rules"]["multimedia_share_percent"] == 30
    assert shown["rules"]["meeting_span"] == {"department": "half", "other": "half", "district": "quarter",
                                              "zone": "quarter"}


def test_config_files_lists_only_the_project_files(tmp_path: Path) -> None:
    path = write(tmp_path / CONFIG_NAME, "catalogs:\n  2024: bundled\n")
    assert load_config(path).files == {path.resolve()}
    assert default_config().files == set()


# ---- load_config: problems ------------------------------------------------------------------------------------

INVALID = [
    ("catalog:\n  2024: bundled\n", "1:1", "unknown key 'catalog'; did you mean 'catalogs'?"),
    ("registy: bundled\n", "1:1", "unknown key 'registy'; did you mean 'registry'?"),
    ("rules:\n  multimedia_share: 30\n", "2:3", "unknown key 'multimedia_share'; did you mean "
                                                "'multimedia_share_percent'?"),
    ("reports: reports\n", "1:10", "'reports' must be a list"),
    ("catalogs: [tasks_2025.yaml]\n", "1:11", "'catalogs' must be a mapping"),
    ("catalogs:\n  twenty-five: tasks.yaml\n", "2:", "must be a whole number"),
    ("rules:\n  feedback_workdays: '5'\n", "2:22", "'feedback_workdays' must be a whole number"),
    ("rules:\n  feedback_workdays: 5.5\n", "2:22", "'feedback_workdays' must be a whole number"),
    ("rules:\n  consultation_days: -3\n", "2:22", "'consultation_days' must be at least 0"),
    ("rules:\n  multimedia_share_percent: 101\n", "2:29", "'multimedia_share_percent'"),
    ("rules:\n  multimedia_forms: [video, vidoe]\n", "2:29", "must be one of"),
    ("rules:\n  meeting_span: {department: monthly}\n", "2:30", "'department' must be one of quarter, half"),
    ("rules:\n  meeting_span: {ministry: half}\n", "2:", "ministry"),
    ("format: html\n", "1:9", "'format' must be one of text, json, github, junit, sarif"),
    ("calendar: holidays.yaml\n", "1:11", "calendar file {dir}/holidays.yaml does not exist"),
    ("registry: units.yaml\n", "1:11", "registry file {dir}/units.yaml does not exist"),
    ("catalogs:\n  2025: tasks_2025.yaml\n", "2:9", "catalog file {dir}/tasks_2025.yaml does not exist"),
    ("format: json\nformat: text\n", "2:1", "duplicate key 'format'"),
    ("reports: [a\n", "", ""),  # a YAML syntax error: located, whatever its wording
    ("- catalogs\n", "1:1", ""),  # not a mapping
]


INVALID_IDS = ["did-you-mean", "did-you-mean-registry", "did-you-mean-rule", "reports-not-a-list",
               "catalogs-not-a-mapping", "year-not-a-number", "quoted-number", "fraction", "negative",
               "percent-over-100", "unknown-form", "span-enum", "unknown-kind", "format-enum", "no-calendar-file",
               "no-registry-file", "no-catalog-file", "duplicate-key", "yaml-syntax", "not-a-mapping"]


@pytest.mark.parametrize("text, position, message", INVALID, ids=INVALID_IDS)
def test_invalid_configurations_are_located(tmp_path: Path, text: str, position: str, message: str) -> None:
    path = write(tmp_path / CONFIG_NAME, text)
    found = problems(path)
    prefix = f"{path}:{position}"
    matching = [line for line in found if line.startswith(prefix) and message.format(dir=tmp_path) in line]
    assert matching, found
    position_parts = matching[0][len(str(path)) + 1:].split(":")
    assert position_parts[0].isdigit() and position_parts[1].isdigit(), matching[0]  # FILE:LINE:COL


def test_every_problem_of_a_configuration_is_reported_at_once(tmp_path: Path) -> None:
    path = write(tmp_path / CONFIG_NAME, "catalog: {}\nrules:\n  feedback_workdays: ten\nformat: xml\n")
    found = problems(path)
    assert [line.split(": ")[0] for line in found] == [f"{path}:1:1", f"{path}:3:22", f"{path}:4:9"]


def test_missing_files_are_all_reported(tmp_path: Path) -> None:
    path = write(tmp_path / CONFIG_NAME,
                 "catalogs:\n  2025: a.yaml\n  2026: b.yaml\nregistry: c.yaml\ncalendar: d.yaml\n")
    found = problems(path)
    assert len(found) == 4 and all("does not exist" in line for line in found)


# ---- load_context: the catalogs and registry a configuration names --------------------------------------------


def test_a_catalog_of_another_year_over_the_bundled_registry(tmp_path: Path) -> None:
    write(tmp_path / "tasks_2025.yaml", CATALOG_2025)
    path = write(tmp_path / CONFIG_NAME, "catalogs:\n  2024: bundled\n  2025: tasks_2025.yaml\n")
    context = load_context(load_config(path))
    assert sorted(context.catalogs) == [2024, 2025]
    assert context.catalog(2025).notice.number == "威政办字〔2025〕1号"
    assert len(context.catalog(2024).tasks) == 43
    assert context.catalog(2023) is None
    # Alias in the catalog resolved to the registry name; groups expanded over the registry.
    feedback = context.catalog(2025).by_id["decision-feedback"]
    assert context.catalog(2025).units_of(feedback) == ("市司法局",)
    training = context.catalog(2025).by_id["training"]
    assert "环翠区" in context.catalog(2025).units_of(training)
    assert "市司法局" not in context.catalog(2025).units_of(training)


def test_a_year_without_a_bundled_catalog_needs_a_file(tmp_path: Path) -> None:
    path = write(tmp_path / CONFIG_NAME, "catalogs:\n  2025: bundled\n")
    with pytest.raises(InputError) as raised:
        load_context(load_config(path))
    (problem,) = raised.value.problems
    assert problem.location.path == path
    assert "no bundled catalog for 2025" in problem.message


def test_a_catalog_under_the_wrong_year_is_located_at_its_year(tmp_path: Path) -> None:
    catalog = write(tmp_path / "tasks_2025.yaml", CATALOG_2025)
    path = write(tmp_path / CONFIG_NAME, "catalogs:\n  2026: tasks_2025.yaml\n")
    with pytest.raises(InputError) as raised:
        load_context(load_config(path))
    (problem,) = raised.value.problems
    assert str(problem) == f"{catalog}:1:7: this catalog is for 2025, but the configuration lists it for 2026"


def test_the_repository_registry_replaces_the_bundled_one(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE, repo)
    context = load_context(load_config(repo / CONFIG_NAME))
    names = {unit.name for unit in context.registry.units}
    assert "甲区" in names and "环翠区" not in names
    assert context.registry.get("乙开发区管委").name == "乙开发区"
    assert context.registry.path == repo / "units.yaml"
    assert sorted(context.catalogs) == [2025]
    # A bundled 2024 catalog cannot go with this registry: it names units the registry does not have.
    write(repo / CONFIG_NAME, "catalogs:\n  2024: bundled\nregistry: units.yaml\n")
    with pytest.raises(InputError) as raised:
        load_context(load_config(repo / CONFIG_NAME))
    assert any("is not in the registry" in problem.message for problem in raised.value.problems)


def test_default_config_is_a_fresh_value() -> None:
    first, second = default_config(), default_config()
    first.catalogs[2099] = None
    assert second.catalogs == {2024: None}
    assert isinstance(first, Config)


def test_unit_keys_of_a_figure_take_aliases_and_full_names(tmp_path: Path) -> None:
    path = write(tmp_path / CONFIG_NAME, 'rules:\n  annual_report_due_by_unit:\n    市科技局: "01-15"\n'
                                         '    威海市教育局: "01-10"\n')
    parameters = load_context(load_config(path)).config.parameters
    assert parameters.annual_report_due_by_unit == {"市科学技术局": "01-15", "市教育局": "01-10"}


@pytest.mark.parametrize(("entries", "position", "message"), [
    ('    市科学技术局局: "01-20"\n', "3:5",
     "unknown unit '市科学技术局局' in rules.annual_report_due_by_unit; did you mean '市科学技术局'?"),
    ('    市科技局: "01-15"\n    市科学技术局: "01-20"\n', "4:5",
     "'市科学技术局' names 市科学技术局 again in rules.annual_report_due_by_unit; keep one entry"),
])
def test_a_misspelt_or_repeated_unit_key_is_a_located_error(tmp_path: Path, entries: str, position: str,
                                                            message: str) -> None:
    path = write(tmp_path / CONFIG_NAME, "rules:\n  annual_report_due_by_unit:\n" + entries)
    with pytest.raises(InputError) as error:
        load_context(load_config(path))
    assert [str(problem) for problem in error.value.problems] == [f"{path}:{position}: {message}"]


def test_the_stricter_date_of_a_unit_named_by_its_alias_applies(tmp_path: Path, cli) -> None:
    write(tmp_path / CONFIG_NAME, 'rules:\n  annual_report_due_by_unit:\n    市科技局: "01-15"\n')
    write(tmp_path / "kjj.yaml", "unit: 市科学技术局\nyear: 2024\nannual_report:\n  published: 2025-01-16\n")
    result = cli("check", "kjj.yaml", "--as-of", "2025-03-31", "--rule", "annual-report-deadline", "--format", "json",
                 cwd=tmp_path)
    import json

    [finding] = json.loads(result.stdout)["findings"]
    assert (finding["status"], finding["due"]) == ("fail", "2025-01-15")


def test_config_names_every_key_in_chinese(tmp_path: Path, cli) -> None:
    (tmp_path / "disclose.yaml").write_text("office: 威海市人民政府办公室\ncontact: 政务公开科 0631-5287000\n",
                                            encoding="utf-8")
    shown = cli("config", cwd=tmp_path, env={"DISCLOSE_LANG": None})
    assert shown.returncode == 0, shown.stderr
    lines = {line.split(":", 1)[0]: line for line in shown.stdout.splitlines()}
    assert re.fullmatch(r"office: 威海市人民政府办公室  （发文机关；来自 \S*disclose\.yaml:1:9）", lines["office"])
    assert re.fullmatch(r"contact: 政务公开科 0631-5287000  （联系人；来自 \S*disclose\.yaml:2:10）", lines["contact"])
    for key, line in lines.items():  # each key's label is Chinese, not the key again
        if "  （" in line:
            label = line.rsplit("  （", 1)[1].split("；")[0]
            assert label != key and not label.isascii(), line


def test_a_path_outside_names_the_configuration_file_given(tmp_path: Path, cli) -> None:
    (tmp_path / "ci").mkdir()
    (tmp_path / "ci" / "strict.yaml").write_text("registry: ../units.yaml\n", encoding="utf-8")
    (tmp_path / "units.yaml").write_text("units: []\n", encoding="utf-8")
    for lang, said in (("en", "registry file ../units.yaml is outside the folder of strict.yaml"),
                       (None, "单位名录文件../units.yaml不在strict.yaml所在文件夹内")):
        refused = cli("--config", "ci/strict.yaml", "config", cwd=tmp_path, env={"DISCLOSE_LANG": lang})
        assert refused.returncode == 2 and said in refused.stderr, refused.stderr
