"""The working-day calendar (workdays.py) and ``disclose workdays``.

Expected dates are worked out by hand from the State Council's 2024 arrangement (国办发明电〔2023〕7号, DOMAIN.md §5):
  days off     1/1; 2/10–2/17; 4/4–4/6; 5/1–5/5; 6/10; 9/15–9/17; 10/1–10/7
  make-up days 2/4 (Sun), 2/18 (Sun), 4/7 (Sun), 4/28 (Sun), 5/11 (Sat), 9/14 (Sat), 9/29 (Sun), 10/12 (Sat)
and, for the step into 2025, 国办发明电〔2024〕12号: 1/1 off (a Wednesday, no make-up day).
2024-01-01 is a Monday.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclose_cli.base.locations import InputError
from disclose_cli.calendar.workdays import WorkCalendar
from helpers import calendar_overrides

D = dt.date

MAKE_UP_DAYS_2024 = ["2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14",
                     "2024-09-29", "2024-10-12"]


def _span(first: str, last: str) -> list[str]:
    start, end = D.fromisoformat(first), D.fromisoformat(last)
    return [(start + dt.timedelta(days=offset)).isoformat() for offset in range((end - start).days + 1)]


DAYS_OFF_2024 = ["2024-01-01", *_span("2024-02-10", "2024-02-17"), *_span("2024-04-04", "2024-04-06"),
                 *_span("2024-05-01", "2024-05-05"), "2024-06-10", *_span("2024-09-15", "2024-09-17"),
                 *_span("2024-10-01", "2024-10-07")]


@pytest.fixture
def calendar() -> WorkCalendar:
    return WorkCalendar()


# ---- the 2024 arrangement ----------------------------------------------------------------------------------

@pytest.mark.parametrize("day", MAKE_UP_DAYS_2024)
def test_make_up_weekend_days_are_working_days(calendar, day):
    assert D.fromisoformat(day).weekday() >= 5  # they really are weekend days
    assert calendar.is_workday(D.fromisoformat(day))


@pytest.mark.parametrize("day", DAYS_OFF_2024)
def test_official_days_off_are_not_working_days(calendar, day):
    assert not calendar.is_workday(D.fromisoformat(day))


def test_new_years_eve_2024_is_a_working_day(calendar):
    # 除夕 2024-02-09 (Friday): the notice only encourages employers to give it off; it is not an official day off.
    assert calendar.is_workday(D(2024, 2, 9))


def test_ordinary_days(calendar):
    assert calendar.is_workday(D(2024, 3, 8))  # a Friday
    assert not calendar.is_workday(D(2024, 3, 9))  # a Saturday
    assert not calendar.is_workday(D(2024, 3, 10))  # a Sunday


def test_2024_has_251_working_days(calendar):
    # 262 weekdays (366 days from a Monday) − 19 weekday days off + 8 make-up days.
    assert calendar.count(D(2023, 12, 31), D(2024, 12, 31)) == 251
    assert sum(calendar.is_workday(D(2024, 1, 1) + dt.timedelta(days=n)) for n in range(366)) == 251


# ---- add ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("start", ["2024-09-27", "2024-02-10", "2024-10-01", "2030-06-01"])
def test_add_zero_is_the_start_day_even_on_a_day_off(calendar, start):
    assert calendar.add(D.fromisoformat(start), 0) == D.fromisoformat(start)


@pytest.mark.parametrize(("start", "count", "expected"), [
    # National Day: 9/29 (Sun, make-up) 1, 9/30 2, 10/1–10/7 off, 10/8–10/11 3–6, 10/12 (Sat, make-up) 7,
    # 10/14–10/16 8–10.
    ("2024-09-27", 10, "2024-10-16"),
    ("2024-09-27", 1, "2024-09-29"),
    ("2024-09-30", 1, "2024-10-08"),
    ("2024-10-11", 1, "2024-10-12"),
    # Mid-Autumn: 9/14 (Sat) is a make-up day; 9/15–9/17 off.
    ("2024-09-13", 1, "2024-09-14"),
    ("2024-09-14", 1, "2024-09-18"),
    # Labour Day: 4/28 (Sun) make-up; 5/1–5/5 off; 5/11 (Sat) make-up.
    ("2024-04-30", 1, "2024-05-06"),
    ("2024-04-26", 1, "2024-04-28"),
    ("2024-05-10", 1, "2024-05-11"),
    # Spring Festival: 2/9 (除夕) works, 2/10–2/17 off, 2/18 (Sun) make-up.
    ("2024-02-08", 1, "2024-02-09"),
    ("2024-02-09", 1, "2024-02-18"),
    ("2024-02-03", 1, "2024-02-04"),
    # A request received 2024-02-05 (Mon): 2/6–2/9 are 1–4, 2/18 5, 2/19–2/23 6–10, 2/26–3/1 11–15,
    # 3/4–3/8 16–20.
    ("2024-02-05", 20, "2024-03-08"),
    # Counting from a day off: the next working day is the first.
    ("2024-10-03", 1, "2024-10-08"),
    ("2024-02-12", 1, "2024-02-18"),
])
def test_add_across_2024_holidays(calendar, start, count, expected):
    assert calendar.add(D.fromisoformat(start), count) == D.fromisoformat(expected)


def test_add_into_2025(calendar):
    # 2025-01-01 (Wed) is a day off: the first working day after 2024-12-31 is Thursday 2025-01-02.
    assert calendar.add(D(2024, 12, 31), 1) == D(2025, 1, 2)
    # 12/23–12/27 1–5, 12/30 6, 12/31 7, 1/2–1/3 8–9, 1/6–1/10 10–14, 1/13–1/17 15–19, 1/20 20.
    assert calendar.add(D(2024, 12, 20), 20) == D(2025, 1, 20)
    assert calendar.count(D(2024, 12, 31), D(2025, 1, 2)) == 1
    assert calendar.unknown_years_used == set()


def test_add_rejects_a_negative_count(calendar):
    with pytest.raises(ValueError):
        calendar.add(D(2024, 1, 2), -1)


# ---- count --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("start", "end", "expected"), [
    ("2024-09-27", "2024-10-16", 10),
    ("2024-09-27", "2024-09-27", 0),
    ("2024-09-30", "2024-10-07", 0),  # National Day only
    ("2024-02-09", "2024-02-18", 1),
    ("2024-04-30", "2024-05-06", 1),
    ("2024-10-16", "2024-10-17", 1),
])
def test_count(calendar, start, end, expected):
    assert calendar.count(D.fromisoformat(start), D.fromisoformat(end)) == expected


def test_count_rejects_end_before_start(calendar):
    with pytest.raises(ValueError):
        calendar.count(D(2024, 10, 16), D(2024, 10, 15))


DAYS = st.dates(min_value=D(2023, 1, 1), max_value=D(2026, 6, 30))


@settings(max_examples=300, deadline=None)
@given(start=DAYS, count=st.integers(min_value=0, max_value=400))
def test_count_undoes_add(start, count):
    calendar = WorkCalendar()
    end = calendar.add(start, count)
    assert calendar.count(start, end) == count
    if count:
        assert end > start
        assert calendar.is_workday(end)
        # Nothing earlier reaches the same count: end is the count-th working day, not a later one.
        assert calendar.count(start, end - dt.timedelta(days=1)) == count - 1


@settings(max_examples=300, deadline=None)
@given(start=DAYS, span=st.integers(min_value=0, max_value=500))
def test_add_undoes_count_on_working_days(start, span):
    calendar = WorkCalendar()
    end = start + dt.timedelta(days=span)
    counted = calendar.count(start, end)
    reached = calendar.add(start, counted)
    assert reached <= end
    if counted and calendar.is_workday(end):
        assert reached == end


def test_a_fresh_calendar_gives_the_same_answers_in_any_order():
    # The table is built lazily and extended in both directions; the order of questions must not matter.
    forward, backward = WorkCalendar(), WorkCalendar()
    questions = [(D(2023, 3, 1), 30), (D(2024, 9, 27), 10), (D(2026, 1, 5), 3)]
    answers = [forward.add(start, count) for start, count in questions]
    assert [backward.add(start, count) for start, count in reversed(questions)] == list(reversed(answers))
    assert answers[1] == D(2024, 10, 16)


# ---- known and unknown years ---------------------------------------------------------------------------------

def test_2024_is_known_and_not_flagged(calendar):
    assert calendar.is_known(2024)
    calendar.add(D(2024, 9, 27), 10)
    calendar.is_workday(D(2024, 2, 9))
    assert calendar.unknown_years_used == set()
    assert calendar.unknown_year_warnings() == []


def test_an_unknown_year_is_flagged(calendar):
    assert not calendar.is_known(2030)
    # Weekends and fixed holidays still apply: 2030-10-01 (Tue) is National Day.
    assert calendar.add(D(2030, 9, 30), 1) > D(2030, 10, 1)
    assert calendar.unknown_years_used == {2030}
    warnings = calendar.unknown_year_warnings()
    assert len(warnings) == 1
    # In both languages: the reporter picks one.
    for text in (warnings[0].en, warnings[0].zh):
        assert "2030" in text and "--calendar" in text, text
    assert "没有2030年的国务院节假日安排；该年的工作日只按周末和固定节日计算" in warnings[0].zh


def test_is_known_alone_does_not_flag_a_year(calendar):
    calendar.is_known(2030)
    assert calendar.unknown_years_used == set()


def test_counting_through_an_unknown_year_flags_it(calendar):
    calendar.count(D(2026, 12, 1), D(2028, 1, 10))
    assert {2027, 2028} <= calendar.unknown_years_used
    assert 2026 not in calendar.unknown_years_used
    [warning] = calendar.unknown_year_warnings()  # consecutive years as one span, named together
    assert "2027–2028" in warning.en and "没有2027–2028年的国务院节假日安排；这些年份的工作日" in warning.zh


# ---- the override file ---------------------------------------------------------------------------------------

def test_an_extra_holiday_moves_a_deadline(tmp_path):
    calendar = WorkCalendar(calendar_overrides(tmp_path, "holidays: [2024-10-16]\n"))
    assert not calendar.is_workday(D(2024, 10, 16))
    assert calendar.add(D(2024, 9, 27), 10) == D(2024, 10, 17)


def test_an_extra_working_day_moves_a_deadline(tmp_path):
    calendar = WorkCalendar(calendar_overrides(tmp_path, "workdays: [2024-10-13]\n"))  # a Sunday
    assert calendar.is_workday(D(2024, 10, 13))
    assert calendar.add(D(2024, 9, 27), 10) == D(2024, 10, 15)


def test_an_override_can_turn_an_official_day_off_into_a_working_day(tmp_path):
    calendar = WorkCalendar(calendar_overrides(tmp_path, "workdays: [2024-10-07]\n"))
    assert calendar.add(D(2024, 9, 30), 1) == D(2024, 10, 7)


def test_override_years_make_a_year_known(tmp_path):
    calendar = WorkCalendar(calendar_overrides(tmp_path, "years: [2030]\nholidays: [2030-10-08]\n"))
    assert calendar.is_known(2030)
    assert not calendar.is_workday(D(2030, 10, 8))
    assert calendar.unknown_years_used == set()
    assert calendar.unknown_year_warnings() == []


def test_an_empty_override_file_changes_nothing(tmp_path):
    calendar = WorkCalendar(calendar_overrides(tmp_path, ""))
    assert calendar.add(D(2024, 9, 27), 10) == D(2024, 10, 16)


def test_a_day_listed_as_holiday_and_working_day_is_an_error(tmp_path):
    with pytest.raises(InputError) as error:
        calendar_overrides(tmp_path, "holidays: [2024-10-16, 2024-11-01]\nworkdays: [2024-11-01, 2024-10-13]\n")
    assert "2024-11-01" in str(error.value)
    assert "both" in str(error.value)


def test_an_override_with_a_bad_date_is_an_error(tmp_path):
    with pytest.raises(InputError) as error:
        calendar_overrides(tmp_path, "holidays: [2024-02-30]\n")
    assert "2024-02-30" in str(error.value)


# ---- the command line ----------------------------------------------------------------------------------------

def _invoke(cli, *args: str):
    """``disclose workdays ARGS`` in-process, through the ``cli`` fixture."""
    return cli("workdays", *args)


def test_cli_add_prints_the_date_last(cli):
    result = _invoke(cli, "add", "2024-09-27", "10")
    assert result.returncode == 0, (result.stdout + result.stderr)
    assert (result.stdout + result.stderr).strip().splitlines()[-1] == "2024-10-16"


def test_cli_add_across_the_spring_festival(cli):
    result = _invoke(cli, "add", "2024-02-05", "20")
    assert result.returncode == 0, (result.stdout + result.stderr)
    assert (result.stdout + result.stderr).strip().splitlines()[-1] == "2024-03-08"


def test_cli_count(cli):
    result = _invoke(cli, "count", "2024-09-27", "2024-10-16")
    assert result.returncode == 0, (result.stdout + result.stderr)
    assert (result.stdout + result.stderr).strip().splitlines()[-1] == "10"


def test_cli_count_of_the_same_day_is_zero(cli):
    result = _invoke(cli, "count", "2024-10-16", "2024-10-16")
    assert result.returncode == 0, (result.stdout + result.stderr)
    assert (result.stdout + result.stderr).strip().splitlines()[-1] == "0"


def test_cli_uses_the_calendar_file(cli, tmp_path):
    path = tmp_path / "calendar.yaml"
    path.write_text("holidays: [2024-10-16]\n", encoding="utf-8")
    result = _invoke(cli, "add", "2024-09-27", "10", "--calendar", str(path))
    assert result.returncode == 0, (result.stdout + result.stderr)
    assert (result.stdout + result.stderr).strip().splitlines()[-1] == "2024-10-17"


def test_cli_rejects_a_clashing_calendar_file(cli, tmp_path):
    path = tmp_path / "calendar.yaml"
    path.write_text("holidays: [2024-10-16]\nworkdays: [2024-10-16]\n", encoding="utf-8")
    result = _invoke(cli, "add", "2024-09-27", "10", "--calendar", str(path))
    assert result.returncode == 2
    assert "2024-10-16" in (result.stdout + result.stderr)


def test_cli_warns_about_an_unknown_year(cli):
    result = _invoke(cli, "add", "2030-09-27", "1")
    assert result.returncode == 0, (result.stdout + result.stderr)
    assert "2030" in result.stderr and "warning" in result.stderr
    assert result.stdout.strip().splitlines()[-1] == "2030-09-30"


@pytest.mark.parametrize("args", [
    ["add", "2024-09-27", "-1"],  # read as an unknown option
    ["add", "--", "2024-09-27", "-1"],  # a negative COUNT
    ["add", "2024-09-27", "ten"],
    ["add", "2024-13-01", "1"],
    ["add", "2024/09/27", "1"],
    ["count", "2024-10-16", "2024-09-27"],  # END before START
    ["count", "2024-02-30", "2024-03-01"],
    ["count", "2024-09-27"],  # END missing
])
def test_cli_usage_errors_exit_2(cli, args):
    result = _invoke(cli, *args)
    assert result.returncode == 2, (result.stdout + result.stderr)


def test_cli_negative_count_names_the_range(cli):
    result = _invoke(cli, "add", "--", "2024-09-27", "-1")
    assert result.returncode == 2
    assert "-1" in (result.stdout + result.stderr) and ">=0" in (result.stdout + result.stderr).replace(" ", "")


def test_cli_end_before_start_says_so(cli):
    result = _invoke(cli, "count", "2024-10-16", "2024-09-27")
    assert result.returncode == 2
    assert "before START" in (result.stdout + result.stderr)


def test_cli_bad_date_says_how_to_write_it(cli):
    result = _invoke(cli, "add", "2024-13-01", "1")
    assert result.returncode == 2
    assert "YYYY-MM-DD" in (result.stdout + result.stderr)


@pytest.mark.parametrize(("args", "code", "last_line"), [
    (["add", "2024-09-27", "10"], 0, "2024-10-16"),
    (["count", "2024-10-16", "2024-09-27"], 2, None),
    (["add", "2024-09-27", "-1"], 2, None),
])
def test_the_installed_entry_point(args, code, last_line):
    # Through main() as the `disclose` script runs it, which maps click's errors to its own exit codes.
    # A real process on purpose: `python -m disclose_cli` goes through entry.run (signal handler, os._exit),
    # which the in-process tests never reach.
    done = subprocess.run([sys.executable, "-m", "disclose_cli", "workdays", *args], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == code, done.stderr
    if last_line is not None:
        assert done.stdout.strip().splitlines()[-1] == last_line
    else:
        assert done.stderr.strip()
