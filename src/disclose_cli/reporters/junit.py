"""JUnit XML: a test suite per unit, a test case per finding; failures fail, pending and waived are skipped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import IO

from ..base.safetext import readable
from ..rules.naming import message_text, subject_text
from ..model.findings import CheckResult, Status

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
                             file=_clean(finding.location.path))
        if finding.location.line is not None:
            case.set("line", str(finding.location.line))
        message = _clean(message_text(finding, lang))
        if finding.status is Status.FAIL:
            failure = ET.SubElement(case, "failure", message=message, type=finding.rule)
            subject = subject_text(finding, result.headings, lang)
            failure.text = _clean(f"{finding.location}: {finding.unit} · {subject}: {message_text(finding, lang)}")
        elif finding.status in (Status.PENDING, Status.WAIVED):
            ET.SubElement(case, "skipped", message=message, type=finding.status.value)
    for suite in [root, *suites.values()]:
        cases = list(suite.iter("testcase"))
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(sum(1 for case in cases if case.find("failure") is not None)))
        suite.set("skipped", str(sum(1 for case in cases if case.find("skipped") is not None)))
        suite.set("errors", "0")
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
