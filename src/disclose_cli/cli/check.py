"""``disclose check``: who is late, and why."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..reporters import REPORTERS
from .common import current_lang, problems_on_stdout, say, load_context, load_dataset, open_output, refuse_to_overwrite, report_paths, resolve_units
from .exitcodes import ExitCode
from .options import AS_OF, CALENDAR, LANG, PATHS, UNITS, output_option


@click.command(epilog="Examples:\n\n  disclose check reports --as-of 2024-12-31\n\n  disclose check --unit 市科技局 --format github\n\n  disclose check --changed-since origin/main --format sarif -o check.sarif")
@PATHS
@AS_OF
@UNITS
@click.option("--rule", "rules", multiple=True, help="Only this rule id; repeatable.")
@click.option("--format", "output_format", type=click.Choice(list(REPORTERS)), default=None,
              help="text for people (the default, unless disclose.yaml sets another or the suffix of -o names "
                   "one: .json, .xml, .sarif); json, github (Actions annotations), junit or sarif for machines.")
@output_option("Write to FILE (atomically).")
@click.option("--fail-on", type=click.Choice(["fail", "pending"]), default="fail", show_default=True,
              help="Exit 1 on failures only, or on pending findings too.")
@click.option("--show-pass", is_flag=True, help="List passing findings too (text format).")
@click.option("--changed-since", metavar="REF",
              help="Check only the units whose report files changed since this git ref (a full check when the "
                   "configuration, registry, catalogs or calendar changed).")
@CALENDAR
@LANG
def check(paths: tuple[Path, ...], as_of, units: tuple[str, ...], rules: tuple[str, ...], output_format: str,
          output: Path | None, fail_on: str, show_pass: bool, changed_since: str | None,
          calendar_file: Path | None) -> int:
    """Check report files against the rules and the catalog.

    Exits 0 when nothing fails, 1 when a finding fails (or is pending, with --fail-on pending), 2 on invalid
    input.
    """
    problems_on_stdout()
    from .. import reporters
    from ..engine import check as run_check, options_for
    from ..loading.dataset import Dataset
    from ..model.findings import Status
    from ..rules import RULES

    unknown = [rule for rule in rules if rule not in RULES]
    if unknown:
        from ..base.locations import InputError, Location, Problem
        from ..base.phrase import Phrase
        from ..base.safetext import excerpt
        from ..base.suggest import did_you_mean

        shown = excerpt(unknown[0])
        raise InputError([Problem.of(Location(Path("--rule")), Phrase(
            f"unknown rule '{shown}'", f"未知的规则“{shown}”") + did_you_mean(unknown[0], RULES) + Phrase(
            f"; rules are {', '.join(RULES)}", f"；规则有：{'、'.join(RULES)}"))])
    from .formats import format_for

    context = load_context()
    output_format = format_for(output, output_format, tuple(REPORTERS), context.config.format)
    options = options_for(context, as_of, units=resolve_units(units, context), rules=rules,
                          calendar_file=calendar_file)
    changed = None
    if changed_since is not None:
        from ..loading.changes import changed_reports

        paths = report_paths(paths, context)
        changed = changed_reports(paths, changed_since, context)
        if changed is None:
            say(f"the configuration, registry, catalogs or calendar changed since {changed_since}: "
                "checking everything", err=True)
        else:
            paths, deleted = changed
            if not paths and not deleted:
                say(f"no report file changed since {changed_since}; nothing to check", err=True)
                return ExitCode.OK
    if changed is not None and not paths:
        dataset = Dataset(context)  # only deleted reports changed: their units are judged without a file
    else:
        dataset = load_dataset(paths, context, progress=output_format == "text")
    if changed is not None and not options.units:
        deleted = changed[1]
        options.units = tuple(sorted({unit for unit, _ in deleted} | {source.report.unit for source in dataset.sources}))
        options.years = tuple(sorted({year for _, year in deleted}))
    refuse_to_overwrite(output, context, dataset, (calendar_file,))
    result = run_check(dataset, options)
    with open_output(output) as stream:
        reporters.get(output_format)(result, stream, show_pass=show_pass, lang=current_lang())
    if output is not None and output_format != "text" and sys.stderr.isatty():
        say(f"wrote {output}", err=True)
    failing = {Status.FAIL} | ({Status.PENDING} if fail_on == "pending" else set())
    return ExitCode.FAILURES if any(f.status in failing for f in result.findings) else ExitCode.OK
