"""What a run works against: the unit registry and the task catalogs by year."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..model.catalog import Catalog
from .config import CONFIG_NAME, Config, default_config
from ..base.locations import InputError, Location, Problem
from ..model.registry import Registry
from .yaml_reader import read_document


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
    registry_document = read_document(config.registry or bundled_path("data", "units.yaml"))
    if registry_document.problems:
        raise InputError(registry_document.problems)
    registry, problems = Registry.from_document(registry_document)
    if registry is None:
        raise InputError(problems)
    catalogs: dict[int, Catalog] = {}
    for year, path in sorted(config.catalogs.items()):
        path = path or bundled_path("data", f"tasks_{year}.yaml")
        if not path.is_file():
            raise InputError([Problem(Location(config.path or Path(CONFIG_NAME)),
                                      f"no bundled catalog for {year}; give the file of the {year} catalog")])
        document = read_document(path)
        if document.problems:
            raise InputError(document.problems)
        catalog, problems = Catalog.from_document(document, registry)
        if catalog is None:
            raise InputError(problems)
        if catalog.year != year:
            raise InputError([Problem(document.locate(("year",)),
                                      f"this catalog is for {catalog.year}, but the configuration lists it for {year}")])
        catalogs[year] = catalog
    return Context(registry, catalogs, config)
