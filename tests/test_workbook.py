"""``disclose workbook``: the sheets in order, the contract names, the 重点工作 rows of the unit, drop-downs whose values
sit on a hidden sheet, date cells, frozen headers, printing, protection without a password, and prefilling from
the unit's report file."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from workbook_files import EXAMPLES, make_workbook

from disclose_cli.model.workbook_layout import SHEET_ORDER


@pytest.fixture(scope="session")
def blank(tmp_path_factory) -> Path:
    return make_workbook(tmp_path_factory.mktemp("blank") / "jyj.xlsx", "市教育局")


@pytest.fixture(scope="session")
def book(blank: Path) -> openpyxl.Workbook:
    """The blank workbook as openpyxl reads it (once: reading is what takes the time)."""
    return openpyxl.load_workbook(blank)


@pytest.fixture(scope="session")
def prefilled(tmp_path_factory) -> Path:
    return make_workbook(tmp_path_factory.mktemp("prefilled") / "jyj.xlsx", "市教育局", EXAMPLES)


def test_the_sheets_come_in_the_issues_order_the_lists_hidden(book) -> None:
    workbook = book
    assert workbook.sheetnames == ["说明", "重点工作", "意见征集", "决策文件", "政策解读", "会议", "政策评价", "业务培训",
                                   "依申请公开", "行政复议诉讼", "主动公开", "年度报告", "年度报告数据", "豁免", "下拉选项"]
    assert workbook.sheetnames == list(SHEET_ORDER)
    assert [sheet.title for sheet in workbook.worksheets if sheet.sheet_state == "hidden"] == ["下拉选项"]
    assert workbook.active.title == "重点工作"


def test_the_contract_headers(book) -> None:
    workbook = book
    tasks = [cell.value for cell in workbook["重点工作"][1]]
    assert tasks == ["任务编号", "工作任务 · 公开事项 · 公开内容", "工作内容", "完成时限", "进展状态", "完成日期", "佐证材料",
                     "说明"]
    assert [cell.value for cell in workbook["意见征集"][1]] == ["标题", "开始日期", "截止日期", "缩短期限理由"]


def test_one_row_per_assigned_task_then_the_role_tasks(book, context) -> None:
    sheet = book["重点工作"]
    catalog, unit = context.catalog(2024), context.registry.get("市教育局")
    assigned = [task.id for task in catalog.tasks_of(unit.name)]
    roles = [task.id for task in catalog.tasks if task.id not in assigned and catalog.may_report(task, unit)]
    rows = [row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]
    assert [row[0] for row in rows] == assigned + roles and roles  # 市教育局 may report decision-consultation
    by_id = {row[0]: row for row in rows}
    assert by_id["training"][1] == catalog.by_id["training"].heading and by_id["training"][4] == "计划中"
    assert by_id[roles[0]][4] is None  # a role task is filled in only if the unit takes it on
    assert by_id["training"][3] == catalog.by_id["training"].deadline_text


def test_drop_downs_list_the_chinese_labels_from_the_hidden_sheet(book) -> None:
    workbook = book
    lists = workbook["下拉选项"]
    status = next(item for item in workbook["重点工作"].data_validations.dataValidation if item.type == "list")
    assert "E2" in status.sqref and status.formula1.startswith("'下拉选项'!$")
    column = status.formula1.split("!$")[1].split("$")[0]
    assert [lists[f"{column}{row}"].value for row in range(2, 6)] == ["计划中", "推进中", "已完成", "不适用"]
    formulas = {item.formula1 for sheet in workbook.worksheets for item in sheet.data_validations.dataValidation
                if item.type == "list"}
    labels = {lists.cell(row=row, column=col).value for col in range(1, lists.max_column + 1)
              for row in range(2, lists.max_row + 1)}
    assert {"视频", "科研机构", "（三）不予公开 1.属于国家秘密", "未经复议直接起诉", "结果纠正", "是"} <= labels
    assert len(formulas) >= 7  # status, form, applicant, outcome, kind, result, yes/no


def test_dates_checked_and_formatted_headers_frozen_printing_set(book) -> None:
    sheet = book["意见征集"]
    checks = [item for item in sheet.data_validations.dataValidation if item.type == "date"]
    assert {str(item.sqref).split(":")[0] for item in checks} == {"B2", "C2"}
    assert sheet["B2"].number_format == "yyyy-mm-dd"
    assert sheet.freeze_panes == "A2"
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.print_title_rows in ("1:1", "$1:$1") and sheet.page_setup.fitToWidth == 1
    assert sheet.column_dimensions["A"].width >= 40  # a Chinese title fits


def test_locked_cells_are_protected_without_a_password(book) -> None:
    sheet = book["重点工作"]
    assert sheet.protection.sheet and not sheet.protection.password
    assert sheet["A2"].protection.locked and sheet["B2"].protection.locked and sheet["A1"].protection.locked
    assert not sheet["E2"].protection.locked and not sheet["F2"].protection.locked
    assert not book["意见征集"]["A2"].protection.locked


def test_the_guide_names_the_unit_year_notice_and_whom_to_ask(tmp_path: Path) -> None:
    (tmp_path / "disclose.yaml").write_text("office: 威海市政务公开办公室\ncontact: 张三 0631-5287000\n", encoding="utf-8")
    from conftest import run_in_process

    assert run_in_process("workbook", "--unit", "市教育局", "-o", "w.xlsx", cwd=tmp_path).returncode == 0
    guide = {row[0]: row[1] for row in openpyxl.load_workbook(tmp_path / "w.xlsx")["说明"].iter_rows(values_only=True)
             if row[0]}
    assert guide["单位"] == "市教育局" and guide["年度"] == 2024
    assert guide["依据"].startswith("威政办字〔2024〕27号")
    assert guide["咨询"] == "威海市政务公开办公室，张三 0631-5287000"
    assert "主动公开" in guide["数字"] and "按0计" in guide["数字"]


def test_prefilled_from_the_report_file(prefilled: Path) -> None:
    workbook = openpyxl.load_workbook(prefilled)
    tasks = {row[0]: row for row in workbook["重点工作"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert tasks["decision-consultation"][4] == "已完成" and tasks["decision-consultation"][5].date().isoformat() == \
        "2024-08-05"
    assert tasks["training"][7].startswith("原定11月的集中培训推迟")
    consultations = list(workbook["意见征集"].iter_rows(min_row=2, max_row=3, values_only=True))
    assert consultations[0][0] == "威海市2024年义务教育学校招生入学工作实施方案（征求意见稿）"
    requests = list(workbook["依申请公开"].iter_rows(min_row=2, max_row=3, values_only=True))
    assert requests[1][8] == "科研机构" and requests[1][9].startswith("（二）部分公开")
    waivers = workbook["豁免"]
    assert waivers["A2"].value == "request-deadline" and waivers["A2"].protection.locked
    assert workbook["主动公开"]["B5"].value == 3  # 行政规范性文件 本年制发件数


def test_evidence_is_one_item_per_line(tmp_path: Path) -> None:
    report = tmp_path / "kjj.yaml"
    report.write_text("unit: 市科技局\nyear: 2024\ntasks:\n  - task: training\n    status: done\n    done_on: 2024-11-30\n"
                      "    evidence: [第一项, 第二项]\n", encoding="utf-8")
    sheet = openpyxl.load_workbook(make_workbook(tmp_path / "k.xlsx", "市科技局", report))["重点工作"]
    assert next(row for row in sheet.iter_rows(values_only=True) if row[0] == "training")[6] == "第一项\n第二项"


def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path: Path) -> None:
    report = tmp_path / "kjj.yaml"
    report.write_text("unit: 市科技局\nyear: 2024\ntrainings:\n  - {title: '=HYPERLINK(\"http://x\",\"点击\")', "
                      "date: 2024-06-20}\n  - {title: '@SUM(A1)', date: 2024-06-21}\n  - {title: '-1+2', "
                      "date: 2024-06-22}\n", encoding="utf-8")
    sheet = openpyxl.load_workbook(make_workbook(tmp_path / "k.xlsx", "市科技局", report))["业务培训"]
    for cell, text in (("A2", '=HYPERLINK("http://x","点击")'), ("A3", "@SUM(A1)"), ("A4", "-1+2")):
        assert sheet[cell].value == text and sheet[cell].data_type == "s" and sheet[cell].quotePrefix


def test_a_year_without_a_catalog_has_no_task_rows_but_every_sheet(tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(make_workbook(tmp_path / "r.xlsx", "荣成市", EXAMPLES, "--year", 2023))
    assert workbook.sheetnames == list(SHEET_ORDER)
    assert [row for row in workbook["重点工作"].iter_rows(min_row=2, values_only=True)] == []
    assert workbook["依申请公开"]["A2"].value == "荣政依申〔2023〕18号"
    assert "没有重点工作任务表" in workbook["说明"]["B4"].value


def test_refuses_a_year_with_nothing_to_report_and_a_name_not_xlsx(cli, tmp_path: Path) -> None:
    result = cli("workbook", "--unit", "市教育局", "--year", 2019, "-o", tmp_path / "w.xlsx")
    assert result.returncode == 2 and "--year: no task catalog for 2019" in result.stderr
    result = cli("workbook", "--unit", "市教育局", "-o", tmp_path / "w.yaml", env={"DISCLOSE_LANG": None})
    assert result.returncode == 2 and "应以 .xlsx 结尾" in result.stderr and not (tmp_path / "w.yaml").exists()
