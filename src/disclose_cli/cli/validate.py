"""``disclose validate``: are these report files valid?"""

from __future__ import annotations

from pathlib import Path

import click

from ..base.phrase import Phrase, plural
from ..reporters import PROBLEM_FORMATS
from .common import current_lang, load_context, load_dataset, open_output, problems_are_output, say
from .exitcodes import ExitCode
from .formats import format_for
from .options import LANG, PATHS, QUIET, output_option


@click.command(epilog="Examples:\n\n  disclose validate reports\n\n  disclose validate reports/kjj.yaml --lang en\n\n"
                      "  disclose validate reports --format github")
@PATHS
@click.option("--format", "output_format", type=click.Choice(PROBLEM_FORMATS), default=None,
              help="text: FILE:LINE:COL: message lines (the default, unless the suffix of -o names another: "
                   ".json, .sarif); github: an Actions annotation on each problem's file and line; json; sarif "
                   "(each problem under the tool's rule invalid-input).")
@output_option("Write to FILE (atomically); default: stdout.")
@LANG
@QUIET
def validate(paths: tuple[Path, ...], output_format: str | None, output: Path | None) -> int:
    """Validate report files (files or folders searched for *.yaml and *.yml).

    Prints every problem of every file and exits 2 when any file is invalid; exits 0 when every file is valid.
    """
    output_format = format_for(output, output_format, PROBLEM_FORMATS, "text")
    problems_are_output(output_format, output)
    dataset = load_dataset(paths, load_context())
    if output_format == "text":
        count = len(dataset.sources)
        say(Phrase(f"{plural(count, 'report')} valid ({plural(dataset.files, 'file')})",
                   f"{count}份报告有效（共{dataset.files}个文件）" if count == 1 else
                   f"{count}份报告均有效（共{dataset.files}个文件）").pick(current_lang()))
        return ExitCode.OK
    from ..reporters import get_problem_writer

    with open_output(output) as stream:  # no problems: an empty list, an empty run, no annotation
        get_problem_writer(output_format)([], stream, dataset.context.root, lang=current_lang())
    return ExitCode.OK
