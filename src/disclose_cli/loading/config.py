"""``disclose.yaml``: a data repository's catalogs by year, registry, report folders, rule figures and calendar.

Found in the current folder or its parents, or given with ``--config``. Paths in it are relative to its folder.
Without one, the bundled 2024 catalog and registry apply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from ..base.locations import InputError, Problem
from ..model.fields import Record, Text, drop_line_key
from ..rules import Parameters
from .problems import validate_document
from .yaml_reader import read_document

CONFIG_NAME = "disclose.yaml"
TOP_KEYS = ("catalogs", "registry", "reports", "rules", "calendar", "format")
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

    @property
    def files(self) -> set[Path]:
        """The project's own files, which are not report files."""
        own = {self.path, self.registry, self.calendar, *self.catalogs.values()}
        return {path.resolve() for path in own if path is not None}


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


def load_config(path: Path) -> Config:
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

    def resolve(value: str) -> Path | None:
        return None if value == BUNDLED else base / value

    catalogs = {year: resolve(value) for year, value in parsed.catalogs.items()} or {2024: None}
    for year, catalog in catalogs.items():
        if catalog is not None and not catalog.is_file():
            problems.append(Problem(document.locate(("catalogs", year)), f"catalog file {catalog} does not exist"))
    registry = resolve(parsed.registry)
    if registry is not None and not registry.is_file():
        problems.append(Problem(document.locate(("registry",)), f"registry file {registry} does not exist"))
    calendar = base / parsed.calendar if parsed.calendar else None
    if calendar is not None and not calendar.is_file():
        problems.append(Problem(document.locate(("calendar",)), f"calendar file {calendar} does not exist"))
    if problems:
        raise InputError(problems)
    origins = {key: str(document.locate((key,))) if key in explicit else "default" for key in TOP_KEYS}
    rules = data.get("rules") if isinstance(data.get("rules"), dict) else {}
    for key in Parameters.model_fields:
        if key != "line":
            origins[f"rules.{key}"] = str(document.locate(("rules", key))) if key in rules else "default"
    return Config(path, catalogs, registry, [base / folder for folder in parsed.reports], parsed.rules,
                  calendar, parsed.format, origins)


def describe(config: Config) -> dict:
    """The effective configuration as plain data, for ``disclose config``."""
    parameters = config.parameters
    return {
        "config": str(config.path) if config.path else None,
        "catalogs": {str(year): str(path) if path else BUNDLED for year, path in sorted(config.catalogs.items())},
        "registry": str(config.registry) if config.registry else BUNDLED,
        "reports": [str(path) for path in config.reports],
        "rules": config.parameters.model_dump(mode="json"),
        "calendar": str(config.calendar) if config.calendar else None,
        "format": config.format,
        "origins": config.origins,
    }
