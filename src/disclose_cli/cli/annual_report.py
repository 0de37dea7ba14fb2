"""``disclose annual-report``: a unit's 政府信息公开工作年度报告 in the national format."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..base.locations import InputError, Location, Problem
from ..base.phrase import Phrase
from .common import (
    current_lang,
    load_context,
    load_dataset,
    open_output,
    progress,
    refuse_to_overwrite,
    resolve_unit,
    say,
    write_text,
)
from .completion import complete_years
from .exitcodes import ExitCode
from .options import CALENDAR, DATE, LANG, PATHS, QUIET, TEMPLATES, UNIT, output_option


@click.command("annual-report", epilog="Examples:\n\n  disclose annual-report reports --unit 市科技局 --year 2024 -o kjj.docx\n\n  disclose annual-report --unit 荣成市 --year 2024 --format md")
@PATHS
@UNIT
@click.option("--year", type=int, required=True, shell_complete=complete_years, help="The year reported on.")
@click.option("--format", "output_format", type=click.Choice(["html", "md", "docx"]), default=None,
              help="html (the default), md, or docx (a Word document, as offices file and print; needs -o); by "
                   "default the suffix of -o decides.")
@LANG
@output_option("Write to FILE (atomically); default: stdout (not for docx).")
@click.option("--as-of", type=DATE, metavar="DATE",
              help="Judge the key tasks as at the end of this day and date the 落款 with it where the report file "
                   "has no annual_report.published (default: 31 December of --year, and a blank date to fill in).")
@TEMPLATES
@CALENDAR
@QUIET
def annual_report(paths: tuple[Path, ...], unit: str, year: int, output_format: str | None,
                  output: Path | None, as_of: dt.date | None, templates: Path | None,
                  calendar_file: Path | None) -> int:
    """Write a unit's yearly 政府信息公开工作年度报告 (国办公开办函〔2021〕30号), titled and signed with the unit's
    full name: the six headings, Table 二, Table 三 (all 175 cells), Table 四, and in 六 the unit's results on the
    year's key tasks (a paragraph, and a table of those not done on time).

    The report is judged as at 31 December of --year unless --as-of is given; the day it is generated appears
    nowhere in it. Exits 0 once written and 2 on invalid input.
    """
    from ..documents.annual_report import build_annual_report
    from ..engine import options_for
    from .formats import format_for

    output_format = format_for(output, output_format, ("html", "md", "docx"), "html")
    if output_format == "docx" and output is None:
        raise click.UsageError(Phrase("--format docx writes a Word file: give it with -o FILE",
                                      "“--format docx”生成 Word 文件，须用 -o 指定要写入的文件").pick(current_lang()))
    context = load_context()
    found = resolve_unit(unit, context)
    dataset = load_dataset(paths, context)
    refuse_to_overwrite(output, context, dataset, (calendar_file, templates))
    if not any(s.report.unit == found.name and s.report.year == year for s in dataset.sources):
        raise InputError([Problem.of(Location(Path("--unit")), Phrase(
            f"no {year} report for {found.name} in the files given", f"所给文件中没有{found.name}{year}年的报告"))])
    options = options_for(context, as_of or dt.date(year, 12, 31), calendar_file=calendar_file, progress=progress())
    data = build_annual_report(dataset, found, year, options, dated=as_of)
    lang = current_lang()
    for table, untyped in (("表三", data.sources.table3_untyped), ("表四", data.sources.table4_untyped)):
        if untyped:  # a row left out of typed figures counts as zeros: say which, as the form names them
            rows = "、".join(untyped)
            say(Phrase(f"note: {table}: {len(untyped)} rows not typed count as zeros: {rows}",
                       f"提示：{table}未填报的{len(untyped)}行按0计：{rows}").pick(lang), err=True)
    if output_format == "docx":
        from ..documents.docx import write_docx

        with open_output(output, binary=True) as stream:
            write_docx(data, stream, options.progress)
        return ExitCode.OK
    from ..documents.render import render

    write_text(render(f"annual_report.{output_format}.j2", templates, lang, options.progress, data=data), output)
    return ExitCode.OK
