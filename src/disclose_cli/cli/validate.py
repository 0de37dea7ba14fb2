"""``disclose validate``: are these report files valid?"""

from __future__ import annotations

from pathlib import Path

import click

from ..base.phrase import Phrase, plural
from .common import current_lang, load_context, load_dataset, problems_on_stdout, say
from .exitcodes import ExitCode
from .options import LANG, PATHS


@click.command(epilog="Examples:\n\n  disclose validate reports\n\n  disclose validate reports/kjj.yaml --lang en")
@PATHS
@LANG
def validate(paths: tuple[Path, ...]) -> int:
    """Validate report files (files or folders searched for *.yaml and *.yml).

    Prints one line per problem as FILE:LINE:COL: message and exits 2 when any file is invalid; exits 0 when
    every file is valid.
    """
    problems_on_stdout()
    dataset = load_dataset(paths, load_context())
    count = len(dataset.sources)
    say(Phrase(f"{plural(count, 'report')} valid ({plural(dataset.files, 'file')})",
               f"{count}份报告均有效（共{dataset.files}个文件）").pick(current_lang()))
    return ExitCode.OK
