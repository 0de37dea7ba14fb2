"""The 工作配档表 as CSV for Excel and WPS: UTF-8 with a BOM (so that Excel shows the Chinese), CRLF lines. A cell
that begins with = + - @ (or a tab or carriage return) would be read as a formula: it is written as text, with an
apostrophe before it."""

from __future__ import annotations

import csv
import io

from ..base.safetext import clean
from .plan import PlanData
from .render import load_labels

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_text_cell(value: object) -> str:
    """A cell Excel and WPS show as the text it is, never evaluate."""
    text = clean(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def plan_csv(data: PlanData, lang: str) -> str:
    labels = load_labels(None)[lang]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    header = list(labels["plan_csv"]) + ([labels["plan_col_progress"]] if data.progress is not None else [])
    writer.writerow(header)
    rows = []
    for task in data.tasks + data.role_tasks:
        role = "、".join(task.roles) if task in data.role_tasks else ""
        rows.append([task.id, task.category, task.item, task.subitem or "", task.content, task.deadline.isoformat(),
                     task.deadline_text, labels["ongoing_mark"] if task.ongoing else "", role, "", "", "",
                     *([data.task_progress(task)] if data.progress is not None else [])])
    for duty in data.duties:
        rows.append([duty.rule, labels["rules"][duty.rule], duty.label, "", duty.requirement.pick(lang),
                     duty.due.isoformat() if duty.due else "", "", "", "", "", "", "",
                     *([data.duty_progress(duty)] if data.progress is not None else [])])
    writer.writerows([[as_text_cell(value) for value in row] for row in rows])
    return "\ufeff" + buffer.getvalue()
