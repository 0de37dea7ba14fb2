"""``disclose workbook``: a unit's fill-in workbook for Excel and WPS, prefilled from its report file."""

from __future__ import annotations

from pathlib import Path

import click

from ..base.locations import InputError, Location, Problem
from ..base.phrase import Phrase
from .common import current_lang, load_context, load_dataset, open_output, refuse_to_overwrite, resolve_unit, say
from .exitcodes import ExitCode
from .options import LANG, PATHS, UNIT, OutputType


@click.command(epilog="Examples:\n\n  disclose workbook --unit 市教育局 -o jyj.xlsx\n\n"
                      "  disclose workbook reports --unit 市科技局 --year 2024 -o kjj.xlsx")
@PATHS
@UNIT
@click.option("--year", type=int, default=None, help="The year (default: the latest catalog's).")
@click.option("-o", "--output", type=OutputType(), metavar="FILE.xlsx", required=True,
              help="The workbook to write (atomically); - for stdout.")
@LANG
def workbook(paths: tuple[Path, ...], unit: str, year: int | None, output: Path) -> int:
    """Write a unit's fill-in workbook (.xlsx, for Excel and WPS): the 说明 sheet, its catalog tasks to report on
    (重点工作), one sheet per section of the report file, Table 二, the annual report's text and figures, and the
    office's waivers (read-only). With the unit's report file among PATHS (or in disclose.yaml's report folders),
    it is prefilled with what the file holds. `disclose import` turns the filled workbook back into the file."""
    from ..documents.workbook import WorkbookInput, build_workbook
    from ..loading.consistency import report_years

    if str(output) != "-" and output.suffix.lower() != ".xlsx":
        raise InputError([Problem.of(Location(output), Phrase(
            "the workbook is an .xlsx file: give -o a name ending in .xlsx (or - for stdout)",
            "填报表为 .xlsx 文件：-o 的文件名应以 .xlsx 结尾（或用 - 输出到屏幕）"))])
    context = load_context()
    found = resolve_unit(unit, context)
    year = year or max(context.catalogs)
    if year not in report_years(context.catalogs):
        known = ", ".join(str(each) for each in sorted(context.catalogs))
        raise InputError([Problem.of(Location(Path("--year")), Phrase(
            f"no task catalog for {year}, and no report is kept for it; catalogs are loaded for: {known}",
            f"没有{year}年的重点工作任务表，也不填报该年度；已载入的年度：{known}"))])
    dataset = load_dataset(paths, context) if paths or context.config.reports else None
    refuse_to_overwrite(output, context, dataset)
    report = next((source.report for source in (dataset.sources if dataset else ())
                   if source.report.unit == found.name and source.report.year == year), None)
    catalog = context.catalog(year)
    # Whom to ask: disclose.yaml's office, else the office that issued the year's catalog (or the first one).
    office = context.config.office or (catalog or context.catalogs[min(context.catalogs)]).notice.issuer
    content = build_workbook(WorkbookInput(found, year, catalog, report, office, context.config.contact))
    with open_output(output, binary=True) as stream:
        stream.write(content)
    lang = current_lang()
    if str(output) != "-":
        prefilled = Phrase(", prefilled from its report file", "，已按报告文件预填") if report else Phrase("", "")
        say(Phrase(f"wrote {output}: {found.name} {year}{prefilled.en}",
                   f"已写入 {output}：{found.name}{year}年{prefilled.zh}").pick(lang), err=True)
    return ExitCode.OK
