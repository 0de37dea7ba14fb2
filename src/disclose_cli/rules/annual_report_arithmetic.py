"""annual-report-arithmetic: the figures of the yearly report add up, cell by cell.

The national format (国办公开办函〔2021〕30号) prints one rule and implies the others (shared/ANNUAL_REPORT.md §6):
for every column of Table 三, 一 + 二 = 三（七）+ 四, and 三（七）总计 is the sum of its outcome rows; in every row,
总计 is the sum of the six applicant columns; in Table 四, 总计 = 维持 + 纠正 + 其他 + 尚未审结 in each group; and
this year's 二、上年结转 equals last year's 四、结转下年度继续办理 when last year's report is in the data.

The figures checked are those typed into ``annual_report_figures:`` where a unit keeps its logs elsewhere, else
those counted from its requests and appeals (which hold by construction, so what can fail there is a request that
cannot be placed: no ``applicant``, or answered without an ``outcome``). Where a unit has both typed figures and
classified records, the two must agree cell by cell. Each failure names the table, the row and the column; where
one wrong cell explains every failed sum, the finding names that cell. Subject: the table, row and column.

Passes::

    annual_report_figures:
      table3:
        new: [3, 1, 0, 0, 0, 0, 4]
        carried_in: [0, 0, 0, 0, 0, 0, 0]
        disclosed: [2, 1, 0, 0, 0, 0, 3]
        total: [2, 1, 0, 0, 0, 0, 3]
        carried_out: [1, 0, 0, 0, 0, 0, 1]
        # every other row of Table 三: seven zeros

Fails::

    annual_report_figures:
      table3:
        new: [3, 1, 0, 0, 0, 0, 5]      # 总计 5 is not 3 + 1
"""

from __future__ import annotations

from typing import Iterable

from ..base.phrase import Phrase, plural
from ..model.annual_format import APPEAL_COLUMNS, COLUMNS, ROW_CARRIED_OUT
from ..model.annual_tables import (APPEAL_LABEL, GIVEN_UP_OUTCOME, ROW_LABEL, Discrepancy, check_table3, check_table4,
                                   explaining_cell, figures, table3_from_requests, table4_from_appeals)
from ..model.findings import Status, Verdict
from .base import RuleContext, UnitYear, verdict

ID = "annual-report-arithmetic"
NAME = Phrase("Annual report arithmetic", "年度报告统计表勾稽关系")
SUBJECT = "cell"
IN_CATALOG = False  # the national format's arithmetic, not a row of the table
CHECKS_ANNUAL_FIGURES = True

DOC_ZH = """annual-report-arithmetic：年度报告各统计表的数据逐格勾稽相符。

依据：国办公开办函〔2021〕30号年度报告格式表三所列“第一项加第二项之和，等于第三项加第四项之和”，以及由表格结构得出的其他关系：表三每列（七）总计等于各办理结果之和，每行总计等于六类申请人之和；表四每组总计等于维持、纠正、其他、尚未审结之和；本年“二、上年结转”等于上年报告的“四、结转下年度继续办理”（上年报告在数据中时）。

计算方法：单位手工填报了表三、表四（annual_report_figures）的，检查填报数据；否则检查按申请和复议诉讼记录统计的数据（结构上必然相符，可能出错的是无法计入的申请：未填申请人类别、已办结未填办理结果、逾期未补正但办理结果不是（六）1）。既填报又有分类记录的，两者须逐格一致。每项未通过均指出表、行、列；若一个数据有误即可解释全部不平衡，则直接指出该格。对象：表、行、列。

通过示例::

    annual_report_figures:
      table3:
        new: [3, 1, 0, 0, 0, 0, 4]
        carried_in: [0, 0, 0, 0, 0, 0, 0]
        disclosed: [2, 1, 0, 0, 0, 0, 3]
        total: [2, 1, 0, 0, 0, 0, 3]
        carried_out: [1, 0, 0, 0, 0, 0, 1]
        # 表三其余各行：七个0

未通过示例::

    annual_report_figures:
      table3:
        new: [3, 1, 0, 0, 0, 0, 5]      # 总计5不等于3+1
"""


def check(subject: UnitYear, ctx: RuleContext) -> Iterable[Verdict]:
    report = subject.report
    table3, table4, typed = figures(report)
    line = report.annual_report_figures.line if typed else report.line
    previous = ctx.report_of(subject.unit.name, subject.year - 1)
    last_carried_out = figures(previous)[0][ROW_CARRIED_OUT] if previous is not None else None
    discrepancies = check_table3(table3, last_carried_out) + check_table4(table4)
    if discrepancies:
        yield from _failures(subject, discrepancies, line)
    counted, unplaced = table3_from_requests(report)
    for short, reason_en, reason_zh, requests in (
            ("未填申请人类别", "no applicant", "未填申请人类别", unplaced.no_applicant),
            ("已办结但未填办理结果", "answered without an outcome", "已办结但未填办理结果", unplaced.no_outcome),
            ("逾期未补正", f"no 补正 by the correction deadline, so given up: its outcome is {GIVEN_UP_OUTCOME}",
             f"逾期未补正视为放弃申请，办理结果应为（六）其他处理 {ROW_LABEL[GIVEN_UP_OUTCOME]}",
             unplaced.given_up_elsewhere)):
        if requests:
            refs = "、".join(request.ref for request in requests[:10]) + ("…" if len(requests) > 10 else "")
            yield verdict(subject, f"表三 {short}", Status.FAIL, Phrase(
                f"{plural(len(requests), 'request')} cannot be placed in Table 三: {reason_en} ({refs})",
                f"{len(requests)}件申请无法计入表三：{reason_zh}（{refs}）"), requests[0].line)
    typed_figures = report.annual_report_figures
    comparisons = []
    if typed_figures is not None and typed_figures.table3 and report.requests:
        comparisons.append(("表三", table3, counted, ROW_LABEL, COLUMNS, ("classified requests", "已分类的申请")))
    if typed_figures is not None and typed_figures.table4 and report.appeals:
        comparisons.append(("表四", table4, table4_from_appeals(report), APPEAL_LABEL, APPEAL_COLUMNS,
                            ("recorded appeals", "已登记的复议诉讼")))
    for table, typed_table, records_table, row_labels, columns, records in comparisons:
        for key, row in typed_table.items():
            for index, value in enumerate(row):
                if value != records_table[key][index]:
                    cell = f"{table} {row_labels[key]} / {columns[index]}"
                    yield verdict(subject, cell, Status.FAIL, Phrase(
                        f"{cell}: typed {value}, the {records[0]} give {records_table[key][index]}",
                        f"{cell}：填报{value}，按{records[1]}统计为{records_table[key][index]}"), line)
    if not discrepancies:
        source = Phrase("typed figures", "填报数据") if typed else Phrase(
            f"counted from {plural(len(report.requests), 'request')} and {plural(len(report.appeals), 'appeal')}",
            f"按{len(report.requests)}件申请、{len(report.appeals)}件复议诉讼统计")
        yield verdict(subject, "表三、表四", Status.PASS,
                      Phrase(f"every sum of Table 三 and Table 四 holds ({source.en})",
                             f"表三、表四各项勾稽关系均成立（{source.zh}）"), line)


def _failures(subject: UnitYear, discrepancies: list[Discrepancy], line: int | None) -> Iterable[Verdict]:
    cell = explaining_cell(discrepancies)
    if cell is not None:
        row, column = cell
        explained = [item for item in discrepancies if item.table == "表三"]
        checks = "；".join(item.message for item in explained)
        yield verdict(subject, f"表三 {row} / {column}", Status.FAIL, Phrase(
            f"one wrong cell explains all {len(explained)} failed sums of Table 三: row {row}, column {column} "
            f"({checks})",
            f"表三“{row}”行“{column}”列一个数据有误即可解释表三全部{len(explained)}处不平衡（{checks}）"), line)
        discrepancies = [item for item in discrepancies if item.table != "表三"]
    for item in discrepancies:
        where = " / ".join(part for part in (item.row, item.column) if part)
        yield verdict(subject, f"{item.table} {where}", Status.FAIL, Phrase(
            f"{item.table} ({'row ' + item.row if item.row else 'column ' + str(item.column)}"
            f"{', column ' + item.column if item.row and item.column else ''}): {item.message}",
            f"{item.table}“{where}”：{item.message}"), line)
