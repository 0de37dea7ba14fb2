"""The 工作配档表 as CSV for Excel and WPS: UTF-8 with a BOM (so that Excel shows the Chinese), CRLF lines."""

from __future__ import annotations

import csv
import io

from ..base.safetext import clean
from .plan import PlanData
from .render import load_labels


def plan_csv(data: PlanData, lang: str) -> str:
    labels = load_labels(None)[lang]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(labels["plan_csv"])
    for task in data.tasks + data.role_tasks:
        role = "、".join(task.roles) if task in data.role_tasks else ""
        writer.writerow([task.id, task.category, task.item, task.subitem or "", clean(task.content),
                         task.deadline.isoformat(), task.deadline_text, labels["ongoing_mark"] if task.ongoing else "",
                         role])
    for duty in data.duties:
        writer.writerow([duty.rule, "", duty.label, "", duty.requirement.pick(lang),
                         duty.due.isoformat() if duty.due else "", "", "", ""])
    return "\ufeff" + buffer.getvalue()
