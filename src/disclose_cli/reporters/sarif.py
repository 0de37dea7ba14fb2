"""SARIF 2.1.0 for code-scanning dashboards: every result has a location, waived findings are suppressions
carrying the reason, passes are left out."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import IO
from urllib.parse import quote

from .. import __version__
from ..model.findings import CheckResult, Status
from ..rules import RULES
from ..rules.naming import subject_text

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Status.FAIL: "error", Status.PENDING: "warning", Status.WAIVED: "note"}


def _uri(path: Path) -> str:
    if path.is_absolute():
        return path.as_uri()
    return quote(os.fsencode(path.as_posix()))  # the file name's own bytes, also when they are not UTF-8


def _rule_descriptor(rule_id: str) -> dict:
    rule = RULES[rule_id]
    details = rule.doc.partition("\n")[2].strip()
    return {
        "id": rule_id,
        "name": rule_id,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": details or rule.summary},
    }


def write(result: CheckResult, stream: IO[str], **_: object) -> None:
    rule_ids = list(RULES)
    results = []
    for finding in result.findings:
        level = _LEVEL.get(finding.status)
        if level is None:
            continue
        physical: dict = {"artifactLocation": {"uri": _uri(finding.location.path)}}
        if finding.location.line is not None:
            physical["region"] = {"startLine": finding.location.line}
        item: dict = {
            "ruleId": finding.rule,
            "ruleIndex": rule_ids.index(finding.rule),
            "level": level,
            "message": {"text": f"{finding.unit} · {finding.subject}: {finding.message}"},
            "locations": [{"physicalLocation": physical}],
            "properties": {"unit": finding.unit, "subject": finding.subject, "status": finding.status.value,
                           "due": finding.due.isoformat() if finding.due else None,
                           "message_zh": f"{finding.unit} · {subject_text(finding, result.headings, 'zh')}："
                                         f"{finding.message_zh}"},
        }
        if finding.status is Status.WAIVED:
            item["suppressions"] = [{"kind": "external", "status": "accepted",
                                     "justification": finding.waiver or finding.message}]
        results.append(item)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "disclose",
                "version": __version__,
                "rules": [_rule_descriptor(rule_id) for rule_id in rule_ids],
            }},
            "results": results,
            "properties": {"asOf": result.as_of.isoformat(), "warnings": [warning.en for warning in result.warnings],
                           "warnings_zh": [warning.zh for warning in result.warnings]},
        }],
    }
    json.dump(log, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
