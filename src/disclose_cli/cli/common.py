"""What the commands share: the run's configuration, context and data, units named on the command line,
where output goes, and how problems are shown. Problems are raised as InputError; ``main`` shows them."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, ContextManager

import click

from ..base.locations import InputError, Location, Problem
from ..base.phrase import Phrase, plural
from ..base.safetext import clean, one_line

if TYPE_CHECKING:
    from rich.text import Text

    from ..base.progress import Progress
    from ..loading.config import Config
    from ..loading.context import Context
    from ..loading.dataset import Dataset
    from ..model.catalog import Catalog
    from ..model.registry import Unit


def say(text: object = "", err: bool = False) -> None:
    """Print a line for people. What came from data (a title, a unit name, a path) is shown, not obeyed:
    escape sequences, controls and bidi overrides become visible code points (the one sanitiser)."""
    end_progress()
    click.echo(clean(text), err=err)


def progress() -> Progress:
    """Where the core tells how far a run has got: drawn on stderr when it is a terminal and --quiet is not
    given, else nowhere. One display for the run, cleared when the command ends (or before anything else is
    printed: ``end_progress``)."""
    from ..base.progress import SILENT

    options = _run_options()
    if options.get("quiet") or not sys.stderr.isatty():
        return SILENT
    if "progress" not in options:
        from .progress import terminal_progress

        shown = terminal_progress(current_lang(options))
        options["progress"] = shown or SILENT
        if shown is not None:
            click.get_current_context().find_root().call_on_close(shown.close)
    return options["progress"]


def end_progress() -> None:
    """Clear the progress display, if one is shown, before something else is printed on the terminal; a later
    phase opens it again."""
    shown = _run_options().get("progress")
    if shown is not None and hasattr(shown, "close"):  # the silent one has nothing to clear
        shown.close()


def cell(value: object) -> Text:
    """A cell of a rich table from data: sanitised, and never read as rich markup."""
    from rich.text import Text

    return Text(clean(value))


def show_table(title: str, columns: tuple[str, ...], rows: list[tuple[str, ...]],
               shares: tuple[int | None, ...]) -> None:
    """A table for people: on a terminal drawn by rich to its width; elsewhere one line per row, the columns
    two spaces apart, nothing wrapped or padded (so that a pipe can cut and grep it). ``shares`` gives, column by
    column, None for one kept whole (what a person types: an id, a name; a date), or the part of the room left
    that a wrapped one takes (2 for twice as much): a narrow terminal squeezes the long texts, not the short."""
    if not sys.stdout.isatty():
        say(title)
        say("  ".join(columns))
        for row in rows:
            say("  ".join(one_line(value) for value in row).rstrip())
        return
    from rich import box
    from rich.console import Console
    from rich.table import Table

    table = Table(title=cell(title), title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    for column, share in zip(columns, shares):
        table.add_column(column, no_wrap=share is None, overflow="fold", ratio=share)
    for row in rows:
        table.add_row(*(cell(value) for value in row))
    Console().print(table)


def show_problems(problems: list[Problem], lang: str, options: dict | None = None) -> None:
    """The problems that stopped a run. For the commands whose output they are (validate, check: as flake8 and
    yamllint do) they are that output, in its format: text lines on stdout, or annotations, JSON, JUnit or SARIF
    (into the -o file too, so that a CI step uploading it finds it; never onto a YAML file, which could be an
    input). For every other command, text lines on stderr."""
    options = options or {}
    to_stdout = options.get("problems_on_stdout", False)
    output_format = options.get("problem_format") or "text"
    # Problems with the command line itself (an option's value, the -o file) are text lines whatever the
    # format: no file holds them, and the output they would go to is what is wrong.
    output = options.get("problem_output")
    about_data = all(not str(problem.location.path).startswith("-") and str(problem.location.path) != "PATH"
                     and (output is None or problem.location.path != output) for problem in problems)
    if to_stdout and output_format != "text" and about_data:
        _write_problems(problems, lang, output_format, options)
        return
    _problem_lines(problems, lang, err=not to_stdout)


def _problem_lines(problems: list[Problem], lang: str, err: bool) -> None:
    for problem in problems:
        click.echo(problem.text(lang), err=err)
    if (sys.stderr if err else sys.stdout).isatty():
        files = len({problem.location.path for problem in problems})
        count = Phrase(f"disclose: {plural(len(problems), 'problem')} in {plural(files, 'file')}",
                       f"disclose：{files}个文件中有{len(problems)}处问题")
        click.echo(count.pick(lang), err=err)


def _write_problems(problems: list[Problem], lang: str, output_format: str, options: dict) -> None:
    import io

    from ..loading.config import find_config
    from ..loading.files import YAML_SUFFIXES
    from ..loading.repository import repository_root
    from ..output.atomic import output_stream
    from ..reporters import get_problem_writer

    output = options.get("problem_output")
    root = repository_root(options.get("config") or find_config(Path.cwd()))
    write = get_problem_writer(output_format)
    if output is not None and str(output) != "-" and output.suffix.lower() not in YAML_SUFFIXES:
        try:
            with output_stream(output) as stream:
                write(problems, stream, root, lang=lang)
        except OSError:
            pass  # the -o file cannot be written (its folder is missing, say): the problems go to stdout
        else:
            _problem_lines(problems, lang, err=True)  # and, for the person reading the log, as lines
            return
    text = io.StringIO()
    write(problems, text, root, lang=lang)
    click.echo(text.getvalue(), nl=False)


def problems_are_output(output_format: str | None = None, output: Path | None = None) -> None:
    """For validate and check: their problems are their output, in their format and to their -o file. Called
    once options are read (the format known so far), and again once disclose.yaml has set the default."""
    _run_options().update(problems_on_stdout=True, problem_format=output_format, problem_output=output)


def _run_options() -> dict:
    return click.get_current_context().find_root().obj or {}


def current_lang(obj: dict | None = None) -> str:
    """The language of what people read: --lang, else DISCLOSE_LANG, else ``lang:`` in disclose.yaml (once it is
    read), else Chinese."""
    options = _run_options() if obj is None else obj
    for choice in (options.get("lang"), os.environ.get("DISCLOSE_LANG"), options.get("config_lang")):
        if choice in ("zh", "en"):
            return choice
    return "zh"


def load_config() -> Config:
    """The configuration given with --config, or disclose.yaml in this folder or a parent, or the defaults."""
    from ..loading.config import config_for_run

    options = _run_options()
    config = config_for_run(options.get("config"), allow_outside=options.get("allow_outside_paths", False))
    options["config_lang"] = config.lang
    return config


def load_context() -> Context:
    from ..loading.context import load_context as load

    return load(load_config())


def report_paths(paths: tuple[Path, ...], context: Context) -> tuple[Path, ...]:
    """The PATH arguments, or the report folders of the configuration."""
    if paths:
        return paths
    if context.config.reports:
        return tuple(context.config.reports)
    raise InputError([Problem.of(Location(Path("PATH")), Phrase(
        "give the report files or folders to read (or list them under 'reports' in disclose.yaml)",
        "请给出要读取的报告文件或文件夹（或在 disclose.yaml 的 reports 中列出）"))])


def load_dataset(paths: tuple[Path, ...], context: Context) -> Dataset:
    """Every report under ``paths``; raises InputError with every problem when any file is invalid."""
    from ..loading.dataset import load

    # PATH arguments are the user's own; folders named by disclose.yaml keep their files inside its folder.
    confine_to = None if paths else context.config.confine_to
    dataset = load(report_paths(paths, context), context, progress(), confine_to=confine_to)
    if dataset.problems:
        raise InputError(dataset.problems)
    after_loading = _run_options().get("after_loading")
    if after_loading is not None:
        after_loading()
    return dataset


def resolve_unit(name: str, context: Context) -> Unit:
    """The registry unit for ``--unit``; an unknown name is a problem with a suggestion (exit 2)."""
    from ..loading.consistency import unknown_unit

    unit = context.registry.get(name)
    if unit is None:
        raise InputError([Problem.of(Location(Path("--unit")), unknown_unit(name, context.registry))])
    return unit


def resolve_units(names: tuple[str, ...], context: Context) -> tuple[str, ...]:
    """Registry names for ``--unit`` values; an unknown one is a usage error with a suggestion."""
    return tuple(resolve_unit(name, context).name for name in names)


def catalog_for(year: int | None, context: Context) -> Catalog:
    """The catalog of ``--year`` (default: the latest loaded); InputError when there is none."""
    year = year or max(context.catalogs)
    catalog = context.catalog(year)
    if catalog is None:
        raise InputError([Problem.of(Location(Path("--year")), context.no_catalog(year))])
    return catalog


def open_output(output: Path | None, newline: str | None = None, binary: bool = False,
                exclusive: bool = False, phase: Phrase | None = None) -> ContextManager[IO]:
    """A stream for ``--output``: stdout (none, or ``-``), a device or pipe, or a file written atomically.
    Progress is cleared before output goes to the terminal; otherwise writing is shown as ``phase``, if given."""
    from ..output.atomic import output_stream

    if (output is None or str(output) == "-") and sys.stdout.isatty():
        end_progress()
    elif phase is not None:
        progress().phase(phase)
    return output_stream(output, binary=binary, newline=newline, exclusive=exclusive)


def wrote(output: Path | None) -> None:
    """On a terminal, say where a file went (not with --quiet)."""
    if output is not None and str(output) != "-" and sys.stderr.isatty() and not _run_options().get("quiet"):
        say(Phrase(f"wrote {output}", f"已写入{output}").pick(current_lang()), err=True)


def write_text(text: str, output: Path | None, newline: str | None = None, exclusive: bool = False) -> None:
    """A finished text to ``--output`` or stdout; on a terminal, say where a file went."""
    with open_output(output, newline, exclusive=exclusive) as stream:
        stream.write(text)
    wrote(output)


def refuse_to_overwrite(output: Path | None, context: Context, dataset: Dataset | None = None,
                        others: tuple[Path | None, ...] = ()) -> None:
    """An output must never replace one of the run's inputs: a report file, the configuration, registry,
    catalogs or calendar, or a template. Compared by resolved path and by inode (a hard link is the same file)."""
    if output is None or str(output) in ("", "-"):
        return
    try:
        written = os.stat(output)
    except OSError:
        return  # a new file cannot be an input
    inputs = set(context.config.files) | {source.path for source in (dataset.sources if dataset else ())}
    for other in others:
        if other is not None:
            inputs |= {path for path in other.rglob("*") if path.is_file()} if other.is_dir() else {other}
    for path in inputs:
        try:
            same = os.path.samestat(written, os.stat(path))
        except OSError:
            continue
        if same:
            raise InputError([Problem.of(Location(output), Phrase(
                f"is one of the input files ({path}); choose another output file",
                f"是本次运行的输入文件（{path}）之一；请另选输出文件"))])


def write_json(value: object) -> None:
    import json

    if sys.stdout.isatty():
        end_progress()
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))
