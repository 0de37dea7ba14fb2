"""Rendering reports and plans with Jinja2 templates: the shipped ones, or a user's folder that overrides them.

HTML templates (``*.html.j2``) autoescape everything; Markdown templates escape table cells with ``md``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import pass_context  # render is imported only by the commands that render

from ..base.phrase import percent
from ..base.safetext import clean
from ..loading.context import bundled_path
from ..model.findings import Finding
from ..rules import RULES


def markdown_cell(value: Any) -> str:
    """A GitHub-flavoured Markdown table cell: no raw HTML, no column breaks, no line breaks."""
    text = re.sub(r"([\\`*_\[\]|])", r"\\\1", clean(value))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")


def load_labels(templates: Path | None) -> dict:
    """Labels in Chinese and English; a user's templates folder may carry its own labels.yaml."""
    import yaml

    path = templates / "labels.yaml" if templates and (templates / "labels.yaml").is_file() else None
    with open(path or bundled_path("templates", "labels.yaml"), encoding="utf-8") as stream:
        labels = yaml.load(stream, Loader=yaml.CSafeLoader)
    for lang in ("zh", "en"):  # rule names come from the rules; a labels file may rename them
        labels[lang]["rules"] = {rule.id: rule.name.pick(lang) for rule in RULES.values()} | labels[lang].get("rules", {})
    return labels


def environment(templates: Path | None = None):  # noqa: ANN201 - jinja2 is imported lazily
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

    folders = ([str(templates)] if templates else []) + [str(bundled_path("templates"))]
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(folder) for folder in folders]),
        autoescape=lambda name: bool(name) and name.endswith((".html.j2", ".html")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(clean=clean, md=markdown_cell, pct=percent, message=_message, subject=_subject)
    return env


@pass_context
def _message(context: Any, finding: Any) -> str:
    """A finding's message in the report's language."""
    return finding.message_zh if context.get("lang") == "zh" else finding.message


def subject_text(finding: Finding, task_titles: dict[str, str]) -> str:
    """A finding's subject as documents name it: a task id is followed by the task's heading from the catalog."""
    title = task_titles.get(finding.subject) if RULES[finding.rule].subject == "task" else None
    return f"{finding.subject}（{title}）" if title else finding.subject


@pass_context
def _subject(context: Any, finding: Finding) -> str:
    return subject_text(finding, getattr(context.get("data"), "task_titles", None) or {})


def render(template: str, templates: Path | None, lang: str, **context: Any) -> str:
    """A template rendered in ``lang``; a broken user template is an InputError naming its file and line."""
    from jinja2 import TemplateError

    from .. import __version__
    from ..base.locations import InputError, Location, Problem

    labels = load_labels(templates)
    env = environment(templates)
    try:
        return env.get_template(template).render(lang=lang, labels=labels, t=labels[lang], version=__version__,
                                                 **context)
    except TemplateError as error:
        where = Location(Path(getattr(error, "filename", None) or template), getattr(error, "lineno", None))
        raise InputError([Problem(where, f"template error: {error.message}")]) from None
