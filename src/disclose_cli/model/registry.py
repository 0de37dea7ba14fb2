"""The unit registry: every unit that can report, by official name, kind and aliases."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from ..base.locations import Location
from ..base.phrase import Phrase
from ..base.suggest import did_you_mean
from .fields import Flag, Record, Text

UnitKind = Literal["department", "district", "zone", "other"]


class Unit(Record):
    name: Text
    kind: UnitKind
    full_name: Text | None = None  # the official full name documents are titled and signed with
    full_name_certain: Flag = True  # false: no source confirms the full name (docs/decisions.md lists them)
    aliases: list[Text] = Field(default_factory=list)
    policy_maker: Flag = True  # 制定政策性文件的部门: judged by evaluation-frequency

    @property
    def names(self) -> list[str]:
        """Every name the unit is known by: its name, its full name and its aliases."""
        return [self.name, *([self.full_name] if self.full_name else []), *self.aliases]

    @property
    def official_name(self) -> str:
        """The name documents are titled and signed with."""
        return self.full_name or self.name


class RegistryFile(Record):
    units: list[Unit]


class Registry:
    """Units in file order; names and aliases resolve to a unit."""

    def __init__(self, units: list[Unit], path: Path) -> None:
        self.units = tuple(units)
        self.path = path
        self._by_name = {name: unit for unit in units for name in unit.names}
        self._order = {unit.name: index for index, unit in enumerate(units)}

    def get(self, name: str) -> Unit | None:
        return self._by_name.get(name) or self._by_name.get(_without_city_prefix(name))

    def suggest(self, name: str) -> Phrase:
        """A did-you-mean for an unknown unit name: the closest name or alias (an alias with its unit's name)."""
        shown = {alias: f"{alias} ({unit.name})" for alias, unit in self._by_name.items() if alias != unit.name}
        return did_you_mean(name, self._by_name, shown)

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
