"""How the workbook looks and what it lets a clerk do: fonts and fills, cells written as what they are (text never
read as a formula), column widths that fit Chinese text, drop-downs and date checks, protection without a
password, and A4 landscape printing with the header repeated."""

from __future__ import annotations

from typing import Any

from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ...base.safetext import clean, display_width

FONT = Font(name="宋体", size=11)
HEADER_FONT = Font(name="黑体", size=11, bold=True)
TITLE_FONT = Font(name="黑体", size=14, bold=True)
FONTS = {"text": FONT, "header": HEADER_FONT}
FONT_NAMES = {"text": "正文", "header": "标题"}
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
LOCKED_FILL = PatternFill("solid", fgColor="E7E6E6")  # what the catalog says: read, not typed over
_THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
LOCKED = Protection(locked=True)
UNLOCKED = Protection(locked=False)
DATE_FORMAT = "yyyy-mm-dd"

# Text that a spreadsheet would take for a formula when typed: = + - @ (and a tab or carriage return first).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
def put(sheet: Worksheet, row: int, column: int, value: Any, *, locked: bool = False, date: bool = False,
        wrap: bool = False, font: str = "text") -> None:
    """A cell holding ``value`` as what it is: a date as a date, a number as a number, and text always as text
    (one that begins with = + - @ gets a quote prefix, as Excel does when it is typed after an apostrophe).
    ``font`` is one of FONTS."""
    cell = sheet.cell(row=row, column=column)
    quoted = False
    if isinstance(value, str):
        text = clean(value)  # controls (XML 1.0 cannot hold them) and bidi overrides shown as code points
        cell.value = text
        cell.data_type = "s"  # openpyxl would store "=…" as a formula
        quoted = text.startswith(_FORMULA_START)
    elif value is not None:
        cell.value = value
    cell.style = _named_style(sheet.parent, locked, date, wrap, font)
    if quoted:
        cell.quotePrefix = True


def _named_style(workbook: Any, locked: bool, date: bool, wrap: bool, font: str) -> str:
    """The named style of a kind of cell, added to the workbook the first time: one style per kind rather than
    its pieces set cell by cell, which costs more than the rest of the workbook together (openpyxl hashes every
    piece). Excel and WPS list them among the workbook's cell styles, under names saying what they are for."""
    name = "·".join(["填报" if not locked else "锁定", FONT_NAMES[font]] + ["日期"] * date + ["换行"] * wrap)
    if name not in workbook.named_styles:
        style = NamedStyle(name=name, font=FONTS[font], border=BORDER, protection=LOCKED if locked else UNLOCKED,
                           alignment=WRAP if wrap else Alignment(vertical="top"))
        if date:
            style.number_format = DATE_FORMAT
        if locked:
            style.fill = LOCKED_FILL
        workbook.add_named_style(style)
    return name


def header(sheet: Worksheet, row: int, titles: list[str] | tuple[str, ...], start: int = 1) -> None:
    for offset, title in enumerate(titles):
        cell = sheet.cell(row=row, column=start + offset, value=title)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = CENTRE
        cell.protection = LOCKED


def widths(sheet: Worksheet, wanted: list[int], titles: list[str] | tuple[str, ...] = ()) -> None:
    """Each column at its declared width, widened to its header (Chinese characters count twice)."""
    for index, width in enumerate(wanted, start=1):
        title = titles[index - 1] if index - 1 < len(titles) else ""
        sheet.column_dimensions[get_column_letter(index)].width = max(width, display_width(title) + 2)


def protect(sheet: Worksheet) -> None:
    """Locked cells protected, without a password (the office can unlock them): a clerk may still widen columns,
    resize rows, insert rows, filter and sort, but cannot type over a header or the catalog's text."""
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = False  # False: allowed
    protection.formatRows = False
    protection.insertRows = False
    protection.autoFilter = False
    protection.sort = False
    protection.selectLockedCells = False
    protection.selectUnlockedCells = False


def print_setup(sheet: Worksheet, title_rows: str | None = "1:1") -> None:
    """A4 landscape, as wide as the page, the header row repeated on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = False
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    if title_rows:
        sheet.print_title_rows = title_rows


def choice_validation(sheet: Worksheet, source: str, cells: str) -> None:
    """A drop-down whose values are a range of the hidden lists sheet."""
    validation = DataValidation(type="list", formula1=source, allow_blank=True, showDropDown=False,
                                showErrorMessage=True, errorStyle="stop", errorTitle="请从下拉列表中选择",
                                error="请从下拉列表中选择一项。", promptTitle="下拉选择", prompt="请从下拉列表中选择",
                                showInputMessage=False)
    validation.add(cells)
    sheet.add_data_validation(validation)


def date_validation(sheet: Worksheet, cells: str) -> None:
    """A date check that warns and lets text through: the import reads 2024/3/1 and 2024年3月1日 too."""
    validation = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)",
                                formula2="DATE(2100,12,31)", allow_blank=True, showErrorMessage=True,
                                errorStyle="warning", errorTitle="日期", error="请填写日期，如2024-03-01。")
    validation.add(cells)
    sheet.add_data_validation(validation)


def count_validation(sheet: Worksheet, cells: str, whole: bool = True) -> None:
    validation = DataValidation(type="whole" if whole else "decimal", operator="greaterThanOrEqual", formula1="0",
                                allow_blank=True, showErrorMessage=True, errorStyle="warning", errorTitle="数字",
                                error="请填写不小于0的数字。")
    validation.add(cells)
    sheet.add_data_validation(validation)
