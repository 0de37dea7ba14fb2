"""``disclose schema``: a JSON Schema of the report format, for editors."""

from __future__ import annotations

from pathlib import Path

import click

from .common import load_context, refuse_to_overwrite, write_text
from .exitcodes import ExitCode
from .options import output_option


@click.command(epilog="Examples:\n\n  disclose schema -o report.schema.json")
@output_option("Write to FILE (atomically).")
def schema(output: Path | None) -> int:
    """Print a JSON Schema of the report format, with Chinese and English titles and descriptions.

    Editors using yaml-language-server complete and explain fields when a report starts with
    `# yaml-language-server: $schema=report.schema.json`.
    """
    import json

    from ..documents.schema import report_schema

    context = load_context()
    refuse_to_overwrite(output, context)
    write_text(json.dumps(report_schema(context), ensure_ascii=False, indent=2) + "\n", output)
    return ExitCode.OK
