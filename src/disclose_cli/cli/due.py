"""``disclose due``: what falls due soon, soonest first."""

from __future__ import annotations

from pathlib import Path

import click

from ..base.limits import MAX_WORKDAYS
from ..base.safetext import one_line
from .common import load_context, load_dataset, resolve_units, say, write_json
from .exitcodes import ExitCode
from .options import AS_OF, CALENDAR, PATHS, UNITS


@click.command()
@PATHS
@click.option("--within", type=click.IntRange(min=0, max=MAX_WORKDAYS), default=10, show_default=True,
              help="Working days ahead of the as-of date (at most 1000).")
@AS_OF
@UNITS
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@CALENDAR
def due(paths: tuple[Path, ...], within: int, as_of, units: tuple[str, ...], output_format: str,
        calendar_file: Path | None) -> int:
    """List what falls due within N working days: feedback, requests, tasks, and windows closing with nothing
    recorded yet."""
    from ..engine import check, options_for
    from ..model.findings import Status

    context = load_context()
    options = options_for(context, as_of, units=resolve_units(units, context), calendar_file=calendar_file)
    calendar = options.calendar
    result = check(load_dataset(paths, context), options)
    horizon = calendar.add(options.as_of, within)
    upcoming = sorted(
        (finding for finding in result.findings
         if finding.status is Status.PENDING and finding.due is not None and finding.due <= horizon),
        key=lambda finding: (finding.due, context.registry.order(finding.unit), finding.rule, finding.subject))
    if output_format == "json":
        write_json({"as_of": options.as_of.isoformat(), "until": horizon.isoformat(),
                    "due": [finding.to_json() for finding in upcoming]})
        return ExitCode.OK
    say(f"due within {within} working days of {options.as_of} (through {horizon}):")
    if not upcoming:
        say("  nothing")
    for finding in upcoming:
        left = calendar.count(options.as_of, finding.due)
        say(f"  {finding.due}  ({left} working day{'s' * (left != 1)} left)  {one_line(finding.unit)}  "
            f"{finding.rule}  {one_line(finding.subject)}")
    for warning in calendar.unknown_year_warnings():
        say(f"warning: {warning}", err=True)
    return ExitCode.OK
