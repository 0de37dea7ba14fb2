"""``disclose plan``: a unit's 工作配档表 for the year."""

from __future__ import annotations

from pathlib import Path

import click

from .common import catalog_for, load_context, resolve_unit
from .report import LANG, TEMPLATES, write_rendered


@click.command()
@click.option("--unit", required=True, help="The unit (name or alias).")
@click.option("--year", type=int, default=None, help="Catalog year (default: the latest loaded).")
@click.option("--format", "output_format", type=click.Choice(["md", "html", "csv"]), default="md", show_default=True)
@LANG
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write to FILE (atomically); default: stdout.")
@TEMPLATES
def plan(unit: str, year: int | None, output_format: str, lang: str, output: Path | None,
         templates: Path | None) -> None:
    """Write a unit's schedule of the year's work: its catalog tasks, and its recurring duties with due dates
    (meeting windows, evaluations, trainings, the multimedia target, feedback and request periods)."""
    from ..documents.plan import build_plan

    context = load_context()
    data = build_plan(catalog_for(year, context), resolve_unit(unit, context), context.config.parameters)
    if output_format == "csv":
        _write_csv(data, lang, output)
        return
    write_rendered(f"plan.{output_format}.j2", templates, lang, output, plan=data)


def _write_csv(data, lang: str, output: Path | None) -> None:  # noqa: ANN001
    """UTF-8 with a BOM, so that Excel shows the Chinese text."""
    import csv
    import io

    from ..output.atomic import atomic_writer
    from ..documents.render import load_labels
    from ..base.safetext import clean

    labels_all = load_labels(None)[lang]
    labels = labels_all["plan_csv"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(labels)
    for task in data.tasks + data.role_tasks:
        role = "、".join(task.roles) if task in data.role_tasks else ""
        writer.writerow([task.id, task.category, task.item, task.subitem or "", clean(task.content),
                         task.deadline.isoformat(), task.deadline_text, labels_all["ongoing_mark"] if task.ongoing else "",
                         role])
    for duty in data.duties:
        writer.writerow([duty.rule, "", duty.label, "", duty.requirement_zh if lang == "zh" else duty.requirement_en,
                         duty.due.isoformat() if duty.due else "", "", "", ""])
    text = "\ufeff" + buffer.getvalue()
    if output is None:
        click.echo(text, nl=False)
        return
    with atomic_writer(output, newline="") as stream:
        stream.write(text)
