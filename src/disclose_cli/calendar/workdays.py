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
from functools import lru_cache
from typing import Annotated

from pydantic import Field

from ..base.phrase import Phrase, plural
from ..model.fields import IsoDate, Record
from .years import FIRST_YEAR, LAST_YEAR, OutOfCalendar


class CalendarOverrides(Record):
    """A local override file: ``holidays: [dates]``, ``workdays: [dates]``, and optionally ``years: [2027]``
    to declare that the file completes the official arrangement of those years."""

    holidays: list[IsoDate] = Field(default_factory=list)
    workdays: list[IsoDate] = Field(default_factory=list)
    years: list[Annotated[int, Field(strict=True, ge=FIRST_YEAR, le=LAST_YEAR)]] = Field(default_factory=list)


@dataclass
class WorkCalendar:
    """Working-day arithmetic. ``unknown_years_used`` collects years whose official arrangement is not known
    and which some computation touched, so that output can say the count may be wrong.

    Years are turned into working days once, when first touched, and kept as one sorted list of ordinals
    (extended at either end as needed): adding or counting is a bisection, whatever the count."""

    overrides: CalendarOverrides = field(default_factory=CalendarOverrides)
    unknown_years_used: set[int] = field(default_factory=set)
    _workdays: list[int] = field(default_factory=list)  # proleptic ordinals, sorted
    _first_year: int | None = None
    _last_year: int | None = None
    _known: dict[int, bool] = field(default_factory=dict)
    _added: dict[tuple[dt.date, int], dt.date] = field(default_factory=dict)

    def is_known(self, year: int) -> bool:
        """Whether the official arrangement of ``year`` is known (to the library or the override file)."""
        self._cover(year, year)
        return self._known[year]

    def is_workday(self, day: dt.date) -> bool:
        self._cover(day.year, day.year)
        self._note(day.year, day.year)
        index = bisect_right(self._workdays, day.toordinal())
        return index > 0 and self._workdays[index - 1] == day.toordinal()

    def add(self, start: dt.date, count: int) -> dt.date:
        """The ``count``-th working day strictly after ``start``; ``start`` itself when ``count`` is 0.
        Raises OutOfCalendar when the answer would lie after LAST_YEAR."""
        # Records share dates and periods: most calls repeat one already answered.
        cached = self._added.get((start, count))
        if cached is not None:
            return cached
        if count < 0:
            raise ValueError("count must be at least 0")
        if count == 0:
            return start
        self._cover(start.year, start.year)
        index = bisect_right(self._workdays, start.toordinal()) + count - 1
        if index >= len(self._workdays):
            # Every year has well over 200 working days: this many more years reach far enough.
            self._cover(start.year, start.year + (index - len(self._workdays)) // 200 + 1)
        if index >= len(self._workdays):
            raise OutOfCalendar(Phrase(f"{plural(count, 'working day')} after {start}", f"{start}后第{count}个工作日"))
        result = dt.date.fromordinal(self._workdays[index])
        self._note(start.year, result.year)
        self._added[(start, count)] = result
        return result

    def count(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (``end`` ≥ ``start``)."""
        if end < start:
            raise ValueError("end must not be before start")
        self._cover(start.year, end.year)
        self._note(start.year, end.year)
        return bisect_right(self._workdays, end.toordinal()) - bisect_right(self._workdays, start.toordinal())

    def _note(self, first: int, last: int) -> None:
        for year in range(first, last + 1):
            if not self._known[year]:
                self.unknown_years_used.add(year)

    def _cover(self, first: int, last: int) -> None:
        """Make sure the table holds every year from ``first`` through ``last`` (and those between them and the
        years held already), within FIRST_YEAR … LAST_YEAR."""
        if first < FIRST_YEAR:
            raise OutOfCalendar(first)
        last = min(last, LAST_YEAR)
        if first > last:
            raise OutOfCalendar(first)
        if self._first_year is None:
            self._workdays = self._years(first, last)
            self._first_year, self._last_year = first, last
            return
        if first < self._first_year:
            self._workdays = self._years(first, self._first_year - 1) + self._workdays
            self._first_year = first
        if last > self._last_year:
            self._workdays += self._years(self._last_year + 1, last)
            self._last_year = last

    def _years(self, first: int, last: int) -> list[int]:
        ordinals: list[int] = []
        for year in range(first, last + 1):
            ordinals.extend(self._year_workdays(year))
        return ordinals

    def _year_workdays(self, year: int) -> list[int]:
        official, weekend_workdays = _official_year(year)
        # The library's public list of weekend working days tells whether it knows the year's arrangement.
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

    def unknown_year_warnings(self) -> list[Phrase]:
        """One warning for the unknown years a computation touched (consecutive years as one span)."""
        years = sorted(self.unknown_years_used)
        if not years:
            return []
        spans, start = [], years[0]
        for previous, year in zip(years, years[1:] + [None]):
            if year != previous + 1:
                spans.append(str(start) if start == previous else f"{start}–{previous}")
                start = year
        shown = ", ".join(spans)
        those_years = "该年" if len(years) == 1 else "这些年份"
        return [Phrase(f"the official working-day arrangement for {shown} is not known to the calendar; working days "
                       f"in {shown} were counted from weekends and fixed holidays only and may be wrong (add the "
                       "arrangement with --calendar FILE)",
                       f"工作日历中没有{'、'.join(spans)}年的国务院节假日安排；{those_years}的工作日只按周末和固定节日计算，"
                       "可能有误（可用 --calendar 文件补充当年安排）")]


@lru_cache(maxsize=None)
def _official_year(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """The library's holidays and weekend working days of ``year``: the same for every calendar and costly to
    compute, so computed once per process (the API and the in-process tests make calendars by the hundred)."""
    import holidays

    official = holidays.China(years=year)
    return frozenset(official), frozenset(day for day in official.weekend_workdays if day.year == year)
