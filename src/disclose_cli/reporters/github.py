"""GitHub Actions workflow commands: ``::error`` for failures, ``::warning`` for pending findings."""

from __future__ import annotations

from typing import IO

from ..model.findings import CheckResult, Status
from ..base.safetext import clean
from ..rules.naming import message_text, rule_name, subject_text

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
        properties = [f"file={_escape_property(str(finding.location.path))}"]
        if finding.location.line is not None:
            properties.append(f"line={finding.location.line}")
        subject = subject_text(finding, result.headings, lang)
        properties.append(f"title={_escape_property(f'{rule_name(finding.rule, lang)}: {finding.unit} {subject}')}")
        message = f"{finding.unit} · {subject}{colon}{message_text(finding, lang)}"
        stream.write(f"::{level} {','.join(properties)}::{_escape_data(message)}\n")
    for warning in result.warnings:
        stream.write(f"::warning ::{_escape_data(warning.pick(lang))}\n")
