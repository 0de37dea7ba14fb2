"""``disclose plan``: a unit's 工作配档表 for the year."""

from __future__ import annotations

from pathlib import Path

import click

from .common import (catalog_for, current_lang, load_context, load_dataset, progress, refuse_to_overwrite,
                     resolve_unit, write_text)
from .exitcodes import ExitCode
from .options import AS_OF, CALENDAR, CATALOG_YEAR, LANG, QUIET, TEMPLATES, UNIT, output_option


@click.command(epilog="Examples:\n\n  disclose plan --unit 环翠区\n\n"
                      "  disclose plan reports --unit 市科技局 --as-of 2024-09-30 -o kjj-plan.html\n\n"
                      "  disclose plan --unit 市科技局 --format csv -o kjj-plan.csv")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, readable=False))
@UNIT
@CATALOG_YEAR
@click.option("--format", "output_format", type=click.Choice(["md", "html", "csv"]), default=None,
              help="md (the default), html or csv (for Excel and WPS); by default the suffix of -o decides.")
@LANG
@output_option()
@TEMPLATES
@AS_OF
@CALENDAR
@QUIET
def plan(paths: tuple[Path, ...], unit: str, year: int | None, output_format: str | None, output: Path | None,
         templates: Path | None, as_of, calendar_file: Path | None) -> int:
    """Write a unit's 工作配档表 for the year: every catalog task with its id, every duty the rules enforce
    for the unit with its dates, and blank columns for who does what by when. With report files (PATHS), a
    progress column from the unit's report, judged as of --as-of (default: today)."""
    from ..documents.plan import build_plan
    from ..engine import check, options_for
    from .formats import format_for

    output_format = format_for(output, output_format, ("md", "html", "csv"), "md")
    context = load_context()
    refuse_to_overwrite(output, context, others=(templates, calendar_file))
    found = resolve_unit(unit, context)
    catalog = catalog_for(year, context)
    lang = current_lang()
    findings = options = None
    if paths:
        dataset = load_dataset(paths, context)
        refuse_to_overwrite(output, context, dataset)
        options = options_for(context, as_of, units=(found.name,), calendar_file=calendar_file, progress=progress())
        findings = [finding for finding in check(dataset, options).findings if finding.year == catalog.year]
    data = build_plan(catalog, found, context.config.parameters, findings, lang, options.as_of if options else None)
    if output_format == "csv":
        from ..documents.plan_csv import plan_csv

        write_text(plan_csv(data, lang), output, newline="")
    else:
        from ..documents.render import render

        write_text(render(f"plan.{output_format}.j2", templates, lang, plan=data), output)
    return ExitCode.OK
