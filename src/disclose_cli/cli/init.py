"""``disclose init``: a starter report for a unit, with its catalog tasks listed as planned."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..base.locations import InputError, Location, Problem
from .common import catalog_for, load_context, open_output, resolve_unit, say
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

    context = load_context()
    found = resolve_unit(unit, context)
    catalog = catalog_for(year, context)
    if output is not None and os.path.lexists(output):
        raise InputError([Problem(Location(output), "already exists; disclose init never overwrites a file")])
    # Written under its name only if no file has taken it meanwhile (a hard link, not a rename over it).
    with open_output(output, exclusive=output is not None) as stream:
        stream.write(starter(found, catalog, context.config.parameters))
    if output is not None:
        say(f"wrote {output}", err=True)
    return ExitCode.OK
