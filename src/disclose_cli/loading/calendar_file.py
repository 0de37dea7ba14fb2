"""A local calendar override file (``--calendar FILE`` or ``calendar:`` in disclose.yaml), read and checked."""

from __future__ import annotations

from pathlib import Path

from ..base.phrase import Phrase
from ..base.locations import InputError, Location, Problem
from ..calendar.workdays import CalendarOverrides, WorkCalendar
from .problems import validate_document
from .yaml_reader import read_document


def load_overrides(path: Path) -> CalendarOverrides:
    document = read_document(path)
    if document.problems:
        raise InputError(document.problems)
    if document.data is None:
        return CalendarOverrides()
    overrides, problems = validate_document(CalendarOverrides, document)
    if overrides is None:
        raise InputError(problems)
    clash = set(overrides.holidays) & set(overrides.workdays)
    if clash:
        day = min(clash)
        raise InputError([Problem.of(Location(path), Phrase(f"{day} is listed both as a holiday and as a working day",
                                                            f"{day}同时列为节假日和工作日"))])
    return overrides


def work_calendar(path: Path | None) -> WorkCalendar:
    """The official working-day calendar, completed by the override file when one is given."""
    return WorkCalendar(load_overrides(path)) if path is not None else WorkCalendar()
