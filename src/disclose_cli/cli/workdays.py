"""``disclose workdays``: working-day arithmetic on the official calendar, for checking a deadline by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from .common import CALENDAR, load_config, work_calendar


class _Date(click.ParamType):
    name = "DATE"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"'{value}' is not a date; write it as YYYY-MM-DD, such as 2024-09-30", param, ctx)


DATE = _Date()


@click.group()
def workdays() -> None:
    """Working days on China's official calendar (holidays and make-up working days included)."""


def _warn(calendar) -> None:  # noqa: ANN001
    for warning in calendar.unknown_year_warnings():
        click.echo(f"warning: {warning}", err=True)


@workdays.command()
@click.argument("start", type=DATE)
@click.argument("count", type=click.IntRange(min=0))
@CALENDAR
def add(start: dt.date, count: int, calendar_file: Path | None) -> None:
    """Print the COUNT-th working day after START (START itself not counted; COUNT 0 gives START)."""
    calendar = work_calendar(calendar_file or load_config().calendar)
    result = calendar.add(start, count)
    _warn(calendar)
    click.echo(result.isoformat())


@workdays.command()
@click.argument("start", type=DATE)
@click.argument("end", type=DATE)
@CALENDAR
def count(start: dt.date, end: dt.date, calendar_file: Path | None) -> None:
    """Print the number of working days after START up to and including END."""
    if end < start:
        raise click.BadParameter(f"END {end} is before START {start}", param_hint="END")
    calendar = work_calendar(calendar_file or load_config().calendar)
    result = calendar.count(start, end)
    _warn(calendar)
    click.echo(str(result))
