"""Reporting windows: quarters, half-years and years, with labels such as 2024Q3, 2024H1 and 2024."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..base.phrase import Phrase

_LABEL = re.compile(r"(\d{4})(?:([QH])([1-4]))?")


@dataclass(frozen=True, order=True)
class Window:
    start: dt.date
    end: dt.date
    label: str

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def name_zh(self) -> str:
        """How a Chinese text names the window: 2024年第三季度, 2024年上半年, 2024年."""
        return period_name_zh(self.label)


_QUARTERS_ZH = {"1": "第一季度", "2": "第二季度", "3": "第三季度", "4": "第四季度"}
_HALVES_ZH = {"1": "上半年", "2": "下半年"}


def period_name_zh(label: str) -> str:
    """2024Q3 → 2024年第三季度, 2024H1 → 2024年上半年, 2024 → 2024年; anything else as it is."""
    match = _LABEL.fullmatch(label)
    if not match:
        return label
    year, kind, number = match.groups()
    if kind is None:
        return f"{year}年"
    names = _QUARTERS_ZH if kind == "Q" else _HALVES_ZH
    return f"{year}年{names[number]}" if number in names else label


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def quarter(year: int, number: int) -> Window:
    return Window(dt.date(year, 3 * number - 2, 1), _month_end(year, 3 * number), f"{year}Q{number}")


def half(year: int, number: int) -> Window:
    return Window(dt.date(year, 6 * number - 5, 1), _month_end(year, 6 * number), f"{year}H{number}")


def whole_year(year: int) -> Window:
    return Window(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year))


def windows(year: int, span: str) -> list[Window]:
    """The year cut into ``quarter`` or ``half`` windows."""
    if span == "quarter":
        return [quarter(year, number) for number in range(1, 5)]
    if span == "half":
        return [half(year, number) for number in range(1, 3)]
    return [whole_year(year)]


class NotAPeriod(ValueError):
    """A label that names no period; ``phrase`` says what to write instead."""

    def __init__(self, phrase: Phrase) -> None:
        super().__init__(phrase.en)
        self.phrase = phrase


def parse_period(label: str) -> Window:
    """``2024``, ``2024H1`` or ``2024Q3`` as a window; NotAPeriod (a ValueError) otherwise."""
    match = _LABEL.fullmatch(label.strip().upper())
    if not match:
        raise NotAPeriod(Phrase(f"'{label}' is not a period; write 2024, 2024H1 or 2024Q3",
                                f"“{label}”不是报告期；应写作2024（全年）、2024H1（上半年）或2024Q3（第三季度）"))
    year = int(match.group(1))
    kind, number = match.group(2), match.group(3)
    if kind is None:
        return whole_year(year)
    if kind == "H" and number in ("1", "2"):
        return half(year, int(number))
    if kind == "Q":
        return quarter(year, int(number))
    raise NotAPeriod(Phrase(f"'{label}' is not a period; a year has half-years H1 and H2",
                            f"“{label}”不是报告期；一年只有上半年H1和下半年H2"))
