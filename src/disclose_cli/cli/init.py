"""``disclose init``: a starter report for a unit, with its catalog tasks listed as planned."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..base.locations import InputError, Location, Problem
from ..base.phrase import Phrase
from .common import catalog_for, current_lang, load_context, open_output, resolve_unit, say
from .exitcodes import ExitCode
from .options import CATALOG_YEAR, LANG, UNIT, output_option


@click.command(epilog="Examples:\n\n  disclose init --unit 市科技局 -o reports/kjj.yaml\n\n  disclose init --unit 环翠区 --year 2024")
@UNIT
@CATALOG_YEAR
@output_option("Write to FILE; never overwrites an existing file. Default: stdout.")
@LANG
def init(unit: str, year: int | None, output: Path | None) -> int:
    """Write a starter report for a unit: each of its catalog tasks as planned, and every section with a short
    comment saying what it records."""
    from ..documents.starter import starter

    context = load_context()
    found = resolve_unit(unit, context)
    catalog = catalog_for(year, context)
    if output is not None and os.path.lexists(output):
        raise InputError([Problem.of(Location(output), Phrase("already exists; disclose init never overwrites a file",
                                                              "文件已存在；disclose init 不会覆盖已有文件"))])
    # Written under its name only if no file has taken it meanwhile (a hard link, not a rename over it).
    with open_output(output, exclusive=output is not None) as stream:
        stream.write(starter(found, catalog, context.config.parameters, current_lang()))
    if output is not None:
        say(Phrase(f"wrote {output}", f"已写入 {output}").pick(current_lang()), err=True)
    return ExitCode.OK
