"""Reporting windows (calendar/periods.py): their first and last days, their labels and Chinese names, and the
labels a user may type (``--period``)."""

from __future__ import annotations

import datetime as dt

import pytest

from disclose_cli.calendar.periods import Window, half, parse_period, period_name_zh, quarter, whole_year, windows

D = dt.date


def test_a_year_runs_from_1_january_to_31_december():
    year = whole_year(2024)
    assert (year.start, year.end, year.label, year.name_zh) == (D(2024, 1, 1), D(2024, 12, 31), "2024", "2024年")
    assert D(2023, 12, 31) not in year and D(2024, 1, 1) in year and D(2024, 1, 2) in year
    assert D(2024, 12, 31) in year and D(2025, 1, 1) not in year


@pytest.mark.parametrize(("number", "first", "last", "name"), [
    (1, D(2024, 1, 1), D(2024, 3, 31), "2024年第一季度"),
    (2, D(2024, 4, 1), D(2024, 6, 30), "2024年第二季度"),
    (3, D(2024, 7, 1), D(2024, 9, 30), "2024年第三季度"),
    (4, D(2024, 10, 1), D(2024, 12, 31), "2024年第四季度"),
])
def test_quarters(number, first, last, name):
    window = quarter(2024, number)
    assert (window.start, window.end, window.label, window.name_zh) == (first, last, f"2024Q{number}", name)
    assert first - dt.timedelta(days=1) not in window and last + dt.timedelta(days=1) not in window


@pytest.mark.parametrize(("number", "first", "last", "name"), [
    (1, D(2025, 1, 1), D(2025, 6, 30), "2025年上半年"),
    (2, D(2025, 7, 1), D(2025, 12, 31), "2025年下半年"),
])
def test_half_years(number, first, last, name):
    window = half(2025, number)
    assert (window.start, window.end, window.label, window.name_zh) == (first, last, f"2025H{number}", name)


def test_a_year_cut_into_windows():
    assert [window.label for window in windows(2024, "quarter")] == ["2024Q1", "2024Q2", "2024Q3", "2024Q4"]
    assert [window.label for window in windows(2024, "half")] == ["2024H1", "2024H2"]
    assert windows(2024, "year") == [Window(D(2024, 1, 1), D(2024, 12, 31), "2024")]


@pytest.mark.parametrize(("label", "window"), [
    ("2024", Window(D(2024, 1, 1), D(2024, 12, 31), "2024")),
    ("2024H1", Window(D(2024, 1, 1), D(2024, 6, 30), "2024H1")),
    ("2024H2", Window(D(2024, 7, 1), D(2024, 12, 31), "2024H2")),
    ("2024Q1", Window(D(2024, 1, 1), D(2024, 3, 31), "2024Q1")),  # a quarter, not a half-year
    ("2024Q2", Window(D(2024, 4, 1), D(2024, 6, 30), "2024Q2")),
    ("2024Q4", Window(D(2024, 10, 1), D(2024, 12, 31), "2024Q4")),
    (" 2024q3 ", Window(D(2024, 7, 1), D(2024, 9, 30), "2024Q3")),  # as typed: spaces and lower case
    ("2024h2", Window(D(2024, 7, 1), D(2024, 12, 31), "2024H2")),
])
def test_periods_a_user_may_type(label, window):
    assert parse_period(label) == window


@pytest.mark.parametrize("label", ["2024Q5", "2024Q0", "24Q1", "2024-Q1", "2024S1", "", "2024Q1x"])
def test_what_is_not_a_period(label):
    with pytest.raises(ValueError) as raised:
        parse_period(label)
    assert str(raised.value) == f"'{label}' is not a period; write 2024, 2024H1 or 2024Q3"
    assert raised.value.phrase.zh == f"“{label}”不是报告期；应写作2024（全年）、2024H1（上半年）或2024Q3（第三季度）"


@pytest.mark.parametrize("label", ["2024H3", "2024H4"])
def test_a_year_has_two_half_years(label):
    with pytest.raises(ValueError) as raised:
        parse_period(label)
    assert str(raised.value) == f"'{label}' is not a period; a year has half-years H1 and H2"
    assert raised.value.phrase.zh == f"“{label}”不是报告期；一年只有上半年H1和下半年H2"


@pytest.mark.parametrize(("label", "name"), [
    ("2024", "2024年"), ("2024Q1", "2024年第一季度"), ("2024Q4", "2024年第四季度"), ("2024H1", "2024年上半年"),
    ("2024H2", "2024年下半年"),
    ("2024H3", "2024H3"), ("2024Q5", "2024Q5"),  # no such window: as it is
    ("表三 总计", "表三 总计"), ("2024q1", "2024q1"),  # not a label (labels are upper case)
])
def test_period_names_in_chinese(label, name):
    assert period_name_zh(label) == name
