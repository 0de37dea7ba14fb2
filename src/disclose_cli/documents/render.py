"""Rendering reports and plans with Jinja2 templates: the shipped ones, or a user's folder that overrides them.

HTML templates (``*.html.j2``) autoescape everything; Markdown templates escape table cells with ``md``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import pass_context  # render is imported only by the commands that render

from ..base.phrase import Phrase, percent
from ..base.progress import SILENT, Progress
from ..base.safetext import clean
from ..calendar.periods import period_name_zh
from ..loading.context import bundled_path
from ..model.findings import Finding
from ..rules import RULES


def markdown_cell(value: Any) -> str:
    """A GitHub-flavoured Markdown table cell: no raw HTML, no column breaks, no line breaks."""
    text = re.sub(r"([\\`*_\[\]|])", r"\\\1", clean(value))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")


def load_labels(templates: Path | None) -> dict:
    """Labels in Chinese and English; a user's templates folder may carry its own labels.yaml, read like any
    input (a broken one is a located problem)."""
    from ..base.locations import InputError, Location, Problem
    from ..loading.yaml_reader import read_document

    path = templates / "labels.yaml" if templates and (templates / "labels.yaml").is_file() else None
    document = read_document(path or bundled_path("templates", "labels.yaml"))
    if document.problems:
        raise InputError(document.problems)
    labels = _without_lines(document.data)
    if not (isinstance(labels, dict) and all(isinstance(labels.get(lang), dict) for lang in ("zh", "en"))):
        raise InputError([Problem.of(Location(document.path, 1, 1), Phrase(
            "a labels file is a mapping with the keys zh and en, each a mapping of labels",
            "标签文件应为含 zh 和 en 两个键的映射，每个键下是各标签"))])
    for lang in ("zh", "en"):  # rule names come from the rules; a labels file may rename them
        labels[lang]["rules"] = {rule.id: rule.name.pick(lang) for rule in RULES.values()} | labels[lang].get("rules", {})
    return labels


def _without_lines(value: Any) -> Any:
    from ..model.fields import LINE_KEY

    if isinstance(value, dict):
        return {key: _without_lines(item) for key, item in value.items() if key != LINE_KEY}
    if isinstance(value, list):
        return [_without_lines(item) for item in value]
    return value


def environment(templates: Path | None = None):  # noqa: ANN201 - jinja2 is imported lazily
    """The environment templates render in: the shipped one is made once per process, so that its compiled
    templates are kept (compiling costs more than rendering); a folder of the user's gets its own each time."""
    return _shipped_environment() if templates is None else _environment(templates)


@lru_cache(maxsize=None)
def _shipped_environment():  # noqa: ANN202
    return _environment(None)


def _environment(templates: Path | None):  # noqa: ANN202
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    folders = ([str(templates)] if templates else []) + [str(bundled_path("templates"))]
    # A user's templates are data, not code: the sandbox keeps them from reaching Python's internals (and from
    # there os.system); the shipped templates share the loader, so they are rendered the same way.
    env = SandboxedEnvironment(
        loader=ChoiceLoader([FileSystemLoader(folder) for folder in folders]),
        autoescape=lambda name: bool(name) and name.endswith((".html.j2", ".html")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(clean=clean, md=markdown_cell, pct=percent, message=_message, subject=_subject, period=_period)
    return env


@pass_context
def _period(context: Any, label: str) -> str:
    """A window or year code (2024Q3, 2024H1, 2024) in the document's language: 2024年第三季度 in Chinese."""
    return period_name_zh(label) if context.get("lang") == "zh" else label


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


RENDERING = Phrase("rendering the document", "生成文档")


def render(template: str, templates: Path | None, lang: str, progress: Progress = SILENT, **context: Any) -> str:
    """A template rendered in ``lang``; a broken user template is an InputError naming its file and line.
    ``progress`` is told when rendering begins (a big report takes seconds; its steps are not counted)."""
    from jinja2 import TemplateError

    from .. import __version__
    from ..base.locations import InputError, Location, Problem
    from ..base.safetext import excerpt

    progress.phase(RENDERING)
    labels = load_labels(templates)
    env = environment(templates)
    try:
        return env.get_template(template).render(lang=lang, labels=labels, t=labels[lang], version=__version__,
                                                 **context)
    except TemplateError as error:
        name = getattr(error, "name", None) or template
        try:
            filename = getattr(error, "filename", None) or env.loader.get_source(env, name)[1]
        except TemplateError:
            filename = name
        where = Location(Path(filename), getattr(error, "lineno", None))
        said = excerpt(error.message, 200)
        raise InputError([Problem.of(where, Phrase(f"template error: {said}", f"模板错误：{said}"))]) from None
