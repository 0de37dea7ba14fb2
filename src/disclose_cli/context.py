"""What a run works against: the unit registry and the task catalogs by year."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .catalog import Catalog
from .locations import InputError
from .registry import Registry
from .yamlio import read_document


def bundled_path(*parts: str) -> Path:
    """A file shipped inside the package (data/, templates/), as a path on disk."""
    return Path(str(resources.files("disclose_cli").joinpath(*parts)))


@dataclass
class Context:
    registry: Registry
    catalogs: dict[int, Catalog] = field(default_factory=dict)

    def catalog(self, year: int) -> Catalog | None:
        return self.catalogs.get(year)


def load_context(registry_path: Path | None = None, catalog_paths: list[Path] | None = None) -> Context:
    """The registry and catalogs from the given files, or the bundled 2024 ones; raises InputError when invalid."""
    registry_document = read_document(registry_path or bundled_path("data", "units.yaml"))
    if registry_document.problems:
        raise InputError(registry_document.problems)
    registry, problems = Registry.from_document(registry_document)
    if registry is None:
        raise InputError(problems)
    catalogs: dict[int, Catalog] = {}
    for path in catalog_paths or [bundled_path("data", "tasks_2024.yaml")]:
        document = read_document(path)
        if document.problems:
            raise InputError(document.problems)
        catalog, problems = Catalog.from_document(document, registry)
        if catalog is None:
            raise InputError(problems)
        catalogs[catalog.year] = catalog
    return Context(registry, catalogs)
