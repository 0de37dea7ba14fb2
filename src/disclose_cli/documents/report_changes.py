"""What an import would change in a report file (``disclose import --dry-run``): per section, the records added,
changed and removed. Records are matched by ``ref`` (requests, appeals), task id (tasks), or title with its start
date (the other sections); Table 二, the annual report's text and the typed tables are one record each."""

from __future__ import annotations

from typing import Any

from ..base.phrase import Phrase
from ..base.safetext import excerpt
from ..model.field_titles import title
from ..model.fields import Record
from ..model.report_file import SECTION_DATES, SECTION_TITLE, Report
from .report_yaml import SECTION_ORDER


def _key(section: str, record: Record, index: int) -> tuple:
    if section == "tasks":
        return (record.task,)
    if section == "appeals":
        return (record.ref,) if record.ref else ("#", index)
    if section == "requests":
        return (record.ref,)
    if section == "waivers":
        return (record.rule, record.subject)
    name = SECTION_TITLE[section]
    start = SECTION_DATES[section][0]
    return (getattr(record, name), getattr(record, start))


def _named(key: tuple) -> str:
    return " ".join(excerpt(part) for part in key if part != "#")


def _records(report: Report | None, section: str) -> dict[tuple, Any]:
    value = getattr(report, section) if report is not None else None
    if value is None:
        return {}
    if not isinstance(value, list):
        return {(title(section, "zh"),): value.model_dump()}
    return {_key(section, record, index): record.model_dump() for index, record in enumerate(value)}


def changes(before: Report | None, after: Report, lang: str) -> list[str]:
    """Lines for people: each section with its counts, then one line per record, + added, ~ changed, - removed."""
    lines = []
    for section in SECTION_ORDER:
        old, new = _records(before, section), _records(after, section)
        added = [key for key in new if key not in old]
        removed = [key for key in old if key not in new]
        changed = [key for key in new if key in old and new[key] != old[key]]
        name = title(section, "zh")
        counts = Phrase(f"{name} ({section}): {len(added)} added, {len(changed)} changed, {len(removed)} removed",
                        f"{name}：新增{len(added)}条，修改{len(changed)}条，删除{len(removed)}条")
        lines.append(counts.pick(lang))
        lines += [f"  + {_named(key)}" for key in added]
        lines += [f"  ~ {_named(key)}" for key in changed]
        lines += [f"  - {_named(key)}" for key in removed]
    return lines
