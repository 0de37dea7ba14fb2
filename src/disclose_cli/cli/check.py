"""``disclose check``: who is late, and why."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .exitcodes import ExitCode
from ..reporters import REPORTERS
from .common import (AS_OF, CALENDAR, PATHS, fail_with, load_context, load_dataset, open_output, report_paths,
                     refuse_to_overwrite_input, resolve_units, work_calendar)


@click.command()
@PATHS
@AS_OF
@click.option("--unit", "units", multiple=True, help="Only this unit (name or alias); repeatable.")
@click.option("--rule", "rules", multiple=True, help="Only this rule id; repeatable.")
@click.option("--format", "output_format", type=click.Choice(list(REPORTERS)), default=None,
              help="text for people (the default, unless disclose.yaml sets another); json, github (Actions "
                   "annotations), junit or sarif for machines.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write to FILE (atomically).")
@click.option("--fail-on", type=click.Choice(["fail", "pending"]), default="fail", show_default=True,
              help="Exit 1 on failures only, or on pending findings too.")
@click.option("--show-pass", is_flag=True, help="List passing findings too (text format).")
@click.option("--changed-since", metavar="REF",
              help="Check only the units whose report files changed since this git ref (a full check when the "
                   "configuration, registry, catalogs or calendar changed).")
@CALENDAR
def check(paths: tuple[Path, ...], as_of, units: tuple[str, ...], rules: tuple[str, ...], output_format: str,
          output: Path | None, fail_on: str, show_pass: bool, changed_since: str | None,
          calendar_file: Path | None) -> None:
    """Check report files against the rules and the catalog.

    Exits 0 when nothing fails, 1 when a finding fails (or is pending, with --fail-on pending), 2 on invalid
    input.
    """
    from ..engine import CheckOptions, check as run_check, today_in_china
    from ..model.findings import Status
    from ..rules import RULES
    from .. import reporters

    unknown = [rule for rule in rules if rule not in RULES]
    if unknown:
        from ..model.fields import did_you_mean

        raise click.BadParameter(f"unknown rule '{unknown[0]}'{did_you_mean(unknown[0], list(RULES))}; rules are "
                                 f"{', '.join(RULES)}", param_hint="--rule")
    context = load_context()
    output_format = output_format or context.config.format
    options = CheckOptions(as_of=as_of or today_in_china(), units=resolve_units(units, context), rules=rules,
                           parameters=context.config.parameters, calendar=work_calendar(calendar_file, context))
    changed_units: set[tuple[str, int]] | None = None
    if changed_since is not None:
        paths, changed_units = _changed_reports(report_paths(paths, context), changed_since, context)
        if not paths and not changed_units:
            click.echo(f"no report file changed since {changed_since}; nothing to check", err=True)
            sys.exit(ExitCode.OK)
    if changed_units is not None and not paths:
        dataset = _empty(context)  # only deleted reports changed: their units are judged without a file
    else:
        dataset = load_dataset(paths, context, progress=output_format == "text")
    if changed_units is not None and not options.units:
        options.units = tuple(sorted({unit for unit, _ in changed_units}
                                     | {source.report.unit for source in dataset.sources}))
        options.years = tuple(sorted({year for _, year in changed_units}))
    refuse_to_overwrite_input(output, dataset)
    result = run_check(dataset, options)
    with open_output(output) as stream:
        reporters.get(output_format)(result, stream, show_pass=show_pass)
    if output is not None and output_format != "text" and sys.stderr.isatty():
        click.echo(f"wrote {output}", err=True)
    failing = {Status.FAIL} | ({Status.PENDING} if fail_on == "pending" else set())
    sys.exit(ExitCode.FAILURES if any(f.status in failing for f in result.findings) else ExitCode.OK)


def _changed_reports(paths: tuple[Path, ...], ref: str,
                     context) -> tuple[tuple[Path, ...], set[tuple[str, int]] | None]:  # noqa: ANN001
    """The report files under ``paths`` changed since ``ref`` and the units of deleted ones; or all of ``paths``
    and None (check everything) when the configuration, registry, a catalog or the calendar changed."""
    from ..loading.changes import changed_since, units_of_deleted
    from ..loading.dataset import find_files, resolved
    from ..base.locations import InputError

    try:
        changed = changed_since(ref, Path.cwd())
        if changed & context.config.files:
            click.echo(f"the configuration, registry, catalogs or calendar changed since {ref}: checking "
                       "everything", err=True)
            return paths, None
        folders = [resolved(path) for path in paths]
        deleted = [path for path in changed if not path.exists() and path.suffix in (".yaml", ".yml")
                   and any(folder == path or folder in path.parents for folder in folders)]
        units = {(unit.name, year) for name, year in units_of_deleted(ref, deleted, Path.cwd())
                 if (unit := context.registry.get(name)) is not None}
    except InputError as error:
        fail_with(error.problems)
    files, _ = find_files(paths, context.config.files)
    return tuple(file for file in files if resolved(file) in changed), units


def _empty(context):  # noqa: ANN001, ANN202
    from ..loading.dataset import Dataset

    return Dataset(context)
