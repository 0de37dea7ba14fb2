"""``disclose validate``: are these report files valid?"""

from __future__ import annotations

from pathlib import Path

import click

from .common import load_context, load_dataset, say
from .exitcodes import ExitCode
from .options import PATHS


@click.command()
@PATHS
def validate(paths: tuple[Path, ...]) -> int:
    """Validate report files (files or folders searched for *.yaml and *.yml).

    Prints one line per problem as FILE:LINE:COL: message and exits 2 when any file is invalid; exits 0 when
    every file is valid.
    """
    dataset = load_dataset(paths, load_context())
    count = len(dataset.sources)
    say(f"{count} report{'s' * (count != 1)} valid ({dataset.files} file{'s' * (dataset.files != 1)})")
    return ExitCode.OK
