"""``disclose workdays``: working-day arithmetic on the official calendar, for checking a deadline by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..base.phrase import Phrase
from .common import current_lang, load_config, say
from .exitcodes import ExitCode
from .help import WholeSentenceGroup
from .options import CALENDAR, DATE, LANG


@click.group(cls=WholeSentenceGroup,
             epilog="Examples:\n\n  disclose workdays add 2024-09-27 10\n\n  disclose workdays count 2024-09-27 2024-10-16")
def workdays() -> None:
    """Working days on China's official calendar (holidays and make-up working days included)."""


def _calendar(calendar_file: Path | None):  # noqa: ANN202 - the calendar is imported lazily
    from ..loading.calendar_file import work_calendar

    return work_calendar(calendar_file or load_config().calendar)


def _print(result: object, calendar) -> int:  # noqa: ANN001
    for warning in calendar.unknown_year_warnings():
        say(Phrase(f"warning: {warning.en}", f"提示：{warning.zh}").pick(current_lang()), err=True)
    say(result)
    return ExitCode.OK


@workdays.command(epilog="Examples:\n\n  disclose workdays add 2024-09-27 10\n\n  disclose workdays add 2024-02-05 20")
@click.argument("start", type=DATE)
@click.argument("count", type=click.IntRange(min=0))
@CALENDAR
@LANG
def add(start: dt.date, count: int, calendar_file: Path | None) -> int:
    """Print the COUNT-th working day after START (START itself not counted; COUNT 0 gives START)."""
    calendar = _calendar(calendar_file)
    return _print(calendar.add(start, count).isoformat(), calendar)


@workdays.command(epilog="Examples:\n\n  disclose workdays count 2024-09-27 2024-10-16")
@click.argument("start", type=DATE)
@click.argument("end", type=DATE)
@CALENDAR
@LANG
def count(start: dt.date, end: dt.date, calendar_file: Path | None) -> int:
    """Print the number of working days after START up to and including END."""
    if end < start:
        raise click.BadParameter(Phrase(f"END {end} is before START {start}", f"结束日期{end}早于开始日期{start}")
                                 .pick(current_lang()), param_hint="END")
    calendar = _calendar(calendar_file)
    return _print(calendar.count(start, end), calendar)
