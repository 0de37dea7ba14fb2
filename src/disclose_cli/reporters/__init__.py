"""Reporters format a finished CheckResult onto a stream; they decide nothing.

``REPORTERS`` supplies the ``--format`` choices of ``disclose check``.
"""

from __future__ import annotations

import importlib
from typing import Callable

REPORTERS: dict[str, str] = {
    "text": "disclose_cli.reporters.text",
    "json": "disclose_cli.reporters.json_format",
    "github": "disclose_cli.reporters.github",
    "junit": "disclose_cli.reporters.junit",
    "sarif": "disclose_cli.reporters.sarif",
}


def get(name: str) -> Callable[..., None]:
    """The ``write(result, stream, **options)`` function of a reporter."""
    return importlib.import_module(REPORTERS[name]).write


