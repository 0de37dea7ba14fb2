"""The years the working-day calendar computes, and the error for what falls outside them."""

from __future__ import annotations

from ..base.limits import FIRST_YEAR, LAST_YEAR
from ..base.phrase import Phrase

__all__ = ["FIRST_YEAR", "LAST_YEAR", "OutOfCalendar"]


class OutOfCalendar(ValueError):
    """A date or a count that leads outside the years the calendar computes."""

    def __init__(self, what: object) -> None:
        """``what``: a year, a date, or a Phrase naming the day sought (such as "N working days after D")."""
        named = what if isinstance(what, Phrase) else Phrase(str(what), str(what))
        self.phrase = Phrase(
            f"{named.en} is outside the working-day calendar, which covers {FIRST_YEAR} to {LAST_YEAR}",
            f"{named.zh}超出工作日历的范围（{FIRST_YEAR}年至{LAST_YEAR}年）")
        super().__init__(self.phrase.en)
