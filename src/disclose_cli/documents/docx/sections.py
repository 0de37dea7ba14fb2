"""The text of the yearly report around its tables: the preamble, the warning when the figures do not add up,
section 六's key tasks, and the 落款."""

from __future__ import annotations

import datetime as dt

from ...model.findings import Finding
from ..annual_report import AnnualReportData
from ..render import subject_text
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
    return t["annual_preamble"].format(unit=unit, year=data.year), contact_text.strip()


def date_text(writer: Writer, day: dt.date) -> str:
    return writer.t["annual_date"].format(y=day.year, m=day.month, d=day.day)


def signature(writer: Writer, unit: str, published: dt.date | None) -> None:
    """落款: the unit and the day the report was published, right-aligned four characters in."""
    from docx.shared import Pt

    lines = [unit] + ([date_text(writer, published)] if published is not None else [])
    writer.paragraph("", indent=False, keep=True)
    for index, line in enumerate(lines):
        paragraph = writer.paragraph(line, align="right", indent=False, keep=index < len(lines) - 1)
        paragraph.paragraph_format.right_indent = Pt(4 * BODY_SIZE)


def check_note(writer: Writer, data: AnnualReportData) -> None:
    """The failed sums, in a red-ruled box before anything else: the report must not be filed as it is."""
    t = writer.t
    table = writer.table(1, [TEXT_WIDTH_MM], size=TABLE_SIZE)
    cell = table.cell(0, 0)
    ooxml.shade(cell, "FDECEA")
    lines = [(t["annual_check_title"], True), (t["annual_check_intro"], False)]
    lines += [(f"{index}. {text(f.subject)}：{text(f.message_zh)}", False) for index, f in enumerate(data.arithmetic, 1)]
    for index, (value, bold) in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        writer.cell_paragraph(paragraph, value, TABLE_SIZE, bold=bold, align="left",
                              color=(0xA0, 0x10, 0x10) if bold else None)
    ooxml.borders(table, "C00000", 12)
    writer.paragraph("", indent=False, size=SMALL_SIZE)


def key_tasks(writer: Writer, data: AnnualReportData, with_unit_text: bool) -> None:
    t = writer.t
    groups = (("done", data.done), ("late", data.late), ("waived", data.waived), ("pending", data.pending))
    total = sum(len(findings) for _, findings in groups)
    if total == 0:
        if not with_unit_text:
            writer.body(t["annual_none"])
        return
    writer.sub_head(t["annual_tasks_head"].format(year=data.year))
    writer.body(t["annual_tasks_summary"].format(
        as_of=date_text(writer, data.as_of), year=data.year, total=total, done=len(data.done), late=len(data.late),
        waived=len(data.waived), pending=len(data.pending)))
    number = 0
    for key, findings in groups:
        if not findings:
            continue
        number += 1
        writer.body(t["annual_task_group"].format(index=number, label=t["annual_task_groups"][key],
                                                  count=len(findings)), keep=True)
        _task_table(writer, data, key, findings)


def _task_table(writer: Writer, data: AnnualReportData, key: str, findings: tuple[Finding, ...]) -> None:
    t = writer.t
    size = TABLE_SIZE
    late = key == "late"
    columns = [(t["col_no"], 10), (t["col_rule"], 24), (t["col_subject"], 42), (t["col_due"], 21)]
    if late:
        columns.append((t["col_overdue"], 15))
    used = sum(width for _, width in columns)
    columns.append((t["col_message"], TEXT_WIDTH_MM - used))
    table = writer.table(len(findings) + 1, [width for _, width in columns], size)
    for offset, (label, _) in enumerate(columns):
        writer.fill(table.cell(0, offset), label, size, bold=True, shade="F2F2F2")
    ooxml.repeat_header(table.rows[0])
    for index, finding in enumerate(findings, 1):
        values = [str(index), t["rules"].get(finding.rule, finding.rule), text(subject_text(finding, data.task_titles)),
                  finding.due.isoformat() if finding.due else t["dash"]]
        if late:
            values.append(str(finding.overdue_workdays) if finding.overdue_workdays is not None else t["dash"])
        values.append(text(finding.message_zh))
        for offset, value in enumerate(values):
            align = "center" if offset in (0, 3) or (late and offset == 4) else "left"
            writer.fill(table.cell(index, offset), value, size, align=align)
        ooxml.cant_split(table.rows[index])
    writer.after_table(table, keep_rows=1)
