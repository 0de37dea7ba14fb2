"""``disclose due``: what falls due soon, soonest first."""

from __future__ import annotations

from pathlib import Path

import click

from .common import AS_OF, CALENDAR, PATHS, load_context, load_dataset, resolve_units, work_calendar, write_json


@click.command()
@PATHS
@click.option("--within", type=click.IntRange(min=0), default=10, show_default=True,
              help="Working days ahead of the as-of date.")
@AS_OF
@click.option("--unit", "units", multiple=True, help="Only this unit (name or alias); repeatable.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@CALENDAR
def due(paths: tuple[Path, ...], within: int, as_of, units: tuple[str, ...], output_format: str,
        calendar_file: Path | None) -> None:
    """List what falls due within N working days: feedback, requests, tasks, and windows closing with nothing
    recorded yet."""
    from ..engine import CheckOptions, check, today_in_china
    from ..model.findings import Status

    context = load_context()
    calendar = work_calendar(calendar_file, context)
    options = CheckOptions(as_of=as_of or today_in_china(), units=resolve_units(units, context),
                           parameters=context.config.parameters, calendar=calendar)
    result = check(load_dataset(paths, context), options)
    horizon = calendar.add(options.as_of, within)
    upcoming = sorted(
        (finding for finding in result.findings
         if finding.status is Status.PENDING and finding.due is not None and finding.due <= horizon),
        key=lambda finding: (finding.due, context.registry.order(finding.unit), finding.rule, finding.subject))
    if output_format == "json":
        write_json({"as_of": options.as_of.isoformat(), "until": horizon.isoformat(),
                    "due": [finding.to_json() for finding in upcoming]})
        return
    click.echo(f"due within {within} working days of {options.as_of} (through {horizon}):")
    if not upcoming:
        click.echo("  nothing")
    for finding in upcoming:
        left = calendar.count(options.as_of, finding.due)
        click.echo(f"  {finding.due}  ({left} working day{'s' * (left != 1)} left)  {finding.unit}  "
                   f"{finding.rule}  {finding.subject}")
    for warning in calendar.unknown_year_warnings():
        click.echo(f"warning: {warning}", err=True)
