"""Reading a filled workbook's sheets into the data of a report file, remembering the cell every value came from.

Formulas are never evaluated: a formula's cached value is used, and a formula without one is named as a problem.
Cells are found by the layout (``model.workbook_layout``): record sheets by their header, form sheets by the labels
of their rows, the unit and year by their labels on the 说明 sheet."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from openpyxl.utils import get_column_letter

from ...base.limits import MAX_WORKBOOK_ROWS
from ...base.locations import Location, Problem
from ...base.phrase import Phrase
from ...base.safetext import excerpt
from ...model.workbook_layout import (FORM_SHEETS, GUIDE_SHEET, HEADER_ROW, RECORD_SHEETS, TASKS, TASK_ID_COLUMN,
                                      UNIT_LABEL, WAIVERS, YEAR_LABEL, Column, FormSheet, RecordSheet)
from .cells import CellFault, CellLocation, convert, empty
from .opening import Opened

Loc = tuple  # a pydantic-style path into the report's data: ("tasks", 3, "done_on")


@dataclass
class Read:
    """What the sheets hold: the report's data, the cell of every value, the problems met, and notes (what was
    read but not taken, such as waiver rows)."""

    path: Path
    data: dict = field(default_factory=dict)
    cells: dict[Loc, CellLocation] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    waiver_rows: list[tuple[CellLocation, dict]] = field(default_factory=list)

    def cell(self, sheet: str, row: int, column: int) -> CellLocation:
        return CellLocation(self.path, sheet, row, column)

    def fault(self, where: CellLocation, phrase: Phrase) -> None:
        self.problems.append(Problem.of(where, phrase))

    def locate(self, loc: Loc, at_key: bool = False) -> Location:
        """The cell a value came from; for a path with no cell of its own (a record as a whole, a value left
        empty) the nearest one: its row's first empty required cell, else its row, else its sheet."""
        for end in range(len(loc), -1, -1):
            found = self.cells.get(tuple(loc[:end]))
            if found is not None:
                return found
        return Location(self.path)


class _Sheet:
    """A worksheet's rows as (row number, [(value, cell location)]), a formula's cached value in its place."""

    def __init__(self, read: Read, opened: Opened, name: str) -> None:
        self.read, self.opened, self.name = read, opened, name
        self.sheet = opened.workbook[name]
        self._values = None

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        import defusedxml

        try:
            yield from self._rows()
        except defusedxml.DefusedXmlException:
            self.read.fault(self.read.cell(self.name, 1, 1), Phrase(
                "the sheet holds XML with entity declarations, which are not read (a billion-laughs attack?)",
                "本表含有带实体声明的 XML，不予读取（可能是“十亿笑声”攻击）"))
        except Exception as error:  # a damaged sheet: openpyxl raises many kinds; each means the same to a clerk
            self.read.fault(self.read.cell(self.name, 1, 1), Phrase(
                f"the sheet is damaged and cannot be read ({type(error).__name__}); open the workbook in Excel or WPS "
                "and save it again", f"本表已损坏，无法读取（{type(error).__name__}）；请用 Excel 或 WPS 打开后重新保存"))

    def _rows(self) -> Iterator[tuple[int, list[Any]]]:
        counted = 0
        for number, cells in enumerate(self.sheet.iter_rows(), start=1):
            values = [self._value(cell, number, column) for column, cell in enumerate(cells, start=1)]
            if all(empty(value) for value in values):
                continue
            counted += 1
            if counted > MAX_WORKBOOK_ROWS:
                self.read.fault(self.read.cell(self.name, number, 1), Phrase(
                    f"the sheet has more than {MAX_WORKBOOK_ROWS:,} non-empty rows, the limit; the rest is not read",
                    f"本表非空行超过{MAX_WORKBOOK_ROWS}行的上限，其余各行不予读取"))
                return
            yield number, values

    def _value(self, cell: Any, row: int, column: int) -> Any:
        kind = getattr(cell, "data_type", None)
        if kind == "f":
            return self._cached(row, column)
        if kind == "e":
            self.read.fault(self.read.cell(self.name, row, column), Phrase(
                f"the cell holds the error value {excerpt(cell.value)}", f"单元格为错误值 {excerpt(cell.value)}"))
            return None
        return cell.value

    def _cached(self, row: int, column: int) -> Any:
        """A formula's value as the spreadsheet last computed it; none (a file written by a script) is named."""
        if self._values is None:
            self._values = self.opened.cached_values(self.read.path)[self.name]
        value = self._values.cell(row=row, column=column).value
        if value is None:
            self.read.fault(self.read.cell(self.name, row, column), Phrase(
                "the cell holds a formula with no computed value (formulas are not evaluated): open the workbook in "
                "Excel or WPS and save it, or type the value",
                "单元格为公式，且没有计算结果（不计算公式）：请用 Excel 或 WPS 打开后保存，或直接填写数值"))
        return value


def _header_map(read: Read, layout: RecordSheet, header: list[Any]) -> dict[int, Column]:
    """Columns by position, found by header (the Chinese title, its English title, or the report-file key)."""
    names = {}
    for column in layout.columns:
        for name in (column.header, column.header_en, column.key):
            names[name.strip().lower()] = column
    found: dict[int, Column] = {}
    for index, title in enumerate(header):
        if empty(title):
            continue
        column = names.get(str(title).strip().lower())
        if column is None:
            continue
        if column in found.values():
            read.fault(read.cell(layout.name, HEADER_ROW, index + 1), Phrase(
                f"a second column headed {excerpt(title)}; keep one", f"表头“{excerpt(title)}”重复；请只保留一列"))
            continue
        found[index] = column
    for column in layout.columns:
        if column not in found.values() and not column.info and (layout.required(column) or column is TASK_ID_COLUMN):
            read.fault(read.cell(layout.name, HEADER_ROW, 1), Phrase(
                f"the column {column.header} ({column.key}) is missing; the header row is {HEADER_ROW}",
                f"缺少“{column.header}”列（第{HEADER_ROW}行为表头）"))
    return found


def read_records(read: Read, opened: Opened, layout: RecordSheet) -> list[dict]:
    """One record per non-empty row under the header; cells in merged ranges and unknown columns are named."""
    sheet = _Sheet(read, opened, layout.name)
    merged = [area for area in opened.merged.get(layout.name, []) if area[2] > HEADER_ROW]
    for row1, col1, row2, col2 in merged:
        area = f"{get_column_letter(col1)}{row1}:{get_column_letter(col2)}{row2}"
        read.fault(read.cell(layout.name, row1, col1), Phrase(
            f"merged cells {area}: unmerge them and fill each row's cell", f"单元格{area}已合并：请取消合并，每行分别填写"))
    records: list[dict] = []
    columns: dict[int, Column] | None = None
    header: list[Any] = []
    section = layout.section
    for number, values in sheet.rows():
        if number <= HEADER_ROW:
            if number == HEADER_ROW:
                header, columns = values, _header_map(read, layout, values)
            continue
        if columns is None:
            columns, header = _header_map(read, layout, []), []
        record: dict[str, Any] = {}
        place = len(records)
        at: Loc = (section, place)
        first_empty = None
        for index, value in enumerate(values):
            column = columns.get(index)
            where = read.cell(layout.name, number, index + 1)
            if column is None:
                if not empty(value):
                    title = excerpt(header[index]) if index < len(header) and not empty(header[index]) else ""
                    read.fault(where, Phrase(
                        f"a value in a column the sheet does not have ({title or 'no header'}); it would be lost: "
                        "move it into a column of the sheet or clear it",
                        f"该列（{title or '无表头'}）不是本表的列，其中的内容不会导入：请移入本表的列或清除"))
                continue
            if column.info:
                continue
            read.cells[at + (column.key,)] = where
            if empty(value):
                if first_empty is None and layout.required(column):
                    first_empty = where
                continue
            try:
                record[column.key] = convert(value, column.kind, column.header)
            except CellFault as fault:
                read.fault(where, fault.phrase)
                record[column.key] = value if isinstance(value, str) else str(value)  # told once, by the cell
            if column.kind == "list":
                for position in range(len(record[column.key])):
                    read.cells[at + (column.key, position)] = where
        if layout is TASKS and set(record) <= {"task"}:
            continue  # a task not reported on: its row is left empty
        if number in opened.hidden_rows.get(layout.name, ()):
            read.notes.append(Problem.of(read.cell(layout.name, number, 1), Phrase(
                "the row is hidden; it is imported like any other", "该行已隐藏，仍照常导入")))
        read.cells[at] = first_empty or read.cell(layout.name, number, 1)
        records.append(record)
    read.cells[(section,)] = read.cell(layout.name, HEADER_ROW, 1)
    return records


def read_form(read: Read, opened: Opened, form: FormSheet) -> None:
    """The values of a form sheet's labelled rows into the data; a section with any value gets zeros for the
    counts left empty (Table 二, the typed tables' rows), or only the values given (the annual report's text)."""
    sheet = _Sheet(read, opened, form.name)
    lines = {line.label: line for line in form.rows}
    given: dict[Loc, Any] = {}
    rows_given: dict[Loc, bool] = {}
    for number, values in sheet.rows():
        label = str(values[0]).strip() if values and not empty(values[0]) else ""
        line = lines.get(label)
        if line is None:
            continue
        read.cells[line.paths[0][:-1]] = read.cell(form.name, number, 1)
        for index, path in enumerate(line.paths, start=2):
            where = read.cell(form.name, number, index)
            read.cells[path] = where
            value = values[index - 1] if index - 1 < len(values) else None
            if empty(value):
                continue
            rows_given[path[:-1]] = True
            try:
                given[path] = convert(value, line.kind, label)
            except CellFault as fault:
                read.fault(where, fault.phrase)
                given[path] = value if isinstance(value, str) else str(value)
        for index in range(len(line.paths) + 1, len(values)):
            if not empty(values[index]):
                read.fault(read.cell(form.name, number, index + 1), Phrase(
                    "a value outside the form's cells; it would be lost: clear it",
                    "该单元格不在表格的填写范围内，其中的内容不会导入：请清除"))
    read.cells[(form.section,)] = read.cell(form.name, 1, 1)
    if not given:
        return
    for line in form.rows:
        if form.zero_when_empty and (form.section == "proactive" or rows_given.get(line.paths[0][:-1])):
            for path in line.paths:
                given.setdefault(path, 0)
    for path, value in given.items():
        _place(read.data, path, value)


def _place(data: dict, path: Loc, value: Any) -> None:
    """Put a value at a path; an integer step makes a list of figures (a row of Table 三)."""
    *parents, last = path
    for step, following in zip(parents, (*parents[1:], last)):
        data = data.setdefault(step, [] if isinstance(following, int) else {})
    if isinstance(last, int):
        data.extend([0] * (last + 1 - len(data)))
    data[last] = value


def read_identity(read: Read, opened: Opened) -> None:
    """The unit and year the 说明 sheet names (where the import checks whose workbook it is)."""
    if GUIDE_SHEET not in opened.workbook.sheetnames:
        read.fault(read.cell(GUIDE_SHEET, 1, 1), Phrase(
            f"the sheet {GUIDE_SHEET}, which names the unit and year, is missing",
            f"缺少“{GUIDE_SHEET}”表（其中写明单位和年度）"))
        return
    for number, values in _Sheet(read, opened, GUIDE_SHEET).rows():
        label = str(values[0]).strip() if values and not empty(values[0]) else ""
        key = {UNIT_LABEL: "unit", YEAR_LABEL: "year"}.get(label)
        if key is None or (key,) in read.cells:
            continue
        read.cells[(key,)] = read.cell(GUIDE_SHEET, number, 2)
        value = values[1] if len(values) > 1 else None
        if key == "year" and not empty(value):
            try:
                value = convert(value, "count", YEAR_LABEL)
            except CellFault as fault:
                read.fault(read.cells[(key,)], fault.phrase)
        elif not empty(value):
            value = convert(value, "text", UNIT_LABEL)
        if not empty(value):
            read.data[key] = value
    read.cells[()] = read.cells.get(("unit",), read.cell(GUIDE_SHEET, 1, 1))


def _missing(read: Read, name: str) -> None:
    read.fault(read.cell(name, 1, 1), Phrase(
        f"the sheet {name} is missing; what it holds would be lost (keep it, empty, when there is nothing to report)",
        f"缺少“{name}”表，其中的内容将丢失（没有内容时请保留空表）"))


def read_sheets(read: Read, opened: Opened, has_catalog: Callable[[Any], bool]) -> None:
    """Every sheet of the layout into ``read``; ``has_catalog(year)``: whether the 重点工作 sheet is expected."""
    names = set(opened.workbook.sheetnames)
    read_identity(read, opened)
    for layout in (TASKS, *RECORD_SHEETS, WAIVERS):
        if layout.name not in names:
            if layout is not TASKS or has_catalog(read.data.get("year")):
                _missing(read, layout.name)
            continue
        records = read_records(read, opened, layout)
        if layout is WAIVERS:
            read.waiver_rows = [(read.locate(("waivers", index)), record) for index, record in enumerate(records)]
            for key in [loc for loc in read.cells if loc[:1] == ("waivers",)]:
                del read.cells[key]  # the office's waivers are not the workbook's: their place is the report file
        elif records:
            read.data[layout.section] = records
    for form in FORM_SHEETS:
        if form.name in names:
            read_form(read, opened, form)
        else:
            _missing(read, form.name)
