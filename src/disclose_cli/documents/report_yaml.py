"""A report written back as a report file (``disclose import``'s output): the sections in the order ``disclose init``
writes them, each under a Chinese comment naming it, every value written so that YAML 1.1 (PyYAML) and 1.2 (the
editors) read the same thing and the file validates as it was read."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, Iterable

from ..base.safetext import one_line
from ..model.annual_format import APPEAL_KINDS, TABLE3_ROWS
from ..model.catalog import Catalog
from ..model.field_titles import DOCS
from ..model.report_file import Report
from ..model.workbook_layout import OUTCOME_LABELS

# init's order (documents/starter.py), with the sections it leaves to the yearly report where they belong.
SECTION_ORDER = ("tasks", "consultations", "decisions", "interpretations", "meetings", "evaluations", "trainings",
                 "requests", "proactive", "appeals", "annual_report", "annual_report_figures", "waivers")
_ROW_LABELS = {"table3": dict(TABLE3_ROWS) | OUTCOME_LABELS, "table4": dict(APPEAL_KINDS)}

# A plain scalar is safe when it begins with a letter, a Chinese character or a bracket that is no YAML indicator,
# holds no ": " or " #", and is no word YAML reads as a yes/no or null; anything else is double-quoted.
_PLAIN_START = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9+.~\\]")
_NOT_PLAIN = re.compile(r": |:$| #|[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]|\s$")
_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
_ESCAPE = re.compile(r"[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        return f"{value:.12f}".rstrip("0") if "e" in text else text  # 1e-05 reads differently in YAML 1.1
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _PLAIN_START.match(text) and not _NOT_PLAIN.search(text) and text.lower() not in _WORDS:
        return text
    quoted = json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    return _ESCAPE.sub(lambda found: f"\\u{ord(found.group()):04x}", quoted)


_NOT_IN_BLOCK = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]|[ \t]\n|[ \t]$")


def _block(key: str, text: str, indent: str) -> list[str]:
    """A text of several lines as a literal block (readable in a diff), when a block holds it exactly: no
    controls, no space at the start or at the end of a line, no line break at the end."""
    if text.startswith((" ", "\t", "\n")) or text.endswith("\n") or _NOT_IN_BLOCK.search(text):
        return [f"{indent}{key}: {scalar(text)}"]
    return [f"{indent}{key}: |-", *(f"{indent}  {line}" if line else "" for line in text.split("\n"))]


def _mapping(values: dict, indent: str, first: str | None = None) -> list[str]:
    """A block mapping; ``first``: the prefix of its first line ("- " for a list item)."""
    lines: list[str] = []
    for key, value in values.items():
        lead = first if first is not None and not lines else indent
        if isinstance(value, dict):
            inner = _mapping(value, indent + "  ")
            lines += [f"{lead}{key}:", *inner] if inner else [f"{lead}{key}: {{}}"]
        elif isinstance(value, list):
            lines += [f"{lead}{key}:", *(f"{indent}  - {scalar(item)}" for item in value)] if value \
                else [f"{lead}{key}: []"]
        elif isinstance(value, str) and "\n" in value:
            block = _block(key, value, indent)
            lines += [lead + block[0][len(indent):], *block[1:]]
        else:
            lines.append(f"{lead}{key}: {scalar(value)}")
    return lines


def _records(key: str, records: Iterable[dict], notes: dict[str, str]) -> list[str]:
    lines: list[str] = []
    for record in records:
        item = _mapping(record, "    ", first="  - ")
        note = notes.get(str(record.get("task", "")))
        if note and item:
            item[0] = f"{item[0]}    # {note}"
        lines += item
    return [f"{key}:", *lines] if lines else [f"{key}: []"]


def _figures(figures: dict) -> list[str]:
    lines = ["annual_report_figures:"]
    for table in ("table3", "table4"):
        rows = figures.get(table) or {}
        lines.append(f"  {table}:" if rows else f"  {table}: {{}}")
        for row, numbers in rows.items():
            lines.append(f"    {row}: [{', '.join(str(number) for number in numbers)}]    "
                         f"# {_ROW_LABELS[table].get(row, row)}")
    return lines


def _comment(key: str) -> str:
    title, _, help_text, _ = DOCS[key]
    return f"# {title}：{help_text}" if help_text else f"# {title}"


def report_yaml(report: Report, catalog: Catalog | None = None, source: str | None = None) -> str:
    """The report file of ``report``; ``catalog`` names each task in a comment, ``source`` is where it came from."""
    lines = [f"# {report.year}年政务公开重点工作落实情况：{one_line(report.unit)}"]
    if source:
        lines.append(f"# 由 disclose import 从 {one_line(source)} 导入；检查：disclose validate 本文件")
    lines += [f"unit: {scalar(report.unit)}", f"year: {report.year}", ""]
    notes = {task.id: one_line(task.heading) for task in catalog.tasks} if catalog else {}
    for key in SECTION_ORDER:
        value = getattr(report, key)
        lines.append(_comment(key))
        if isinstance(value, list):
            lines += _records(key, (record.model_dump(exclude_defaults=True) for record in value), notes)
        elif value is None:
            lines.append(f"# {key}:（未填报）")
        elif key == "annual_report_figures":
            lines += _figures(value.model_dump())
        elif key == "proactive":
            lines += _mapping({key: value.model_dump()}, "")
        else:
            lines += _mapping({key: value.model_dump(exclude_none=True)}, "")
        lines.append("")
    return "\n".join(lines)
