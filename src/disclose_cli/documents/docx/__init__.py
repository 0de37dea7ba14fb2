"""The yearly 政府信息公开工作年度报告 as a Word document (python-docx), the form offices file and print.

All labels come from ``annual_format`` (the national format) and ``templates/labels.yaml`` (the tool's own
sentences, ``zh``). Text from data is written as plain text: invisible controls and bidi overrides are shown as
``<U+XXXX>`` (as in the HTML and Markdown reports) and what XML 1.0 forbids is dropped.
"""

from __future__ import annotations

import io
from typing import IO

from ..annual_report import AnnualReportData
from . import sections, tables
from .writer import Writer, paragraphs, text


def write_docx(data: AnnualReportData, stream: IO[bytes]) -> None:
    """Write the unit's annual report for ``data.year`` as a .docx to ``stream``."""
    from ... import __version__
    from ..render import load_labels

    writer = Writer(load_labels(None)["zh"])
    t = writer.t
    unit = text(data.unit.name)
    title = t["annual_title"].format(unit=unit, year=data.year)
    writer.properties(title, unit, data.year, __version__)
    writer.title(title)
    if data.arithmetic:
        sections.check_note(writer, data)
    preamble, contact = sections.preamble(writer, data, unit)
    writer.body(preamble)
    if contact:
        writer.body(contact, align="left")  # a long web address must not stretch the line

    headings = data.headings
    writer.heading(headings[0])
    for sub_head, value in data.overview:
        writer.sub_head(sub_head)
        writer.text_block(value)
    for heading, table in zip(headings[1:4], (tables.table2, tables.table3, tables.table4)):
        writer.heading(heading)
        table(writer, data)

    annual = data.report.annual_report
    writer.heading(headings[4])
    writer.text_block(annual.problems if annual else None)
    writer.heading(headings[5])
    other = paragraphs(annual.other if annual else None)
    for line in other:
        writer.body(line)
    sections.key_tasks(writer, data, with_unit_text=bool(other))
    sections.signature(writer, unit, annual.published if annual else None)
    # Built in memory and written in one go: a failing output (a full disk) then fails a plain write, not a
    # zip archive half written and left open.
    buffer = io.BytesIO()
    writer.document.save(buffer)
    stream.write(buffer.getvalue())
