"""PyYAML's C loader, adapted: dates kept as text, duplicate keys recorded, every mapping's line kept, values built
straight from the node tree, and aliases and merge keys bounded in how far they expand."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..base.installation import require_libyaml
from ..base.locations import Location, Problem
from ..base.phrase import Phrase
from ..base.safetext import excerpt
from ..model.fields import LINE_KEY

require_libyaml(yaml)

MAX_EXPANDED_TEXT = 2 * 2**20  # characters that aliases and merge keys may copy into a document
# What one copied value costs beyond its characters (the object it becomes, validated and written out again), so
# that a million one-letter values are bounded as firmly as one long title: a bomb is refused within a second.
VALUE_COST = 16

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
# A plain scalar that YAML 1.1 (PyYAML, here) and YAML 1.2 (editors: yaml-language-server) read differently: the
# loader files a problem at it instead of silently taking the 1.1 meaning.
_TWO_MEANINGS = "tag:disclose,2024:yaml-1.1-or-1.2"
_BOOL, _INT, _FLOAT = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_BOOLS_12 = frozenset({"true", "True", "TRUE", "false", "False", "FALSE"})
_INT_BOTH = re.compile(r"[-+]?(?:0|[1-9][0-9]*)$")  # decimal without a leading zero, underscore or colon
_FLOAT_12 = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_SPECIAL_FLOAT = re.compile(r"[-+]?\.(?:inf|Inf|INF)$|\.(?:nan|NaN|NAN)$")
_OCTAL_12 = re.compile(r"[-+]?0o[0-7]+$")
_HEX = re.compile(r"[-+]?0x[0-9a-fA-F]+$")
_DECIMAL_12 = re.compile(r"[-+]?[0-9]+$")  # leading zeros allowed: 0120 is 120
_NUMBER_START = frozenset("0123456789+-.")
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
                        return tag if _plainly_the_same(tag, value) or self._agree(tag, value) else _TWO_MEANINGS
                if value[:1] in _NUMBER_START and (_FLOAT_12.match(value) or _OCTAL_12.match(value)):
                    return _TWO_MEANINGS  # text to YAML 1.1, a number to YAML 1.2 (1e3, 0o17)
            return _STR
        return super().resolve(kind, value, implicit)

    def _agree(self, tag: str, value: str) -> bool:
        """Whether a number in a form of YAML 1.1's (0x1F, 007) means the same in YAML 1.2 (31, 7)."""
        try:
            meaning_11 = _yaml_11_meaning(self, tag, value)
        except _UNREADABLE:
            return True  # not readable at all: the constructor names it as such later
        meaning_12 = _yaml_12_meaning(value)
        return type(meaning_11) is type(meaning_12) and meaning_11 == meaning_12

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except _UNREADABLE as error:
            raise unreadable(node, error) from None

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
            self.problems.append(problem_at(self.path, node.start_mark, _RESERVED))
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping

    def _record_duplicates(self, pairs: list[tuple[yaml.Node, yaml.Node]]) -> None:
        first_seen: dict[str, yaml.Node] = {}
        for key_node, _ in pairs:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE:
                continue
            earlier = first_seen.setdefault(key_node.value, key_node)
            if earlier is not key_node:
                key, first = excerpt(key_node.value), earlier.start_mark.line + 1
                self.problems.append(problem_at(self.path, key_node.start_mark, Phrase(
                    f"duplicate key '{key}' (first at line {first}); YAML keeps only the last value, so one of them "
                    "would be lost",
                    f"键“{key}”重复（第一次在第{first}行）；YAML 只保留后一个值，前一个会丢失")))


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
            if constructor is None:
                return self.construct_object(node, deep=True)
            try:
                return constructor(self, node)
            except _UNREADABLE as error:
                raise unreadable(node, error) from None
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
            self.problems.append(problem_at(self.path, node.start_mark, _RESERVED))
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


class AliasGuardedLoader(Loader):
    """For files that use aliases: bounds how far they expand (a "billion laughs" bomb).

    Every use of an alias and every merge key copies what it names into what the tools build from the file
    (validation walks it, JSON and HTML write it out again): the copies are counted in characters of text (each
    value and key its length, plus VALUE_COST), whatever is repeated, a deep tree or one long title."""

    def __init__(self, stream: str, path: Path) -> None:
        super().__init__(stream, path)
        self._expanded = 0
        self._sizes: dict[int, int] = {}
        self._merged_sizes: dict[int, int] = {}

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:  # an alias
            self._grow(self._size(node), node, Phrase("aliases", "别名（*）"))
        return super().construct_object(node, deep)

    def flatten_mapping(self, node: yaml.MappingNode) -> None:
        # Merge keys copy the pairs of the merged mappings: nested merges multiply like aliases do.
        self._grow(self._merged(node), node, Phrase("merge keys", "合并键（<<）"))
        super().flatten_mapping(node)

    def _grow(self, size: int, node: yaml.Node, what: Phrase) -> None:
        self._expanded += size
        if self._expanded > MAX_EXPANDED_TEXT:
            mib = MAX_EXPANDED_TEXT // 2**20
            raise Refused(node.start_mark, Phrase(
                f"{what.en} expand to more than {mib} MiB of text; refusing to read further (write the values out, "
                "or use fewer aliases)",
                f"{what.zh}展开后超过{mib} MiB 文字，不再读取（请直接写出各值，或少用别名）"))

    def _merged(self, node: yaml.MappingNode) -> int:
        """The size of the pairs the merge keys of ``node`` copy into it."""
        size = 0
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                size += sum(self._pairs(source) for source in sources)
        return size

    def _pairs(self, node: yaml.Node) -> int:
        """The size of every pair a mapping holds once its own merge keys are flattened, counted without
        flattening."""
        if not isinstance(node, yaml.MappingNode):
            return 0
        cached = self._merged_sizes.get(id(node))
        if cached is not None:
            return cached
        self._merged_sizes[id(node)] = 0  # a merge cycle counts nothing more
        size = self._merged(node) + sum(self._size(key) + self._size(value) for key, value in node.value
                                        if key.tag != _MERGE)
        self._merged_sizes[id(node)] = size
        return size

    def _size(self, node: yaml.Node) -> int:
        cached = self._sizes.get(id(node))
        if cached is not None:
            return cached
        self._sizes[id(node)] = 1  # a recursive alias counts once
        if isinstance(node, yaml.ScalarNode):
            size = VALUE_COST + len(node.value)
        elif isinstance(node, yaml.SequenceNode):
            size = VALUE_COST + sum(self._size(child) for child in node.value)
        else:
            size = VALUE_COST + sum(self._size(key) + self._size(value) for key, value in node.value)
        self._sizes[id(node)] = size
        return size


def _plainly_the_same(tag: str, value: str) -> bool:
    """Whether the plain scalar ``value``, read by YAML 1.1 as ``tag``, is written in a form YAML 1.2's core
    schema reads the same way: the quick answer for nearly every scalar; the rest are compared by value."""
    if tag == _BOOL:
        return value in _BOOLS_12  # yes, no, on, off are text to YAML 1.2
    if tag == _INT:
        return _INT_BOTH.match(value) is not None  # not 0120 (octal to 1.1), 0b101, 1_000, 1:30 (base 60)
    if tag == _FLOAT:
        return _FLOAT_12.match(value) is not None or _SPECIAL_FLOAT.match(value) is not None  # 1_000.5, 1:30.5
    return True


def _construct_two_meanings(loader: Loader, node: yaml.ScalarNode) -> Any:
    """A problem at the scalar that says both meanings and what to write; the value is YAML 1.1's, so that no
    second problem follows from it."""
    value = node.value
    tag = next((tag for tag, regexp in Loader.yaml_implicit_resolvers.get(value[:1], ()) if regexp.match(value)),
               _STR)
    meaning_11 = _yaml_11_meaning(loader, tag, value)
    meaning_12 = _yaml_12_meaning(value)
    shown = excerpt(value)
    if isinstance(meaning_11, bool):
        word = "true" if meaning_11 else "false"
        phrase = Phrase(
            f"'{shown}' is {word} in YAML 1.1, which disclose reads, but the text '{shown}' in YAML 1.2, which "
            f"editors read; write {word} (or \"{shown}\" in quotes for the text)",
            f"“{shown}”按 YAML 1.1（本工具）是 {word}，按 YAML 1.2（编辑器）是文字“{shown}”；"
            f"请写 {word}（如指文字，加引号写成 \"{shown}\"）")
    else:
        def said(meaning: object) -> Phrase:
            return (Phrase(f"the text '{shown}'", f"文字“{shown}”") if isinstance(meaning, str)
                    else Phrase(f"the number {meaning:g}" if isinstance(meaning, float) else f"the number {meaning}",
                                f"数字{meaning:g}" if isinstance(meaning, float) else f"数字{meaning}"))
        one, two = said(meaning_11), said(meaning_12)
        phrase = Phrase(
            f"'{shown}' is {one.en} in YAML 1.1, which disclose reads, but {two.en} in YAML 1.2, which editors "
            "read; write the number in plain decimal digits (no leading zero, underscore, colon or 0x/0o/0b), "
            f"or \"{shown}\" in quotes for the text",
            f"“{shown}”按 YAML 1.1（本工具）是{one.zh}，按 YAML 1.2（编辑器）是{two.zh}；数字请直接写十进制"
            f"（不带前导0、下划线、冒号或 0x/0o/0b 前缀），如指文字，加引号写成 \"{shown}\"")
    loader.problems.append(problem_at(loader.path, node.start_mark, phrase))
    return meaning_11


def _yaml_11_meaning(loader: Loader, tag: str, value: str) -> object:
    """What YAML 1.1 (PyYAML's constructor for ``tag``) makes of a plain scalar; text where no resolver claims it."""
    return value if tag == _STR else loader.yaml_constructors[tag](loader, yaml.ScalarNode(tag, value))


def _yaml_12_meaning(value: str) -> object:
    """What YAML 1.2's core schema makes of a plain scalar that YAML 1.1 reads otherwise."""
    if _OCTAL_12.match(value):
        return int(value.replace("0o", "", 1), 8)
    if _HEX.match(value):
        return int(value, 16)
    if _DECIMAL_12.match(value):
        return int(value, 10)  # 0120 is 120
    if _FLOAT_12.match(value):
        return float(value)
    return value  # yes, on, 1:30, 1_000, 0b101: text


Loader.add_constructor(_TWO_MEANINGS, _construct_two_meanings)


# What PyYAML's constructors raise for a value their tag cannot take (!!int abc, !!timestamp 2024-02-30) or a
# number Python will not read (more than 4,300 digits).
_UNREADABLE = (ValueError, TypeError, OverflowError, KeyError, IndexError)


class Refused(yaml.constructor.ConstructorError):
    """A value the loader will not build, with the reason in both languages."""

    def __init__(self, mark: yaml.Mark, phrase: Phrase) -> None:
        super().__init__(None, None, phrase.en, mark)
        self.phrase = phrase


def unreadable(node: yaml.Node, error: Exception) -> Refused:
    """A scalar its tag cannot be made of, as a located error; a long run of digits is named as such."""
    value = node.value if isinstance(node.value, str) else ""
    if node.tag == "tag:yaml.org,2002:int" and len(value) > 100:
        return Refused(node.start_mark, Phrase(
            f"a number of {len(value)} digits is too long to read; put it in quotes if it is text",
            f"{len(value)}位的数字过长，无法读取；如是文字请加引号"))
    shown, tag = excerpt(value), node.tag.rsplit(":", 1)[-1]
    return Refused(node.start_mark, Phrase(f"'{shown}' cannot be read as {tag} ({excerpt(error, 80)})",
                                           f"“{shown}”不能按 !!{tag} 读取（解析器：{excerpt(error, 80)}）"))


_RESERVED = Phrase(f"'{LINE_KEY}' is reserved; remove this key", f"“{LINE_KEY}”为保留键，请删除")


def problem_at(path: Path, mark: yaml.Mark | None, message: Phrase) -> Problem:
    if mark is None:
        return Problem.of(Location(path), message)
    return Problem.of(Location(path, mark.line + 1, mark.column + 1), message)
