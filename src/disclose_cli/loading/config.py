"""``disclose.yaml``: a data repository's catalogs by year, registry, report folders, rule figures and calendar.

Found in the current folder or its parents, or given with ``--config``. Paths in it are relative to its folder.
Without one, the bundled 2024 catalog and registry apply.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from ..model.fields import Record, Text, drop_line_key, validate_document
from ..base.locations import InputError, Problem
from ..model.registry import UnitKind as Kind
from ..model.report_file import InterpretationForm
from ..rules.base import Parameters
from .yaml_reader import read_document

CONFIG_NAME = "disclose.yaml"
TOP_KEYS = ("catalogs", "registry", "reports", "rules", "calendar", "format")
BUNDLED = "bundled"
Span = Literal["quarter", "half"]
Positive = Annotated[int, Field(strict=True, ge=0)]
def _month_day(value: Any) -> str:
    try:
        dt.date.fromisoformat(f"2024-{value}")  # a leap year, so 02-29 is allowed
    except (TypeError, ValueError):
        raise PydanticCustomError("month_day", "expected a month and day written as MM-DD, such as 01-31; got "
                                  "{value}", {"value": repr(value)}) from None
    return value


MonthDay = Annotated[str, BeforeValidator(_month_day)]


def _keyed(value: Any) -> Any:
    value = drop_line_key(value)
    # Years written as keys arrive as numbers; a quoted "2025" is accepted too.
    if isinstance(value, dict):
        return {int(key) if isinstance(key, str) and key.isdigit() else key: item for key, item in value.items()}
    return value


_DEFAULTS = Parameters()


class RuleSettings(Record):
    """The rule figures of disclose.yaml; each defaults to the law's or the notice's (rules.base.Parameters)."""

    consultation_days: Positive = _DEFAULTS.consultation_days
    feedback_workdays: Positive = _DEFAULTS.feedback_workdays
    request_workdays: Positive = _DEFAULTS.request_workdays
    request_extension_workdays: Positive = _DEFAULTS.request_extension_workdays
    multimedia_share_percent: Annotated[int, Field(strict=True, ge=0, le=100)] = int(_DEFAULTS.multimedia_share * 100)
    multimedia_forms: list[InterpretationForm] = Field(default_factory=lambda: list(_DEFAULTS.multimedia_forms))
    meeting_span: Annotated[dict[Kind, Span], BeforeValidator(drop_line_key)] = Field(default_factory=dict)
    evaluations_required: Annotated[dict[Kind, Positive], BeforeValidator(drop_line_key)] = Field(
        default_factory=dict)
    trainings_required: Positive = _DEFAULTS.trainings_required
    # 政府信息公开条例 第四十九条 by default; stricter local dates by unit kind or by unit name (month-day).
    annual_report_due: Annotated[dict[Kind, MonthDay], BeforeValidator(drop_line_key)] = Field(default_factory=dict)
    annual_report_due_by_unit: Annotated[dict[str, MonthDay], BeforeValidator(drop_line_key)] = Field(
        default_factory=dict)


class ConfigFile(Record):
    catalogs: Annotated[dict[int, Text], BeforeValidator(_keyed)] = Field(default_factory=dict)
    registry: Text = BUNDLED
    reports: list[Text] = Field(default_factory=list)
    rules: RuleSettings = Field(default_factory=RuleSettings)
    calendar: Text | None = None
    format: Literal["text", "json", "github", "junit", "sarif"] = "text"


@dataclass
class Config:
    """The effective configuration, and where each value came from."""

    path: Path | None
    catalogs: dict[int, Path | None]  # None = the bundled catalog of that year
    registry: Path | None  # None = the bundled registry
    reports: list[Path]
    parameters: Parameters
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
    origins.update({f"rules.{key}": "default" for key in RuleSettings.model_fields if key != "line"})
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
    for key in RuleSettings.model_fields:
        if key != "line":
            origins[f"rules.{key}"] = str(document.locate(("rules", key))) if key in rules else "default"
    return Config(path, catalogs, registry, [base / folder for folder in parsed.reports], _parameters(parsed.rules),
                  calendar, parsed.format, origins)


def _parameters(rules: RuleSettings) -> Parameters:
    return Parameters(
        consultation_days=rules.consultation_days,
        feedback_workdays=rules.feedback_workdays,
        request_workdays=rules.request_workdays,
        request_extension_workdays=rules.request_extension_workdays,
        multimedia_share=Fraction(rules.multimedia_share_percent, 100),
        multimedia_forms=tuple(rules.multimedia_forms),
        meeting_span={**_DEFAULTS.meeting_span, **rules.meeting_span},
        evaluations_required={**_DEFAULTS.evaluations_required, **rules.evaluations_required},
        trainings_required=rules.trainings_required,
        annual_report_due={**_DEFAULTS.annual_report_due, **rules.annual_report_due},
        annual_report_due_by_unit=dict(rules.annual_report_due_by_unit),
    )


def describe(config: Config) -> dict:
    """The effective configuration as plain data, for ``disclose config``."""
    parameters = config.parameters
    return {
        "config": str(config.path) if config.path else None,
        "catalogs": {str(year): str(path) if path else BUNDLED for year, path in sorted(config.catalogs.items())},
        "registry": str(config.registry) if config.registry else BUNDLED,
        "reports": [str(path) for path in config.reports],
        "rules": {
            "consultation_days": parameters.consultation_days,
            "feedback_workdays": parameters.feedback_workdays,
            "request_workdays": parameters.request_workdays,
            "request_extension_workdays": parameters.request_extension_workdays,
            "multimedia_share_percent": int(parameters.multimedia_share * 100),
            "multimedia_forms": list(parameters.multimedia_forms),
            "meeting_span": dict(parameters.meeting_span),
            "evaluations_required": dict(parameters.evaluations_required),
            "trainings_required": parameters.trainings_required,
            "annual_report_due": dict(parameters.annual_report_due),
            "annual_report_due_by_unit": dict(parameters.annual_report_due_by_unit),
        },
        "calendar": str(config.calendar) if config.calendar else None,
        "format": config.format,
        "origins": config.origins,
    }
