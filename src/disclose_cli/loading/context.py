"""What a run works against: the unit registry and the task catalogs by year, read and checked."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..base.locations import InputError, Location, Problem
from ..model.catalog import Catalog, CatalogFile
from ..model.registry import Registry, RegistryFile, Unit
from ..base.suggest import did_you_mean
from ..rules import CATALOG_RULE_IDS, RULES
from .config import CONFIG_NAME, Config, default_config
from .problems import validate_document
from .yaml_reader import Document, read_document


def bundled_path(*parts: str) -> Path:
    """A file shipped inside the package (data/, templates/), as a path on disk."""
    return Path(str(resources.files("disclose_cli").joinpath(*parts)))


@dataclass
class Context:
    registry: Registry
    catalogs: dict[int, Catalog] = field(default_factory=dict)
    config: Config = field(default_factory=default_config)

    def catalog(self, year: int) -> Catalog | None:
        return self.catalogs.get(year)


def load_context(config: Config | None = None) -> Context:
    """The registry and catalogs the configuration names (by default the bundled ones); raises InputError."""
    config = config or default_config()
    registry = read_registry(read_document(config.registry or bundled_path("data", "units.yaml")))
    catalogs: dict[int, Catalog] = {}
    for year, path in sorted(config.catalogs.items()):
        path = path or bundled_path("data", f"tasks_{year}.yaml")
        if not path.is_file():
            raise InputError([Problem(Location(config.path or Path(CONFIG_NAME)),
                                      f"no bundled catalog for {year}; give the file of the {year} catalog")])
        document = read_document(path)
        catalog = read_catalog(document, registry)
        if catalog.year != year:
            raise InputError([Problem(document.locate(("year",)),
                                      f"this catalog is for {catalog.year}, but the configuration lists it for {year}")])
        catalogs[year] = catalog
    return Context(registry, catalogs, _named_in_config(config, registry, catalogs))


def _named_in_config(config: Config, registry: Registry, catalogs: dict[int, Catalog]) -> Config:
    """The configuration with every figure keyed by units, rules or tasks checked: an alias or a full name
    becomes the unit's registry name; an unknown name is a problem at its key in disclose.yaml."""
    tasks = {task.id for catalog in catalogs.values() for task in catalog.tasks}
    problems, changed = [], {}
    for name, field in type(config.parameters).model_fields.items():
        kind = (field.json_schema_extra or {}).get("keyed_by") if isinstance(field.json_schema_extra, dict) else None
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
            if found is None:
                problems.append(Problem(where, f"unknown {kind} '{key}' in rules.{name}{hint.en}"))
            elif found in resolved:
                problems.append(Problem(where, f"'{key}' names {found} again in rules.{name}; keep one entry"))
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
        for position, name in enumerate([unit.name, *unit.aliases]):
            holder = seen.setdefault(name, unit)
            if holder is not unit:
                loc = ("units", index, "name") if position == 0 else ("units", index, "aliases", position - 1)
                problems.append(Problem(document.locate(loc),
                                        f"'{name}' already names {holder.name}; every name and alias is unique"))
    if problems:
        raise InputError(problems)
    return Registry(parsed.units, document.path)


def read_catalog(document: Document, registry: Registry) -> Catalog:
    """A year's task table from its file, its units resolved against the registry. Raises InputError."""
    parsed = _parsed(CatalogFile, document)
    problems = []
    seen: set[str] = set()
    for index, task in enumerate(parsed.tasks):
        if task.id in seen:
            problems.append(Problem(document.locate(("tasks", index, "id")), f"task id '{task.id}' is used twice"))
        seen.add(task.id)
        for position, name in enumerate(task.units):
            if registry.get(name) is None:
                problems.append(Problem(document.locate(("tasks", index, "units", position)),
                                        f"unit '{name}' is not in the registry{registry.suggest(name).en}"))
        for position, role in enumerate(task.roles):
            if role not in parsed.roles:
                problems.append(Problem(document.locate(("tasks", index, "roles", position)),
                                        f"role '{role}' is not declared under 'roles'"))
        for position, rule in enumerate(task.rules):
            if rule not in CATALOG_RULE_IDS:
                problems.append(Problem(document.locate(("tasks", index, "rules", position)),
                                        f"unknown rule '{rule}'; a task may carry {', '.join(CATALOG_RULE_IDS)}"))
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
