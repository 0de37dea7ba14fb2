"""``disclose annual-report``: a unit's 政府信息公开工作年度报告 in the national format."""

from __future__ import annotations

from pathlib import Path

import click

from .common import (AS_OF, CALENDAR, PATHS, fail_with, load_context, load_dataset, refuse_to_overwrite_input,
                     resolve_unit, work_calendar)
from .report import LANG, TEMPLATES, write_rendered


@click.command("annual-report")
@PATHS
@click.option("--unit", required=True, help="The unit (name or alias).")
@click.option("--year", type=int, required=True, help="The year reported on.")
@click.option("--format", "output_format", type=click.Choice(["html", "md", "docx"]), default="html",
              show_default=True, help="docx (a Word document, as offices file and print) needs -o.")
@LANG
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write to FILE (atomically); default: stdout (not for docx).")
@AS_OF
@TEMPLATES
@CALENDAR
def annual_report(paths: tuple[Path, ...], unit: str, year: int, output_format: str, lang: str,
                  output: Path | None, as_of, templates: Path | None, calendar_file: Path | None) -> None:
    """Write a unit's yearly 政府信息公开工作年度报告 (国办公开办函〔2021〕30号): the six headings, Table 二,
    Table 三 (all 175 cells), Table 四, and in 六 the unit's results on the year's key tasks.

    Exits 0 once written and 2 on invalid input. --as-of (default: today) dates the key-task results.
    """
    from ..documents.annual_report import build_annual_report
    from ..engine import CheckOptions, today_in_china
    from ..base.locations import Location, Problem

    if output_format == "docx" and output is None:
        raise click.UsageError("--format docx writes a Word file: give it with -o FILE")
    context = load_context()
    found = resolve_unit(unit, context)
    dataset = load_dataset(paths, context)
    refuse_to_overwrite_input(output, dataset)
    if not any(s.report.unit == found.name and s.report.year == year for s in dataset.sources):
        fail_with([Problem(Location(Path("--unit")), f"no {year} report for {found.name} in the files given")])
    options = CheckOptions(as_of=as_of or today_in_china(), parameters=context.config.parameters,
                           calendar=work_calendar(calendar_file, context))
    data = build_annual_report(dataset, found, year, options)
    if output_format == "docx":
        from ..documents.docx_writer import write_docx
        from ..output.atomic import atomic_binary_writer

        with atomic_binary_writer(output) as stream:
            write_docx(data, stream)
        return
    write_rendered(f"annual_report.{output_format}.j2", templates, lang, output, data=data)
