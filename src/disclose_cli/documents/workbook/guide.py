"""The 说明 sheet: whose workbook it is (the unit and year, which the import checks), the notice it comes from, whom
to ask, and how to fill each sheet in. The workbook is a document for the unit's clerk: always in Chinese."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from ...base.safetext import display_width
from ...model.catalog import Catalog
from ...model.workbook_layout import (ANNUAL_TEXT, DATE_FORMS, FIGURES, PROACTIVE, RECORD_SHEETS, TASKS_SHEET,
                                      UNIT_LABEL, WAIVERS, YEAR_LABEL)
from . import styles
from .styles import put

_RECORDS = "、".join(sheet.name for sheet in RECORD_SHEETS)

HOW_TO = (
    ("填写范围", "本表由政务公开办公室生成，用于填报本单位本年度政务公开工作进展。请勿修改表名和表头；灰色单元格为任务表内容或"
             "表头，已锁定（工作表保护未设密码，如需调整请联系政务公开办公室）。"),
    (TASKS_SHEET, "每行一项重点工作。请填写“进展状态”（下拉选择：计划中、推进中、已完成、不适用）、“完成日期”、“佐证材料”"
                  "（网址或文件编号，每项占一行，单元格内换行：Alt+Enter）和“说明”。已完成的须填完成日期；不适用的须在说明"
                  "中写明理由。角色任务（如重大行政决策承办部门的任务）本单位承担时才填写，不承担的整行留空。"),
    ("记录表", f"{_RECORDS}：每行一条记录，从第2行起逐行填写，不要空行，也不要合并单元格。下拉列表中的选项可直接选择；"
             "标题按公开时的写法填写。"),
    ("日期", f"日期可填日期格式的单元格，也可填文字：{DATE_FORMS}。次年的日期只用于后续日期（如截止日期、答复日期）。"),
    ("数字", f"数字可填数字或文字形式的数字。“{PROACTIVE.name}”表中未填的数字按0计；该表全部留空表示不填报表二。"),
    (ANNUAL_TEXT.name, "本单位政府信息公开工作年度报告的文字部分和发布日期；未撰写的可留空。"),
    (FIGURES.name, "仅不在本系统逐件登记依申请公开、行政复议诉讼的单位填写：表三每行7个数（六类申请人和总计），"
                   "表四每类5个数。某行全部留空表示不填报该行，一行中只填了部分的，其余按0计。"),
    (WAIVERS.name, "豁免由政务公开办公室批准，本表仅供查看；导入时不读取本表，新增的行将被忽略。"),
    ("交回", "填好后保存为 .xlsx 文件交回政务公开办公室，由其导入：disclose import 本文件.xlsx -o 报告文件.yaml。"),
)


def write_guide(sheet: Worksheet, unit: str, year: int, catalog: Catalog | None, office: str,
                contact: str | None) -> None:
    title = sheet.cell(row=1, column=1, value=f"{year}年政务公开工作进展填报表")
    title.font = styles.TITLE_FONT
    sheet.merge_cells("A1:B1")
    sheet.row_dimensions[1].height = 28
    notice = (f"{catalog.notice.number}《{catalog.notice.title}》" if catalog is not None
              else f"{year}年没有重点工作任务表（本表不含重点工作，其余各表照常填写）")
    facts = [(UNIT_LABEL, unit), (YEAR_LABEL, year), ("依据", notice), ("咨询", office + (f"，{contact}" if contact else ""))]
    row = 2
    for label, value in facts:
        put(sheet, row, 1, label, locked=True, font="header")
        put(sheet, row, 2, value, locked=True, wrap=True)
        row += 1
    row += 1
    put(sheet, row, 1, "填写说明", locked=True, font="header")
    row += 1
    for label, text in HOW_TO:
        put(sheet, row, 1, label, locked=True, font="header")
        put(sheet, row, 2, text, locked=True, wrap=True)
        sheet.row_dimensions[row].height = 15 * max(2, display_width(text) // 96 + 1) + 4
        row += 1
    styles.widths(sheet, [14, 100])
    styles.print_setup(sheet, None)
    styles.protect(sheet)
