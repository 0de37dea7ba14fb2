"""The figures of a unit's yearly 政府信息公开工作年度报告, from its records or as typed, and their arithmetic.

Table 三 from the requests: one applicant column and one outcome row per request, a request unanswered at the
year's end in 四、结转下年度继续办理 whatever its later answer, and a carried-over request in 二、上年结转. Table 四
from the appeals, Table 二 from ``proactive``. The checks are those of shared/ANNUAL_REPORT.md §6 A–E.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .annual_format import (APPEAL_COLUMNS, APPEAL_KINDS, APPEAL_RESULTS, APPLICANTS, COLUMNS, OUTCOME_CODES,
                            ROW_CARRIED_IN, ROW_CARRIED_OUT, ROW_NEW, ROW_TOTAL, TABLE3_ROWS)
from .report_file import Report, Request

Table = dict[str, list[int]]  # row key → one figure per column (the last one the 总计 column)

ROW_LABEL = dict(TABLE3_ROWS)
APPEAL_LABEL = dict(APPEAL_KINDS)
APPLICANT_INDEX = {code: index for index, (code, _) in enumerate(APPLICANTS)}


@dataclass
class Unplaced:
    """Requests that cannot be put in a cell of Table 三, and why."""

    no_applicant: list[Request] = field(default_factory=list)
    no_outcome: list[Request] = field(default_factory=list)
    # Given up for want of a 补正 (第三十条), but not recorded under （六）1: the one row such a request belongs in.
    given_up_elsewhere: list[Request] = field(default_factory=list)


GIVEN_UP_OUTCOME = "other.no_correction"  # （六）其他处理 1.申请人无正当理由逾期不补正…


def _empty_table3() -> Table:
    return {key: [0] * len(COLUMNS) for key, _ in TABLE3_ROWS}


def table3_from_requests(report: Report) -> tuple[Table, Unplaced]:
    """Table 三 counted from the year's requests; the 总计 column and （七）总计 row follow by construction."""
    table = _empty_table3()
    unplaced = Unplaced()
    for request in report.requests:
        if request.applicant is None:
            unplaced.no_applicant.append(request)
            continue
        open_at_year_end = request.open_at_end_of(report.year)
        if not open_at_year_end and request.given_up_on is not None and request.outcome != GIVEN_UP_OUTCOME:
            unplaced.given_up_elsewhere.append(request)
            continue
        if not open_at_year_end and request.outcome is None:
            unplaced.no_outcome.append(request)  # left out whole, so that the sums still say what they count
            continue
        column = APPLICANT_INDEX[request.applicant]
        table[ROW_CARRIED_IN if request.carried_over else ROW_NEW][column] += 1
        table[ROW_CARRIED_OUT if open_at_year_end else request.outcome][column] += 1
    for key in OUTCOME_CODES:
        for column in range(len(APPLICANTS)):
            table[ROW_TOTAL][column] += table[key][column]
    for row in table.values():
        row[-1] = sum(row[:-1])
    return table, unplaced


def table4_from_appeals(report: Report) -> Table:
    table = {kind: [0] * len(APPEAL_COLUMNS) for kind, _ in APPEAL_KINDS}
    results = [code for code, _ in APPEAL_RESULTS]
    for appeal in report.appeals:
        table[appeal.kind][results.index(appeal.result)] += 1
    for row in table.values():
        row[-1] = sum(row[:-1])
    return table


def figures(report: Report) -> tuple[Table, Table, bool]:
    """Table 三 and Table 四 as the yearly report shows them (each typed where it was typed, else counted from
    the records), and whether either was typed. A row left out of a typed table is a row of zeros."""
    typed = report.annual_report_figures
    table3 = table3_from_requests(report)[0]
    table4 = table4_from_appeals(report)
    if typed is not None and typed.table3:
        table3 = {key: list(typed.table3.get(key, [0] * len(COLUMNS))) for key, _ in TABLE3_ROWS}
    if typed is not None and typed.table4:
        table4 = {kind: list(typed.table4.get(kind, [0] * len(APPEAL_COLUMNS))) for kind in APPEAL_LABEL}
    return table3, table4, typed is not None and bool(typed.table3 or typed.table4)


@dataclass(frozen=True)
class Discrepancy:
    """One arithmetic rule that does not hold: where, what, and by how much."""

    table: str  # 表三 or 表四
    check: str  # which identity (A, B, C, D, E of the format's rules)
    row: str | None  # a row label, for a check along a row
    column: str | None  # a column label, for a check down a column
    expected: int
    found: int
    message: str


def check_table3(table: Table, last_year_carried_out: list[int] | None = None) -> list[Discrepancy]:
    """Rules A (一 + 二 = 三(七) + 四), B ((七) = its outcome rows) per column, C (总计 = six columns) per row,
    E (this year's 二 = last year's 四) per column."""
    found: list[Discrepancy] = []
    for key, label in TABLE3_ROWS:
        row = table[key]
        if sum(row[:-1]) != row[-1]:
            found.append(Discrepancy("表三", "C", label, "总计", sum(row[:-1]), row[-1],
                                     f"总计 {row[-1]} ≠ 六类申请人之和 {sum(row[:-1])}"))
    for index, column in enumerate(COLUMNS):
        left = table[ROW_NEW][index] + table[ROW_CARRIED_IN][index]
        right = table[ROW_TOTAL][index] + table[ROW_CARRIED_OUT][index]
        if left != right:
            found.append(Discrepancy("表三", "A", None, column, left, right,
                                     f"一+二 = {left}，三（七）+四 = {right}"))
        outcomes = sum(table[key][index] for key in OUTCOME_CODES)
        if outcomes != table[ROW_TOTAL][index]:
            found.append(Discrepancy("表三", "B", ROW_LABEL[ROW_TOTAL], column, outcomes, table[ROW_TOTAL][index],
                                     f"（七）总计 {table[ROW_TOTAL][index]} ≠ 各办理结果之和 {outcomes}"))
        if last_year_carried_out is not None and last_year_carried_out[index] != table[ROW_CARRIED_IN][index]:
            found.append(Discrepancy("表三", "E", ROW_LABEL[ROW_CARRIED_IN], column, last_year_carried_out[index],
                                     table[ROW_CARRIED_IN][index],
                                     f"二、上年结转 {table[ROW_CARRIED_IN][index]} ≠ 上年报告的四、结转下年度继续办理 "
                                     f"{last_year_carried_out[index]}"))
    return found


def check_table4(table: Table) -> list[Discrepancy]:
    """Rule D: 总计 = 维持 + 纠正 + 其他 + 尚未审结 in each group."""
    found = []
    for kind, label in APPEAL_KINDS:
        row = table[kind]
        if sum(row[:-1]) != row[-1]:
            found.append(Discrepancy("表四", "D", label, "总计", sum(row[:-1]), row[-1],
                                     f"总计 {row[-1]} ≠ 维持+纠正+其他+尚未审结 {sum(row[:-1])}"))
    return found


def explaining_cell(discrepancies: list[Discrepancy]) -> tuple[str, str] | None:
    """The one cell that explains every Table 三 discrepancy, where there is one: a row check and a column check
    that cross at a single cell and miss by the same amount."""
    along_rows = [d for d in discrepancies if d.table == "表三" and d.check == "C"]
    down_columns = [d for d in discrepancies if d.table == "表三" and d.check in ("A", "B")]
    others = [d for d in discrepancies if d.table == "表三" and d.check not in ("A", "B", "C")]
    if len(along_rows) != 1 or not down_columns or others:
        return None
    row = along_rows[0]
    row_gap = row.found - row.expected  # 总计 minus the six columns: the cell is off by minus this
    columns = {d.column for d in down_columns}
    if len(columns) != 1:
        return None
    column = columns.pop()
    label = row.row
    # The wrong cell lies in that row and column, and every column identity misses by the cell's error.
    if all(abs(d.found - d.expected) == abs(row_gap) for d in down_columns):
        return label, column
    return None
