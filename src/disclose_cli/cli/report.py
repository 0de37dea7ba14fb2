"""``disclose report``: the quarterly or yearly report in HTML or Markdown."""

from __future__ import annotations

from pathlib import Path

import click

from .common import current_lang, load_context, load_dataset, progress, refuse_to_overwrite, write_text
from .completion import complete_periods
from .exitcodes import ExitCode
from .options import AS_OF, CALENDAR, LANG, PATHS, QUIET, TEMPLATES, output_option


def _period(ctx: click.Context, param: click.Parameter, value: str):  # noqa: ANN202
    from ..calendar.periods import NotAPeriod, parse_period

    try:
        return parse_period(value)
    except NotAPeriod as error:
        raise click.BadParameter(error.phrase.pick(current_lang())) from None


@click.command(epilog="Examples:\n\n  disclose report reports --period 2024Q3 -o q3.html\n\n  disclose report --period 2024 --format md --lang en")
@PATHS
@click.option("--period", required=True, callback=_period, metavar="2024Q3|2024H1|2024",
              shell_complete=complete_periods, help="The quarter, half-year or year reported on.")
@click.option("--format", "output_format", type=click.Choice(["html", "md"]), default=None,
              help="html (the default) or md; by default the suffix of -o decides.")
@LANG
@output_option()
@AS_OF
@TEMPLATES
@CALENDAR
@QUIET
def report(paths: tuple[Path, ...], period, output_format: str | None, output: Path | None, as_of,
           templates: Path | None, calendar_file: Path | None) -> int:
    """Write the report for a period: headline, rules, a scorecard per unit, meeting grid, multimedia share,
    trend over the year's quarters, and every failure.

    --as-of defaults to the period's last day, or today if that is earlier. Exits 0 once the report is written
    (failures are its content) and 2 on invalid input.
    """
    from ..documents.period_report import build
    from ..documents.render import render
    from ..engine import options_for
    from .formats import format_for

    output_format = format_for(output, output_format, ("html", "md"), "html")
    context = load_context()
    options = options_for(context, as_of, latest=period.end, calendar_file=calendar_file, progress=progress())
    dataset = load_dataset(paths, context)
    refuse_to_overwrite(output, context, dataset, (calendar_file, templates))
    data = build(dataset, period, options)
    write_text(render(f"report.{output_format}.j2", templates, current_lang(), options.progress, data=data), output)
    return ExitCode.OK
