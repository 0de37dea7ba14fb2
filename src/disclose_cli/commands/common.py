"""What the commands share: loading the context and data, printing problems, exiting with the right code."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from ..exitcodes import ExitCode

if TYPE_CHECKING:
    from ..context import Context
    from ..dataset import Dataset
    from ..locations import Problem

PATHS = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))


def fail_with(problems: list[Problem]) -> NoReturn:
    """Print one line per problem on stderr and exit 2."""
    for problem in problems:
        click.echo(str(problem), err=True)
    if sys.stderr.isatty():
        files = len({problem.location.path for problem in problems})
        click.echo(f"disclose: {len(problems)} problem{'s' * (len(problems) != 1)} in {files} "
                   f"file{'s' * (files != 1)}", err=True)
    sys.exit(ExitCode.INVALID)


def load_context() -> Context:
    from ..context import load_context as load
    from ..locations import InputError

    try:
        return load()
    except InputError as error:
        fail_with(error.problems)


def load_dataset(paths: tuple[Path, ...], context: Context | None = None, progress: bool = False) -> Dataset:
    """Every report under ``paths``; exits 2 after printing every problem when any file is invalid."""
    from ..dataset import load

    context = context or load_context()
    if progress and sys.stderr.isatty():
        dataset = _load_with_progress(paths, context)
    else:
        dataset = load(paths, context)
    if dataset.problems:
        fail_with(dataset.problems)
    return dataset


def _load_with_progress(paths: tuple[Path, ...], context: Context) -> Dataset:
    from rich.progress import Progress

    from ..dataset import find_files, load

    total = len(find_files(paths)[0])
    with Progress(transient=True, console=_stderr_console()) as progress:
        bar = progress.add_task("reading", total=total)
        return load(paths, context, on_file=lambda _: progress.advance(bar))


def _stderr_console():  # noqa: ANN202 - rich is imported lazily
    from rich.console import Console

    return Console(stderr=True)


def write_json(value: object) -> None:
    import json

    click.echo(json.dumps(value, ensure_ascii=False, indent=2))
