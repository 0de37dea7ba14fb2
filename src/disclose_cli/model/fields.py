"""Field types shared by every model read from YAML, and pydantic errors turned into located problems."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, StringConstraints, ValidationError
from pydantic_core import PydanticCustomError

from ..base.locations import Problem
from ..loading.yaml_reader import LINE_KEY, Document

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YAML11_BOOLEAN_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false"}


def _iso_date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as error:
            raise PydanticCustomError("date_impossible", "{value} is not a date on the calendar ({reason})",
                                      {"value": value, "reason": str(error)}) from None
    raise PydanticCustomError("date_form", "expected a date written as YYYY-MM-DD, such as 2024-03-01; got {value}",
                              {"value": repr(value) if isinstance(value, str) else str(value)})


def drop_line_key(value: Any) -> Any:
    """For mappings that are data (name → value) rather than records: their line is not a key."""
    if isinstance(value, dict) and LINE_KEY in value:
        return {key: item for key, item in value.items() if key != LINE_KEY}
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
Text = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1)]
Count = Annotated[int, Strict(), Field(ge=0)]
Flag = Annotated[bool, Strict()]


class Record(BaseModel):
    """A mapping read from YAML: unknown keys are errors; ``line`` is where it starts in its file."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)

    line: int | None = Field(default=None, alias=LINE_KEY, exclude=True, repr=False)


def _field_names(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The keys allowed at ``loc`` (for did-you-mean), following nested models and lists."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return []
        current = _inner_model(current.model_fields[part].annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [name for name in current.model_fields if name != "line"]
    return []


def _inner_model(annotation: Any) -> Any:
    for argument in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(argument)
        if isinstance(found, type) and issubclass(found, BaseModel):
            return found
    return annotation


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    return f"'{value}'"


def _message(error: dict, model: type[BaseModel], document: Document) -> str:
    kind = error["type"]
    loc = error["loc"]
    name = str(loc[-1]) if loc else "file"
    value = error.get("input")
    if kind == "missing":
        return f"missing required key '{name}'"
    if kind == "extra_forbidden":
        return f"unknown key '{name}'" + did_you_mean(name, _field_names(model, loc))
    if kind == "literal_error":
        expected = error["ctx"]["expected"]
        choices = re.findall(r"'([^']*)'", expected)
        return f"'{name}' must be one of {', '.join(choices)}; got {_describe(value)}" + (
            did_you_mean(value, choices) if isinstance(value, str) else "")
    if kind in ("string_type", "string_too_short"):
        if kind == "string_too_short":
            return f"'{name}' is empty"
        source = _source_text(document, loc)
        if isinstance(value, bool) or (source and source.lower() in _YAML11_BOOLEAN_WORDS):
            return (f"'{name}' must be text, but the unquoted word {source or value} is read as yes/no; "
                    f"put it in quotes if it is text")
        if isinstance(value, (int, float)):
            return f"'{name}' must be text, but {source or value} is read as a number; put it in quotes"
        return f"'{name}' must be text, got {_describe(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"'{name}' must be a whole number, got {_describe(value)}"
    if kind == "greater_than_equal":
        return f"'{name}' must be at least {error['ctx']['ge']}, got {value}"
    if kind == "bool_type":
        return f"'{name}' must be true or false, got {_describe(value)}"
    if kind in ("list_type", "model_type", "dict_type", "model_attributes_type"):
        wanted = "a list" if kind == "list_type" else "a mapping of keys"
        if not loc:
            return f"a report file must be {wanted} at the top level, got {_describe(value)}"
        return f"'{name}' must be {wanted}, got {_describe(value)}"
    if kind in ("date_form", "date_impossible"):
        return f"'{name}': {error['msg']}"
    return f"'{name}': {error['msg']}"


def _source_text(document: Document, loc: tuple[str | int, ...]) -> str | None:
    """The scalar as typed in the file, so messages can quote ``no`` rather than ``False``."""
    if document.text is None:
        return None
    location = document.locate(loc)
    if location.line is None:
        return None
    lines = document.text.split("\n")
    if location.line > len(lines):
        return None
    line = lines[location.line - 1]
    token = re.match(r"[^\s#,\]}]+", line[location.column - 1:])
    return token.group(0) if token else None


def validation_problems(error: ValidationError, model: type[BaseModel], document: Document,
                        prefix: tuple[str | int, ...] = ()) -> list[Problem]:
    errors = error.errors(include_url=False)
    # "titel" is unknown and "title" is missing: one mistake, told once (as the did-you-mean).
    misspelt = set()
    for item in errors:
        if item["type"] == "extra_forbidden":
            loc = tuple(item["loc"])
            close = difflib.get_close_matches(str(loc[-1]), _field_names(model, loc), n=1, cutoff=0.6)
            misspelt.update((loc[:-1] + (name,)) for name in close)
    problems = []
    for item in errors:
        if item["type"] == "missing" and tuple(item["loc"]) in misspelt:
            continue
        loc = prefix + tuple(item["loc"])
        item = dict(item, loc=loc)
        at_key = item["type"] == "extra_forbidden"
        location = document.locate(loc[:-1] if item["type"] == "missing" else loc, at_key=at_key)
        problems.append(Problem(location, _message(item, model, document)))
    return problems


def validate_document(model: type[BaseModel], document: Document) -> tuple[Any, list[Problem]]:
    """The model built from a document, or ``None`` and the located problems."""
    try:
        return model.model_validate(document.data), []
    except ValidationError as error:
        return None, validation_problems(error, model, document)
