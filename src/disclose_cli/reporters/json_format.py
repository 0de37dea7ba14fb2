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
    json.dump(to_dict(result), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
