"""JSON: ``{"findings": [...], "summary": {...}}``, byte-identical across runs of the same command."""

from __future__ import annotations

import json
from typing import IO

from ..model.findings import CheckResult


def summary(result: CheckResult) -> dict:
    return {
        "as_of": result.as_of.isoformat(),
        "files": result.files,
        "units": result.units,
        "counts": result.counts(),
        "warnings": [warning.en for warning in result.warnings],
        "warnings_zh": [warning.zh for warning in result.warnings],
    }


def write(result: CheckResult, stream: IO[str], **_: object) -> None:
    """One finding a line: readable, diff-friendly, written by the C encoder (``indent`` would not be) and
    streamed, so that a large result is never held twice in memory."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    stream.write('{"findings": [')
    separator = "\n  "
    for finding in result.findings:
        stream.write(separator + encode(finding.to_json()))
        separator = ",\n  "
    stream.write("\n],\n" if result.findings else "],\n")
    stream.write(f' "summary": {encode(summary(result))}}}\n')
