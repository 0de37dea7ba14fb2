"""The options and argument types that several commands share."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from .completion import complete_units, complete_years


class DateType(click.ParamType):
    """A date written YYYY-MM-DD."""

    name = "DATE"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        from ..calendar.years import FIRST_YEAR, LAST_YEAR

        try:
            day = dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(_said(f"'{value}' is not a date; write it as YYYY-MM-DD, such as 2024-09-30",
                            f"“{value}”不是日期；应写作YYYY-MM-DD，如2024-09-30"), param, ctx)
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            self.fail(_said(f"{day} is outside the years the working-day calendar covers, {FIRST_YEAR} to {LAST_YEAR}",
                            f"{day}超出工作日历的范围（{FIRST_YEAR}年至{LAST_YEAR}年）"), param, ctx)
        return day


DATE = DateType()

# Paths are checked by the core, so that a bad one is a problem among the others rather than a usage error.
PATHS = click.argument("paths", nargs=-1, type=click.Path(path_type=Path, readable=False))
AS_OF = click.option("--as-of", type=DATE, metavar="DATE",
                     help="Judge the data as at the end of this day (default: today in China Standard Time).")
CALENDAR = click.option("--calendar", "calendar_file", type=click.Path(path_type=Path), metavar="FILE",
                        help="YAML with extra 'holidays: [dates]' and 'workdays: [dates]' for the working-day "
                             "calendar.")
UNITS = click.option("--unit", "units", multiple=True, shell_complete=complete_units,
                     help="Only this unit (name or alias); repeatable.")
UNIT = click.option("--unit", required=True, shell_complete=complete_units, help="The unit (name or alias).")
CATALOG_YEAR = click.option("--year", type=int, default=None, shell_complete=complete_years,
                            help="Catalog year (default: the latest loaded).")
LANG = click.option("--lang", type=click.Choice(["zh", "en"]), default=None, expose_value=False,
                    help="Language of what people read: zh (the default) or en. Else DISCLOSE_LANG, else lang: in "
                         "disclose.yaml.")


def _be_quiet(ctx: click.Context, param: click.Parameter, quiet: bool) -> None:
    if quiet:
        ctx.find_root().ensure_object(dict)["quiet"] = True


QUIET = click.option("-q", "--quiet", is_flag=True, expose_value=False, callback=_be_quiet,
                     help="Show no progress on the terminal, and do not say where the output file went. (Progress "
                          "goes to stderr, and only when it is a terminal.)")
TEMPLATES = click.option("--templates", type=click.Path(path_type=Path, file_okay=False, exists=True),
                         help="A folder of templates that override the shipped ones.")


class OutputType(click.ParamType):
    """Where to write: a file, a device or pipe, or ``-`` for stdout. What it may be is decided when writing."""

    name = "FILE"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> Path:
        if isinstance(value, Path):
            return value
        if str(value) == "":
            self.fail(_said("the output file name is empty; give a file name, or - for stdout",
                            "输出文件名为空；请给出文件名，或用 - 表示输出到屏幕"), param, ctx)
        return Path(str(value))


def output_option(help_text: str = "Write to FILE (atomically); default: stdout.") -> object:
    return click.option("-o", "--output", type=OutputType(), metavar="FILE", help=help_text)


def _said(en: str, zh: str) -> str:
    """An option's problem in the run's language (click adds its own English frame: "Invalid value for …")."""
    from ..base.phrase import Phrase
    from .common import current_lang

    return Phrase(en, zh).pick(current_lang())
