"""SARIF 2.1.0 for code-scanning dashboards: every result has a location relative to the repository root, waived
findings are suppressions carrying the reason, passes are left out. Invalid input is filed under a rule of the
tool's own (``invalid-input``), which is not a compliance rule."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import IO, Iterable, Sequence
from urllib.parse import quote

from .. import HOMEPAGE, __version__
from ..base.locations import Location, Problem, relative_name
from ..model.findings import CheckResult, Status
from ..rules import RULES
from ..rules.docs import as_markdown, as_text
from ..rules.naming import subject_text
from . import INVALID_INPUT_ID

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Status.FAIL: "error", Status.PENDING: "warning", Status.WAIVED: "note"}
_INVALID_INPUT_HELP = (
    "A data file cannot be read, or does not follow the format of report files, disclose.yaml, the registry or "
    "the catalog. The message says what is wrong at this line and column and what to write instead. Fix the "
    "file and run `disclose validate` until it reports every file valid; no compliance rule is judged until "
    "then. Invalid input is not a finding and cannot be waived.\n")


def _uri(path: Path, root: Path) -> str:
    # The file name's own bytes, percent-encoded, also when they are not UTF-8.
    return quote(os.fsencode(relative_name(path, root)))


def _sentence(text: str) -> str:
    return text if text.endswith((".", "。")) else text + "."


def _pascal(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.split("-"))


def _help_uri(rule_id: str) -> str:
    # The project page lists every rule by id; a text fragment takes a browser to it.
    return f"{HOMEPAGE}#:~:text={quote(rule_id)}"


def _rule_descriptor(rule_id: str) -> dict:
    rule = RULES[rule_id]
    details = rule.doc.partition("\n")[2].strip()
    return {
        "id": rule_id,
        "name": _pascal(rule_id),
        "shortDescription": {"text": _sentence(rule.summary)},
        "fullDescription": {"text": _sentence(details.split("\n\n")[0].replace("\n", " ")) if details
                            else _sentence(rule.summary)},
        "help": {"text": as_text(rule.doc), "markdown": as_markdown(rule.doc)},
        "helpUri": _help_uri(rule_id),
        "defaultConfiguration": {"level": "error"},
        "properties": {"name_zh": rule.name.zh, "help_zh": as_text(rule.doc_zh)},
    }


_INVALID_INPUT_RULE = {
    "id": INVALID_INPUT_ID,
    "name": _pascal(INVALID_INPUT_ID),
    "shortDescription": {"text": "A data file is not valid input."},
    "fullDescription": {"text": _INVALID_INPUT_HELP.split(". ")[0] + "."},
    "help": {"text": _INVALID_INPUT_HELP, "markdown": _INVALID_INPUT_HELP},
    "helpUri": _help_uri(INVALID_INPUT_ID),
    "defaultConfiguration": {"level": "error"},
    "properties": {"name_zh": "数据文件有误"},
}


def _physical(location: Location, root: Path) -> dict:
    physical: dict = {"artifactLocation": {"uri": _uri(location.path, root)}}
    if location.line is not None:
        physical["region"] = {"startLine": location.line, **({"startColumn": location.column}
                                                             if location.column is not None else {})}
    return physical


def _log(rules: list[dict], results: Iterable[dict], properties: dict) -> dict:
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "disclose",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": HOMEPAGE,
                "rules": rules,
            }},
            "results": list(results),
            "properties": properties,
        }],
    }


def write(result: CheckResult, stream: IO[str], lang: str = "zh", **_: object) -> None:
    rule_ids = list(RULES)
    root = result.root or Path.cwd()
    results = []
    for finding in result.findings:
        level = _LEVEL.get(finding.status)
        if level is None:
            continue
        message_en = f"{finding.unit} · {finding.subject}: {finding.message}"
        message_zh = f"{finding.unit} · {subject_text(finding, result.headings, 'zh')}：{finding.message_zh}"
        item: dict = {
            "ruleId": finding.rule,
            "ruleIndex": rule_ids.index(finding.rule),
            "level": level,
            "message": {"text": message_zh if lang == "zh" else message_en},
            "locations": [{"physicalLocation": _physical(finding.location, root)}],
            "properties": {"unit": finding.unit, "subject": finding.subject, "status": finding.status.value,
                           "due": finding.due.isoformat() if finding.due else None,
                           "message_en": message_en, "message_zh": message_zh},
        }
        if finding.status is Status.WAIVED:
            item["suppressions"] = [{"kind": "external", "status": "accepted",
                                     "justification": finding.waiver or finding.message}]
        results.append(item)
    log = _log([_rule_descriptor(rule_id) for rule_id in rule_ids], results,
               {"asOf": result.as_of.isoformat(), "warnings": [warning.en for warning in result.warnings],
                "warnings_zh": [warning.zh for warning in result.warnings]})
    json.dump(log, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def write_problems(problems: Sequence[Problem], stream: IO[str], root: Path, lang: str = "zh", **_: object) -> None:
    results = [{
        "ruleId": INVALID_INPUT_ID,
        "ruleIndex": 0,
        "level": "error",
        "message": {"text": problem.message_zh if lang == "zh" else problem.message},
        "locations": [{"physicalLocation": _physical(problem.location, root)}],
        "properties": {"message_en": problem.message, "message_zh": problem.message_zh},
    } for problem in problems]
    json.dump(_log([_INVALID_INPUT_RULE], results, {}), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
