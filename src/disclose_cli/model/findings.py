"""Findings: what the rules concluded, as small frozen values with a location."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import NamedTuple

from ..base.locations import Location, repository_name
from ..base.phrase import Phrase
from ..base.safetext import readable


class Status(str, Enum):
    PASS = "pass"
    FAIL = "fail"
    PENDING = "pending"
    WAIVED = "waived"

    def __str__(self) -> str:
        return self.value


class Verdict(NamedTuple):
    """What a rule saw: the engine adds the rule's identity and applies waivers. (Verdicts and findings are
    named tuples: immutable like frozen dataclasses, and much cheaper to make by the hundred thousand.)"""

    unit: str
    status: Status
    subject: str
    message: str
    message_zh: str
    location: Location
    due: dt.date | None = None
    overdue_workdays: int | None = None  # for fails past a due date: by how many working days
    measure: object = None  # what reports show beside the status (a rule's tally reads it): counts, a share
    year: int | None = None  # the report's year (a task id is named by that year's catalog)
    done: dt.date | None = None  # the day the requirement was met, on time or late (by the as-of date)


class Finding(NamedTuple):
    rule: str
    unit: str
    status: Status
    subject: str
    message: str
    message_zh: str
    location: Location
    due: dt.date | None = None
    overdue_workdays: int | None = None
    waiver: str | None = None  # the reason and approver when waived, or why a waiver no longer applies
    measure: object = None  # as the verdict's; not part of the JSON output
    year: int | None = None  # as the verdict's
    done: dt.date | None = None  # as the verdict's

    @classmethod
    def of(cls, rule: str, verdict: Verdict) -> Finding:
        """The finding of ``rule`` from what the rule saw (no waiver applied yet)."""
        return cls(rule=rule, unit=verdict.unit, status=verdict.status, subject=verdict.subject,
                   message=verdict.message, message_zh=verdict.message_zh, location=verdict.location,
                   due=verdict.due, overdue_workdays=verdict.overdue_workdays, measure=verdict.measure,
                   year=verdict.year, done=verdict.done)

    def to_json(self, file_name: str | None = None) -> dict:
        """``file_name``: the file as the output names it (by default as read)."""
        return {
            "rule": self.rule,
            "unit": self.unit,
            "status": self.status.value,
            "subject": self.subject,
            "message": self.message,
            "message_zh": self.message_zh,
            "due": self.due.isoformat() if self.due else None,
            "file": readable(self.location.path) if file_name is None else file_name,
            "line": self.location.line,
            "overdue_workdays": self.overdue_workdays,
            "waiver": self.waiver,
        }


@dataclass
class CheckResult:
    as_of: dt.date
    findings: list[Finding]
    files: int  # the report files of the units judged
    units: int  # the units judged that have a report
    warnings: list[Phrase] = field(default_factory=list)
    headings: dict[tuple[int, str], str] = field(default_factory=dict)  # (year, task id) → the task's heading
    root: Path | None = None  # the data repository's root, which machine-readable output names files from

    def file_name(self, path: Path) -> str:
        """A file as machine-readable output names it: relative to the repository root, with ``/``."""
        return repository_name(path, self.root) if self.root is not None else readable(path.as_posix())

    def heading(self, finding: Finding) -> str | None:
        """The heading of the task a finding is about, where its subject is a task id."""
        return self.headings.get((finding.year, finding.subject)) if finding.year is not None else None

    def counts(self) -> dict[str, int]:
        counts = {status.value: 0 for status in Status}
        for finding in self.findings:
            counts[finding.status.value] += 1
        return counts
