"""Loading report files: find them, read them, validate them against the models, the registry and the catalog."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ..base.locations import Location, Problem
from ..base.phrase import Phrase
from ..base.progress import SILENT, Progress
from ..model.report_file import Report
from .consistency import Locator, carry_over_problems, consistency_problems
from .context import Context
from .files import find_files
from .problems import validation_problems
from .yaml_reader import Document, collector_paused, read_document

if TYPE_CHECKING:
    from pydantic import ValidationError


@dataclass(frozen=True)
class Source:
    """A valid report and the file it came from."""

    report: Report
    path: Path


@dataclass
class Dataset:
    context: Context
    sources: list[Source] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    paths: tuple[Path, ...] = ()  # the files and folders read

    def missing_report_location(self, unit: str) -> Location:
        """Where a finding about a unit without a report points: always a file of the data repository, never one
        inside the installation. The unit's entry in the registry when the registry is the repository's own;
        else the ``reports:`` line of disclose.yaml; else the first file or folder read."""
        config = self.context.config
        if config.registry is not None:
            return self.context.registry.location(unit)
        if config.reports and config.path is not None:
            return self._reports_line
        return Location(self.paths[0] if self.paths else Path("."))

    @cached_property
    def _reports_line(self) -> Location:
        return _locate(self.context.config.path, ("reports",))


READING = Phrase("reading report files", "读取报告文件")


def load(paths: Iterable[Path], context: Context, progress: Progress = SILENT,
         confine_to: Path | None = None) -> Dataset:
    """Every report under ``paths``, validated; problems of every file are collected, none raised.
    ``progress`` is told of each file once it is read and validated. ``confine_to``: links out of this folder
    are not followed (see files.find_files)."""
    paths = tuple(paths)
    files, problems = find_files(paths, context.config.files, confine_to)
    progress.phase(READING, len(files))
    dataset = Dataset(context, problems=problems, files=len(files), paths=paths)
    owners: dict[tuple[str, int], Path] = {}
    with collector_paused():
        for path in files:
            source = validate_report(read_document(path), context, dataset.problems)
            progress.advance()
            if source is None:
                continue
            key = (source.report.unit, source.report.year)
            first = owners.setdefault(key, path)
            if first != path:
                where = _locate(first, ("unit",))
                dataset.problems.append(Problem.of(_locate(path, ("unit",)), Phrase(
                    f"a second report for {key[0]} {key[1]}; the first is {where}; keep one file per unit and year",
                    f"{key[0]}{key[1]}年的第二份报告；第一份在{where}；每个单位每年只保留一个文件")))
                continue
            dataset.sources.append(source)
    dataset.problems.extend(carry_over_problems(dataset.sources))
    dataset.problems.sort(key=Problem.sort_key)
    return dataset


def _locate(path: Path, loc: tuple[str | int, ...]) -> Location:
    return read_document(path).locate(loc)


_EMPTY = Phrase("the file is empty; a report needs at least 'unit' and 'year'",
                "文件为空；报告至少要有单位 unit 和年度 year")


def validate_report(document: Document, context: Context, problems: list[Problem]) -> Source | None:
    """One report file read (``document``) as ``validate`` checks it: the report model, then the checks across its
    fields and against the catalog and registry; the problems are added to ``problems``, and the source is None
    when there are any. ``import`` validates a workbook's data through it too."""
    from pydantic import ValidationError

    problems.extend(document.problems)
    if document.data is None:
        if not document.problems:
            problems.append(Problem.of(Location(document.path, 1, 1), _EMPTY))
        return None
    try:
        report = Report.model_validate(document.data)
    except ValidationError as error:
        problems.extend(validation_problems(error, Report, document))
        # Check what is left once the broken records are set aside, so that one run shows every problem.
        remainder = _valid_remainder(document.data, error)
        if remainder is not None:
            report, kept = remainder
            problems.extend(consistency_problems(report, _remapped(document, kept), context))
        return None
    found = list(consistency_problems(report, document.locate, context, document.problems))
    problems.extend(found)
    if found or document.problems:
        return None
    # The report's unit is kept under its registry name, whichever alias the file used.
    unit = context.registry.get(report.unit)
    if unit.name != report.unit:
        report = report.model_copy(update={"unit": unit.name})
    return Source(report, document.path)


def _valid_remainder(data: object, error: ValidationError) -> tuple[Report, dict[str, list[int]]] | None:
    """The report without the records or sections that failed, with the file index of each record kept."""
    from pydantic import ValidationError

    broken = [tuple(item["loc"]) for item in error.errors()]
    if not isinstance(data, dict) or any(not loc or loc[0] in ("unit", "year") for loc in broken):
        return None
    remainder = dict(data)
    dropped: dict[str, set[int]] = {}
    for loc in broken:
        if len(loc) >= 2 and isinstance(loc[1], int):
            dropped.setdefault(str(loc[0]), set()).add(loc[1])
        else:
            remainder.pop(loc[0], None)
    kept: dict[str, list[int]] = {}
    for section, indexes in dropped.items():
        items = remainder.get(section)
        if isinstance(items, list):
            kept[section] = [index for index in range(len(items)) if index not in indexes]
            remainder[section] = [items[index] for index in kept[section]]
    try:
        return Report.model_validate(remainder), kept
    except ValidationError:
        return None


def _remapped(document: Document, kept: dict[str, list[int]]) -> Locator:
    def locate(loc: tuple) -> Location:
        if len(loc) >= 2 and loc[0] in kept:
            loc = (loc[0], kept[loc[0]][loc[1]], *loc[2:])
        return document.locate(loc)
    return locate
