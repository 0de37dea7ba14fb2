"""A workbook cell's place (``FILE.xlsx:SHEET!CELL``) and its value as the report file holds it: dates in the forms
spreadsheet users type, numbers typed as text, a list one item per line, yes/no as 是/否."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from ...base.locations import Location
from ...base.phrase import Phrase
from ...base.safetext import excerpt, readable
from ...model.workbook_layout import DATE_FORMS, DATE_FORMS_EN, FLAG_LABELS, SHEET_ORDER, Kind

_SHEET_RANK = {name: rank for rank, name in enumerate(SHEET_ORDER)}


class CellLocation(Location):
    """A cell of a workbook, shown as ``FILE.xlsx:SHEET!F12``; ``line`` and ``column`` are its row and column.
    Problems sort by the workbook's own order of sheets, then row and column."""

    sheet: str

    def __new__(cls, path: Path, sheet: str, row: int, column: int) -> CellLocation:
        self = super().__new__(cls, path, row, column)
        self.sheet = sheet
        return self

    def __str__(self) -> str:
        return f"{readable(self.path)}:{readable(self.sheet)}!{get_column_letter(self.column)}{self.line}"

    def sort_key(self) -> tuple:
        return (str(self.path), _SHEET_RANK.get(self.sheet, len(_SHEET_RANK)), self.sheet, self.line, self.column)

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, CellLocation) and tuple.__eq__(self, other) and self.sheet == other.sheet)

    def __hash__(self) -> int:
        return hash((tuple(self), self.sheet))

    def __reduce__(self) -> tuple:
        return (CellLocation, (self.path, self.sheet, self.line, self.column))


_DATE_TEXT = (
    re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"),
    re.compile(r"([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})"),
    re.compile(r"([0-9]{4})\.([0-9]{1,2})\.([0-9]{1,2})"),
    re.compile(r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日"),
)
_NUMBER_TEXT = re.compile(r"[+]?[0-9]+(\.[0-9]+)?")
_TRUE = {"是", "true", "yes", "1"}
_FALSE = {"否", "false", "no", "0"}


class CellFault(Exception):
    """A cell that cannot hold its column's kind of value; the message says what it holds and what is expected."""

    def __init__(self, phrase: Phrase) -> None:
        super().__init__(phrase.en)
        self.phrase = phrase


def empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def convert(value: Any, kind: Kind, title: str) -> Any:
    """The report-file value of a non-empty cell of ``kind``; raises CellFault. A closed list's label or code goes
    through as it is (the model takes both and says what is allowed)."""
    if kind == "date":
        return _date(value, title)
    if kind in ("count", "number"):
        return _number(value, kind, title)
    if kind == "flag":
        return _flag(value, title)
    if kind == "list":
        return [line.strip() for line in _text(value).splitlines() if line.strip()]
    return _text(value)


def _text(value: Any) -> str:
    """A number or a date in a text column is the text it shows (a phone number, a reference typed as 123)."""
    if isinstance(value, bool):
        return FLAG_LABELS[value]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _date(value: Any, title: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        for form in _DATE_TEXT:
            match = form.fullmatch(text)
            if match:
                year, month, day = (int(part) for part in match.groups())
                try:
                    return dt.date(year, month, day)
                except ValueError:
                    raise CellFault(Phrase(f"{title}: {excerpt(value)} is not a date on the calendar",
                                           f"{title}：{excerpt(value)}不是日历上存在的日期")) from None
    shown = excerpt(value)
    raise CellFault(Phrase(f"{title}: expected a date (a date cell, or text such as {DATE_FORMS_EN}); got '{shown}'",
                           f"{title}应为日期（日期格式的单元格，或写作{DATE_FORMS}）；此处为“{shown}”"))


def _number(value: Any, kind: Kind, title: str) -> int | float:
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and _NUMBER_TEXT.fullmatch(value.strip()):
        value = float(value.strip()) if "." in value else int(value.strip())
    if isinstance(value, float) and value.is_integer() and kind == "count":
        return int(value)
    if isinstance(value, int) or (isinstance(value, float) and kind == "number"):
        return value
    if kind == "count" and isinstance(value, float):
        raise CellFault(Phrase(f"{title} must be a whole number, got {value}", f"{title}应为整数，此处为{value}"))
    shown = excerpt(value)
    return_what = Phrase("a whole number", "整数") if kind == "count" else Phrase("a number", "数字")
    raise CellFault(Phrase(f"{title} must be {return_what.en}, got '{shown}'",
                           f"{title}应为{return_what.zh}，此处为“{shown}”"))


def _flag(value: Any, title: str) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellFault(Phrase(f"{title} must be 是 (yes) or 否 (no), got '{excerpt(value)}'",
                           f"{title}应为“是”或“否”，此处为“{excerpt(value)}”"))
