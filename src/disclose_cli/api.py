"""The Python API: load a data set, check it as of a date, read the findings, render a document.

Everything the command line does is here without the command line: nothing is printed, nothing exits the
interpreter, and invalid input raises :class:`InputError`, whose ``problems`` are located (``FILE:LINE:COL``)::

    import datetime as dt
    from disclose_cli import api

    data = api.load(["examples/weihai-2024"])
    result = api.check(data, as_of=dt.date(2024, 12, 31))
    late = [f for f in result.findings if f.status == "fail"]
    markdown = api.report(data, "2024Q3", format="md")
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Iterable, Literal

from .base.locations import InputError, Location, Problem
from .base.phrase import Phrase
from .engine import check as _check
from .engine import options_for
from .loading.config import config_for_run
from .loading.context import Context, load_context
from .loading.dataset import Dataset
from .loading.dataset import load as _load
from .model.findings import CheckResult, Finding, Status

__all__ = ["CheckResult", "Dataset", "Finding", "InputError", "Problem", "Status", "annual_report", "check",
           "check_output", "load", "report"]


def load(paths: Iterable[str | Path] = (), config: str | Path | None = None,
         allow_outside_paths: bool = False) -> Dataset:
    """Every report under ``paths`` (files or folders), validated against the configuration ``config`` (default:
    disclose.yaml in the current folder or a parent; without one, the bundled catalog and registry). With no
    paths, the configuration's report folders. Raises InputError with every problem of every file.
    ``allow_outside_paths``: the configuration may name files outside its folder (as --allow-outside-paths)."""
    context = _context(config, allow_outside_paths)
    paths = [Path(path) for path in paths]
    folders = paths or list(context.config.reports)
    if not folders:
        raise InputError([Problem.of(Location(Path(".")), Phrase(
            "no report files or folders given, and no 'reports' in disclose.yaml",
            "没有给出报告文件或文件夹，disclose.yaml 中也没有 reports"))])
    dataset = _load(folders, context, confine_to=None if paths else context.config.confine_to)
    if dataset.problems:
        raise InputError(dataset.problems)
    return dataset


def check(dataset: Dataset, as_of: dt.date | None = None, units: Iterable[str] = (),
          rules: Iterable[str] = ()) -> CheckResult:
    """The findings of every rule (or of ``rules``) for every unit (or ``units``, names or aliases), judged as at
    the end of ``as_of`` (default: today in China Standard Time)."""
    context = dataset.context
    names = []
    for name in units:
        unit = context.registry.get(name)
        if unit is None:
            from .loading.consistency import unknown_unit

            raise InputError([Problem.of(Location(Path("units")), unknown_unit(name, context.registry))])
        names.append(unit.name)
    return _check(dataset, options_for(context, as_of, units=tuple(names), rules=tuple(rules)))


def check_output(result: CheckResult, format: Literal["text", "json", "github", "junit", "sarif"] = "json") -> str:
    """A check result as ``disclose check --format FORMAT`` writes it."""
    from . import reporters

    stream = io.StringIO()
    reporters.get(format)(result, stream)
    return stream.getvalue()


def report(dataset: Dataset, period: str, format: Literal["html", "md"] = "html", lang: str = "zh",
           as_of: dt.date | None = None, templates: str | Path | None = None) -> str:
    """The report of a period (``2024``, ``2024H1``, ``2024Q3``), as ``disclose report`` writes it."""
    from .calendar.periods import parse_period
    from .documents.period_report import build
    from .documents.render import render

    window = parse_period(period)
    options = options_for(dataset.context, as_of, latest=window.end)
    data = build(dataset, window, options)
    return render(f"report.{format}.j2", Path(templates) if templates else None, lang, data=data)


def annual_report(dataset: Dataset, unit: str, year: int, format: Literal["html", "md", "docx"] = "html",
                  lang: str = "zh", as_of: dt.date | None = None) -> str | bytes:
    """A unit's 政府信息公开工作年度报告 as ``disclose annual-report`` writes it: text, or the bytes of a .docx."""
    from .documents.annual_report import build_annual_report

    found = dataset.context.registry.get(unit)
    if found is None or not any(s.report.unit == found.name and s.report.year == year for s in dataset.sources):
        raise InputError([Problem.of(Location(Path("unit")), Phrase(f"no {year} report for {unit} in the data set",
                                                                    f"数据中没有{unit}{year}年的报告"))])
    # As the command does: judged at the year's end unless an as-of date is given, which also dates the 落款.
    data = build_annual_report(dataset, found, year, options_for(dataset.context, as_of or dt.date(year, 12, 31)),
                               dated=as_of)
    if format == "docx":
        from .documents.docx import write_docx

        stream = io.BytesIO()
        write_docx(data, stream)
        return stream.getvalue()
    from .documents.render import render

    return render(f"annual_report.{format}.j2", None, lang, data=data)


def _context(config: str | Path | None, allow_outside_paths: bool) -> Context:
    return load_context(config_for_run(config, allow_outside_paths))
