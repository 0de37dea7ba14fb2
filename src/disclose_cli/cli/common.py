"""What the commands share: loading the context and data, printing problems, exiting with the right code."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from .exitcodes import ExitCode

if TYPE_CHECKING:
    from ..model.catalog import Catalog
    from ..loading.config import Config
    from ..model.registry import Unit
    from ..loading.context import Context
    from ..loading.dataset import Dataset
    from ..base.locations import Problem

# Paths are checked by the core, so that a bad one is a problem among the others rather than a usage error.
PATHS = click.argument("paths", nargs=-1, type=click.Path(path_type=Path, readable=False))


def fail_with(problems: list[Problem]) -> NoReturn:
    """Print one line per problem on stderr and exit 2."""
    for problem in problems:
        click.echo(str(problem), err=True)
    if sys.stderr.isatty():
        files = len({problem.location.path for problem in problems})
        click.echo(f"disclose: {len(problems)} problem{'s' * (len(problems) != 1)} in {files} "
                   f"file{'s' * (files != 1)}", err=True)
    sys.exit(ExitCode.INVALID)


def load_config() -> Config:
    """The configuration given with --config, or disclose.yaml in this folder or a parent, or the defaults."""
    from ..loading.config import default_config, find_config, load_config as load
    from ..base.locations import InputError

    options = click.get_current_context().find_root().obj or {}
    path = options.get("config") or find_config(Path.cwd())
    if path is None:
        return default_config()
    try:
        return load(path)
    except InputError as error:
        fail_with(error.problems)


def load_context() -> Context:
    from ..loading.context import load_context as load
    from ..base.locations import InputError

    try:
        return load(load_config())
    except InputError as error:
        fail_with(error.problems)


def report_paths(paths: tuple[Path, ...], context: Context) -> tuple[Path, ...]:
    """The PATH arguments, or the report folders of the configuration."""
    if paths:
        return paths
    if context.config.reports:
        return tuple(context.config.reports)
    raise click.UsageError("give the report files or folders to read (or list them under 'reports' in "
                           "disclose.yaml)")


def load_dataset(paths: tuple[Path, ...], context: Context | None = None, progress: bool = False) -> Dataset:
    """Every report under ``paths``; exits 2 after printing every problem when any file is invalid."""
    from ..loading.dataset import load

    context = context or load_context()
    paths = report_paths(paths, context)
    if progress and sys.stderr.isatty():
        dataset = _load_with_progress(paths, context)
    else:
        dataset = load(paths, context)
    if dataset.problems:
        fail_with(dataset.problems)
    # The loaded reports live until the command ends: keep the collector from walking them again and again
    # while the rules make their findings (most of the time a check would otherwise spend).
    import gc

    gc.freeze()
    return dataset


def _load_with_progress(paths: tuple[Path, ...], context: Context) -> Dataset:
    from rich.progress import Progress

    from ..loading.dataset import find_files, load

    total = len(find_files(paths, context.config.files)[0])
    with Progress(transient=True, console=_stderr_console()) as progress:
        bar = progress.add_task("reading", total=total)
        return load(paths, context, on_file=lambda _: progress.advance(bar))


def _stderr_console():  # noqa: ANN202 - rich is imported lazily
    from rich.console import Console

    return Console(stderr=True)


def write_json(value: object) -> None:
    import json

    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> object:
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date; write it as YYYY-MM-DD, such as 2024-09-30") from None


AS_OF = click.option("--as-of", callback=_parse_date, metavar="DATE",
                     help="Judge the data as at the end of this day (default: today in China Standard Time).")
CALENDAR = click.option("--calendar", "calendar_file", type=click.Path(path_type=Path), metavar="FILE",
                        help="YAML with extra 'holidays: [dates]' and 'workdays: [dates]' for the working-day "
                             "calendar.")


def work_calendar(calendar_file: Path | None, context: Context | None = None):  # noqa: ANN201 - lazy import
    """The working-day calendar, with the days of --calendar FILE or of the configuration's calendar file."""
    from ..base.locations import InputError
    from ..calendar.workdays import WorkCalendar, load_overrides

    if calendar_file is None and context is not None:
        calendar_file = context.config.calendar
    if calendar_file is None:
        return WorkCalendar()
    try:
        return WorkCalendar(load_overrides(calendar_file))
    except InputError as error:
        fail_with(error.problems)


def resolve_unit(name: str, context: Context) -> Unit:
    """The registry unit for ``--unit``; an unknown name is a usage error with a suggestion."""
    unit = context.registry.get(name)
    if unit is None:
        raise click.BadParameter(f"unknown unit '{name}'{context.registry.suggest(name)}", param_hint="--unit")
    return unit


def catalog_for(year: int | None, context: Context) -> Catalog:
    """The catalog of ``--year`` (default: the latest loaded); exits 2 when there is none."""
    from ..base.locations import Location, Problem

    year = year or max(context.catalogs)
    catalog = context.catalog(year)
    if catalog is None:
        known = ", ".join(str(each) for each in sorted(context.catalogs))
        fail_with([Problem(Location(Path("--year")), f"no task catalog for {year}; catalogs are loaded for: {known}")])
    return catalog


def resolve_units(names: tuple[str, ...], context: Context) -> tuple[str, ...]:
    """Registry names for ``--unit`` values; an unknown one is a usage error with a suggestion."""
    return tuple(resolve_unit(name, context).name for name in names)


def open_output(output: Path | None):  # noqa: ANN201
    """A text stream for ``--output``: stdout, or a file written atomically."""
    import contextlib

    if output is None:
        return contextlib.nullcontext(click.get_text_stream("stdout"))
    from ..output.atomic import atomic_writer

    return atomic_writer(output)


def refuse_to_overwrite_input(output: Path | None, dataset: Dataset) -> None:
    """An output file must never replace one of the report files it was computed from."""
    from ..loading.dataset import resolved
    from ..base.locations import Location, Problem

    if output is None:
        return
    inputs = {resolved(source.path) for source in dataset.sources} | dataset.context.config.files
    if resolved(output) in inputs:
        fail_with([Problem(Location(output), "is one of the input files; choose another output file")])
