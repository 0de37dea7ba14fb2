"""JUnit XML: a test suite per unit, a test case per finding; failures fail, pending and waived are skipped. Invalid
input is a suite of its own, a failing test case per problem. Files are named relative to the repository root."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import IO, Sequence

from ..base.locations import Problem, repository_name
from ..base.safetext import readable
from ..model.findings import CheckResult, Status
from ..rules.naming import message_text, subject_text
from . import INVALID_INPUT, INVALID_INPUT_ID

# Characters XML 1.0 cannot carry at all, even escaped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: object) -> str:
    return _INVALID_XML.sub("\ufffd", readable(text))


def write(result: CheckResult, stream: IO[str], lang: str = "zh", **_: object) -> None:
    root = ET.Element("testsuites", name="disclose check", tests=str(len(result.findings)))
    suites: dict[str, ET.Element] = {}
    for finding in result.findings:
        suite = suites.get(finding.unit)
        if suite is None:
            suite = suites[finding.unit] = ET.SubElement(root, "testsuite", name=_clean(finding.unit))
        case = ET.SubElement(suite, "testcase", classname=finding.rule, name=_clean(finding.subject),
                             file=_clean(result.file_name(finding.location.path)))
        if finding.location.line is not None:
            case.set("line", str(finding.location.line))
        message = _clean(message_text(finding, lang))
        if finding.status is Status.FAIL:
            failure = ET.SubElement(case, "failure", message=message, type=finding.rule)
            subject = subject_text(finding, result.headings, lang)
            where = ":".join([result.file_name(finding.location.path)]
                             + ([str(finding.location.line)] if finding.location.line is not None else []))
            failure.text = _clean(f"{where}: {finding.unit} · {subject}: {message_text(finding, lang)}")
        elif finding.status in (Status.PENDING, Status.WAIVED):
            ET.SubElement(case, "skipped", message=message, type=finding.status.value)
    _finish(root, [root, *suites.values()], stream)


def write_problems(problems: Sequence[Problem], stream: IO[str], root: Path, lang: str = "zh", **_: object) -> None:
    tests = ET.Element("testsuites", name="disclose check")
    suite = ET.SubElement(tests, "testsuite", name=INVALID_INPUT.pick(lang))
    for problem in problems:
        name = repository_name(problem.location.path, root)
        case = ET.SubElement(suite, "testcase", classname=INVALID_INPUT_ID, name=_clean(name), file=_clean(name))
        if problem.location.line is not None:
            case.set("line", str(problem.location.line))
        message = _clean(problem.message_zh if lang == "zh" else problem.message)
        failure = ET.SubElement(case, "failure", message=message, type=INVALID_INPUT_ID)
        where = ":".join([name] + ([f"{problem.location.line}:{problem.location.column or 1}"]
                                   if problem.location.line is not None else []))
        failure.text = _clean(f"{where}: {message}")
    _finish(tests, [tests, suite], stream)


def _finish(root: ET.Element, suites: list[ET.Element], stream: IO[str]) -> None:
    for suite in suites:
        cases = list(suite.iter("testcase"))
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(sum(1 for case in cases if case.find("failure") is not None)))
        suite.set("skipped", str(sum(1 for case in cases if case.find("skipped") is not None)))
        suite.set("errors", "0")
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
