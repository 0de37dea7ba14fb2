"""WordprocessingML details python-docx has no API for: East-Asian fonts and language, cell shading, table
borders, header rows, rows that must not split, and the font table.

python-docx exposes the XML element of a run publicly (``Run.element``), and that of a paragraph through its
``ParagraphFormat`` (an ``ElementProxy`` of the paragraph's w:p); ``xml_of`` climbs from there, with lxml's
``getparent``, to a cell's w:tc and a table's w:tbl, and ``rows_of`` lists a table's w:tr elements. No private
attribute of python-docx is read.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

LATIN = "Times New Roman"


def xml_of(proxy: Any) -> Any:
    """The lxml element behind a python-docx paragraph, cell or table. A cell always holds a paragraph, and a
    table's first cell is never the continuation of a merge, so the climb always lands on the proxy's own
    element."""
    from docx.table import Table, _Cell

    if isinstance(proxy, Table):
        # Table.cell() would build the whole grid of cells; the first row's first cell is enough.
        return xml_of(proxy.rows[0].cells[0]).getparent().getparent()  # w:tc → w:tr → w:tbl
    if isinstance(proxy, _Cell):
        return xml_of(proxy.paragraphs[0]).getparent()
    return proxy.paragraph_format.element


def rows_of(table: Any) -> list[Any]:
    """The w:tr elements of a python-docx table, in order."""
    return list(xml_of(table).tr_lst)


def register_font_table() -> None:
    """Load word/fontTable.xml as an XML part, so that its fonts can be edited as elements and python-docx
    serialises the result (it otherwise keeps the part as opaque bytes). The same public registry python-docx
    uses for its own parts."""
    from docx.opc.constants import CONTENT_TYPE
    from docx.opc.part import PartFactory, XmlPart

    PartFactory.part_type_for.setdefault(CONTENT_TYPE.WML_FONT_TABLE, XmlPart)


def add_fonts(document: Any, fonts: tuple[tuple[str, str, str, str], ...]) -> None:
    """The faces in the font table with their English names (w:altName), GB2312 charset and PANOSE, from which
    Word picks a substitute where a face is missing."""
    part = next((part for part in document.part.package.iter_parts()
                 if str(part.partname) == "/word/fontTable.xml"), None)
    if part is None or not hasattr(part, "element"):
        return
    root = part.element
    known = {font.get(qn("w:name")) for font in root.findall(qn("w:font"))}
    for name, alt_name, panose, family in fonts:
        if name in known:
            continue
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        for tag, value in (("w:altName", alt_name), ("w:panose1", panose), ("w:charset", "86"),
                           ("w:family", family), ("w:pitch", "variable")):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            font.append(child)
        root.append(font)


def set_fonts(fonts: Any, east_asia: str) -> None:
    """A w:rFonts element: Latin text in LATIN, East-Asian text in ``east_asia``, no theme fonts."""
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), LATIN)
    fonts.set(qn("w:hAnsi"), LATIN)
    fonts.set(qn("w:cs"), LATIN)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def set_lang(parent: Any, tag: str = "w:lang") -> None:
    """Mark text (or, with w:themeFontLang, the whole document) as Chinese for East Asian runs."""
    lang = parent.find(qn(tag))
    if lang is None:
        lang = OxmlElement(tag)
        parent.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def shade(cell: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    xml_of(cell).get_or_add_tcPr().insert_element_before(
        shading, "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers",
        "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")


def borders(table: Any, color: str, size: int) -> None:
    tbl_pr = xml_of(table).tblPr
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    rules = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "single")
        border.set(qn("w:sz"), str(size))
        border.set(qn("w:space"), "0")
        border.set(qn("w:color"), color)
        rules.append(border)
    tbl_pr.insert_element_before(rules, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                                 "w:tblDescription")


def cell_margins(table: Any, left_right_twips: int) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side, width in (("top", 0), ("left", left_right_twips), ("bottom", 0), ("right", left_right_twips)):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(width))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    xml_of(table).tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")


def repeat_header(row: Any) -> None:
    """The row (a w:tr of ``rows_of``) is repeated at the top of every page the table runs onto."""
    tr_pr = row.get_or_add_trPr()
    if tr_pr.find(qn("w:tblHeader")) is None:
        tr_pr.append(OxmlElement("w:tblHeader"))


def cant_split(row: Any) -> None:
    """The row (a w:tr of ``rows_of``) is never broken across two pages."""
    tr_pr = row.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.insert(0, OxmlElement("w:cantSplit"))


def paragraphs_in(element: Any) -> list[Any]:
    """Every w:p element under ``element`` (a row's, for keep-with-next)."""
    return list(element.iter(qn("w:p")))


def page_number_field(run_element: Any, kind: str, value: str | None) -> None:
    """Part of a PAGE field: a w:fldChar (begin, separate, end) or its instruction and shown text."""
    if value is None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
    else:
        element = OxmlElement(f"w:{kind}")
        element.set(qn("xml:space"), "preserve")
        element.text = value
    run_element.append(element)


def remove(proxy: Any) -> None:
    element = xml_of(proxy)
    element.getparent().remove(element)


def look_of(paragraph: Any) -> tuple[Any, Any]:
    """Copies of a formatted paragraph's properties and of those of its (one) run, to give others: copies, since
    the paragraph may change later (keep-with-next, set on a table's rows once they are filled)."""
    element = xml_of(paragraph)
    return deepcopy(element.pPr), deepcopy(element.r_lst[0].rPr)


def write_as(paragraph: Any, value: str, paragraph_properties: Any, run_properties: Any) -> None:
    """``value`` as the one run of ``paragraph``, both with copies of the properties given (``look_of``)."""
    element = xml_of(paragraph)
    if element.pPr is not None:
        element.remove(element.pPr)
    element.insert(0, deepcopy(paragraph_properties))
    run = paragraph.add_run(value)
    run.element.insert(0, deepcopy(run_properties))
