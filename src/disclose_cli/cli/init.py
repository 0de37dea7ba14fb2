"""``disclose init``: a starter report for a unit, with its catalog tasks listed as planned."""

from __future__ import annotations

from pathlib import Path

import click

from ..base.locations import InputError, Location, Problem
from .common import catalog_for, load_context, resolve_unit
from .exitcodes import ExitCode
from .options import CATALOG_YEAR, UNIT, output_option


@click.command()
@UNIT
@CATALOG_YEAR
@output_option("Write to FILE; never overwrites an existing file. Default: stdout.")
def init(unit: str, year: int | None, output: Path | None) -> int:
    """Write a starter report for a unit: each of its catalog tasks as planned, and every section with a short
    comment saying what it records."""
    from ..documents.starter import starter
    from ..output.atomic import atomic_writer

    context = load_context()
    found = resolve_unit(unit, context)
    catalog = catalog_for(year, context)
    if output is not None and (output.exists() or output.is_symlink()):
        raise InputError([Problem(Location(output), "already exists; disclose init never overwrites a file")])
    text = starter(found, catalog, context.config.parameters)
    if output is None:
        click.echo(text, nl=False)
        return ExitCode.OK
    with atomic_writer(output) as stream:
        stream.write(text)
    click.echo(f"wrote {output}", err=True)
    return ExitCode.OK
