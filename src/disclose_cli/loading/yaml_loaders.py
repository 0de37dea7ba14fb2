"""PyYAML's C loader, adapted: dates kept as text, duplicate keys recorded, every mapping's line kept, values built
straight from the node tree, and aliases and merge keys bounded in how far they expand."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..base.locations import Location, Problem
from ..model.fields import LINE_KEY

MAX_EXPANDED_NODES = 1_000_000

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
MERGE_TAG = _MERGE = "tag:yaml.org,2002:merge"
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class Loader(yaml.CSafeLoader):
    """The C loader with dates kept as text and duplicate keys recorded."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str, path: Path) -> None:
        super().__init__(stream)
        self.path = path
        self.problems: list[Problem] = []

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        # Called from C for every node. The same answer as Resolver.resolve (this loader has no wildcard or
        # path resolvers), without its general machinery: most scalars are text that no resolver claims.
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return _STR
        return super().resolve(kind, value, implicit)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        own_pairs = node.value
        own_count = len(own_pairs)
        mapping = super().construct_mapping(node, deep)
        # A duplicate key makes the dict shorter than the node; merge keys ("<<") are taken out of the node's own
        # list by flatten_mapping. Only then is it worth looking at the keys one by one.
        if len(mapping) != own_count or len(own_pairs) != own_count:
            self._record_duplicates(own_pairs)
        if node.tag != _MAP:  # a !!set or !!omap built from a mapping node: data, not a record
            return mapping
        if LINE_KEY in mapping:
            self.problems.append(problem_at(self.path, node.start_mark, f"'{LINE_KEY}' is reserved; remove this key"))
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping

    def _record_duplicates(self, pairs: list[tuple[yaml.Node, yaml.Node]]) -> None:
        first_seen: dict[str, yaml.Node] = {}
        for key_node, _ in pairs:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE:
                continue
            earlier = first_seen.setdefault(key_node.value, key_node)
            if earlier is not key_node:
                self.problems.append(problem_at(
                    self.path, key_node.start_mark,
                    f"duplicate key '{key_node.value}' (first at line {earlier.start_mark.line + 1}); "
                    "YAML keeps only the last value, so one of them would be lost",
                ))


class FastLoader(Loader):
    """For files without aliases (nearly all): builds values straight from the node tree.

    PyYAML's generic construction (a state machine of generators, a cache of constructed nodes for aliases)
    costs more than parsing; without aliases every node is built once, so a direct recursive walk gives the same
    values. Anything unusual (explicit tags, merge keys) goes through the generic path.
    """

    def construct_document(self, node: yaml.Node) -> Any:
        try:
            return self._build(node)
        finally:
            self.constructed_objects = {}
            self.recursive_objects = {}

    def _build(self, node: yaml.Node) -> Any:
        kind = node.__class__
        if kind is yaml.ScalarNode:
            if node.tag == _STR:
                return node.value
            constructor = self.yaml_constructors.get(node.tag)
            return constructor(self, node) if constructor is not None else self.construct_object(node, deep=True)
        if kind is yaml.SequenceNode and node.tag == _SEQ:
            return [self._build(child) for child in node.value]
        if kind is yaml.MappingNode and node.tag == _MAP:
            return self._build_mapping(node)
        return self.construct_object(node, deep=True)

    def _build_mapping(self, node: yaml.MappingNode) -> dict:
        mapping: dict = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is yaml.ScalarNode and key_node.tag == _STR:
                key = key_node.value
            elif key_node.tag == _MERGE:
                return self.construct_mapping(node, deep=True)
            else:
                key = self._build(key_node)
                try:
                    hash(key)
                except TypeError:
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping", node.start_mark, "found unhashable key",
                        key_node.start_mark) from None
            mapping[key] = self._build(value_node)
        if len(mapping) != len(node.value):
            self._record_duplicates(node.value)
        if LINE_KEY in mapping:
            self.problems.append(problem_at(self.path, node.start_mark, f"'{LINE_KEY}' is reserved; remove this key"))
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


class AliasGuardedLoader(Loader):
    """For files that use aliases: bounds how far they expand (a "billion laughs" bomb)."""

    def __init__(self, stream: str, path: Path) -> None:
        super().__init__(stream, path)
        self._expanded = 0
        self._subtree_sizes: dict[int, int] = {}
        self._merged_sizes: dict[int, int] = {}

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects and not isinstance(node, yaml.ScalarNode):
            # An alias: validation would walk its value again each time it is used (a "billion laughs" bomb).
            self._expanded += self._subtree_size(node)
            if self._expanded > MAX_EXPANDED_NODES:
                raise yaml.constructor.ConstructorError(
                    None, None,
                    f"aliases expand to more than {MAX_EXPANDED_NODES:,} values; refusing to read further",
                    node.start_mark,
                )
        return super().construct_object(node, deep)

    def flatten_mapping(self, node: yaml.MappingNode) -> None:
        # Merge keys copy the pairs of the merged mappings: nested merges multiply like aliases do.
        self._expanded += self._merged_pairs(node)
        if self._expanded > MAX_EXPANDED_NODES:
            raise yaml.constructor.ConstructorError(
                None, None, f"merge keys expand to more than {MAX_EXPANDED_NODES:,} values; refusing to read further",
                node.start_mark)
        super().flatten_mapping(node)

    def _merged_pairs(self, node: yaml.Node) -> int:
        """How many pairs flattening ``node`` would produce, counted without producing them."""
        if not isinstance(node, yaml.MappingNode):
            return 0
        cached = self._merged_sizes.get(id(node))
        if cached is not None:
            return cached
        self._merged_sizes[id(node)] = 0  # a merge cycle counts nothing more
        size = 0
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                size += sum(self._merged_pairs(source) for source in sources)
            else:
                size += 1
        self._merged_sizes[id(node)] = size
        return size

    def _subtree_size(self, node: yaml.Node) -> int:
        cached = self._subtree_sizes.get(id(node))
        if cached is not None:
            return cached
        size = 1
        if isinstance(node, yaml.SequenceNode):
            size += sum(self._subtree_size(child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            size += sum(self._subtree_size(k) + self._subtree_size(v) for k, v in node.value)
        self._subtree_sizes[id(node)] = size
        return size


def problem_at(path: Path, mark: yaml.Mark | None, message: str) -> Problem:
    if mark is None:
        return Problem(Location(path), message)
    return Problem(Location(path, mark.line + 1, mark.column + 1), message)
