"""``disclose import``: a filled workbook turned back into the unit's report file."""

from __future__ import annotations

from pathlib import Path

import click

from ..base.locations import InputError, Location, Problem
from ..base.phrase import Phrase, plural
from .common import current_lang, load_context, refuse_to_overwrite, resolve_unit, say, write_text
from .exitcodes import ExitCode
from .options import LANG, output_option


@click.command("import", epilog="Examples:\n\n  disclose import jyj.xlsx -o reports/jyj.yaml\n\n"
                                "  disclose import jyj.xlsx -o reports/jyj.yaml --force --dry-run")
@click.argument("workbook", type=click.Path(path_type=Path, dir_okay=True, readable=False))
@output_option("Write the report file to FILE (atomically); default: stdout.")
@click.option("--force", is_flag=True, help="Write over an existing report file (keeping its waivers).")
@click.option("--dry-run", is_flag=True,
              help="Print, per section, the records that would be added, changed and removed; write nothing.")
@click.option("--unit", default=None, help="Import the workbook as this unit's, whatever unit it names.")
@click.option("--year", type=int, default=None, help="Import the workbook as this year's, whatever year it names.")
@LANG
def import_report(workbook: Path, output: Path | None, force: bool, dry_run: bool, unit: str | None,
                  year: int | None) -> int:
    """Read a filled workbook (from `disclose workbook`, saved by Excel, WPS or LibreOffice) and write the unit's
    report file in the format `validate` reads, validated as `validate` does. Every problem is named by its cell,
    FILE.xlsx:SHEET!CELL, all in one run, and then nothing is written (exit 2). Waivers are never taken from a
    workbook: writing over a report file (--force) keeps that file's own."""
    from ..documents.report_yaml import report_yaml
    from ..loading.workbook import import_workbook

    context = load_context()
    lang = current_lang()
    named = resolve_unit(unit, context).name if unit is not None else None
    replaced = None
    writes_over = output is not None and str(output) != "-" and output.exists() and output.is_file()
    if writes_over:
        refuse_to_overwrite(output, context, others=(workbook,))
        if not force and not dry_run:
            raise InputError([Problem.of(Location(output), Phrase(
                "already exists; give --force to write over it (its waivers are kept), or --dry-run to see what "
                "would change", "文件已存在；如要覆盖请加 --force（保留其中的豁免），或加 --dry-run 查看将有哪些变化"))])
        replaced = _replaced(output, context)
    imported = import_workbook(workbook, context, named, year, replaced, output if writes_over else None)
    for note in imported.notes:
        say(note.text(lang), err=True)
    report = imported.report
    if dry_run:
        from ..documents.report_changes import changes

        say("\n".join(changes(replaced, report, lang)))
        return ExitCode.OK
    write_text(report_yaml(report, context.catalog(report.year), workbook.name), output)
    if output is not None and str(output) != "-":
        from ..model.workbook_layout import RECORD_SHEETS, TASKS

        # The rows read from the workbook's record sheets: its 重点工作 and one per section of records.
        records = sum(len(getattr(report, sheet.section)) for sheet in (TASKS, *RECORD_SHEETS))
        say(Phrase(f"wrote {output}: {report.unit} {report.year}, {plural(records, 'record')}",
                   f"已写入 {output}：{report.unit}{report.year}年，共{records}条记录").pick(lang), err=True)
    return ExitCode.OK


def _replaced(output: Path, context: object):  # noqa: ANN202
    """The report file being written over: it must be valid (its waivers are kept, and it is compared)."""
    from ..loading.dataset import load

    dataset = load([output], context)
    if dataset.problems:
        raise InputError([Problem.of(Location(output), Phrase(
            "is to be replaced, but it is not a valid report file (its waivers are kept); fix it first or write "
            "elsewhere:", "是要覆盖的报告文件，但其本身无效（需保留其中的豁免）；请先修正或另选输出文件："))]
            + dataset.problems)
    if not dataset.sources:
        raise InputError([Problem.of(Location(output), Phrase(
            "is not a report file; choose another output file", "不是报告文件；请另选输出文件"))])
    return dataset.sources[0].report
