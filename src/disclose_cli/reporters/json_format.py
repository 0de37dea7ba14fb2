"""JSON: ``{"findings": [...], "summary": {...}}``, byte-identical across runs of the same command."""

from __future__ import annotations

import json
from typing import IO

from ..findings import CheckResult


def to_dict(result: CheckResult) -> dict:
    return {
        "findings": [finding.to_json() for finding in result.findings],
        "summary": {
            "as_of": result.as_of.isoformat(),
            "files": result.files,
            "units": result.units,
            "counts": result.counts(),
            "warnings": result.warnings,
        },
    }


def write(result: CheckResult, stream: IO[str], **_: object) -> None:
    """One finding a line: readable, diff-friendly, and written by the C encoder (``indent`` would not be)."""
    document = to_dict(result)
    stream.write('{"findings": [')
    separator = "\n  "
    for finding in document["findings"]:
        stream.write(separator)
        stream.write(json.dumps(finding, ensure_ascii=False))
        separator = ",\n  "
    stream.write("\n],\n" if document["findings"] else "],\n")
    stream.write(f' "summary": {json.dumps(document["summary"], ensure_ascii=False)}}}\n')
