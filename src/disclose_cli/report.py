"""The report file: one unit's progress and records for one year."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from .fields import Count, Flag, IsoDate, Record, Text

TaskStatus = Literal["planned", "in_progress", "done", "not_applicable"]
InterpretationForm = Literal["text", "graphic", "video", "animation", "audio", "h5", "briefing", "interview", "article"]
INTERPRETATION_FORMS: tuple[str, ...] = InterpretationForm.__args__


def _year_as_text(value: Any) -> Any:
    # A waiver's subject may be a year written unquoted (2024); any other number must be quoted to be text.
    if isinstance(value, int) and not isinstance(value, bool) and 2000 <= value <= 2100:
        return str(value)
    return value


class TaskProgress(Record):
    task: Text
    status: TaskStatus
    done_on: IsoDate | None = None
    evidence: list[Text] = Field(default_factory=list)
    note: Text | None = None


class Consultation(Record):
    title: Text
    opened: IsoDate
    closed: IsoDate
    short_reason: Text | None = None


class Decision(Record):
    title: Text
    issued: IsoDate
    feedback_published: IsoDate | None = None


class Interpretation(Record):
    policy: Text
    form: InterpretationForm
    published: IsoDate


class Meeting(Record):
    title: Text
    date: IsoDate
    public_attendees: Count
    opinions_published: IsoDate | None = None


class Evaluation(Record):
    topic: Text
    completed: IsoDate
    results_published: IsoDate | None = None


class Training(Record):
    title: Text
    date: IsoDate


class Request(Record):
    ref: Text
    received: IsoDate
    corrected: IsoDate | None = None
    answered: IsoDate | None = None
    extended: Flag = False
    excluded_workdays: Count = 0


class Waiver(Record):
    rule: Text
    subject: Annotated[Text, BeforeValidator(_year_as_text)] | None = None
    reason: Text
    approved_by: Text
    expires: IsoDate | None = None


class Report(Record):
    unit: Text
    year: Annotated[int, Field(strict=True, ge=2000, le=2100)]
    tasks: list[TaskProgress] = Field(default_factory=list)
    consultations: list[Consultation] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    interpretations: list[Interpretation] = Field(default_factory=list)
    meetings: list[Meeting] = Field(default_factory=list)
    evaluations: list[Evaluation] = Field(default_factory=list)
    trainings: list[Training] = Field(default_factory=list)
    requests: list[Request] = Field(default_factory=list)
    waivers: list[Waiver] = Field(default_factory=list)


# For each record section: the date that places a record in its year, then the dates that may follow it, each
# with the date it must not precede. A record belongs to the year it starts in; later dates may reach the next year.
SECTION_DATES: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "consultations": ("opened", (("closed", "opened"),)),
    "decisions": ("issued", (("feedback_published", "issued"),)),
    "interpretations": ("published", ()),
    "meetings": ("date", (("opinions_published", "date"),)),
    "evaluations": ("completed", (("results_published", "completed"),)),
    "trainings": ("date", ()),
    "requests": ("received", (("corrected", "received"), ("answered", "corrected|received"))),
}

SECTION_TITLE: dict[str, str] = {
    "consultations": "title", "decisions": "title", "interpretations": "policy", "meetings": "title",
    "evaluations": "topic", "trainings": "title", "requests": "ref",
}


def later_than(record: Record, reference: str) -> tuple[str, dt.date] | None:
    """The first present date among ``a|b`` alternatives, with its key."""
    for key in reference.split("|"):
        value = getattr(record, key)
        if value is not None:
            return key, value
    return None
