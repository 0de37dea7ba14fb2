"""``disclose check``: who is late, and why."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..base.phrase import Phrase
from ..reporters import REPORTERS
from .common import (current_lang, load_context, load_dataset, open_output, problems_are_output, progress,
                     refuse_to_overwrite, report_paths, resolve_units, say, wrote)
from .completion import complete_rules
from .exitcodes import ExitCode
from .options import AS_OF, CALENDAR, LANG, PATHS, QUIET, UNITS, output_option

if TYPE_CHECKING:
    from ..loading.dataset import Dataset


@click.command(epilog="Examples:\n\n  disclose check reports --as-of 2024-12-31\n\n"
                        "  disclose check --unit 市科技局 --format github\n\n"
                        "  disclose check --changed-since origin/main --format sarif -o check.sarif")
@PATHS
@AS_OF
@UNITS
@click.option("--rule", "rules", multiple=True, shell_complete=complete_rules,
              help="Only this rule id; repeatable.")
@click.option("--format", "output_format", type=click.Choice(list(REPORTERS)), default=None,
              help="text for people (the default, unless disclose.yaml sets another or the suffix of -o names "
                   "one: .json, .xml, .sarif); json, github (Actions annotations), junit or sarif for machines. "
                   "Invalid input comes in the same format.")
@output_option("Write to FILE (atomically).")
@click.option("--fail-on", type=click.Choice(["fail", "pending"]), default="fail", show_default=True,
              help="Exit 1 on failures only, or on pending findings too.")
@click.option("--show-pass", is_flag=True, help="List passing findings too (text format).")
@click.option("--changed-since", metavar="REF",
              help="Read and judge everything, but report only the units and years that the files changed since "
                   "this git ref decide (everything when the configuration, registry, a catalog or the calendar "
                   "changed).")
@click.option("--affected", is_flag=True,
              help="The PATHs are changed files (pre-commit passes the staged ones): read every report of "
                   "disclose.yaml's report folders, and report only the units and years these files decide.")
@CALENDAR
@LANG
@QUIET
def check(paths: tuple[Path, ...], as_of, units: tuple[str, ...], rules: tuple[str, ...], output_format: str,
          output: Path | None, fail_on: str, show_pass: bool, changed_since: str | None, affected: bool,
          calendar_file: Path | None) -> int:
    """Check report files against the rules and the catalog.

    Exits 0 when nothing fails, 1 when a finding fails (or is pending, with --fail-on pending), 2 on invalid
    input.
    """
    from .. import reporters
    from ..engine import check as run_check, options_for
    from ..model.findings import Status
    from .formats import format_for

    problems_are_output(format_for(output, output_format, tuple(REPORTERS), "text"), output)
    _known_rules(rules)
    context = load_context()
    output_format = format_for(output, output_format, tuple(REPORTERS), context.config.format)
    problems_are_output(output_format, output)
    options = options_for(context, as_of, units=resolve_units(units, context), rules=rules,
                          calendar_file=calendar_file, progress=progress())
    read = report_paths(() if affected else paths, context)
    dataset = load_dataset(read, context)
    if changed_since is not None or affected:
        options.unit_years = _affected(dataset, paths, read, changed_since)
    refuse_to_overwrite(output, context, dataset, (calendar_file,))
    result = run_check(dataset, options)
    with open_output(output, phase=WRITING) as stream:
        reporters.get(output_format)(result, stream, show_pass=show_pass, lang=current_lang())
    if output_format != "text":
        wrote(output)
    failing = {Status.FAIL} | ({Status.PENDING} if fail_on == "pending" else set())
    return ExitCode.FAILURES if any(f.status in failing for f in result.findings) else ExitCode.OK


WRITING = Phrase("writing the findings", "写出检查结果")


def _known_rules(rules: tuple[str, ...]) -> None:
    from ..base.locations import InputError, Location, Problem
    from ..base.safetext import excerpt
    from ..base.suggest import did_you_mean
    from ..rules import RULES

    unknown = [rule for rule in rules if rule not in RULES]
    if unknown:
        shown = excerpt(unknown[0])
        raise InputError([Problem.of(Location(Path("--rule")), Phrase(
            f"unknown rule '{shown}'", f"未知的规则“{shown}”") + did_you_mean(unknown[0], RULES) + Phrase(
            f"; rules are {', '.join(RULES)}", f"；规则有：{'、'.join(RULES)}"))])


def _affected(dataset: Dataset, paths: tuple[Path, ...], read: tuple[Path, ...],
              changed_since: str | None) -> frozenset[tuple[str, int]] | None:
    """The units' years to report: those the changed files decide (None: everything)."""
    from ..loading.changes import affected_unit_years, changes_since
    from ..loading.files import find_files, resolved

    if changed_since is not None:
        changed, before = changes_since(changed_since, read)
        since = Phrase(f"since {changed_since}", f"自{changed_since}以来")
    else:
        changed = {resolved(path) for path in paths if not path.is_dir()}
        changed |= {resolved(file) for file in find_files([path for path in paths if path.is_dir()])[0]}
        before, since = set(), Phrase("among the files given", "在所给文件中")
    scope = affected_unit_years(dataset, changed, before)
    lang = current_lang()
    if scope is None:
        say(Phrase(f"the configuration, registry, a catalog or the calendar changed {since.en}: reporting everything",
                   f"{since.zh}配置、单位名录、任务表或日历有改动：报告全部结果").pick(lang), err=True)
    elif not any(unit_year[1] in dataset.context.catalogs for unit_year in scope):
        say(Phrase(f"no report file changed {since.en}; nothing to report",
                   f"{since.zh}没有报告文件改动，无需报告").pick(lang), err=True)
    return scope
