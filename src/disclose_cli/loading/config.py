"""``disclose.yaml``: a data repository's catalogs by year, registry, report folders, rule figures and calendar.

Found in the current folder or its parents, or given with ``--config``. Paths in it are relative to its folder.
Without one, the bundled 2024 catalog and registry apply.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from ..base.locations import InputError, Problem
from ..base.phrase import Phrase
from ..base.safetext import excerpt
from ..model.fields import Record, Text, drop_line_key
from ..rules import Parameters
from .problems import validate_document
from .yaml_reader import read_document

CONFIG_NAME = "disclose.yaml"
TOP_KEYS = ("catalogs", "registry", "reports", "rules", "calendar", "format", "lang", "office", "contact")
BUNDLED = "bundled"


def _keyed(value: Any) -> Any:
    value = drop_line_key(value)
    # Years written as keys arrive as numbers; a quoted "2025" is accepted too.
    if isinstance(value, dict):
        return {int(key) if isinstance(key, str) and key.isdigit() else key: item for key, item in value.items()}
    return value


class ConfigFile(Record):
    catalogs: Annotated[dict[int, Text], BeforeValidator(_keyed)] = Field(default_factory=dict)
    registry: Text = BUNDLED
    reports: list[Text] = Field(default_factory=list)
    rules: Parameters = Field(default_factory=Parameters)
    calendar: Text | None = None
    format: Literal["text", "json", "github", "junit", "sarif"] = "text"
    lang: Literal["zh", "en"] | None = None  # the language of what people read, unless --lang or DISCLOSE_LANG
    office: Text | None = None  # who issues the period report (its 落款); default: the catalog notice's issuer
    contact: Text | None = None  # whom units ask about the workbook (a person, a phone): its 说明 sheet shows it


@dataclass
class Config:
    """The effective configuration, and where each value came from."""

    path: Path | None
    catalogs: dict[int, Path | None]  # None = the bundled catalog of that year
    registry: Path | None  # None = the bundled registry
    reports: list[Path]
    parameters: Parameters  # every rule's figures
    calendar: Path | None
    format: str
    origins: dict[str, str] = field(default_factory=dict)  # key → "default" or FILE:LINE:COL
    confine_to: Path | None = None  # the folder its report folders' files must stay in (None: anywhere)
    lang: str | None = None
    office: str | None = None
    contact: str | None = None

    @property
    def files(self) -> set[Path]:
        """The project's own files, which are not report files."""
        own = {self.path, self.registry, self.calendar, *self.catalogs.values()}
        return {path.resolve() for path in own if path is not None}


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, links resolved, lies inside ``folder``."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


def find_config(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def default_config() -> Config:
    origins = {key: "default" for key in TOP_KEYS}
    origins.update({f"rules.{key}": "default" for key in Parameters.model_fields if key != "line"})
    return Config(None, {2024: None}, None, [], Parameters(), None, "text", origins)


def config_for_run(given: Path | str | None, allow_outside: bool = False) -> Config:
    """The configuration a run uses: the file given (--config), else disclose.yaml in the current folder or a
    parent, else the defaults."""
    path = Path(given) if given is not None else find_config(Path.cwd())
    return default_config() if path is None else load_config(path, allow_outside)


def load_config(path: Path, allow_outside: bool = False) -> Config:
    """The configuration in ``path``. The files and folders it names are relative to its folder and must stay
    inside it (anyone who may edit the file could otherwise make the tool read, and quote, any file on the
    machine); ``allow_outside`` — the command line's --allow-outside-paths, never a key of the file — lifts
    that."""
    document = read_document(path)
    if document.problems:
        raise InputError(document.problems)
    if document.data is None:
        document.data = {}
    parsed, problems = validate_document(ConfigFile, document)
    if parsed is None:
        raise InputError(problems)
    data = document.data
    base = path.parent
    explicit = set(data) if isinstance(data, dict) else set()

    def resolve(value: str, loc: tuple, what: Phrase, folder: bool = False) -> Path | None:
        if value == BUNDLED:
            return None
        target = base / value
        if not allow_outside and not inside(target, base):
            problems.append(Problem.of(document.locate(loc), Phrase(
                f"{what.en} {excerpt(value)} is outside the folder of {path.name}; keep the data repository's "
                "files inside it (or run with --allow-outside-paths)",
                f"{what.zh}{excerpt(value)}不在{path.name}所在文件夹内；数据仓库的文件应放在该文件夹中"
                "（或在命令行加 --allow-outside-paths）")))
        elif not (target.is_dir() if folder else target.is_file()):
            problems.append(Problem.of(document.locate(loc), Phrase(
                f"{what.en} {target} does not exist", f"{what.zh}{target}不存在")))
        return target

    catalogs = {year: resolve(value, ("catalogs", year), Phrase("catalog file", "任务表文件"))
                for year, value in parsed.catalogs.items()} or {2024: None}
    registry = resolve(parsed.registry, ("registry",), Phrase("registry file", "单位名录文件"))
    calendar = resolve(parsed.calendar, ("calendar",), Phrase("calendar file", "日历文件")) if parsed.calendar \
        else None
    reports = [resolve(folder, ("reports", index), Phrase("report folder", "报告文件夹"), folder=True)
               for index, folder in enumerate(parsed.reports)]
    if problems:
        raise InputError(problems)
    origins = {key: str(document.locate((key,))) if key in explicit else "default" for key in TOP_KEYS}
    rules = data.get("rules") if isinstance(data.get("rules"), dict) else {}
    for key in Parameters.model_fields:
        if key != "line":
            origins[f"rules.{key}"] = str(document.locate(("rules", key))) if key in rules else "default"
    return Config(path, catalogs, registry, reports, parsed.rules, calendar, parsed.format, origins,
                  confine_to=None if allow_outside else base, lang=parsed.lang, office=parsed.office,
                  contact=parsed.contact)


def describe(config: Config) -> dict:
    """The effective configuration as plain data, for ``disclose config``."""
    return {
        "config": str(config.path) if config.path else None,
        "catalogs": {str(year): str(path) if path else BUNDLED for year, path in sorted(config.catalogs.items())},
        "registry": str(config.registry) if config.registry else BUNDLED,
        "reports": [str(path) for path in config.reports],
        "rules": config.parameters.model_dump(mode="json"),
        "calendar": str(config.calendar) if config.calendar else None,
        "format": config.format,
        "lang": config.lang,
        "office": config.office,
        "contact": config.contact,
        "origins": config.origins,
    }
