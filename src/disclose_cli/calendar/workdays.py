"""Statutory working days on China's official calendar, with make-up working days (调休上班日).

A working day is Monday to Friday unless the State Council's yearly arrangement makes it a holiday, plus the
weekend days it declares working days. The arrangement comes from the ``holidays`` package; a local override file
can add holidays or working days. Each year is turned once into a sorted list of working days, so that adding or
counting working days is a bisection, never a loop over days.

"N working days after D" is the Nth working day strictly after D: the day D itself is not counted
(民法典 第二百零一条: 开始的当日不计入; 政府信息公开条例 practice: 自收到申请次日起算).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Annotated

from pydantic import Field

from ..model.fields import IsoDate, Record


class CalendarOverrides(Record):
    """A local override file: ``holidays: [dates]``, ``workdays: [dates]``, and optionally ``years: [2027]``
    to declare that the file completes the official arrangement of those years."""

    holidays: list[IsoDate] = Field(default_factory=list)
    workdays: list[IsoDate] = Field(default_factory=list)
    years: list[Annotated[int, Field(strict=True, ge=1950, le=2100)]] = Field(default_factory=list)


@dataclass
class WorkCalendar:
    """Working-day arithmetic. ``unknown_years_used`` collects years whose official arrangement is not known
    and which some computation touched, so that output can say the count may be wrong."""

    overrides: CalendarOverrides = field(default_factory=CalendarOverrides)
    unknown_years_used: set[int] = field(default_factory=set)
    _workdays: list[int] = field(default_factory=list)  # proleptic ordinals, sorted
    _first_year: int | None = None
    _last_year: int | None = None
    _known: dict[int, bool] = field(default_factory=dict)
    _added: dict[tuple[dt.date, int], dt.date] = field(default_factory=dict)

    def is_known(self, year: int) -> bool:
        """Whether the official arrangement of ``year`` is known (to the library or the override file)."""
        self._cover(year)
        return self._known[year]

    def is_workday(self, day: dt.date) -> bool:
        self._cover(day.year)
        self._note(day.year)
        index = bisect_right(self._workdays, day.toordinal())
        return index > 0 and self._workdays[index - 1] == day.toordinal()

    def add(self, start: dt.date, count: int) -> dt.date:
        """The ``count``-th working day strictly after ``start``; ``start`` itself when ``count`` is 0."""
        # Records share dates and periods: most calls repeat one already answered.
        cached = self._added.get((start, count))
        if cached is not None:
            return cached
        result = self._add(start, count)
        self._added[(start, count)] = result
        return result

    def _add(self, start: dt.date, count: int) -> dt.date:
        if count < 0:
            raise ValueError("count must be at least 0")
        if count == 0:
            return start
        self._cover(start.year)
        # Each year has well over 200 working days: extend the table until it reaches far enough.
        while True:
            index = bisect_right(self._workdays, start.toordinal()) + count - 1
            if index < len(self._workdays):
                break
            self._cover(self._last_year + 1)
        result = dt.date.fromordinal(self._workdays[index])
        for year in range(start.year, result.year + 1):
            self._note(year)
        return result

    def count(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (``end`` ≥ ``start``)."""
        if end < start:
            raise ValueError("end must not be before start")
        self._cover(start.year)
        self._cover(end.year)
        if start.year != end.year or not self._known[start.year]:
            for year in range(start.year, end.year + 1):
                self._note(year)
        return bisect_right(self._workdays, end.toordinal()) - bisect_right(self._workdays, start.toordinal())

    def _note(self, year: int) -> None:
        if not self._known[year]:
            self.unknown_years_used.add(year)

    def _cover(self, year: int) -> None:
        """Make sure the table holds every year from the first one needed through ``year``."""
        if self._first_year is not None and self._first_year <= year <= self._last_year:
            return
        first = year if self._first_year is None else min(year, self._first_year)
        last = year if self._last_year is None else max(year, self._last_year)
        ordinals: list[int] = []
        for each in range(first, last + 1):
            ordinals.extend(self._year_workdays(each))
        self._workdays = ordinals
        self._first_year, self._last_year = first, last

    def _year_workdays(self, year: int) -> list[int]:
        import holidays

        official = holidays.China(years=year)
        # The library's public list of weekend working days tells whether it knows the year's arrangement.
        weekend_workdays = {day for day in official.weekend_workdays if day.year == year}
        self._known[year] = bool(weekend_workdays) or year in self.overrides.years
        extra_holidays = {day for day in self.overrides.holidays if day.year == year}
        extra_workdays = {day for day in self.overrides.workdays if day.year == year}
        start = dt.date(year, 1, 1).toordinal()
        end = dt.date(year, 12, 31).toordinal()
        result = []
        for ordinal in range(start, end + 1):  # once per year, when the table is built
            day = dt.date.fromordinal(ordinal)
            if day in extra_workdays:
                working = True
            elif day in extra_holidays or day in official:
                working = False
            else:
                working = day.weekday() < 5 or day in weekend_workdays
            if working:
                result.append(ordinal)
        return result

    def unknown_year_warnings(self) -> list[str]:
        return [f"the official working-day arrangement for {year} is not known to the calendar; working days "
                f"in {year} were counted from weekends and fixed holidays only and may be wrong (add the year's "
                "arrangement with --calendar FILE)" for year in sorted(self.unknown_years_used)]
