"""The yearly 政府信息公开工作年度报告 as a Word document (python-docx), the form offices file and print.

All labels come from ``annual_format`` (the national format) and ``templates/labels.yaml`` (the tool's own
sentences, ``zh``). Text from data is written as plain text: invisible controls and bidi overrides are shown as
``<U+XXXX>`` (as in the HTML and Markdown reports) and what XML 1.0 forbids is dropped.

The same data gives the same bytes: the file's properties and the dates of its zip entries are the report's own
(its 落款's date, else the day it is judged at), never the day it was written.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import IO

from ...base.progress import SILENT, Progress
from ..annual_report import AnnualReportData
from . import sections, tables
from .writer import Writer, paragraphs, text


def write_docx(data: AnnualReportData, stream: IO[bytes], progress: Progress = SILENT) -> None:
    """Write the unit's annual report for ``data.year`` as a .docx to ``stream``; ``progress`` is told when
    rendering begins."""
    from ... import __version__
    from ..render import RENDERING, load_labels

    progress.phase(RENDERING)
    writer = Writer(load_labels(None)["zh"])
    t = writer.t
    name = text(data.name)
    rest = t["annual_title"].format(unit="", year=data.year)
    writer.properties(name + rest, name, data.year, data.dated,
                      f"disclose {__version__}{t['colon']}{data.sources.describe(t)}")
    writer.title(name, rest)
    if data.arithmetic:
        sections.check_note(writer, data)
    preamble, contact = sections.preamble(writer, data, name)
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
    for line in paragraphs(annual.other if annual else None):
        writer.body(line)
    sections.key_work(writer, data)
    sections.signature(writer, name, data.signed_on)
    # Built in memory and written in one go: a failing output (a full disk) then fails a plain write, not a
    # zip archive half written and left open.
    buffer = io.BytesIO()
    writer.document.save(buffer)
    stream.write(dated_zip(buffer.getvalue(), data.dated))


def dated_zip(package: bytes, day: dt.date) -> bytes:
    """The package with every entry dated ``day`` (python-docx dates them with the time of writing)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=(day.year, day.month, day.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = entry.external_attr
            target.writestr(info, source.read(entry))
    return out.getvalue()
