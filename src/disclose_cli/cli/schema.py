"""``disclose schema``: a JSON Schema of the report format, for editors."""

from __future__ import annotations

from pathlib import Path

import click

from .common import load_context


@click.command()
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write to FILE (atomically).")
def schema(output: Path | None) -> None:
    """Print a JSON Schema of the report format, with Chinese and English titles and descriptions.

    Editors using yaml-language-server complete and explain fields when a report starts with
    `# yaml-language-server: $schema=report.schema.json`.
    """
    import json

    from ..output.atomic import atomic_writer
    from ..documents.schema import report_schema

    text = json.dumps(report_schema(load_context()), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    with atomic_writer(output) as stream:
        stream.write(text)
