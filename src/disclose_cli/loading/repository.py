"""The data repository's root: what machine-readable output names files relative to, so that the same data gives
the same output on every machine and in every virtualenv."""

from __future__ import annotations

import os
from pathlib import Path


def repository_root(config_path: Path | None, cwd: Path | None = None) -> Path:
    """git's top level (the folder holding ``.git``, found upward from disclose.yaml's folder, else from the
    current folder), else the folder of disclose.yaml, else the current folder. Absolute, links not resolved."""
    cwd = Path(os.path.abspath(cwd or Path.cwd()))
    start = Path(os.path.abspath(config_path)).parent if config_path is not None else cwd
    for folder in (start, *start.parents):
        if (folder / ".git").exists():  # a folder, or a file in a worktree or submodule
            return folder
    return start
