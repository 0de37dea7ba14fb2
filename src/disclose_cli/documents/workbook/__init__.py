"""The fill-in workbook of ``disclose workbook``: one unit's year as sheets a clerk fills in Excel or WPS, prefilled
from the unit's report file when there is one. ``disclose import`` reads it back (``loading.workbook``)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from ...model.catalog import Catalog
from ...model.registry import Unit
from ...model.report_file import Report
from ...model.workbook_layout import (FORM_SHEETS, GUIDE_SHEET, RECORD_SHEETS, TASKS, TASKS_SHEET, WAIVERS,
                                      RecordSheet)


@dataclass(frozen=True)
class WorkbookInput:
    """What a workbook is made of: the unit and year, the year's catalog (None for a year before the first one),
    the unit's report file if there is one, and whom the clerk asks."""

    unit: Unit
    year: int
    catalog: Catalog | None
    report: Report | None
    office: str
    contact: str | None = None


def build_workbook(given: WorkbookInput) -> bytes:
    """The workbook as the bytes of an .xlsx file."""
    from openpyxl import Workbook

    from .guide import write_guide
    from .sheets import choice_lists, record_rows, task_rows, write_form, write_lists, write_rows

    workbook = Workbook()
    guide = workbook.active
    guide.title = GUIDE_SHEET
    write_guide(guide, given.unit.name, given.year, given.catalog, given.office, given.contact)
    sheets: tuple[RecordSheet, ...] = (TASKS, *RECORD_SHEETS, WAIVERS)
    made = {layout.name: workbook.create_sheet(layout.name) for layout in (TASKS, *RECORD_SHEETS)}
    report = given.report
    data = report.model_dump() if report is not None else {}
    for form in FORM_SHEETS:
        made[form.name] = workbook.create_sheet(form.name)
    made[WAIVERS.name] = workbook.create_sheet(WAIVERS.name)
    ranges = write_lists(workbook, choice_lists(sheets))
    rows = task_rows(given.catalog, given.unit, report)
    locked = tuple(column.info or column.key == "task" for column in TASKS.columns)
    write_rows(made[TASKS_SHEET], TASKS, rows, ranges, locked=locked, offered=0)
    for layout in (*RECORD_SHEETS, WAIVERS):
        records = getattr(report, layout.section) if report is not None else []
        write_rows(made[layout.name], layout, record_rows(layout, records), ranges)
    for form in FORM_SHEETS:
        write_form(made[form.name], form, data)
    # One tab selected (two would open grouped in Excel): 重点工作 when it has rows, else 说明.
    for sheet in workbook.worksheets:
        sheet.sheet_view.tabSelected = False
    workbook.active = 1 if rows else 0
    workbook.active.sheet_view.tabSelected = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
