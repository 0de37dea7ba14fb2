"""The national tables of the yearly report as real Word tables, merged exactly as 国办公开办函〔2021〕30号 draws
them: Table 二 with its caption rows across all four columns, Table 三 with its header block and its group
labels on vertically merged cells, Table 四 with its two-level header. Header rows repeat on every page a table
runs onto, and no row is split across pages.

Where a table may break: Table 二 only between its four blocks (a caption stays with its rows); Table 三 only
after 二 or after one of its groups （三）–（六）; Table 四 never (four rows). A table is not kept whole when that
would leave most of a page empty."""

from __future__ import annotations

from typing import Any

from ...model.annual_format import (
    APPEAL_COLUMNS,
    APPEAL_KINDS,
    APPLICANTS,
    COLUMNS,
    ROW_CARRIED_IN,
    ROW_CARRIED_OUT,
    ROW_NEW,
    TABLE2_CAPTIONS,
    TABLE2_DECISION_HEADER,
    TABLE2_DOCUMENT_COLUMNS,
    TABLE2_FEE_HEADER,
    TABLE3_RESULTS_LABEL,
    TABLE3_RULE_TEXT,
)
from ..annual_report import AnnualReportData
from . import ooxml
from .writer import SMALL_SIZE, TABLE_SIZE, TEXT_WIDTH_MM, Writer


def amount(value: float) -> str:
    """万元, up to four decimals (one yuan), without trailing zeros."""
    shown = f"{value:.4f}".rstrip("0").rstrip(".")
    return shown or "0"


def table2(writer: Writer, data: AnnualReportData) -> None:
    t = writer.t
    proactive = data.proactive
    rows_t = t["annual_table2_rows"]
    size = TABLE_SIZE
    layout: list[tuple[str, tuple]] = [
        ("caption", (TABLE2_CAPTIONS["documents"],)),
        ("header", TABLE2_DOCUMENT_COLUMNS),
        *(("row", (label, issued, repealed, in_force))
          for label, issued, repealed, in_force in data.table2_documents),
        ("caption", (TABLE2_CAPTIONS["licensing"],)),
        ("header", TABLE2_DECISION_HEADER),
        ("row", (rows_t["licensing"], proactive.licensing_decisions)),
        ("caption", (TABLE2_CAPTIONS["enforcement"],)),
        ("header", TABLE2_DECISION_HEADER),
        ("row", (rows_t["penalty"], proactive.penalty_decisions)),
        ("row", (rows_t["enforcement"], proactive.enforcement_decisions)),
        ("caption", (TABLE2_CAPTIONS["fees"],)),
        ("header", TABLE2_FEE_HEADER),
        ("row", (rows_t["fees"], amount(proactive.fees_wan_yuan))),
    ]
    table, grid = writer.table(len(layout), [48, 36, 36, 36], size)
    table_rows = ooxml.rows_of(table)
    for index, (kind, values) in enumerate(layout):
        row = grid[index]
        ooxml.cant_split(table_rows[index])
        if len(values) == 1:
            writer.fill(row[0].merge(row[3]), values[0], size, bold=True, shade="F2F2F2")
            continue
        cells = [row[0], row[1].merge(row[3])] if len(values) == 2 else row
        for cell, value in zip(cells, values):
            writer.fill(cell, value, size, bold=kind == "header")
    # A block (a caption, its own column header and its rows) stays together: it reads whole on any page, so the
    # table may break between blocks.
    ends = {index - 1 for index, (kind, _) in enumerate(layout) if kind == "caption"} | {len(layout) - 1}
    writer.keep_rows([row for index, row in enumerate(table_rows) if index not in ends])
    writer.after_table(table, first=0, last=0)


def table3(writer: Writer, data: AnnualReportData) -> None:
    t = writer.t
    size = SMALL_SIZE
    rows = data.table3
    header_rows = 3
    widths = [9, 19, 47.5] + [11.5] * len(COLUMNS)
    table, grid = writer.table(header_rows + len(rows), widths, size)
    table_rows = ooxml.rows_of(table)
    first = len(widths) - len(COLUMNS)  # the first data column

    def cell(row: int, column: int) -> Any:
        return grid[row][column]
    # Header: the printed rule (3 × 3), 申请人情况 over all seven, 自然人 and 总计 down two rows, 法人或其他组织
    # over its five kinds.
    writer.fill(cell(0, 0).merge(cell(2, first - 1)), TABLE3_RULE_TEXT, size)
    writer.fill(cell(0, first).merge(cell(0, first + len(COLUMNS) - 1)), t["annual_table3_applicants"], size,
               bold=True)
    writer.fill(cell(1, first).merge(cell(2, first)), APPLICANTS[0][1], size, bold=True)
    kinds = [label for _, label in APPLICANTS[1:]]
    writer.fill(cell(1, first + 1).merge(cell(1, first + len(kinds))), t["annual_table3_legal_persons"], size,
               bold=True)
    for offset, label in enumerate(kinds, 1):
        writer.fill(cell(2, first + offset), label, size, bold=True)
    total_column = first + len(COLUMNS) - 1
    writer.fill(cell(1, total_column).merge(cell(2, total_column)), COLUMNS[-1], size, bold=True)
    for index in range(header_rows):
        ooxml.repeat_header(table_rows[index])

    # Rows: 一, 二 and 四 across the three label columns; 三、本年度办理结果 down the first column beside its 22
    # rows; （一）（二）（七） across the second and third; each group's label down the second column.
    result_rows = [index for index, row in enumerate(rows)
                   if row.key not in (ROW_NEW, ROW_CARRIED_IN, ROW_CARRIED_OUT)]
    top, bottom = header_rows + result_rows[0], header_rows + result_rows[-1]
    writer.fill(cell(top, 0).merge(cell(bottom, 0)), TABLE3_RESULTS_LABEL, size)
    groups: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        at = header_rows + index
        ooxml.cant_split(table_rows[at])
        if row.key in (ROW_NEW, ROW_CARRIED_IN, ROW_CARRIED_OUT):
            writer.fill(cell(at, 0).merge(cell(at, first - 1)), row.label, size, align="left")
        elif row.group is None:
            writer.fill(cell(at, 1).merge(cell(at, first - 1)), row.label, size, align="left")
        else:
            groups.setdefault(row.group, []).append(at)
            writer.fill(cell(at, first - 1), row.label, size, align="left")
        for offset, value in enumerate(row.values):
            writer.fill(cell(at, first + offset), value, size)
    for group, at in groups.items():
        writer.fill(cell(at[0], 1).merge(cell(at[-1], 1)), group, size)
    # The table may break (its header repeated) after 二, or after one of the groups （三）to（六）. Never inside a
    # group, whose label would be cut; never within 三's first ten rows, beside which its label (down the first
    # column, all 22 rows long) is set whole; never before the last two rows.
    breaks = {top - 1} | {at[-1] for at in groups.values()}
    writer.keep_rows([row for index, row in enumerate(table_rows[:-1]) if index not in breaks])
    writer.after_table(table, first=0, last=0)


def table4(writer: Writer, data: AnnualReportData) -> None:
    t = writer.t
    size = SMALL_SIZE
    per_group = len(APPEAL_COLUMNS)
    width = TEXT_WIDTH_MM / (per_group * len(APPEAL_KINDS))
    table, grid = writer.table(4, [width] * per_group * len(APPEAL_KINDS), size)
    table_rows = ooxml.rows_of(table)

    def cell(row: int, column: int) -> Any:
        return grid[row][column]
    review, *lawsuits = APPEAL_KINDS
    writer.fill(cell(0, 0).merge(cell(0, per_group - 1)), review[1], size, bold=True)
    writer.fill(cell(0, per_group).merge(cell(0, per_group * len(APPEAL_KINDS) - 1)),
               t["annual_table4_lawsuit"], size, bold=True)
    for offset, label in enumerate(APPEAL_COLUMNS):
        writer.fill(cell(1, offset).merge(cell(2, offset)), label, size, bold=True)
    for number, (_, label) in enumerate(lawsuits, 1):
        start = number * per_group
        writer.fill(cell(1, start).merge(cell(1, start + per_group - 1)), label, size, bold=True)
        for offset, column in enumerate(APPEAL_COLUMNS):
            writer.fill(cell(2, start + offset), column, size, bold=True)
    for index in range(3):
        ooxml.repeat_header(table_rows[index])
        ooxml.cant_split(table_rows[index])
    for number, (_, _, values) in enumerate(data.table4):
        for offset, value in enumerate(values):
            writer.fill(cell(3, number * per_group + offset), value, size)
    ooxml.cant_split(table_rows[3])
    writer.after_table(table)
