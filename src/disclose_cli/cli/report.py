"""``disclose report``: the quarterly or yearly report in HTML or Markdown."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import (AS_OF, CALENDAR, PATHS, fail_with, load_context, load_dataset, refuse_to_overwrite_input,
                     work_calendar)

LANG = click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
                    help="Language of the report's labels.")
TEMPLATES = click.option("--templates", type=click.Path(path_type=Path, file_okay=False, exists=True),
                         help="A folder of templates that override the shipped ones.")


def _period(ctx: click.Context, param: click.Parameter, value: str):  # noqa: ANN202
    from ..calendar.periods import parse_period

    try:
        return parse_period(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


@click.command()
@PATHS
@click.option("--period", required=True, callback=_period, metavar="2024Q3|2024H1|2024",
              help="The quarter, half-year or year reported on.")
@click.option("--format", "output_format", type=click.Choice(["html", "md"]), default="html", show_default=True)
@LANG
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write to FILE (atomically); default: stdout.")
@AS_OF
@TEMPLATES
@CALENDAR
def report(paths: tuple[Path, ...], period, output_format: str, lang: str, output: Path | None, as_of,
           templates: Path | None, calendar_file: Path | None) -> None:
    """Write the report for a period: headline, rules, a scorecard per unit, meeting grid, multimedia share,
    trend over the year's quarters, and every failure.

    --as-of defaults to the period's last day, or today if that is earlier. Exits 0 once the report is written
    (failures are its content) and 2 on invalid input.
    """
    from ..engine import CheckOptions, today_in_china
    from ..documents.period_report import build, default_as_of

    context = load_context()
    options = CheckOptions(as_of=as_of or default_as_of(period, today_in_china()),
                           parameters=context.config.parameters, calendar=work_calendar(calendar_file, context))
    dataset = load_dataset(paths, context)
    refuse_to_overwrite_input(output, dataset)
    data = build(dataset, period, options)
    write_rendered(f"report.{output_format}.j2", templates, lang, output, data=data)


def write_rendered(template: str, templates: Path | None, lang: str, output: Path | None, **context) -> None:
    """Render a template and write it to ``output`` atomically, or to stdout."""
    from .. import __version__
    from ..base.locations import InputError
    from ..output.atomic import atomic_writer
    from ..documents.render import render

    try:
        text = render(template, templates, lang, version=__version__, **context)
        if output is None:
            click.echo(text, nl=False)
            return
        with atomic_writer(output) as stream:
            stream.write(text)
    except InputError as error:
        fail_with(error.problems)
    if sys.stderr.isatty():
        click.echo(f"wrote {output}", err=True)
