"""pydantic's validation errors turned into located problems, in the words of the file format."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ValidationError

from ..base.locations import Problem
from ..base.safetext import excerpt
from ..base.suggest import closest, did_you_mean
from .yaml_reader import Document

_YAML11_BOOLEAN_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false"}


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
    return f"'{excerpt(value, 24)}'"


def _message(error: dict, model: type[BaseModel], document: Document) -> str:
    kind = error["type"]
    loc = error["loc"]
    name = str(loc[-1]) if loc else "file"
    value = error.get("input")
    if kind == "missing":
        return f"missing required key '{name}'"
    if kind == "extra_forbidden":
        return f"unknown key '{name}'" + did_you_mean(name, _field_names(model, loc)).en
    if kind == "literal_error":
        expected = error["ctx"]["expected"]
        choices = re.findall(r"'([^']*)'", expected)
        return f"'{name}' must be one of {', '.join(choices)}; got {_describe(value)}" + (
            did_you_mean(value, choices).en if isinstance(value, str) else "")
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
    if kind == "less_than_equal":
        shown = str(value) if len(str(value)) <= 20 else f"a number of {len(str(value))} digits"
        return f"'{name}' may be at most {error['ctx']['le']}, got {shown}"
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
            close = closest(str(loc[-1]), _field_names(model, loc))
            if close is not None:
                misspelt.add(loc[:-1] + (close,))
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
