"""Page setup, styles and the paragraph and table primitives of the Word annual report.

A4, the layout of a 公文: a 宋体 title, 黑体 headings, 楷体 sub-heads, 仿宋 body text, page numbers in the footer.
Every run carries an East-Asian font (w:eastAsia) and the zh-CN language, so that Word and LibreOffice set the
Chinese in a Chinese face.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ...base.safetext import clean
from . import ooxml

# Faces: the ones every Chinese Windows has, by the names Word uses. LibreOffice substitutes a CJK face it has
# (e.g. Noto Serif/Sans CJK) for a missing one, since the runs say the text is zh-CN.
SONG, HEI, KAI, FANGSONG = "宋体", "黑体", "楷体", "仿宋"
FONT_TABLE = (  # name, English name, PANOSE, family
    (SONG, "SimSun", "02010600030101010101", "auto"),
    (HEI, "SimHei", "02010609060101010101", "modern"),
    (KAI, "KaiTi", "02010609060101010101", "modern"),
    (FANGSONG, "FangSong", "02010609060101010101", "modern"),
)
# Sizes in points: 二号 22, 三号 16, 四号 14, 五号 10.5, 小五 9.
TITLE_SIZE, BODY_SIZE, FOOTER_SIZE, TABLE_SIZE, SMALL_SIZE = 22, 16, 14, 10.5, 9
LINE = 28  # exact line pitch of the body text, points (the 公文 standard: 22 lines a page)
TEXT_WIDTH_MM = 156  # A4 less the margins: what a table may span
TITLE_CHARS = 20  # Chinese characters of 二号 on one line of TEXT_WIDTH_MM

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


class Writer:
    """A Word document being written, with the few kinds of paragraph and table the report uses."""

    def __init__(self, t: dict) -> None:
        from docx import Document

        ooxml.register_font_table()
        self.t = t
        self.document = Document()
        self.last: Any = None  # the last paragraph added to the body
        self._looks: dict[tuple, tuple[Any, Any]] = {}  # a table cell's look → its paragraph and run properties
        self.last_table: Any = None  # the table just before it, when that paragraph is a table's gap
        self._setup()

    # --- the page and the styles ------------------------------------------------------------------------------
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
        ooxml.set_lang(self.document.settings.element, "w:themeFontLang")  # Chinese, not python-docx's Japanese
        ooxml.add_fonts(self.document, FONT_TABLE)
        self._page_numbers(section)

    def _defaults(self) -> None:
        """Document defaults and the Normal style: 仿宋 三号, zh-CN, no theme fonts (they would win over ours)."""
        from docx.oxml.ns import qn
        from docx.shared import Pt, RGBColor

        styles = self.document.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            for fonts in defaults.iter(qn("w:rFonts")):
                ooxml.set_fonts(fonts, FANGSONG)
            for rpr in defaults.iter(qn("w:rPr")):
                ooxml.set_lang(rpr)
        normal = styles["Normal"]
        normal.font.size = Pt(BODY_SIZE)
        normal.font.color.rgb = RGBColor(0, 0, 0)
        ooxml.set_fonts(normal.element.get_or_add_rPr().get_or_add_rFonts(), FANGSONG)
        ooxml.set_lang(normal.element.get_or_add_rPr())
        for name, face, size in (("Title", SONG, TITLE_SIZE), ("Heading 1", HEI, BODY_SIZE),
                                 ("Heading 2", KAI, BODY_SIZE)):
            style = styles[name]
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.italic = False
            style.font.color.rgb = RGBColor(0, 0, 0)
            rpr = style.element.get_or_add_rPr()
            ooxml.set_fonts(rpr.get_or_add_rFonts(), face)
            for child in rpr.findall(qn("w:color")):
                for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
                    child.attrib.pop(qn(attr), None)
            ppr = style.element.get_or_add_pPr()
            for border in ppr.findall(qn("w:pBdr")):  # the Title style's blue rule
                ppr.remove(border)
            style.paragraph_format.space_before = Pt(0)
            style.paragraph_format.space_after = Pt(0)

    def _page_numbers(self, section: Any) -> None:
        """— N — centred in the footer."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.run(paragraph, "— ", SONG, FOOTER_SIZE)
        for kind, value in (("begin", None), ("instrText", " PAGE "), ("separate", None), ("t", "1"),
                            ("end", None)):
            ooxml.page_number_field(self.run(paragraph, "", SONG, FOOTER_SIZE).element, kind, value)
        self.run(paragraph, " —", SONG, FOOTER_SIZE)

    def properties(self, title: str, author: str, year: int, dated: dt.date, comments: str) -> None:
        """The file's properties, from the report alone: its author is the unit and its dates are the report's
        own, so that the same data gives the same document (and no property tells the day it was generated)."""
        properties = self.document.core_properties
        properties.title = title
        properties.author = properties.last_modified_by = author
        properties.created = properties.modified = dt.datetime(dated.year, dated.month, dated.day)
        properties.revision = 1
        properties.subject = "政府信息公开工作年度报告"
        properties.keywords = f"政府信息公开;年度报告;{year}"
        properties.comments = comments
        properties.language = "zh-CN"

    # --- paragraphs --------------------------------------------------------------------------------------------
    def run(self, paragraph: Any, value: str, face: str, size: float, bold: bool = False,
            color: tuple[int, int, int] | None = None) -> Any:
        from docx.shared import Pt, RGBColor

        run = paragraph.add_run(value)
        run.font.size = Pt(size)
        run.font.bold = bold
        if color:
            run.font.color.rgb = RGBColor(*color)
        rpr = run.element.get_or_add_rPr()
        ooxml.set_fonts(rpr.get_or_add_rFonts(), face)
        ooxml.set_lang(rpr)
        return run

    def paragraph(self, value: str, face: str = FANGSONG, size: float = BODY_SIZE, *, style: str | None = None,
                  bold: bool = False, align: str = "justify", indent: bool = True, before: float = 0,
                  after: float = 0, keep: bool = False, color: tuple[int, int, int] | None = None) -> Any:
        """A paragraph; a line break in ``value`` is a line break in the paragraph."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
        from docx.shared import Pt

        paragraph = self.document.add_paragraph(style=style)
        self.last, self.last_table = paragraph, None
        paragraph.alignment = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                               "right": WD_ALIGN_PARAGRAPH.RIGHT, "left": WD_ALIGN_PARAGRAPH.LEFT}[align]
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Pt(2 * size) if indent else Pt(0)
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(max(LINE, size * 1.3))
        fmt.widow_control = True
        fmt.keep_with_next = keep
        run = None
        for line in value.split("\n"):
            if run is not None:
                run.add_break()
            run = self.run(paragraph, line, face, size, bold=bold, color=color)
        return paragraph

    def title(self, name: str, rest: str) -> None:
        """The title, the unit's name on a line of its own when the whole does not fit one line (about 20
        characters of 二号 across the text width): a break there, not wherever the line happens to fill up."""
        one_line = len(name) + len(rest) - sum(c.isascii() for c in name + rest) / 2 <= TITLE_CHARS
        self.paragraph(name + rest if one_line else f"{name}\n{rest}", SONG, TITLE_SIZE, style="Title", bold=True,
                       align="center", indent=False, after=LINE, keep=True)

    def heading(self, value: str) -> None:
        self.paragraph(value, HEI, BODY_SIZE, style="Heading 1", bold=True, keep=True)

    def sub_head(self, value: str) -> None:
        self.paragraph(value, KAI, BODY_SIZE, style="Heading 2", bold=True, keep=True)

    def body(self, value: str, **options: Any) -> None:
        self.paragraph(value, FANGSONG, BODY_SIZE, **options)

    def text_block(self, value: str | None) -> None:
        """A text from data, a paragraph per line; 无 when there is none."""
        for line in paragraphs(value) or [self.t["annual_none"]]:
            self.body(line)

    # --- tables ------------------------------------------------------------------------------------------------
    def table(self, rows: int, widths_mm: list[float], size: float = TABLE_SIZE) -> tuple[Any, list[list[Any]]]:
        """A ruled table and its grid of cells, row by row. The grid is taken once, before any merge: python-docx
        rebuilds the whole grid on every ``Table.cell()``, which made a table of a few hundred cells take
        seconds. A merge returns the merged cell; the grid's other cells stay valid."""
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.shared import Mm

        table = self.document.add_table(rows=rows, cols=len(widths_mm))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        ooxml.cell_margins(table, 57)
        grid = [list(row.cells) for row in table.rows]
        for index, width in enumerate(widths_mm):
            table.columns[index].width = Mm(width)
            for cells in grid:
                cells[index].width = Mm(width)
        ooxml.borders(table, "000000", 6)
        self.last, self.last_table = None, table
        return table, grid

    def cell_paragraph(self, paragraph: Any, value: str, size: float, bold: bool = False, align: str = "center",
                       color: tuple[int, int, int] | None = None) -> None:
        """A table cell's text. The first paragraph of each look is formatted through python-docx; the others
        copy its properties, which is many times faster for the hundreds of cells of the tables."""
        key = (size, bold, align, color)
        if key in self._looks:
            ooxml.write_as(paragraph, value, *self._looks[key])
            return
        self._format_cell_paragraph(paragraph, value, size, bold, align, color)
        self._looks[key] = ooxml.look_of(paragraph)

    def _format_cell_paragraph(self, paragraph: Any, value: str, size: float, bold: bool, align: str,
                               color: tuple[int, int, int] | None) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
        from docx.shared import Pt

        paragraph.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                               "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Pt(0)
        fmt.space_before = fmt.space_after = Pt(1)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(round(size * 1.35, 1))
        self.run(paragraph, value, SONG, size, bold=bold, color=color)

    def fill(self, cell: Any, value: Any, size: float, bold: bool = False, align: str = "center",
             shade: str | None = None) -> None:
        from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        for extra in cell.paragraphs[1:]:  # a merge keeps one empty paragraph per merged cell
            ooxml.remove(extra)
        self.cell_paragraph(cell.paragraphs[0], str(value), size, bold=bold, align=align)
        if shade:
            ooxml.shade(cell, shade)

    def keep_rows(self, rows: Any) -> None:
        """Keep each of ``rows`` (w:tr elements) on the page of the row after it (every paragraph in it keeps with
        the next)."""
        from docx.text.paragraph import Paragraph

        for row in rows:
            for element in ooxml.paragraphs_in(row):
                Paragraph(element, None).paragraph_format.keep_with_next = True

    def after_table(self, table: Any, first: int | None = None, last: int = 1) -> None:
        """A small gap after a table. Its ``first`` rows stay with the row after them (None: every row but the
        last, so that a short table is never split), and its last ``last`` + 1 rows stay together, so that no
        page holds a lone row of it."""
        from docx.shared import Pt

        rows = ooxml.rows_of(table)
        kept = rows[:-1] if first is None else rows[:first] + rows[max(first, len(rows) - 1 - last):-1]
        self.keep_rows(kept)
        self.paragraph("", indent=False, size=SMALL_SIZE).paragraph_format.line_spacing = Pt(12)
        self.last_table = table

    def keep_last_with_next(self) -> None:
        """Keep what was written last on the page of what follows (the 落款 must not stand alone on a page)."""
        if self.last is not None:
            self.last.paragraph_format.keep_with_next = True
        if self.last_table is not None:
            self.keep_rows(ooxml.rows_of(self.last_table)[-1:])
