"""The workbook's sheets of records and forms, laid out from ``model.workbook_layout``: the 重点工作 sheet (the
catalog's tasks, locked, beside the cells to fill), one sheet per record section, the form sheets (Table 二, the
annual report's text, Tables 三 and 四) and the hidden sheet of drop-down values."""

from __future__ import annotations

import math
from typing import Any, Iterable

from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ...base.safetext import display_width
from ...model.catalog import Catalog, Task
from ...model.fields import Record
from ...model.registry import Unit
from ...model.report_file import Report, TaskProgress
from ...model.workbook_layout import (FLAG_LABELS, HEADER_ROW, LISTS_SHEET, TASKS, Column, FormSheet,
                                      RecordSheet)
from . import styles
from .styles import put

# Empty rows ready to fill under a sheet's records, with their drop-downs and date checks: far more than a unit
# adds in a quarter; a clerk who needs more inserts rows (protection allows it), which take the rows' formats.
ROWS_OFFERED = 100
_LINE_HEIGHT = 15  # points per line of 11-point text


def choice_lists(sheets: Iterable[RecordSheet]) -> list[tuple[str, tuple[str, ...]]]:
    """Every closed list the sheets use, once each: its title and the labels the cells show."""
    found: dict[tuple[str, ...], str] = {}
    for sheet in sheets:
        for column in sheet.columns:
            if column.kind == "choice":
                found.setdefault(tuple(column.labels.values()), column.header)
            elif column.kind == "flag":
                found.setdefault(tuple(FLAG_LABELS.values()), "是/否")
    return [(title, labels) for labels, title in found.items()]


def write_lists(workbook: Workbook, lists: list[tuple[str, tuple[str, ...]]]) -> dict[tuple[str, ...], str]:
    """The hidden sheet of drop-down values; returns each list's range, for the validations."""
    sheet = workbook.create_sheet(LISTS_SHEET)
    ranges = {}
    for index, (title, labels) in enumerate(lists, start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index, value=title)
        for row, label in enumerate(labels, start=2):
            sheet.cell(row=row, column=index, value=label).data_type = "s"
        sheet.column_dimensions[letter].width = max(display_width(label) for label in labels) + 2
        ranges[labels] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(labels) + 1}"
    sheet.sheet_state = "hidden"
    styles.protect(sheet)
    return ranges


def cell_value(column: Column, value: Any) -> Any:
    """What a cell shows for a record's value: a closed list's Chinese label, a list one item per line."""
    if value is None:
        return None
    if column.kind == "choice":
        return column.labels.get(value, value)
    if column.kind == "list":
        return "\n".join(value) or None
    if column.kind == "flag":
        return FLAG_LABELS[bool(value)]
    return value


def _validations(sheet: Worksheet, columns: tuple[Column, ...], first: int, last: int,
                 ranges: dict[tuple[str, ...], str]) -> None:
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        cells = f"{letter}{first}:{letter}{last}"
        if column.info:
            continue
        if column.kind == "choice":
            styles.choice_validation(sheet, ranges[tuple(column.labels.values())], cells)
        elif column.kind == "flag":
            styles.choice_validation(sheet, ranges[tuple(FLAG_LABELS.values())], cells)
        elif column.kind == "date":
            styles.date_validation(sheet, cells)
        elif column.kind in ("count", "number"):
            styles.count_validation(sheet, cells, whole=column.kind == "count")


def _row_height(values: list[Any], columns: tuple[Column, ...], widths: list[float]) -> float | None:
    """Tall enough for the wrapped text of the row (Excel and WPS do not fit a row to wrapped text on opening)."""
    lines = 1
    for value, column, width in zip(values, columns, widths):
        if isinstance(value, str) and column.kind in ("text", "list"):
            lines = max(lines, sum(max(1, math.ceil(display_width(part) / max(width - 1, 1)))
                                   for part in value.split("\n")))
    return None if lines == 1 else lines * _LINE_HEIGHT + 3


def _frame(sheet: Worksheet, layout: RecordSheet) -> list[float]:
    headers = [column.header for column in layout.columns]
    styles.header(sheet, HEADER_ROW, headers)
    styles.widths(sheet, [column.width for column in layout.columns], headers)
    sheet.row_dimensions[HEADER_ROW].height = 30
    styles.print_setup(sheet, f"{HEADER_ROW}:{HEADER_ROW}")
    return [sheet.column_dimensions[get_column_letter(index)].width for index in range(1, len(headers) + 1)]


def write_rows(sheet: Worksheet, layout: RecordSheet, rows: list[list[Any]], ranges: dict[tuple[str, ...], str],
               locked: tuple[bool, ...] = (), offered: int = ROWS_OFFERED) -> None:
    """The header, the rows of values, and empty rows ready to fill (none on a read-only sheet)."""
    widths = _frame(sheet, layout)
    columns = layout.columns
    locked = locked or tuple(layout.read_only or column.info for column in columns)
    last = HEADER_ROW + len(rows) + (0 if layout.read_only else offered)
    for row in range(HEADER_ROW + 1, last + 1):
        values = rows[row - HEADER_ROW - 1] if row - HEADER_ROW - 1 < len(rows) else [None] * len(columns)
        for index, (column, value) in enumerate(zip(columns, values), start=1):
            put(sheet, row, index, value, locked=locked[index - 1], date=column.kind == "date",
                wrap=column.kind in ("text", "list"))
        height = _row_height(values, columns, widths)
        if height:
            sheet.row_dimensions[row].height = height
    if not layout.read_only and last > HEADER_ROW:
        _validations(sheet, columns, HEADER_ROW + 1, last, ranges)
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=2 if layout is TASKS else 1)
    styles.protect(sheet)


def record_rows(layout: RecordSheet, records: Iterable[Record]) -> list[list[Any]]:
    return [[cell_value(column, getattr(record, column.key)) for column in layout.columns] for record in records]


def task_rows(catalog: Catalog | None, unit: Unit, report: Report | None) -> list[list[Any]]:
    """One row per task the unit reports, is assigned, or may report in a role: the report's tasks in its order,
    then the assigned ones it does not list, then the role tasks. Without a report file an assigned task starts
    as planned (as ``disclose init`` writes it) and a role task is left empty: filled in only if taken on."""
    if catalog is None:
        return []
    reported = {progress.task: progress for progress in report.tasks} if report else {}
    assigned = catalog.tasks_of(unit.name)
    roles = [task for task in catalog.tasks if task not in assigned and catalog.may_report(task, unit)]
    ordered: list[tuple[Task, TaskProgress | None]] = [
        (catalog.by_id[task_id], progress) for task_id, progress in reported.items() if task_id in catalog.by_id]
    for task in (*assigned, *roles):
        if task.id not in reported:
            starts = TaskProgress(task=task.id, status="planned") if report is None and task in assigned else None
            ordered.append((task, starts))
    rows = []
    for task, progress in ordered:
        values = {"task": task.id, "heading": task.heading, "content": task.content or None,
                  "deadline_text": task.deadline_text}
        rows.append([values[column.key] if column.info or column.key == "task"
                     else cell_value(column, getattr(progress, column.key) if progress else None)
                     for column in TASKS.columns])
    return rows


def value_at(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
        if data is None:
            return None
    return data


def write_form(sheet: Worksheet, form: FormSheet, data: dict) -> None:
    """A form sheet: its title, then captions, headers and labelled rows of values, as the national tables."""
    columns = max([len(line.paths) for line in form.lines] + [len(line.header) for line in form.lines]) + 1
    title = sheet.cell(row=1, column=1, value=form.title)
    title.font = styles.TITLE_FONT
    title.protection = styles.LOCKED
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    sheet.row_dimensions[1].height = 26
    styles.widths(sheet, list(form.widths[:columns]))
    text_width = form.widths[1] if len(form.widths) > 1 else 40
    for row, line in enumerate(form.lines, start=2):
        if line.caption:
            put(sheet, row, 1, line.label, locked=True, font="header")
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
        elif line.header:
            styles.header(sheet, row, (line.label, *line.header))
        else:
            put(sheet, row, 1, line.label, locked=True, wrap=True)
            for offset, path in enumerate(line.paths, start=2):
                value = value_at(data, path)
                put(sheet, row, offset, value, date=line.kind == "date", wrap=line.kind == "text")
                letter = get_column_letter(offset)
                if line.kind in ("count", "number"):
                    styles.count_validation(sheet, f"{letter}{row}", whole=line.kind == "count")
                elif line.kind == "date":
                    styles.date_validation(sheet, f"{letter}{row}")
            if line.kind == "text":
                text = value_at(data, line.paths[0])
                lines = max(3, math.ceil(display_width(text or "") / max(text_width - 2, 1)) + 1)
                sheet.row_dimensions[row].height = lines * _LINE_HEIGHT
    styles.print_setup(sheet, None)
    sheet.freeze_panes = "A2"
    styles.protect(sheet)
