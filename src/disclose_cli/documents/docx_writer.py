"""The yearly 政府信息公开工作年度报告 as a Word document (python-docx), the form offices file and print.

A4, the layout of a 公文: a 宋体 title, 黑体 headings, 楷体 sub-heads, 仿宋 body text, page numbers in the footer.
The tables are real Word tables, merged exactly as the national format (国办公开办函〔2021〕30号) draws them:
Table 二 with its caption rows across all four columns, Table 三 with its header block and its group labels on
vertically merged cells, Table 四 with its two-level header. Every run carries an East-Asian font (w:eastAsia) and
the zh-CN language, so that Word and LibreOffice set the Chinese in a Chinese face.

All labels come from ``annual_format`` (the national format) and ``templates/labels.yaml`` (the tool's own
sentences, ``zh``). Text from data is written as plain text: invisible controls and bidi overrides are shown as
``<U+XXXX>`` (as in the HTML and Markdown reports) and what XML 1.0 forbids is dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import IO, Any

from ..model.annual_format import (APPEAL_KINDS, APPEAL_COLUMNS, APPLICANTS, COLUMNS, ROW_CARRIED_IN, ROW_CARRIED_OUT,
                            ROW_NEW, TABLE2_CAPTIONS, TABLE2_DECISION_HEADER, TABLE2_DOCUMENT_COLUMNS,
                            TABLE2_FEE_HEADER, TABLE3_RESULTS_LABEL, TABLE3_RULE_TEXT)
from .annual_report import AnnualReportData
from ..model.findings import Finding
from ..base.safetext import clean
from .render import subject_text

# Faces: the ones every Chinese Windows has, by the names Word uses. LibreOffice substitutes a CJK face it has
# (e.g. Noto Serif/Sans CJK) for a missing one, since the runs say the text is zh-CN.
SONG, HEI, KAI, FANGSONG, LATIN = "宋体", "黑体", "楷体", "仿宋", "Times New Roman"
FONT_TABLE = (  # name, English name, PANOSE, family
    (SONG, "SimSun", "02010600030101010101", "auto"),
    (HEI, "SimHei", "02010609060101010101", "modern"),
    (KAI, "KaiTi", "02010609060101010101", "modern"),
    (FANGSONG, "FangSong", "02010609060101010101", "modern"),
)
# Sizes in points: 二号 22, 三号 16, 四号 14, 五号 10.5, 小五 9.
TITLE_SIZE, BODY_SIZE, FOOTER_SIZE, TABLE_SIZE, SMALL_SIZE = 22, 16, 14, 10.5, 9
LINE = 28  # exact line pitch of the body text, points (the 公文 standard: 22 lines a page)

# What XML 1.0 does not allow (clean() already shows C0 and C1 controls as <U+XXXX>).
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def text(value: Any) -> str:
    """Text from data, safe in a Word document."""
    return _NOT_XML.sub("", clean(value))


def paragraphs(value: str | None) -> list[str]:
    """A text block from data, one paragraph per non-empty line."""
    if value is None:
        return []
    return [line.strip() for line in text(value).splitlines() if line.strip()]


def amount(value: float) -> str:
    """万元, up to four decimals (one yuan), without trailing zeros."""
    shown = f"{value:.4f}".rstrip("0").rstrip(".")
    return shown or "0"


def write_docx(data: AnnualReportData, stream: IO[bytes]) -> None:
    """Write the unit's annual report for ``data.year`` as a .docx to ``stream``."""
    from .. import __version__
    from .render import load_labels

    writer = _Writer(data, load_labels(None)["zh"], __version__)
    writer.build()
    writer.document.save(stream)


class _Writer:
    def __init__(self, data: AnnualReportData, t: dict, version: str) -> None:
        from docx import Document

        self.data = data
        self.t = t
        self.version = version
        self.document = Document()

    # --- the document ------------------------------------------------------------------------------------------
    def build(self) -> None:
        data, t = self.data, self.t
        self._setup()
        unit = text(data.unit.name)
        title = t["annual_title"].format(unit=unit, year=data.year)
        self._properties(title)
        self._title(title)
        if data.arithmetic:
            self._check_note()
        preamble, contact = self._preamble(unit)
        self._body(preamble)
        if contact:
            self._body(contact, align="left")  # a long web address must not stretch the line

        headings = data.headings
        self._heading(headings[0])
        for sub_head, value in data.overview:
            self._sub_head(sub_head)
            self._text_block(value)

        self._heading(headings[1])
        self._table2()

        self._heading(headings[2])
        self._table3()

        self._heading(headings[3])
        self._table4()

        annual = data.report.annual_report
        self._heading(headings[4])
        self._text_block(annual.problems if annual else None)

        self._heading(headings[5])
        other = paragraphs(annual.other if annual else None)
        for line in other:
            self._body(line)
        self._key_tasks(with_unit_text=bool(other))
        self._signature(unit, annual.published if annual else None)

    def _setup(self) -> None:
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm

        section = self.document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        section.header_distance, section.footer_distance = Mm(15), Mm(20)
        self._defaults()
        self._east_asian_fonts()
        self._page_numbers(section)

    def _defaults(self) -> None:
        """Document defaults and the Normal style: 仿宋 三号, zh-CN, no theme fonts (they would win over ours)."""
        from docx.oxml.ns import qn
        from docx.shared import Pt, RGBColor

        styles = self.document.styles
        root = styles.element
        defaults = root.find(qn("w:docDefaults"))
        if defaults is not None:
            for fonts in defaults.iter(qn("w:rFonts")):
                _set_fonts(fonts, FANGSONG)
            for rpr in defaults.iter(qn("w:rPr")):
                _set_lang(rpr)
        normal = styles["Normal"]
        normal.font.size = Pt(BODY_SIZE)
        normal.font.color.rgb = RGBColor(0, 0, 0)
        _set_fonts(normal.element.get_or_add_rPr().get_or_add_rFonts(), FANGSONG)
        _set_lang(normal.element.get_or_add_rPr())
        for name, face, size, level in (("Title", SONG, TITLE_SIZE, None), ("Heading 1", HEI, BODY_SIZE, 0),
                                        ("Heading 2", KAI, BODY_SIZE, 1)):
            style = styles[name]
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.italic = False
            style.font.color.rgb = RGBColor(0, 0, 0)
            rpr = style.element.get_or_add_rPr()
            _set_fonts(rpr.get_or_add_rFonts(), face)
            for child in rpr.findall(qn("w:color")):
                for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
                    child.attrib.pop(qn(attr), None)
            ppr = style.element.get_or_add_pPr()
            for border in ppr.findall(qn("w:pBdr")):  # the Title style's blue rule
                ppr.remove(border)
            style.paragraph_format.space_before = Pt(0)
            style.paragraph_format.space_after = Pt(0)

    def _east_asian_fonts(self) -> None:
        """Chinese, not Japanese (python-docx's template), as the East-Asian language; and the four faces in the
        font table with their English names (w:altName), GB2312 charset and PANOSE, from which Word picks a
        substitute where a face is missing."""
        from docx.oxml.ns import qn
        from lxml import etree

        _set_lang(self.document.settings.element, "w:themeFontLang")
        part = next((part for part in self.document.part.package.iter_parts()
                     if str(part.partname) == "/word/fontTable.xml"), None)
        if part is None:
            return
        root = etree.fromstring(part.blob)
        known = {font.get(qn("w:name")) for font in root.findall(qn("w:font"))}
        for name, alt_name, panose, family in FONT_TABLE:
            if name in known:
                continue
            font = etree.SubElement(root, qn("w:font"))
            font.set(qn("w:name"), name)
            for tag, value in (("w:altName", alt_name), ("w:panose1", panose), ("w:charset", "86"),
                               ("w:family", family), ("w:pitch", "variable")):
                etree.SubElement(font, qn(tag)).set(qn("w:val"), value)
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def _properties(self, title: str) -> None:
        properties = self.document.core_properties
        properties.title = title
        properties.author = text(self.data.unit.name)
        properties.subject = "政府信息公开工作年度报告"
        properties.keywords = f"政府信息公开;年度报告;{self.data.year}"
        properties.comments = f"disclose {self.version}"
        properties.language = "zh-CN"

    def _page_numbers(self, section) -> None:  # noqa: ANN001 - a python-docx Section
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._run(paragraph, "— ", SONG, FOOTER_SIZE)
        for kind, value in (("begin", None), ("instrText", " PAGE "), ("separate", None), ("t", "1"),
                            ("end", None)):
            run = self._run(paragraph, "", SONG, FOOTER_SIZE)
            if value is None:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                element = OxmlElement(f"w:{kind}")
                element.set(qn("xml:space"), "preserve")
                element.text = value
            run._r.append(element)
        self._run(paragraph, " —", SONG, FOOTER_SIZE)

    # --- paragraphs --------------------------------------------------------------------------------------------
    def _run(self, paragraph, value: str, face: str, size: float, bold: bool = False,
             color: tuple[int, int, int] | None = None):  # noqa: ANN001, ANN202 - python-docx objects
        from docx.shared import Pt, RGBColor

        run = paragraph.add_run(value)
        run.font.size = Pt(size)
        run.font.bold = bold
        if color:
            run.font.color.rgb = RGBColor(*color)
        rpr = run._r.get_or_add_rPr()
        _set_fonts(rpr.get_or_add_rFonts(), face)
        _set_lang(rpr)
        return run

    def _paragraph(self, value: str, face: str = FANGSONG, size: float = BODY_SIZE, *, style: str | None = None,
                   bold: bool = False, align: str = "justify", indent: bool = True, before: float = 0,
                   after: float = 0, keep: bool = False, color: tuple[int, int, int] | None = None):  # noqa: ANN202
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
        from docx.shared import Pt

        paragraph = self.document.add_paragraph(style=style)
        paragraph.alignment = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                               "right": WD_ALIGN_PARAGRAPH.RIGHT, "left": WD_ALIGN_PARAGRAPH.LEFT}[align]
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Pt(2 * size) if indent else Pt(0)
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(max(LINE, size * 1.3))
        fmt.widow_control = True
        fmt.keep_with_next = keep
        self._run(paragraph, value, face, size, bold=bold, color=color)
        return paragraph

    def _title(self, title: str) -> None:
        self._paragraph(title, SONG, TITLE_SIZE, style="Title", bold=True, align="center", indent=False,
                        after=LINE)

    def _heading(self, value: str) -> None:
        self._paragraph(value, HEI, BODY_SIZE, style="Heading 1", bold=True, keep=True)

    def _sub_head(self, value: str) -> None:
        self._paragraph(value, KAI, BODY_SIZE, style="Heading 2", bold=True, keep=True)

    def _body(self, value: str, **options: Any) -> None:
        self._paragraph(value, FANGSONG, BODY_SIZE, **options)

    def _text_block(self, value: str | None) -> None:
        lines = paragraphs(value)
        for line in lines or [self.t["annual_none"]]:
            self._body(line)

    def _preamble(self, unit: str) -> tuple[str, str]:
        """The preamble Weihai units print (shared/ANNUAL_REPORT.md §2), and the unit's web address and contact."""
        t = self.t
        annual = self.data.report.annual_report
        contact = annual.contact if annual else None
        contact_text = ""
        if contact and contact.website:
            contact_text += t["annual_preamble_website"].format(website=text(contact.website))
        details = [f"{t['annual_contact'][key]}{t['colon']}{text(getattr(contact, key))}"
                   for key in ("address", "phone", "email") if contact and getattr(contact, key)]
        if details:
            contact_text += t["annual_preamble_contact"].format(unit=unit, details=t["comma"].join(details))
        return t["annual_preamble"].format(unit=unit, year=self.data.year), contact_text.strip()

    def _signature(self, unit: str, published: dt.date | None) -> None:
        """落款: the unit and the day the report was published, right-aligned four characters in."""
        from docx.shared import Pt

        lines = [unit] + ([self._date(published)] if published is not None else [])
        self._paragraph("", indent=False, keep=True)
        for index, line in enumerate(lines):
            paragraph = self._paragraph(line, align="right", indent=False, keep=index < len(lines) - 1)
            paragraph.paragraph_format.right_indent = Pt(4 * BODY_SIZE)

    def _date(self, day: dt.date) -> str:
        return self.t["annual_date"].format(y=day.year, m=day.month, d=day.day)

    def _check_note(self) -> None:
        """The failed sums, in a red-ruled box before anything else: the report must not be filed as it is."""
        t = self.t
        table = self._table(1, [156], size=TABLE_SIZE)
        cell = table.cell(0, 0)
        _shade(cell, "FDECEA")
        lines = [(t["annual_check_title"], True), (t["annual_check_intro"], False)]
        lines += [(f"{index}. {text(f.subject)}：{text(f.message_zh)}", False)
                  for index, f in enumerate(self.data.arithmetic, 1)]
        for index, (value, bold) in enumerate(lines):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            self._cell_paragraph(paragraph, value, TABLE_SIZE, bold=bold, align="left",
                                 color=(0xA0, 0x10, 0x10) if bold else None)
        _borders(table, "C00000", 12)
        self._paragraph("", indent=False, size=SMALL_SIZE)

    # --- tables ------------------------------------------------------------------------------------------------
    def _table(self, rows: int, widths_mm: list[float], size: float = TABLE_SIZE):  # noqa: ANN202
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Mm

        table = self.document.add_table(rows=rows, cols=len(widths_mm))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        margins = OxmlElement("w:tblCellMar")
        for side, width in (("top", 0), ("left", 57), ("bottom", 0), ("right", 57)):
            margin = OxmlElement(f"w:{side}")
            margin.set(qn("w:w"), str(width))
            margin.set(qn("w:type"), "dxa")
            margins.append(margin)
        table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")
        for index, width in enumerate(widths_mm):
            table.columns[index].width = Mm(width)
            for cell in table.columns[index].cells:
                cell.width = Mm(width)
        _borders(table, "000000", 6)
        return table

    def _cell_paragraph(self, paragraph, value: str, size: float, bold: bool = False, align: str = "center",
                        color: tuple[int, int, int] | None = None) -> None:  # noqa: ANN001
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
        from docx.shared import Pt

        paragraph.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                               "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Pt(0)
        fmt.space_before = fmt.space_after = Pt(1)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(round(size * 1.35, 1))
        self._run(paragraph, value, SONG, size, bold=bold, color=color)

    def _fill(self, cell, value: Any, size: float, bold: bool = False, align: str = "center",
              shade: str | None = None) -> None:  # noqa: ANN001
        from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        for extra in cell.paragraphs[1:]:  # a merge keeps one empty paragraph per merged cell
            extra._p.getparent().remove(extra._p)
        self._cell_paragraph(cell.paragraphs[0], str(value), size, bold=bold, align=align)
        if shade:
            _shade(cell, shade)

    def _table2(self) -> None:
        data, t = self.data, self.t
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
        table = self._table(len(layout), [48, 36, 36, 36], size)
        for index, (kind, values) in enumerate(layout):
            row = table.rows[index]
            _cant_split(row)
            if len(values) == 1:
                cell = row.cells[0].merge(row.cells[3])
                self._fill(cell, values[0], size, bold=True, shade="F2F2F2")
                continue
            if len(values) == 2:
                cells = [row.cells[0], row.cells[1].merge(row.cells[3])]
            else:
                cells = list(row.cells)
            for cell, value in zip(cells, values):
                self._fill(cell, value, size, bold=kind == "header")
        self._after_table(table)

    def _table3(self) -> None:
        t = self.t
        size = SMALL_SIZE
        rows = self.data.table3
        header_rows = 3
        widths = [9, 19, 47.5] + [11.5] * len(COLUMNS)
        table = self._table(header_rows + len(rows), widths, size)
        first = len(widths) - len(COLUMNS)  # the first data column
        cell = table.cell
        # Header: the printed rule (3 × 3), 申请人情况 over all seven, 自然人 and 总计 down two rows, 法人或其他组织
        # over its five kinds.
        self._fill(cell(0, 0).merge(cell(2, first - 1)), TABLE3_RULE_TEXT, size)
        self._fill(cell(0, first).merge(cell(0, first + len(COLUMNS) - 1)), t["annual_table3_applicants"], size,
                   bold=True)
        self._fill(cell(1, first).merge(cell(2, first)), APPLICANTS[0][1], size, bold=True)
        kinds = [label for _, label in APPLICANTS[1:]]
        self._fill(cell(1, first + 1).merge(cell(1, first + len(kinds))), t["annual_table3_legal_persons"], size,
                   bold=True)
        for offset, label in enumerate(kinds, 1):
            self._fill(cell(2, first + offset), label, size, bold=True)
        total_column = first + len(COLUMNS) - 1
        self._fill(cell(1, total_column).merge(cell(2, total_column)), COLUMNS[-1], size, bold=True)
        for index in range(header_rows):
            _repeat_header(table.rows[index])

        # Rows: 一, 二 and 四 across the three label columns; 三、本年度办理结果 down the first column beside its 22
        # rows; （一）（二）（七） across the second and third; each group's label down the second column.
        result_rows = [index for index, row in enumerate(rows)
                       if row.key not in (ROW_NEW, ROW_CARRIED_IN, ROW_CARRIED_OUT)]
        top, bottom = header_rows + result_rows[0], header_rows + result_rows[-1]
        self._fill(cell(top, 0).merge(cell(bottom, 0)), TABLE3_RESULTS_LABEL, size)
        groups: dict[str, list[int]] = {}
        for index, row in enumerate(rows):
            at = header_rows + index
            _cant_split(table.rows[at])
            if row.key in (ROW_NEW, ROW_CARRIED_IN, ROW_CARRIED_OUT):
                self._fill(cell(at, 0).merge(cell(at, first - 1)), row.label, size, align="left")
            elif row.group is None:
                self._fill(cell(at, 1).merge(cell(at, first - 1)), row.label, size, align="left")
            else:
                groups.setdefault(row.group, []).append(at)
                self._fill(cell(at, first - 1), row.label, size, align="left")
            for offset, value in enumerate(row.values):
                self._fill(cell(at, first + offset), value, size)
        for group, at in groups.items():
            self._fill(cell(at[0], 1).merge(cell(at[-1], 1)), group, size)
        self._after_table(table)

    def _table4(self) -> None:
        t = self.t
        size = SMALL_SIZE
        per_group = len(APPEAL_COLUMNS)
        width = 156 / (per_group * len(APPEAL_KINDS))
        table = self._table(4, [width] * per_group * len(APPEAL_KINDS), size)
        cell = table.cell
        review, *lawsuits = APPEAL_KINDS
        self._fill(cell(0, 0).merge(cell(0, per_group - 1)), review[1], size, bold=True)
        self._fill(cell(0, per_group).merge(cell(0, per_group * len(APPEAL_KINDS) - 1)),
                   t["annual_table4_lawsuit"], size, bold=True)
        for offset, label in enumerate(APPEAL_COLUMNS):
            self._fill(cell(1, offset).merge(cell(2, offset)), label, size, bold=True)
        for number, (_, label) in enumerate(lawsuits, 1):
            start = number * per_group
            self._fill(cell(1, start).merge(cell(1, start + per_group - 1)), label, size, bold=True)
            for offset, column in enumerate(APPEAL_COLUMNS):
                self._fill(cell(2, start + offset), column, size, bold=True)
        for index in range(3):
            _repeat_header(table.rows[index])
            _cant_split(table.rows[index])
        for number, (_, _, values) in enumerate(self.data.table4):
            for offset, value in enumerate(values):
                self._fill(cell(3, number * per_group + offset), value, size)
        _cant_split(table.rows[3])
        self._after_table(table)

    def _after_table(self, table=None, keep_rows: int | None = None) -> None:  # noqa: ANN001
        """A small gap after a table. ``keep_rows``: keep that many first rows on the page of the row after them
        (all rows but the last for a table that fits a page, so that it is never split)."""
        from docx.shared import Pt
        from docx.text.paragraph import Paragraph

        if table is not None:
            rows = table.rows[:keep_rows] if keep_rows is not None else table.rows[:-1]
            for row in rows:
                for element in row._tr.iter(qn_p()):
                    Paragraph(element, None).paragraph_format.keep_with_next = True

        self._paragraph("", indent=False, size=SMALL_SIZE).paragraph_format.line_spacing = Pt(12)

    # --- 六: the key tasks ---------------------------------------------------------------------------------------
    def _key_tasks(self, with_unit_text: bool) -> None:
        data, t = self.data, self.t
        groups = (("done", data.done), ("late", data.late), ("waived", data.waived), ("pending", data.pending))
        total = sum(len(findings) for _, findings in groups)
        if total == 0:
            if not with_unit_text:
                self._body(t["annual_none"])
            return
        self._sub_head(t["annual_tasks_head"].format(year=data.year))
        self._body(t["annual_tasks_summary"].format(
            as_of=self._date(data.as_of), year=data.year, total=total, done=len(data.done), late=len(data.late),
            waived=len(data.waived), pending=len(data.pending)))
        number = 0
        for key, findings in groups:
            if not findings:
                continue
            number += 1
            self._body(t["annual_task_group"].format(index=number, label=t["annual_task_groups"][key],
                                                     count=len(findings)), keep=True)
            self._task_table(key, findings)

    def _task_table(self, key: str, findings: tuple[Finding, ...]) -> None:
        t = self.t
        size = TABLE_SIZE
        late = key == "late"
        columns = [(t["col_no"], 10), (t["col_rule"], 24), (t["col_subject"], 42), (t["col_due"], 21)]
        if late:
            columns.append((t["col_overdue"], 15))
        used = sum(width for _, width in columns)
        columns.append((t["col_message"], 156 - used))
        table = self._table(len(findings) + 1, [width for _, width in columns], size)
        for offset, (label, _) in enumerate(columns):
            self._fill(table.cell(0, offset), label, size, bold=True, shade="F2F2F2")
        _repeat_header(table.rows[0])
        for index, finding in enumerate(findings, 1):
            values = [str(index), t["rules"].get(finding.rule, finding.rule), self._subject(finding),
                      finding.due.isoformat() if finding.due else t["dash"]]
            if late:
                values.append(str(finding.overdue_workdays) if finding.overdue_workdays is not None else t["dash"])
            values.append(text(finding.message_zh))
            for offset, value in enumerate(values):
                align = "center" if offset in (0, 3) or (late and offset == 4) else "left"
                self._fill(table.cell(index, offset), value, size, align=align)
            _cant_split(table.rows[index])
        self._after_table(table, keep_rows=1)

    def _subject(self, finding: Finding) -> str:
        return text(subject_text(finding, self.data.task_titles))


# --- XML details python-docx has no API for ---------------------------------------------------------------------
def qn_p() -> str:
    from docx.oxml.ns import qn

    return qn("w:p")


def _set_fonts(fonts, east_asia: str) -> None:  # noqa: ANN001 - a w:rFonts element
    from docx.oxml.ns import qn

    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), LATIN)
    fonts.set(qn("w:hAnsi"), LATIN)
    fonts.set(qn("w:cs"), LATIN)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def _set_lang(parent, tag: str = "w:lang") -> None:  # noqa: ANN001 - a w:rPr or w:settings element
    """Mark text (or, with w:themeFontLang, the whole document) as Chinese for East Asian runs."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    lang = parent.find(qn(tag))
    if lang is None:
        lang = OxmlElement(tag)
        parent.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _shade(cell, fill: str) -> None:  # noqa: ANN001
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().insert_element_before(
        shading, "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers",
        "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")


def _borders(table, color: str, size: int) -> None:  # noqa: ANN001
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "single")
        border.set(qn("w:sz"), str(size))
        border.set(qn("w:space"), "0")
        border.set(qn("w:color"), color)
        borders.append(border)
    tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                                 "w:tblDescription")


def _repeat_header(row) -> None:  # noqa: ANN001
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:tblHeader")) is None:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _cant_split(row) -> None:  # noqa: ANN001
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.insert(0, OxmlElement("w:cantSplit"))
