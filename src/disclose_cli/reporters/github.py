"""GitHub Actions workflow commands: ``::error`` for failures, ``::warning`` for pending findings."""

from __future__ import annotations

from typing import IO

from ..model.findings import CheckResult, Status
from ..base.safetext import clean

_LEVEL = {Status.FAIL: "error", Status.PENDING: "warning"}


def _escape_data(text: str) -> str:
    # The runner's own escaping rules for a command's message and its properties; other controls and bidi
    # overrides from the data are made visible first.
    return clean(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write(result: CheckResult, stream: IO[str], **_: object) -> None:
    for finding in result.findings:
        level = _LEVEL.get(finding.status)
        if level is None:
            continue
        properties = [f"file={_escape_property(str(finding.location.path))}"]
        if finding.location.line is not None:
            properties.append(f"line={finding.location.line}")
        properties.append(f"title={_escape_property(f'{finding.rule}: {finding.unit} {finding.subject}')}")
        message = f"{finding.unit} · {finding.subject}: {finding.message}"
        stream.write(f"::{level} {','.join(properties)}::{_escape_data(message)}\n")
    for warning in result.warnings:
        stream.write(f"::warning ::{_escape_data(warning)}\n")
