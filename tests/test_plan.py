"""The 工作配档表 a unit fills (disclose plan): every task with its id, every duty check enforces with the dates of
the unit's kind, blank columns for who does what by when, the progress from its report, and a CSV that Excel
and WPS never read a formula from."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from disclose_cli.loading.context import load_context

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "weihai-2024"


@pytest.fixture(scope="module")
def catalog():
    return load_context().catalogs[2024]


def rows(markdown: str, heading: str) -> list[list[str]]:
    """The cells of the table under a ## heading containing ``heading``."""
    section = next(part for part in markdown.split("\n## ")[1:] if heading in part.splitlines()[0])
    return [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in section.splitlines() if line.startswith("|") and not line.startswith("|---")][1:]


def test_every_task_row_shows_the_id_the_report_file_writes(cli, catalog) -> None:
    result = cli("plan", "--unit", "环翠区", env={"DISCLOSE_LANG": None})
    assert result.returncode == 0, result.stderr
    tasks = rows(result.stdout, "重点工作任务")
    assert [row[1] for row in tasks] == [task.id for task in catalog.tasks_of("环翠区")]
    assert all(row[2] == task.heading for row, task in zip(tasks, catalog.tasks_of("环翠区")))
    assert result.stdout.startswith("# 威海市环翠区人民政府2024年政务公开工作配档表")


@pytest.mark.parametrize(("unit", "meetings", "evaluations", "annual_due"), [
    ("环翠区", ["2024年第一季度", "2024年第二季度", "2024年第三季度", "2024年第四季度"], "至少开展2次", "2025-03-31"),
    ("市科技局", ["2024年上半年", "2024年下半年"], "至少开展1次", "2025-01-31"),
])
def test_every_duty_check_enforces_is_listed_with_the_dates_of_the_units_kind(cli, unit, meetings, evaluations,
                                                                               annual_due) -> None:
    duties = rows(cli("plan", "--unit", unit, env={"DISCLOSE_LANG": None}).stdout, "常态化工作")
    by_duty = {}
    for row in duties:
        by_duty.setdefault(row[1], []).append(row)
    assert [row[2] for row in by_duty["公众代表列席会议"]] == meetings
    assert evaluations in by_duty["政策评价"][0][3]
    assert "不少于30日" in by_duty["意见征集期限"][0][3]
    assert "10个工作日" in by_duty["结果反馈时限"][0][3]
    assert "20个工作日" in by_duty["依申请公开答复时限"][0][3] and "7个工作日" in by_duty["依申请公开答复时限"][0][3]
    assert "不低于30%" in by_duty["多样化解读占比"][0][3]
    assert "至少组织1次" in by_duty["业务培训"][0][3]
    assert by_duty["年度报告公开时限"][0][0] == annual_due
    header = cli("plan", "--unit", unit, env={"DISCLOSE_LANG": None}).stdout.split("常态化工作", 1)[1]
    assert "| 责任科室 | 责任人 | 计划完成时间 |" in header
    assert all(row[4:7] == ["", "", ""] for row in duties)  # left blank for the unit to fill


def test_the_progress_column_comes_from_the_units_report(cli) -> None:
    result = cli("plan", EXAMPLES, "--unit", "环翠区", "--as-of", "2024-09-30", env={"DISCLOSE_LANG": None})
    assert result.returncode == 0, result.stderr
    assert "进展截至2024-09-30" in result.stdout
    duties = {(row[1], row[2]): row[-1] for row in rows(result.stdout, "常态化工作")}
    assert duties[("公众代表列席会议", "2024年第一季度")].startswith("通过")
    assert duties[("公众代表列席会议", "2024年第四季度")] == ""  # not begun at the as-of date
    assert duties[("年度报告公开时限", "2024年")].startswith("未到期")
    tasks = {row[1]: row[-1] for row in rows(result.stdout, "重点工作任务")}
    assert tasks["decision-release"].startswith("通过：完成于2024-03-29")
    without = cli("plan", "--unit", "环翠区", env={"DISCLOSE_LANG": None}).stdout
    assert "进展截至" not in without and "| 进展 |" not in without


def test_english_plan_and_html(cli, tmp_path: Path) -> None:
    english = cli("plan", "--unit", "市科技局", "--lang", "en").stdout
    assert "| Section responsible | Person responsible | Planned completion |" in english
    result = cli("plan", "--unit", "市科技局", "-o", tmp_path / "p.html", env={"DISCLOSE_LANG": None})
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert "<th>任务编号</th>" in page and "<th>责任科室</th>" in page and 'data-task="training"' in page


def test_csv_cells_that_could_be_formulas_are_text(cli, tmp_path: Path) -> None:
    catalog = (ROOT / "data" / "tasks_2024.yaml").read_text(encoding="utf-8")
    hostile = re.sub(r"content: 务实推进政务公开专区特色化建设.*", "content: '=HYPERLINK(\"http://x\",\"点击\")'", catalog, 1)
    hostile = re.sub(r"content: 深化政府文件库建设.*", "content: '+1-2'", hostile, 1)
    assert hostile != catalog
    (tmp_path / "tasks_2024.yaml").write_text(hostile, encoding="utf-8")
    (tmp_path / "disclose.yaml").write_text("catalogs:\n  2024: tasks_2024.yaml\n", encoding="utf-8")
    result = cli("plan", "--unit", "环翠区", "--format", "csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert table[0][:1] == ["Task ID"] and table[0][9:12] == ["Section responsible", "Person responsible",
                                                              "Planned completion"]
    cells = [cell for row in table for cell in row]
    assert "'=HYPERLINK(\"http://x\",\"点击\")" in cells and "'+1-2" in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]


@pytest.mark.parametrize(("suffix", "starts"), [(".csv", "\ufeff任务编号"), (".html", "<!DOCTYPE html>"), (".md", "# ")])
def test_the_suffix_of_o_picks_the_format(cli, tmp_path: Path, suffix: str, starts: str) -> None:
    target = tmp_path / f"plan{suffix}"
    assert cli("plan", "--unit", "环翠区", "-o", target, env={"DISCLOSE_LANG": None}).returncode == 0
    assert target.read_text(encoding="utf-8").startswith(starts)


def test_a_suffix_that_contradicts_format_is_a_usage_error(cli, tmp_path: Path) -> None:
    result = cli("plan", "--unit", "环翠区", "--format", "md", "-o", tmp_path / "plan.csv")
    assert result.returncode == 2 and "names a .csv file, but --format is md" in result.stderr
    assert not (tmp_path / "plan.csv").exists()


def test_a_department_that_takes_on_a_role_gets_those_tasks_in_a_section_of_their_own(cli) -> None:
    text = cli("plan", "--unit", "市教育局", env={"DISCLOSE_LANG": None}).stdout
    roles = rows(text, "承担相应角色时的任务")
    assert roles and all(len(row) == len(roles[0]) for row in roles)
    assert "承担相应角色时另有" in text.split("\n## ", 1)[0]
    assert "2024年第一季度" not in text and "2024年上半年" in text


def test_an_unknown_unit_is_a_problem_with_a_suggestion(cli) -> None:
    result = cli("plan", "--unit", "环翠县", env={"DISCLOSE_LANG": None})
    assert result.returncode == 2 and result.stdout == ""
    assert "环翠区" in result.stderr
