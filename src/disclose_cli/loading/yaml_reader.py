"""Reading YAML fast with PyYAML's C loader while keeping every record's line.

The fast path constructs plain dicts and lists; each mapping gets its 1-based line under the key ``__line__``
(cheaper than keeping PyYAML's node tree alive, which makes the garbage collector walk millions of objects).
Exact positions of a problem are found on the error path only, by composing the file again (:class:`NodeIndex`).

Dates are left as text: PyYAML turns an impossible date such as 2024-02-30 into a bare ValueError without a
position and abandons the file, so the models parse dates and report them like any other problem.
"""

from __future__ import annotations

import codecs
import gc
import re
import stat
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

from ..base.locations import Location, Problem

LINE_KEY = "__line__"
MAX_DEPTH = 200
MAX_FILE_BYTES = 64 * 2**20  # one unit's year is well under 1 MiB; a bigger file is a mistake or an attack
MAX_EXPANDED_NODES = 1_000_000

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
# Only flow brackets and compact block indicators ("- - - x") nest deeply in few bytes; block nesting by
# indentation needs quadratic file size. libyaml's composer recurses in C and crashes the process past about
# 50,000 levels, so suspicious files get their depth measured from the (non-recursive) event stream first.
_COMPACT_NESTING = re.compile(r"(?:[-?][ \t]+){20}")


class _Loader(yaml.CSafeLoader):
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
            self.problems.append(_problem(self.path, node.start_mark, f"'{LINE_KEY}' is reserved; remove this key"))
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping

    def _record_duplicates(self, pairs: list[tuple[yaml.Node, yaml.Node]]) -> None:
        first_seen: dict[str, yaml.Node] = {}
        for key_node, _ in pairs:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE:
                continue
            earlier = first_seen.setdefault(key_node.value, key_node)
            if earlier is not key_node:
                self.problems.append(_problem(
                    self.path, key_node.start_mark,
                    f"duplicate key '{key_node.value}' (first at line {earlier.start_mark.line + 1}); "
                    "YAML keeps only the last value, so one of them would be lost",
                ))


class _FastLoader(_Loader):
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
            self.problems.append(_problem(self.path, node.start_mark, f"'{LINE_KEY}' is reserved; remove this key"))
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


class _AliasGuardedLoader(_Loader):
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


def _problem(path: Path, mark: yaml.Mark | None, message: str) -> Problem:
    if mark is None:
        return Problem(Location(path), message)
    return Problem(Location(path, mark.line + 1, mark.column + 1), message)


@dataclass
class Document:
    """One YAML file: its value (``None`` when unreadable) and the problems met reading it."""

    path: Path
    text: str | None
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    _index: NodeIndex | None = None

    def locate(self, loc: tuple[str | int, ...], at_key: bool = False) -> Location:
        """The position of the value at ``loc`` (a pydantic-style path), or of its key with ``at_key``."""
        if self.text is None:
            return Location(self.path)
        if self._index is None:
            self._index = NodeIndex(self.text)
        found = self._index.mark(loc, at_key)
        if found is None:
            return Location(self.path)
        return Location(self.path, found.line + 1, found.column + 1)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while large trees of live objects are built (none of them cycles)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def decode(path: Path, raw: bytes) -> tuple[str | None, Problem | None]:
    """UTF-8 text (a BOM is dropped), or a problem naming the encoding and how to convert."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, Problem(Location(path, 1, 1), "file is UTF-16; save it as UTF-8 "
                             f"(for example: iconv -f UTF-16 -t UTF-8 '{path}' > converted.yaml)")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        try:
            raw.decode("gb18030")
            guess = "it looks like GBK/GB18030 (a Windows default for Chinese)"
            source = "GB18030"
        except UnicodeDecodeError:
            guess = "it is not text in a known encoding"
            source = None
        fix = (f"; convert it with: iconv -f {source} -t UTF-8 '{path}' > converted.yaml"
               if source else "; save it as UTF-8")
        return None, Problem(Location(path, line, column), f"file is not UTF-8: {guess}{fix}")


def _too_deep(text: str) -> yaml.Mark | None:
    """Where nesting first exceeds MAX_DEPTH, measured only for files that could nest deeply in few bytes."""
    if text.count("[") + text.count("{") < MAX_DEPTH and not _COMPACT_NESTING.search(text):
        return None
    depth = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def load_text(path: Path, text: str) -> Document:
    """Construct a document from text; syntax errors become problems.

    libyaml's composer recurses in C, one frame per level of nesting, and would overflow the ordinary stack of a
    deeply nested file and crash the process; it runs on a thread with a large (virtual, mostly untouched) stack.
    """
    outcome: list[Document | BaseException] = []

    def work() -> None:
        try:
            outcome.append(_load_text(path, text))
        except BaseException as error:  # handed to the calling thread
            outcome.append(error)

    previous = threading.stack_size(_COMPOSER_STACK)
    try:
        worker = threading.Thread(target=work, name="yaml-loader", daemon=True)
        worker.start()
    finally:
        threading.stack_size(previous)
    worker.join()
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def _load_text(path: Path, original: str) -> Document:
    # libyaml counts U+0085, U+2028 and U+2029 as line breaks (YAML 1.1); editors and git do not. They are
    # parsed as stand-ins and given back in the values, so that every line number is the editor's.
    text = original.translate(_HIDE_BREAKS) if _UNICODE_BREAKS.search(original) else original
    document = Document(path, text)
    try:
        deep = _too_deep(text)
        if deep is not None:
            document.problems.append(_problem(path, deep, f"nesting deeper than {MAX_DEPTH} levels; "
                                              "a report file needs only a few"))
            return document
        # Only a file with an alias ("*name") can expand; the others skip the per-node accounting.
        loader = (_AliasGuardedLoader if "*" in text else _FastLoader)(text, path)
        try:
            document.data = loader.get_single_data()
        finally:
            loader.dispose()
        document.problems.extend(loader.problems)
    except yaml.MarkedYAMLError as error:
        document.data = None
        mark = error.problem_mark or error.context_mark
        document.problems.append(_problem(path, mark, _yaml_message(error, text, mark)))
    except yaml.reader.ReaderError as error:
        document.data = None
        # The C reader counts bytes of the UTF-8 text.
        encoded = text.encode("utf-8")
        line = encoded.count(b"\n", 0, error.position) + 1
        line_start = encoded.rfind(b"\n", 0, error.position) + 1
        column = len(encoded[line_start:error.position].decode("utf-8", "replace")) + 1
        code = error.character if isinstance(error.character, int) else ord(error.character)
        document.problems.append(Problem(Location(path, line, column), (
            f"character U+{code:04X} is not allowed in YAML; remove it (it is often pasted from another program)")))
    except yaml.YAMLError as error:
        document.data = None
        document.problems.append(Problem(Location(path), f"not valid YAML: {error}"))
    except RecursionError:
        document.data = None
        document.problems.append(Problem(Location(path), "nesting too deep; a report file needs only a few levels"))
    if text is not original and document.data is not None:
        document.data = _restore_breaks(document.data)
    return document


_UNICODE_BREAKS = re.compile("[\x85\u2028\u2029]")
_HIDE_BREAKS = {0x85: 0xF0085, 0x2028: 0xF2028, 0x2029: 0xF2029}  # supplementary private use: never in reports
_SHOW_BREAKS = {stand_in: code for code, stand_in in _HIDE_BREAKS.items()}
_COMPOSER_STACK = 512 * 2**20  # bytes of address space; pages are only used as deep as a file nests


def _restore_breaks(value: Any) -> Any:
    if isinstance(value, str):
        return value.translate(_SHOW_BREAKS)
    if isinstance(value, list):
        return [_restore_breaks(item) for item in value]
    if isinstance(value, dict):
        return {_restore_breaks(key): _restore_breaks(item) for key, item in value.items()}
    return value


def _yaml_message(error: yaml.MarkedYAMLError, text: str, mark: yaml.Mark | None) -> str:
    problem = error.problem or "not valid YAML"
    lines = text.split("\n")
    if mark is not None and mark.line < len(lines):
        line = lines[mark.line]
        if "\t" in line[: len(line) - len(line.lstrip(" \t"))]:
            return "a tab is used for indentation; YAML indents with spaces only"
    if "expected a single document" in (error.context or ""):
        return "more than one YAML document ('---') in the file; keep one report per file"
    context = f"{error.context}, " if error.context else ""
    return f"not valid YAML: {context}{problem}"


def read_document(path: Path) -> Document:
    """Read and construct one file; every failure becomes a problem of the document."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            return Document(path, None, problems=[Problem(Location(path), (
                "not a regular file (a device, a pipe or a socket); a report is a .yaml file"))])
        size = status.st_size
        if size > MAX_FILE_BYTES:
            return Document(path, None, problems=[Problem(Location(path), (
                f"file is {size / 2**20:.0f} MiB; a report file may be at most {MAX_FILE_BYTES // 2**20} MiB "
                "(split it, or check that it is the right file)"))])
        raw = path.read_bytes()
    except OSError as error:
        return Document(path, None, problems=[Problem(Location(path), f"cannot read file: {error.strerror}")])
    text, problem = decode(path, raw)
    if problem is not None:
        return Document(path, None, problems=[problem])
    return load_text(path, text)


class NodeIndex:
    """Positions of the nodes of a composed document, looked up by a path of keys and indexes."""

    def __init__(self, text: str) -> None:
        try:
            self.root = yaml.compose(text, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            self.root = None

    def mark(self, loc: tuple[str | int, ...], at_key: bool = False) -> yaml.Mark | None:
        node = self.root
        if node is None:
            return None
        mark = node.start_mark
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                pair = _find_pair(node, part)
                if pair is None:
                    break
                key_node, node = pair
                mark = key_node.start_mark if at_key else node.start_mark
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
                mark = node.start_mark
            else:
                break
        return mark


def _find_pair(node: yaml.MappingNode, key: str | int) -> tuple[yaml.Node, yaml.Node] | None:
    wanted = str(key)
    merged: list[yaml.Node] = []
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            if key_node.tag == _MERGE:
                merged.extend(value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node])
            elif key_node.value == wanted:
                return key_node, value_node
    for source in merged:
        if isinstance(source, yaml.MappingNode):
            pair = _find_pair(source, key)
            if pair is not None:
                return pair
    return None
