"""The years the working-day calendar computes, and the error for what falls outside them."""

from __future__ import annotations


from ..base.limits import FIRST_YEAR, LAST_YEAR
from ..base.phrase import Phrase

__all__ = ["FIRST_YEAR", "LAST_YEAR", "OutOfCalendar"]



class OutOfCalendar(ValueError):
    """A date or a count that leads outside the years the calendar computes."""

    def __init__(self, day: object) -> None:
        self.phrase = Phrase(
            f"{day} is outside the working-day calendar, which covers {FIRST_YEAR} to {LAST_YEAR}",
            f"{day}超出工作日历的范围（{FIRST_YEAR}年至{LAST_YEAR}年）")
        super().__init__(self.phrase.en)
