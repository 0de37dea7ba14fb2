"""GitHub Actions workflow commands: ``::error`` for failures and for invalid input, ``::warning`` for pending
findings. Files are named relative to the repository root, as the runner matches them to the pull request."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Sequence

from ..base.locations import Problem, repository_name
from ..base.safetext import clean
from ..model.findings import CheckResult, Status
from ..rules.naming import message_text, rule_name, subject_text
from . import INVALID_INPUT

_LEVEL = {Status.FAIL: "error", Status.PENDING: "warning"}


def _escape_data(text: str) -> str:
    # The runner's own escaping rules for a command's message and its properties; other controls and bidi
    # overrides from the data are made visible first.
    return clean(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write(result: CheckResult, stream: IO[str], lang: str = "zh", **_: object) -> None:
    """An annotation per failing or pending finding, in the reader's language."""
    colon = "：" if lang == "zh" else ": "
    for finding in result.findings:
        level = _LEVEL.get(finding.status)
        if level is None:
            continue
        properties = [f"file={_escape_property(result.file_name(finding.location.path))}"]
        if finding.location.line is not None:
            properties.append(f"line={finding.location.line}")
        subject = subject_text(finding, result.headings, lang)
        properties.append(f"title={_escape_property(f'{rule_name(finding.rule, lang)}{colon}{finding.unit} {subject}')}")
        message = f"{finding.unit} · {subject}{colon}{message_text(finding, lang)}"
        stream.write(f"::{level} {','.join(properties)}::{_escape_data(message)}\n")
    for warning in result.warnings:
        stream.write(f"::warning ::{_escape_data(warning.pick(lang))}\n")


def write_problems(problems: Sequence[Problem], stream: IO[str], root: Path, lang: str = "zh", **_: object) -> None:
    """An error annotation on each problem's file, line and column."""
    title = _escape_property(INVALID_INPUT.pick(lang))
    for problem in problems:
        properties = [f"file={_escape_property(repository_name(problem.location.path, root))}"]
        if problem.location.line is not None:
            properties += [f"line={problem.location.line}", f"col={problem.location.column or 1}"]
        message = problem.message_zh if lang == "zh" else problem.message
        stream.write(f"::error {','.join(properties)},title={title}::{_escape_data(message)}\n")
