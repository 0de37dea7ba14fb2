"""The edges of the working-day calendar (calendar/workdays.py, calendar/years.py): the first and last years it
computes, the first working day of the first year it loads, a table extended backwards, the override file's
years, and the unknown-year warning in both languages.

2024-01-01 (Mon) is New Year's Day, so 2024-01-02 is 2024's first working day. 2100-12-31 is a Friday.
"""

from __future__ import annotations

import datetime as dt

import pytest

from disclose_cli.base.locations import InputError
from disclose_cli.base.phrase import Phrase
from disclose_cli.calendar.workdays import WorkCalendar
from helpers import calendar_overrides
from disclose_cli.calendar.years import FIRST_YEAR, LAST_YEAR, OutOfCalendar

D = dt.date


def test_the_first_working_day_of_the_first_year_loaded():
    calendar = WorkCalendar()  # nothing loaded yet: 2024 is the first and only year in the table
    assert calendar.is_workday(D(2024, 1, 2))
    assert not WorkCalendar().is_workday(D(2024, 1, 1))
    assert WorkCalendar().add(D(2024, 1, 1), 1) == D(2024, 1, 2)
    assert WorkCalendar().count(D(2024, 1, 1), D(2024, 1, 2)) == 1


def test_the_first_and_last_years_the_calendar_computes():
    assert (FIRST_YEAR, LAST_YEAR) == (1950, 2100)
    assert WorkCalendar().add(D(1950, 1, 1), 1) == D(1950, 1, 2)  # 1950-01-02, a Monday
    assert WorkCalendar().is_workday(D(1950, 1, 2))
    assert WorkCalendar().add(D(2100, 12, 30), 1) == D(2100, 12, 31)
    assert WorkCalendar().count(D(2100, 12, 30), D(2100, 12, 31)) == 1


@pytest.mark.parametrize(("day", "en", "zh"), [
    (D(1949, 12, 31), "1949 is outside the working-day calendar, which covers 1950 to 2100",
     "1949超出工作日历的范围（1950年至2100年）"),
    (D(2101, 1, 1), "2101 is outside the working-day calendar, which covers 1950 to 2100",
     "2101超出工作日历的范围（1950年至2100年）"),
])
def test_a_day_outside_the_years_computed(day, en, zh):
    with pytest.raises(OutOfCalendar) as raised:
        WorkCalendar().is_workday(day)
    assert raised.value.phrase == Phrase(en, zh)
    assert str(raised.value) == en


def test_working_days_beyond_the_last_year():
    calendar = WorkCalendar()
    with pytest.raises(OutOfCalendar) as raised:
        calendar.add(D(2100, 12, 30), 2)  # one past the last working day the table holds
    assert raised.value.phrase == Phrase(
        "2 working days after 2100-12-30 is outside the working-day calendar, which covers 1950 to 2100",
        "2100-12-30后第2个工作日超出工作日历的范围（1950年至2100年）")
    with pytest.raises(OutOfCalendar) as raised:
        calendar.add(D(2100, 12, 31), 1)  # the last working day itself: the next is past the table
    assert raised.value.phrase.en.startswith("1 working day after 2100-12-31 is outside")  # one day, not "days"
    with pytest.raises(OutOfCalendar) as raised:
        WorkCalendar().add(D(2099, 6, 1), 400)  # far enough to need the years after 2100
    assert raised.value.phrase.zh == "2099-06-01后第400个工作日超出工作日历的范围（1950年至2100年）"


def test_out_of_calendar_names_a_date_or_a_phrase():
    assert OutOfCalendar(D(1949, 5, 1)).phrase == Phrase(
        "1949-05-01 is outside the working-day calendar, which covers 1950 to 2100",
        "1949-05-01超出工作日历的范围（1950年至2100年）")
    assert OutOfCalendar(Phrase("the day", "该日")).phrase == Phrase(
        "the day is outside the working-day calendar, which covers 1950 to 2100", "该日超出工作日历的范围（1950年至2100年）")


def test_bad_counts_say_what_is_wrong():
    with pytest.raises(ValueError, match="^count must be at least 0$"):
        WorkCalendar().add(D(2024, 9, 27), -1)
    with pytest.raises(ValueError, match="^end must not be before start$"):
        WorkCalendar().count(D(2024, 9, 27), D(2024, 9, 26))


def test_a_table_extended_backwards_year_by_year():
    # Loaded from 2025 first, then 2024, then 2023: each year is added once, before the years already held.
    calendar = WorkCalendar()
    assert calendar.count(D(2025, 1, 1), D(2025, 1, 31)) == 19  # 2025: 1/28–2/4 Spring Festival; 1/26 make-up
    assert calendar.count(D(2024, 12, 31), D(2025, 1, 2)) == 1
    assert calendar.count(D(2023, 12, 29), D(2024, 1, 2)) == 1
    assert calendar.count(D(2023, 12, 31), D(2024, 12, 31)) == 251
    assert calendar.add(D(2023, 12, 29), 1) == D(2024, 1, 2)
    assert calendar.count(D(2023, 1, 1), D(2025, 12, 31)) == WorkCalendar().count(D(2023, 1, 1), D(2025, 12, 31))


def test_an_override_can_make_1_january_a_working_day(tmp_path):
    calendar = WorkCalendar(calendar_overrides(tmp_path, "workdays: [2024-01-01]\n"))
    assert calendar.is_workday(D(2024, 1, 1))
    assert calendar.add(D(2023, 12, 29), 1) == D(2024, 1, 1)
    assert calendar.count(D(2023, 12, 31), D(2024, 12, 31)) == 252


@pytest.mark.parametrize("year", [FIRST_YEAR, LAST_YEAR])
def test_the_override_file_may_name_the_first_and_last_years(tmp_path, year):
    assert calendar_overrides(tmp_path, f"years: [{year}]\n").years == [year]
    assert WorkCalendar(calendar_overrides(tmp_path, f"years: [{year}]\n")).is_known(year)


def test_the_override_file_names_no_year_outside_the_calendar(tmp_path):
    with pytest.raises(InputError) as raised:
        calendar_overrides(tmp_path, "years: [1949, 2101]\n")
    problems = raised.value.problems
    assert [(problem.location.line, problem.location.column) for problem in problems] == [(1, 9), (1, 15)]
    assert "1950" in problems[0].message and "1949" in problems[0].message
    assert problems[0].message_zh == "0不能小于1950，此处为1949"
    assert problems[1].message_zh == "1不能大于2100，此处为2101"


def test_counting_within_one_unknown_year_warns_of_it():
    calendar = WorkCalendar()
    assert calendar.count(D(2030, 3, 1), D(2030, 3, 29)) == 20
    assert calendar.unknown_years_used == {2030}
    assert calendar.unknown_year_warnings() == [Phrase(
        "the official working-day arrangement for 2030 is not known to the calendar; working days in 2030 were "
        "counted from weekends and fixed holidays only and may be wrong (add the arrangement with --calendar FILE)",
        "工作日历中没有2030年的国务院节假日安排；该年的工作日只按周末和固定节日计算，可能有误（可用 --calendar 文件补充当年安排）")]


def test_unknown_years_are_named_as_spans():
    calendar = WorkCalendar()
    calendar.unknown_years_used.update({2031, 2027, 2029, 2030, 2033})
    [warning] = calendar.unknown_year_warnings()
    assert warning.en.startswith("the official working-day arrangement for 2027, 2029–2031, 2033 is not known")
    assert "working days in 2027, 2029–2031, 2033 were counted" in warning.en
    assert warning.zh == ("工作日历中没有2027、2029–2031、2033年的国务院节假日安排；这些年份的工作日只按周末和固定节日计算，"
                          "可能有误（可用 --calendar 文件补充当年安排）")


def test_two_consecutive_unknown_years_are_one_span():
    calendar = WorkCalendar()
    calendar.unknown_years_used.update({2028, 2027})
    assert calendar.unknown_year_warnings()[0].zh.startswith("工作日历中没有2027–2028年的国务院节假日安排；这些年份")
