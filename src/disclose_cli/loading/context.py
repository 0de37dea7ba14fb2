"""What a run works against: the unit registry and the task catalogs by year, read and checked."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..base.safetext import excerpt
from ..base.locations import InputError, Location, Problem
from ..model.catalog import Catalog, CatalogFile
from ..model.registry import Registry, RegistryFile, Unit
from ..base.phrase import Phrase
from ..base.suggest import did_you_mean
from ..rules import CATALOG_RULE_IDS, RULES
from .config import CONFIG_NAME, Config, default_config
from .problems import validate_document
from .repository import repository_root
from .yaml_reader import Document, read_document


SOURCE_ROOT = Path(__file__).resolve().parents[3]


def bundled_path(*parts: str) -> Path:
    """A file shipped with the package (data/, templates/), as a path on disk.

    A built wheel carries data/ and templates/ inside the package (the build copies them there); a source checkout
    or an editable install has them only at the repository root, where they are kept.
    """
    installed = Path(str(resources.files("disclose_cli").joinpath(*parts)))
    return installed if installed.exists() else SOURCE_ROOT.joinpath(*parts)


@dataclass
class Context:
    registry: Registry
    catalogs: dict[int, Catalog] = field(default_factory=dict)
    config: Config = field(default_factory=default_config)

    def catalog(self, year: int) -> Catalog | None:
        return self.catalogs.get(year)

    def no_catalog(self, year: int) -> Phrase:
        """Why ``year`` has nothing to be judged by: no catalog is loaded for it; the years that have one."""
        known = ", ".join(str(each) for each in sorted(self.catalogs))
        return Phrase(f"no task catalog for {year}; catalogs are loaded for: {known or 'none'}",
                      f"没有{year}年的重点工作任务表；已载入的年度：{known or '无'}")

    @property
    def root(self) -> Path:
        """The data repository's root, which machine-readable output names files relative to."""
        return repository_root(self.config.path)


def load_context(config: Config | None = None) -> Context:
    """The registry and catalogs the configuration names (by default the bundled ones); raises InputError."""
    config = config or default_config()
    registry = _bundled_registry() if config.registry is None else read_registry(read_document(config.registry))
    catalogs: dict[int, Catalog] = {}
    for year, path in sorted(config.catalogs.items()):
        if path is None:
            path = _bundled_catalog_path(year)
            if not path.is_file():
                raise InputError([Problem.of(Location(config.path or Path(CONFIG_NAME)), Phrase(
                    f"no bundled catalog for {year}; give the file of the {year} catalog",
                    f"没有随附的{year}年任务表；请在 disclose.yaml 的 catalogs 中给出{year}年任务表文件"))])
            if config.registry is None:
                catalogs[year] = _bundled_catalog(year)
                continue
        document = read_document(path)
        catalog = read_catalog(document, registry)
        if catalog.year != year:
            raise InputError([Problem.of(document.locate(("year",)), Phrase(
                f"this catalog is for {catalog.year}, but the configuration lists it for {year}",
                f"该任务表为{catalog.year}年，但 disclose.yaml 把它列为{year}年"))])
        catalogs[year] = catalog
    return Context(registry, catalogs, _named_in_config(config, registry, catalogs))


# The bundled files are part of the installation and do not change while it runs: each is read once per process
# (the Python API and the in-process tests load contexts by the hundred). A data repository's files are read anew.
@lru_cache(maxsize=None)
def _bundled_registry() -> Registry:
    return read_registry(read_document(bundled_path("data", "units.yaml")))


@lru_cache(maxsize=None)
def _bundled_catalog(year: int) -> Catalog:
    return read_catalog(read_document(_bundled_catalog_path(year)), _bundled_registry())


def _bundled_catalog_path(year: int) -> Path:
    return bundled_path("data", f"tasks_{year}.yaml")


_KINDS = {"unit": "单位", "rule": "规则", "task": "任务"}


def _named_in_config(config: Config, registry: Registry, catalogs: dict[int, Catalog]) -> Config:
    """The configuration with every figure keyed by units, rules or tasks checked: an alias or a full name
    becomes the unit's registry name; an unknown name is a problem at its key in disclose.yaml."""
    tasks = {task.id for catalog in catalogs.values() for task in catalog.tasks}
    problems, changed = [], {}
    for name, figure in type(config.parameters).model_fields.items():
        extra = figure.json_schema_extra
        kind = extra.get("keyed_by") if isinstance(extra, dict) else None
        if kind is None:
            continue
        resolved = {}
        for key, value in getattr(config.parameters, name).items():
            if kind == "unit":
                unit = registry.get(key)
                found, hint = (unit.name if unit else None), registry.suggest(key)
            else:
                choices = RULES if kind == "rule" else tasks
                found, hint = (key if key in choices else None), did_you_mean(key, choices)
            where = read_document(config.path).locate(("rules", name, key), at_key=True) if config.path \
                else Location(Path(CONFIG_NAME))
            what = _KINDS[kind]
            if found is None:
                problems.append(Problem.of(where, Phrase(f"unknown {kind} '{excerpt(key)}' in rules.{name}",
                                                         f"rules.{name} 中的{what}“{excerpt(key)}”不存在") + hint))
            elif found in resolved:
                problems.append(Problem.of(where, Phrase(
                    f"'{excerpt(key)}' names {found} again in rules.{name}; keep one entry",
                    f"rules.{name} 中“{excerpt(key)}”与另一项同指{found}；请只保留一项")))
            resolved[found or key] = value
        changed[name] = resolved
    if problems:
        raise InputError(problems)
    return dataclasses.replace(config, parameters=config.parameters.model_copy(update=changed)) if changed else config


def read_registry(document: Document) -> Registry:
    """The registry from its file; every name and alias names one unit. Raises InputError."""
    parsed = _parsed(RegistryFile, document)
    problems = []
    seen: dict[str, Unit] = {}
    for index, unit in enumerate(parsed.units):
        places = [("units", index, "name")] + ([("units", index, "full_name")] if unit.full_name else []) + [
            ("units", index, "aliases", position) for position in range(len(unit.aliases))]
        for loc, name in zip(places, unit.names):
            holder = seen.setdefault(name, unit)
            if holder is not unit:
                problems.append(Problem.of(document.locate(loc), Phrase(
                    f"'{name}' already names {holder.name}; every name and alias is unique",
                    f"“{name}”已用于{holder.name}；名称和别名不能重复")))
    if problems:
        raise InputError(problems)
    return Registry(parsed.units, document.path)


def read_catalog(document: Document, registry: Registry) -> Catalog:
    """A year's task table from its file, its units resolved against the registry. Raises InputError."""
    parsed = _parsed(CatalogFile, document)
    problems = []
    seen: set[str] = set()
    headings: dict[str, str] = {}
    for index, task in enumerate(parsed.tasks):
        if task.id in seen:
            problems.append(Problem.of(document.locate(("tasks", index, "id")), Phrase(
                f"task id '{task.id}' is used twice", f"任务编号“{task.id}”重复")))
        seen.add(task.id)
        first = headings.setdefault(task.heading, task.id)
        if first != task.id:
            problems.append(Problem.of(document.locate(("tasks", index)), Phrase(
                f"task '{task.id}' has the heading of task '{first}' ({task.heading}); give one of them a 'focus'",
                f"任务“{task.id}”与任务“{first}”标题相同（{task.heading}）；请为其中一项填写 focus 加以区分")))
        for position, name in enumerate(task.units):
            if registry.get(name) is None:
                problems.append(Problem.of(document.locate(("tasks", index, "units", position)), Phrase(
                    f"unit '{name}' is not in the registry", f"单位名录中没有“{name}”") + registry.suggest(name)))
        for position, role in enumerate(task.roles):
            if role not in parsed.roles:
                problems.append(Problem.of(document.locate(("tasks", index, "roles", position)), Phrase(
                    f"role '{role}' is not declared under 'roles'", f"角色“{role}”未在 roles 中声明")))
        for position, rule in enumerate(task.rules):
            if rule not in CATALOG_RULE_IDS:
                problems.append(Problem.of(document.locate(("tasks", index, "rules", position)), Phrase(
                    f"unknown rule '{rule}'; a task may carry {', '.join(CATALOG_RULE_IDS)}",
                    f"未知的规则“{rule}”；任务可带的规则有：{'、'.join(CATALOG_RULE_IDS)}")))
    if problems:
        raise InputError(problems)
    return Catalog(parsed, registry, document.path)


def _parsed(model: type, document: Document) -> object:
    if document.problems:
        raise InputError(document.problems)
    parsed, problems = validate_document(model, document)
    if parsed is None:
        raise InputError(problems)
    return parsed
