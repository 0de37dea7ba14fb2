"""``disclose plan``: a unit's 工作配档表 for the year."""

from __future__ import annotations

from pathlib import Path

import click

from .common import catalog_for, current_lang, load_context, refuse_to_overwrite, resolve_unit, write_text
from .exitcodes import ExitCode
from .options import CATALOG_YEAR, LANG, TEMPLATES, UNIT, output_option


@click.command(epilog="Examples:\n\n  disclose plan --unit 环翠区\n\n  disclose plan --unit 市科技局 --format csv -o kjj-plan.csv")
@UNIT
@CATALOG_YEAR
@click.option("--format", "output_format", type=click.Choice(["md", "html", "csv"]), default="md", show_default=True)
@LANG
@output_option()
@TEMPLATES
def plan(unit: str, year: int | None, output_format: str, output: Path | None,
         templates: Path | None) -> int:
    """Write a unit's schedule of the year's work: its catalog tasks, and its recurring duties with due dates
    (meeting windows, evaluations, trainings, the multimedia target, feedback and request periods)."""
    from ..documents.plan import build_plan

    context = load_context()
    refuse_to_overwrite(output, context, others=(templates,))
    data = build_plan(catalog_for(year, context), resolve_unit(unit, context), context.config.parameters)
    if output_format == "csv":
        from ..documents.plan_csv import plan_csv

        write_text(plan_csv(data, current_lang()), output, newline="")
    else:
        from ..documents.render import render

        write_text(render(f"plan.{output_format}.j2", templates, current_lang(), plan=data), output)
    return ExitCode.OK
