"""JSON: ``{"version": 1, "findings": [...], "summary": {...}}``, or ``{"version": 1, "problems": [...]}`` when
the input is invalid; byte-identical across runs of the same command. Its contract is docs/schemas/:
check-output.schema.json (what ``check`` writes) and problems-output.schema.json (the problems, as ``validate``
writes them); tests/test_output_schema.py validates real output against both, and fails when a field
changes here and not there."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Sequence

from ..base.locations import Problem, repository_name
from ..model.findings import CheckResult

# The output format's version: raised when a field changes meaning or goes away (fields are only ever added).
VERSION = 1


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
    stream.write(f'{{"version": {VERSION},\n "findings": [')
    separator = "\n  "
    for finding in result.findings:
        stream.write(separator + encode(finding.to_json(result.file_name(finding.location.path))))
        separator = ",\n  "
    stream.write("\n],\n" if result.findings else "],\n")
    stream.write(f' "summary": {encode(summary(result))}}}\n')


def write_problems(problems: Sequence[Problem], stream: IO[str], root: Path, **_: object) -> None:
    """Every problem with its file (relative to the repository root), line, column and both messages."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    rows = [encode({"file": repository_name(problem.location.path, root), "line": problem.location.line,
                    "column": problem.location.column, "message": problem.message,
                    "message_zh": problem.message_zh}) for problem in problems]
    body = "\n  " + ",\n  ".join(rows) + "\n" if rows else ""
    stream.write(f'{{"version": {VERSION},\n "problems": [{body}]}}\n')
