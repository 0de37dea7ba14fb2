"""Reporters format a finished CheckResult, or the problems that stopped a run, onto a stream; they decide nothing.

``REPORTERS`` supplies the ``--format`` choices of ``disclose check``; ``PROBLEM_FORMATS`` those of ``disclose
validate``. Every reporter module has ``write(result, stream, **options)`` and ``write_problems(problems, stream,
root, **options)``.
"""

from __future__ import annotations

import importlib
from typing import Callable

from ..base.phrase import Phrase

REPORTERS: dict[str, str] = {
    "text": "disclose_cli.reporters.text",
    "json": "disclose_cli.reporters.json_format",
    "github": "disclose_cli.reporters.github",
    "junit": "disclose_cli.reporters.junit",
    "sarif": "disclose_cli.reporters.sarif",
}
PROBLEM_FORMATS = ("text", "github", "json", "sarif")  # validate's; check's problems come in any of REPORTERS

# Invalid input, as machine formats file it: a category of the tool's own, not a compliance rule (never waivable,
# not listed by ``disclose rules``).
INVALID_INPUT_ID = "invalid-input"
INVALID_INPUT = Phrase("invalid input", "数据文件有误")


def get(name: str) -> Callable[..., None]:
    """The ``write(result, stream, **options)`` function of a reporter."""
    return importlib.import_module(REPORTERS[name]).write


def get_problem_writer(name: str) -> Callable[..., None]:
    """The ``write_problems(problems, stream, root, **options)`` function of a reporter."""
    return importlib.import_module(REPORTERS[name]).write_problems
