"""``disclose import``: a workbook filled by a script (by the contract's sheet and column names) becomes a report file
that validates and that ``check`` judges; problems name their cell, all in one run; dates in the forms people type;
--force, --dry-run, waivers kept; and, for every example, report → workbook → import gives the same data and the
same findings."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from workbook_files import EXAMPLES, column_of, fill, make_workbook, row_of

from disclose_cli.loading.dataset import load


@pytest.fixture(scope="session")
def jyj(tmp_path_factory) -> Path:
    """市教育局's blank workbook, as `disclose workbook --unit 市教育局 -o jyj.xlsx` writes it."""
    return make_workbook(tmp_path_factory.mktemp("jyj") / "jyj.xlsx", "市教育局")


def _filled(jyj: Path, tmp_path: Path, cells: dict) -> Path:
    return fill(jyj, tmp_path / "jyj.xlsx", cells)


def test_a_workbook_filled_by_a_script_imports_validates_and_is_judged(cli, jyj: Path, tmp_path: Path) -> None:
    training = row_of(jyj, "重点工作", "training")
    status, done = column_of(jyj, "重点工作", "进展状态"), column_of(jyj, "重点工作", "完成日期")
    title, opened, closed = (column_of(jyj, "意见征集", header) for header in ("标题", "开始日期", "截止日期"))
    workbook = _filled(jyj, tmp_path, {
        ("重点工作", f"{status}{training}"): "已完成", ("重点工作", f"{done}{training}"): dt.date(2024, 6, 20),
        ("业务培训", "A2"): "政务公开业务培训", ("业务培训", "B2"): dt.date(2024, 6, 20),
        ("意见征集", f"{title}2"): "威海市教育事业发展规划（征求意见稿）", ("意见征集", f"{opened}2"): dt.date(2024, 3, 1),
        ("意见征集", f"{closed}2"): "2024-03-31"})
    result = cli("import", workbook, "-o", tmp_path / "jyj.yaml")
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "jyj.yaml").read_text(encoding="utf-8")
    assert text.index("tasks:") < text.index("consultations:") < text.index("trainings:") < text.index("waivers")
    assert "# 意见征集：" in text and "status: planned" in text
    assert cli("validate", tmp_path / "jyj.yaml").returncode == 0
    checked = cli("check", tmp_path / "jyj.yaml", "--as-of", "2024-12-31", "--format", "json")
    findings = json.loads(checked.stdout)["findings"]
    judged = {(finding["subject"], finding["status"]) for finding in findings}
    assert ("training", "pass") in judged
    assert ("威海市教育事业发展规划（征求意见稿）", "pass") in judged  # 30 days: the consultation is judged


def test_a_bad_date_names_its_cell_and_nothing_is_written(cli, jyj: Path, tmp_path: Path) -> None:
    workbook = _filled(jyj, tmp_path, {("重点工作", "E12"): "已完成", ("重点工作", "F12"): "6月20日",
                                       ("意见征集", "A2"): "草案", ("意见征集", "B2"): "2024-02-30",
                                       ("会议", "A2"): "座谈会", ("会议", "B2"): "2024/5/6", ("会议", "C2"): "三"})
    result = cli("import", workbook, "-o", tmp_path / "jyj.yaml")
    assert result.returncode == 2 and not (tmp_path / "jyj.yaml").exists()
    lines = result.stderr.splitlines()
    assert lines[0].startswith("jyj.xlsx:重点工作!F12: 完成日期: expected a date") or \
        f"{workbook}:重点工作!F12: 完成日期: expected a date" in lines[0]
    assert "2024年3月1日" in lines[0]
    assert any("意见征集!B2" in line and "not a date on the calendar" in line for line in lines)
    assert any("意见征集!C2" in line and "missing required key" in line for line in lines)  # every problem, one run
    assert any("会议!C2" in line and "whole number" in line for line in lines)
    chinese = cli("import", workbook, env={"DISCLOSE_LANG": None})
    assert "重点工作!F12: 完成日期应为日期" in chinese.stderr


def test_dates_as_people_type_them_numbers_as_text_and_empty_counts(cli, jyj: Path, tmp_path: Path) -> None:
    workbook = _filled(jyj, tmp_path, {
        ("会议", "A2"): "座谈会", ("会议", "B2"): "2024/3/1", ("会议", "C2"): "2", ("会议", "D2"): "2024年3月8日",
        ("政策评价", "A2"): "评价", ("政策评价", "B2"): "2024.10.5",
        ("依申请公开", "A2"): 123, ("依申请公开", "B2"): "2024-05-06", ("依申请公开", "I2"): "商业企业",
        ("依申请公开", "J2"): "disclosed", ("依申请公开", "F2"): dt.datetime(2024, 5, 20), ("依申请公开", "G2"): "否",
        ("主动公开", "B5"): "3", ("主动公开", "B8"): 120})
    result = cli("import", workbook)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "date: 2024-03-01" in text and "opinions_published: 2024-03-08" in text and "public_attendees: 2" in text
    assert "completed: 2024-10-05" in text
    assert 'ref: "123"' in text and "applicant: business" in text and "outcome: disclosed" in text
    assert "licensing_decisions: 120" in text and "penalty_decisions: 0" in text
    assert "normative_documents:\n    issued: 3\n    repealed: 0" in text


def test_writing_over_a_report_needs_force_and_keeps_its_waivers(cli, tmp_path: Path) -> None:
    report = tmp_path / "jyj.yaml"
    shutil.copy(EXAMPLES / "shi-jiaoyuju.yaml", report)
    workbook = make_workbook(tmp_path / "w.xlsx", "市教育局", report)
    changed = fill(workbook, tmp_path / "changed.xlsx", {
        ("豁免", "A3"): "training-frequency", ("豁免", "C3"): "我们自己豁免", ("豁免", "D3"): "本单位",
        ("业务培训", "A2"): "政务公开业务培训", ("业务培训", "B2"): dt.date(2024, 12, 20), ("意见征集", "A3"): None,
        ("意见征集", "B3"): None, ("意见征集", "C3"): None, ("决策文件", "C2"): dt.date(2024, 6, 4)})
    before = report.read_text(encoding="utf-8")
    refused = cli("import", changed, "-o", report)
    assert refused.returncode == 2 and "--force" in refused.stderr and report.read_text(encoding="utf-8") == before
    dry = cli("import", changed, "-o", report, "--dry-run")
    assert dry.returncode == 0 and report.read_text(encoding="utf-8") == before
    assert "Trainings (trainings): 1 added, 0 changed, 0 removed" in dry.stdout.replace("业务培训", "Trainings")
    assert "  + 政务公开业务培训 2024-12-20" in dry.stdout
    assert "  - 威海市中小学校幼儿园布局专项规划（2024—2035年）（征求意见稿） 2024-07-01" in dry.stdout
    assert "  ~ 威海市2024年义务教育学校招生入学工作实施方案 2024-05-24" in dry.stdout
    assert "豁免!A3: waivers are approved by the office" in dry.stderr
    written = cli("import", changed, "-o", report, "--force")
    assert written.returncode == 0, written.stderr
    [source] = load([report], _context()).sources
    assert [waiver.rule for waiver in source.report.waivers] == ["request-deadline"]  # the file's own, not the row
    assert len(source.report.trainings) == 1 and len(source.report.consultations) == 1


def test_another_units_or_years_workbook_is_refused_unless_said(cli, tmp_path: Path) -> None:
    report = tmp_path / "kjj.yaml"
    shutil.copy(EXAMPLES / "shi-kejiju.yaml", report)
    other = make_workbook(tmp_path / "jyj.xlsx", "市教育局", EXAMPLES)
    refused = cli("import", other, "-o", report, "--force")
    assert refused.returncode == 2 and "说明!B2: the workbook is 市教育局's" in refused.stderr
    assert cli("import", other, "-o", report, "--force", "--unit", "市科技局").returncode == 2  # 市教育局's tasks
    relabelled = fill(other, tmp_path / "y.xlsx", {("说明", "B3"): 2023})
    said = cli("import", relabelled, "--year", "2024")
    assert said.returncode == 0 and "year: 2024" in said.stdout


def _context():
    from disclose_cli.loading.context import load_context

    return load_context()


EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.fixture(scope="session")
def round_trips(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """Each example copied, its workbook made from the copy, and imported with --force over it."""
    from conftest import run_in_process

    folder = tmp_path_factory.mktemp("lossless")
    done = {}
    for example in EXAMPLE_FILES:
        copy = folder / example.name
        shutil.copy(example, copy)
        [source] = load([copy], _context()).sources
        workbook = make_workbook(copy.with_suffix(".xlsx"), source.report.unit, copy, "--year", source.report.year)
        result = run_in_process("import", workbook, "-o", copy, "--force")
        assert result.returncode == 0, result.stderr
        done[example.name] = (example, copy)
    return done


@pytest.mark.xdist_group("lossless")  # the round trips are made once, on one worker
@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda path: path.stem)
def test_report_to_workbook_to_import_is_lossless(round_trips, example: Path) -> None:
    original, copy = round_trips[example.name]
    [before], [after] = load([original], _context()).sources, load([copy], _context()).sources
    assert after.report.model_dump() == before.report.model_dump()


@pytest.mark.xdist_group("lossless")
def test_check_finds_the_same_after_the_round_trip(cli, round_trips) -> None:
    folder = next(iter(round_trips.values()))[1].parent

    def findings(path: Path) -> list:
        result = cli("check", path, "--as-of", "2025-03-31", "--format", "json")
        return sorted((item["rule"], item["unit"], item["status"], item["subject"], item["message"])
                      for item in json.loads(result.stdout)["findings"])

    assert findings(folder) == findings(EXAMPLES) and findings(EXAMPLES)
