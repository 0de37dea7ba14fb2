"""The unit registry: every unit that can report, by official name, kind and aliases."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Literal

from pydantic import Field

from .fields import Flag, Record, Text, validate_document
from ..base.locations import Location, Problem
from ..loading.yaml_reader import Document

UnitKind = Literal["department", "district", "zone", "other"]


class Unit(Record):
    name: Text
    kind: UnitKind
    aliases: list[Text] = Field(default_factory=list)
    policy_maker: Flag = True  # 制定政策性文件的部门: judged by evaluation-frequency


class RegistryFile(Record):
    units: list[Unit]


class Registry:
    """Units in file order; names and aliases resolve to a unit."""

    def __init__(self, units: list[Unit], path: Path) -> None:
        self.units = tuple(units)
        self.path = path
        self._by_name = {name: unit for unit in units for name in (unit.name, *unit.aliases)}
        self._order = {unit.name: index for index, unit in enumerate(units)}

    @classmethod
    def from_document(cls, document: Document) -> tuple[Registry | None, list[Problem]]:
        parsed, problems = validate_document(RegistryFile, document)
        if parsed is None:
            return None, problems
        seen: dict[str, Unit] = {}
        for index, unit in enumerate(parsed.units):
            for position, name in enumerate([unit.name, *unit.aliases]):
                holder = seen.setdefault(name, unit)
                if holder is not unit:
                    loc = ("units", index, "name") if position == 0 else ("units", index, "aliases", position - 1)
                    problems.append(Problem(document.locate(loc),
                                            f"'{name}' already names {holder.name}; every name and alias is unique"))
        if problems:
            return None, problems
        return cls(parsed.units, document.path), []

    def get(self, name: str) -> Unit | None:
        return self._by_name.get(name) or self._by_name.get(_without_city_prefix(name))

    def suggest(self, name: str) -> str:
        close = difflib.get_close_matches(name, list(self._by_name), n=1, cutoff=0.4)
        if not close:
            return ""
        unit = self._by_name[close[0]]
        shown = close[0] if close[0] == unit.name else f"{close[0]} ({unit.name})"
        return f"; did you mean '{shown}'?"

    def order(self, name: str) -> int:
        """Registry order, used to sort output by unit."""
        return self._order.get(name, len(self._order))

    def location(self, name: str) -> Location:
        """Where a unit is declared, for findings about a unit that has no report file."""
        unit = self._by_name[name]
        return Location(self.path, unit.line)


def _without_city_prefix(name: str) -> str:
    # 威海市科学技术局 and 市科学技术局 name the same unit.
    return "市" + name[3:] if name.startswith("威海市") else name
