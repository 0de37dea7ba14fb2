"""pydantic's validation errors turned into located problems, in the words of the file format."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ValidationError

from ..base.locations import Problem
from ..base.phrase import Phrase
from ..base.safetext import excerpt
from ..base.suggest import closest, did_you_mean
from ..model.annual_format import APPEAL_COLUMNS, APPEAL_KINDS, COLUMNS, TABLE3_ROWS
from ..model.field_titles import title
from ..model.report_file import VALUE_LABELS
from .typing_mistakes import full_width_in_value
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


def _describe(value: Any) -> Phrase:
    if isinstance(value, bool):
        return Phrase("a yes/no value", "是/否值")
    if isinstance(value, (int, float)):
        return Phrase("a number", "数字")
    if isinstance(value, dict):
        return Phrase("a mapping", "键值映射")
    if isinstance(value, list):
        return Phrase("a list", "列表")
    if value is None:
        return Phrase("nothing (null)", "空值")
    return Phrase(f"'{excerpt(value, 24)}'", f"“{excerpt(value, 24)}”")


# What a file is, for a problem with the whole of it.
_FILE_KINDS = {"Report": Phrase("a report file", "报告文件"), "RegistryFile": Phrase("a registry file", "单位名录文件"),
               "CatalogFile": Phrase("a catalog file", "任务表文件"), "ConfigFile": Phrase("disclose.yaml", "disclose.yaml"),
               "CalendarOverrides": Phrase("a calendar file", "日历文件")}


def _named(loc: tuple) -> Phrase:
    """How a message names the key at ``loc``: the key, with its Chinese title where it has one."""
    key = str(loc[-1]) if loc else ""
    zh = title(key, "zh")
    return Phrase(f"'{excerpt(key)}'", f"{excerpt(key)}（{zh}）" if zh != key else excerpt(key))


def _choices(name: str, choices: list[str]) -> Phrase:
    labels = VALUE_LABELS.get(name, {})
    shown = [f"{code}（{labels[code]}）" if code in labels else code for code in choices]
    return Phrase(", ".join(choices), "、".join(shown))


def _suggestion(name: str, value: Any, choices: list[str]) -> Phrase:
    """The closest code to what was typed, also when a Chinese word near a code's label was typed."""
    if not isinstance(value, str):
        return Phrase("", "")
    labels = VALUE_LABELS.get(name, {})
    by_label = {label: code for code, label in labels.items() if code in choices}
    close = closest(value, list(by_label)) if by_label else None
    code = by_label[close] if close else closest(value, choices)
    if code is None:
        return Phrase("", "")
    shown = f"{code}（{labels[code]}）" if code in labels else code
    return Phrase(f"; did you mean '{code}'?", f"；是否应为“{shown}”？")


def _message(error: dict, model: type[BaseModel], document: Document) -> Phrase:
    kind = error["type"]
    loc = error["loc"]
    name = str(loc[-1]) if loc else ""
    key = _named(loc)
    value = error.get("input")
    got = _describe(value)
    place = figures_cell(loc)
    if place is not None:
        return _figures_message(kind, place, value, error)
    meant = full_width_in_value(value)
    if meant is not None and kind not in ("string_type", "string_too_short", "missing", "extra_forbidden"):
        return Phrase(f"{key.en} holds full-width characters '{excerpt(value)}'; type '{excerpt(meant)}'",
                      f"{key.zh}中有全角字符“{excerpt(value)}”；应为半角：{excerpt(meant)}")
    if kind == "missing":
        return Phrase(f"missing required key {key.en}", f"缺少必填项 {key.zh}")
    if kind == "extra_forbidden":
        hint = did_you_mean(name, _field_names(model, loc))
        return Phrase(f"unknown key {key.en}", f"未知的键“{excerpt(name)}”") + hint  # a typo: quoted as typed
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", error["ctx"]["expected"])
        listed = _choices(name, choices)
        return Phrase(f"{key.en} must be one of {listed.en}; got {got.en}",
                      f"{key.zh}应为以下之一：{listed.zh}；此处为{got.zh}") + _suggestion(name, value, choices)
    if kind == "string_too_short":
        return Phrase(f"{key.en} is empty", f"{key.zh}不能为空")
    if kind == "string_type":
        source = excerpt(_source_text(document, loc) or value)
        if isinstance(value, bool) or source.lower() in _YAML11_BOOLEAN_WORDS:
            return Phrase(f"{key.en} must be text, but the unquoted word {source} is read as yes/no; put it in "
                          "quotes if it is text",
                          f"{key.zh}应为文字，但未加引号的 {source} 会被读作是/否；如是文字请加引号")
        if isinstance(value, (int, float)):
            return Phrase(f"{key.en} must be text, but {source} is read as a number; put it in quotes",
                          f"{key.zh}应为文字，但 {source} 会被读作数字；请加引号")
        return Phrase(f"{key.en} must be text, got {got.en}", f"{key.zh}应为文字，此处为{got.zh}")
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return Phrase(f"{key.en} must be a whole number, got {got.en}", f"{key.zh}应为整数，此处为{got.zh}")
    if kind in ("float_type", "float_parsing", "finite_number"):
        return Phrase(f"{key.en} must be a number, got {got.en}", f"{key.zh}应为数字，此处为{got.zh}")
    if kind == "greater_than_equal":
        bound = error["ctx"]["ge"]
        return Phrase(f"{key.en} must be at least {bound}, got {excerpt(value, 20)}",
                      f"{key.zh}不能小于{bound}，此处为{excerpt(value, 20)}")
    if kind == "less_than_equal":
        bound = error["ctx"]["le"]
        shown = str(value) if len(str(value)) <= 20 else f"a number of {len(str(value))} digits"
        shown_zh = str(value) if len(str(value)) <= 20 else f"{len(str(value))}位数"
        return Phrase(f"{key.en} may be at most {bound}, got {shown}", f"{key.zh}不能大于{bound}，此处为{shown_zh}")
    if kind == "bool_type":
        return Phrase(f"{key.en} must be true or false, got {got.en}", f"{key.zh}应为 true 或 false，此处为{got.zh}")
    if kind in ("list_type", "model_type", "dict_type", "model_attributes_type"):
        wanted = Phrase("a list", "列表") if kind == "list_type" else Phrase("a mapping of keys", "键值映射")
        if not loc:
            what = _FILE_KINDS.get(model.__name__, Phrase("the file", "该文件"))
            return Phrase(f"{what.en} must be {wanted.en} at the top level, got {got.en}",
                          f"{what.zh}的最外层应为{wanted.zh}，此处为{got.zh}")
        return Phrase(f"{key.en} must be {wanted.en}, got {got.en}", f"{key.zh}应为{wanted.zh}，此处为{got.zh}")
    if kind == "date_form":
        return Phrase(f"{key.en}: expected a date written as YYYY-MM-DD, such as 2024-03-01; got {got.en}",
                      f"{key.zh}应为日期，写作YYYY-MM-DD，如2024-03-01；此处为{got.zh}")
    if kind == "date_impossible":
        return Phrase(f"{key.en}: {excerpt(value)} is not a date on the calendar",
                      f"{key.zh}：{excerpt(value)}不是日历上存在的日期")
    if kind == "month_day":
        return Phrase(f"{key.en}: expected a month and day written as MM-DD, such as 01-31; got {got.en}",
                      f"{key.zh}应写作“月-日”（MM-DD），如01-31；此处为{got.zh}")
    return Phrase(f"{key.en} is not valid here ({kind})", f"{key.zh}的值无效（{kind}）")


def figures_cell(loc: tuple) -> tuple[str, str, str | None] | None:
    """For a problem in ``annual_report_figures``: the table, the row label and the column label (if any)."""
    if len(loc) < 3 or loc[0] != "annual_report_figures" or loc[1] not in ("table3", "table4"):
        return None
    table, key = ("表三", loc[2]) if loc[1] == "table3" else ("表四", loc[2])
    rows = dict(TABLE3_ROWS) if loc[1] == "table3" else dict(APPEAL_KINDS)
    columns = COLUMNS if loc[1] == "table3" else APPEAL_COLUMNS
    row = rows.get(key, excerpt(key)) if isinstance(key, str) else str(key)
    column = columns[loc[3]] if len(loc) > 3 and isinstance(loc[3], int) and loc[3] < len(columns) else None
    return table, row, column


def _figures_message(kind: str, place: tuple[str, str, str | None], value: Any, error: dict) -> Phrase:
    """A typed figure's problem in the words of the form: the table, the row and the column."""
    table, row, column = place
    where = f"{table} {row}" + (f" / {column}" if column else "")
    # A number that is not a count (1.5, -1) is shown as typed: "got a number" would not say what is wrong.
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    got = Phrase(excerpt(value, 24), excerpt(value, 24)) if number else _describe(value)
    if kind in ("too_short", "too_long", "list_type"):
        needed = error.get("ctx", {}).get("min_length") or error.get("ctx", {}).get("max_length") or (
            len(COLUMNS) if table == "表三" else len(APPEAL_COLUMNS))
        count = len(value) if isinstance(value, list) else 0
        columns = "、".join(COLUMNS if table == "表三" else APPEAL_COLUMNS)
        return Phrase(f"{where}: needs {needed} numbers ({columns}), got {count}",
                      f"{where}：应填{needed}个数（{columns}），此处为{count}个")
    if kind == "literal_error":  # a row key the table does not have
        return Phrase(f"{table}: no row '{row}'", f"{table}没有“{row}”这一行")
    return Phrase(f"{where}: must be a whole number of zero or more, got {got.en}",
                  f"{where}：应为非负整数，此处为{'空' if value is None else got.zh}")


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
    # A value the reading of the file already faulted (a YAML 1.1 spelling, say) is told once, by the reading.
    read_faults = {problem.location for problem in document.problems}
    problems = []
    for item in errors:
        if item["type"] == "missing" and tuple(item["loc"]) in misspelt:
            continue
        loc = prefix + tuple(item["loc"])
        item = dict(item, loc=loc)
        at_key = item["type"] == "extra_forbidden"
        location = document.locate(loc[:-1] if item["type"] == "missing" else loc, at_key=at_key)
        if location not in read_faults:
            problems.append(Problem.of(location, _message(item, model, document)))
    return problems


def validate_document(model: type[BaseModel], document: Document) -> tuple[Any, list[Problem]]:
    """The model built from a document, or ``None`` and the located problems."""
    try:
        return model.model_validate(document.data), []
    except ValidationError as error:
        return None, validation_problems(error, model, document)
