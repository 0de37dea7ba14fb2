"""The text of the yearly report around its tables: the preamble, the warning when the figures do not add up,
section 六's key tasks and duties, and the 落款."""

from __future__ import annotations

import datetime as dt

from ..annual_report import AnnualReportData, format_date
from . import ooxml
from .writer import BODY_SIZE, SMALL_SIZE, TABLE_SIZE, TEXT_WIDTH_MM, Writer, text


def preamble(writer: Writer, data: AnnualReportData, unit: str) -> tuple[str, str]:
    """The preamble Weihai units print (shared/ANNUAL_REPORT.md §2), and the unit's web address and contact."""
    t = writer.t
    annual = data.report.annual_report
    contact = annual.contact if annual else None
    contact_text = ""
    if contact and contact.website:
        contact_text += t["annual_preamble_website"].format(website=text(contact.website))
    details = [f"{t['annual_contact'][key]}{t['colon']}{text(getattr(contact, key))}"
               for key in ("address", "phone", "email") if contact and getattr(contact, key)]
    if details:
        contact_text += t["annual_preamble_contact"].format(unit=unit, details=t["comma"].join(details))
    return t["annual_preamble"].format(unit=text(data.preamble_name), year=data.year), contact_text.strip()


def signature(writer: Writer, name: str, signed_on: dt.date | None) -> None:
    """落款: the unit's full name and the day the report is published (blank to fill in when not known), right
    aligned four characters in, on the page of the text before it."""
    from docx.shared import Pt

    t = writer.t
    day = format_date(t, signed_on) if signed_on is not None else t["annual_date_blank"]
    writer.keep_last_with_next()
    writer.paragraph("", indent=False, keep=True)
    for line, keep in ((name, True), (day, False)):
        paragraph = writer.paragraph(line, align="right", indent=False, keep=keep)
        paragraph.paragraph_format.right_indent = Pt(4 * BODY_SIZE)


def check_note(writer: Writer, data: AnnualReportData) -> None:
    """The failed sums, in a red-ruled box before anything else: the report must not be filed as it is."""
    t = writer.t
    table, grid = writer.table(1, [TEXT_WIDTH_MM], size=TABLE_SIZE)
    cell = grid[0][0]
    ooxml.shade(cell, "FDECEA")
    lines = [(t["annual_check_title"], True), (t["annual_check_intro"], False)]
    lines += [(f"{index}. {text(item.subject)}{t['colon']}{text(item.message_zh)}", False)
              for index, item in enumerate(data.arithmetic, 1)]
    for index, (value, bold) in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        writer.cell_paragraph(paragraph, value, TABLE_SIZE, bold=bold, align="left",
                              color=(0xA0, 0x10, 0x10) if bold else None)
    ooxml.borders(table, "C00000", 12)
    writer.paragraph("", indent=False, size=SMALL_SIZE)


# 序号, 类别, 事项, 完成期限, 完成情况及原因 (millimetres, TEXT_WIDTH_MM in all)
KEY_WORK_WIDTHS = (10, 26, 42, 32, 46)


def key_work(writer: Writer, data: AnnualReportData) -> None:
    """六's account of the key tasks and duties: a paragraph, the table of what was not done on time (if any),
    and what was waived and why."""
    t = writer.t
    work = data.key_work
    rows = work.rows(t, "zh")
    # Not kept with the table: LibreOffice would then move the whole paragraph to the table's page, leaving the
    # page before it half empty. The table's header rows repeat wherever it starts.
    for value in work.paragraphs(t, "zh"):
        writer.body(text(value))
    if rows:
        _late_table(writer, rows)
    for value in work.closing(t, "zh"):
        writer.body(text(value))


def _late_table(writer: Writer, rows: list[tuple[str, str, str, str]]) -> None:
    size = TABLE_SIZE
    table, grid = writer.table(len(rows) + 1, list(KEY_WORK_WIDTHS), size)
    table_rows = ooxml.rows_of(table)
    for cell, label in zip(grid[0], writer.t["annual_work"]["columns"]):
        writer.fill(cell, label, size, bold=True, shade="F2F2F2")
    ooxml.repeat_header(table_rows[0])
    ooxml.cant_split(table_rows[0])
    for index, values in enumerate(rows, 1):
        for offset, value in enumerate((str(index), *values)):
            writer.fill(grid[index][offset], text(value), size, align="center" if offset in (0, 3) else "left")
        ooxml.cant_split(table_rows[index])
    writer.after_table(table, first=2, last=1)
