"""``disclose due``: what falls due soon, soonest first."""

from __future__ import annotations

from pathlib import Path

import click

from ..base.limits import MAX_WORKDAYS
from ..base.safetext import one_line
from .common import current_lang, load_context, load_dataset, progress, resolve_units, say, write_json
from .exitcodes import ExitCode
from .options import AS_OF, CALENDAR, LANG, PATHS, QUIET, UNITS


@click.command(epilog="Examples:\n\n  disclose due reports --within 10\n\n  disclose due --as-of 2024-10-08 --unit 环翠区")
@PATHS
@click.option("--within", type=click.IntRange(min=0, max=MAX_WORKDAYS), default=10, show_default=True,
              help="Working days ahead of the as-of date (at most 1000).")
@AS_OF
@UNITS
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@CALENDAR
@LANG
@QUIET
def due(paths: tuple[Path, ...], within: int, as_of, units: tuple[str, ...], output_format: str,
        calendar_file: Path | None) -> int:
    """List what falls due within N working days: feedback, requests, tasks, and windows closing with nothing
    recorded yet."""
    from ..base.phrase import Phrase, plural
    from ..engine import check, options_for
    from ..model.findings import Status
    from ..rules.naming import rule_name, subject_text

    context = load_context()
    options = options_for(context, as_of, units=resolve_units(units, context), calendar_file=calendar_file,
                          progress=progress())
    calendar = options.calendar
    result = check(load_dataset(paths, context), options)
    horizon = calendar.add(options.as_of, within)
    upcoming = sorted(
        (finding for finding in result.findings
         if finding.status is Status.PENDING and finding.due is not None and finding.due <= horizon),
        key=lambda finding: (finding.due, context.registry.order(finding.unit), finding.rule, finding.subject))
    if output_format == "json":
        write_json({"as_of": options.as_of.isoformat(), "until": horizon.isoformat(),
                    "due": [finding.to_json() for finding in upcoming]})
        return ExitCode.OK
    lang = current_lang()
    say(Phrase(f"due within {plural(within, 'working day')} of {options.as_of} (through {horizon}):",
               f"截至{options.as_of}，{within}个工作日内（至{horizon}）到期的事项：").pick(lang))
    if not upcoming:
        say(Phrase("  nothing", "  无").pick(lang))
    for finding in upcoming:
        left = calendar.count(options.as_of, finding.due)
        remaining = Phrase(f"({plural(left, 'working day')} left)", f"（还有{left}个工作日）").pick(lang)
        subject = one_line(subject_text(finding, result.headings, lang))
        separator = "｜" if lang == "zh" else "  "
        say(f"  {finding.due}  {remaining}  {one_line(finding.unit)}  {rule_name(finding.rule, lang)}{separator}"
            f"{subject}")
    for warning in calendar.unknown_year_warnings():
        say(Phrase(f"warning: {warning.en}", f"提示：{warning.zh}").pick(lang), err=True)
    return ExitCode.OK
