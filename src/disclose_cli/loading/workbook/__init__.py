"""``disclose import``'s core: a filled workbook read back into a unit's report, validated with the same models and
consistency checks as ``validate``, every problem located at its cell (``FILE.xlsx:SHEET!CELL``).

Waivers are the office's: the report keeps those of the file it replaces, and waiver rows in the workbook are
named as ignored. A workbook of another unit or year than the file it replaces is refused unless --unit or --year
say so."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...base.locations import InputError, Location, Problem
from ...base.phrase import Phrase
from ...model.report_file import Report
from ..context import Context
from .reading import Read, read_sheets


@dataclass(frozen=True)
class Imported:
    """The report a workbook holds, and the notes to show beside it (rows read but not taken)."""

    report: Report
    notes: list[Problem] = field(default_factory=list)


@dataclass
class _WorkbookDocument:
    """The workbook in the shape of a read YAML document, so that it is validated exactly as report files are."""

    path: Path
    data: Any
    problems: list[Problem]
    read: Read
    text: None = None

    def locate(self, loc: tuple, at_key: bool = False) -> Location:
        return self.read.locate(loc)


def import_workbook(path: Path, context: Context, unit: str | None = None, year: int | None = None,
                    replaced: Report | None = None, replaced_path: Path | None = None) -> Imported:
    """The report a filled workbook holds. ``unit``/``year`` (registry name, year): what the command line says the
    workbook is for; ``replaced``: the report file it is written over, whose waivers it keeps. Raises InputError
    with every problem of the workbook."""
    from ..dataset import validate_report
    from .opening import open_workbook

    def expects_tasks(found: object) -> bool:
        chosen = year if year is not None else found
        return isinstance(chosen, int) and context.catalog(chosen) is not None

    opened = open_workbook(path)
    read = Read(path)
    try:
        read_sheets(read, opened, expects_tasks)
    finally:
        opened.close()
    _check_identity(read, context, unit, year, replaced, replaced_path)
    if replaced is not None and replaced.waivers:
        read.data["waivers"] = [waiver.model_dump(exclude_none=True) for waiver in replaced.waivers]
        for index in range(len(replaced.waivers)):
            read.cells[("waivers", index)] = Location(replaced_path or path, replaced.waivers[index].line)
    notes = _ignored_waivers(read, replaced)
    problems: list[Problem] = []
    document = _WorkbookDocument(path, _ordered(read.data), list(read.problems), read)
    source = validate_report(document, context, problems)  # the very validation `validate` runs on a report file
    if source is None or problems:
        raise InputError((problems or read.problems) + notes + read.notes)  # the notes too: one run shows all
    return Imported(source.report, notes + read.notes)


def _ordered(data: dict) -> dict:
    """The data in the report format's order of keys (the order problems are found in)."""
    order = list(Report.model_fields)
    return dict(sorted(data.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order)))


def _check_identity(read: Read, context: Context, unit: str | None, year: int | None, replaced: Report | None,
                    replaced_path: Path | None) -> None:
    """The unit and year are the workbook's unless the command line says otherwise; a workbook of another unit or
    year than the file it replaces is refused unless --unit/--year name what it is to be."""
    data = read.data
    named = context.registry.get(str(data.get("unit", "")))
    if unit is not None:
        data["unit"] = unit
    elif replaced is not None and named is not None and named.name != replaced.unit:
        raise InputError([Problem.of(read.locate(("unit",)), Phrase(
            f"the workbook is {named.name}'s, but {replaced_path} is {replaced.unit}'s; give --unit {replaced.unit} to "
            "import it as that unit's anyway",
            f"该填报表属于{named.name}，而{replaced_path}属于{replaced.unit}；如确要作为{replaced.unit}的报告导入，"
            f"请加 --unit {replaced.unit}"))])
    if year is not None:
        data["year"] = year
    elif replaced is not None and isinstance(data.get("year"), int) and data["year"] != replaced.year:
        raise InputError([Problem.of(read.locate(("year",)), Phrase(
            f"the workbook is for {data['year']}, but {replaced_path} is for {replaced.year}; give --year "
            f"{replaced.year} to import it for that year anyway",
            f"该填报表为{data['year']}年，而{replaced_path}为{replaced.year}年；如确要作为{replaced.year}年的报告导入，"
            f"请加 --year {replaced.year}"))])


def _ignored_waivers(read: Read, replaced: Report | None) -> list[Problem]:
    """Waiver rows in the workbook that are not the replaced file's own: named, and not imported."""
    kept = [waiver.model_dump(exclude_none=True) for waiver in (replaced.waivers if replaced else ())]
    notes = []
    for where, row in read.waiver_rows:
        if row not in kept:
            notes.append(Problem.of(where, Phrase(
                "waivers are approved by the office, not typed by units: this waiver row is ignored",
                "豁免由政务公开办公室批准，不由单位填报：该行豁免不予导入")))
    return notes
