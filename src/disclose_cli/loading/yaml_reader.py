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
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

from ..base.locations import Location, Problem
from .yaml_loaders import AliasGuardedLoader, FastLoader, problem_at
from .yaml_nodes import NodeIndex

MAX_DEPTH = 200
MAX_FILE_BYTES = 64 * 2**20  # one unit's year is well under 1 MiB; a bigger file is a mistake or an attack
# libyaml's composer recurses in C, one frame per level, and would crash the process on a file nested tens of
# thousands of levels deep; so a file that could nest deeper than MAX_DEPTH gets its depth measured from the
# (non-recursive) event stream first, and composing never goes deeper than a few hundred levels: the ordinary
# stack of any thread is enough. Deep nesting needs flow brackets, compact indicators ("- - - x"), or
# indentation: a line at depth d of block nesting is indented by at least d - 20 columns.
_COMPACT_NESTING = re.compile(r"(?:[-?][ \t]+){20}")
_DEEP_INDENT = re.compile(rf"^ {{{MAX_DEPTH - 20},}}", re.MULTILINE)


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
    if (text.count("[") + text.count("{") < MAX_DEPTH and not _COMPACT_NESTING.search(text)
            and not _DEEP_INDENT.search(text)):
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
    """Construct a document from text; syntax errors become problems."""
    return _load_text(path, text)


def _load_text(path: Path, original: str) -> Document:
    # libyaml counts U+0085, U+2028 and U+2029 as line breaks (YAML 1.1); editors and git do not. They are
    # parsed as stand-ins and given back in the values, so that every line number is the editor's.
    text = original.translate(_HIDE_BREAKS) if _UNICODE_BREAKS.search(original) else original
    document = Document(path, text)
    try:
        deep = _too_deep(text)
        if deep is not None:
            document.problems.append(problem_at(path, deep, f"nesting deeper than {MAX_DEPTH} levels; "
                                              "a report file needs only a few"))
            return document
        # Only a file with an alias ("*name") can expand; the others skip the per-node accounting.
        loader = (AliasGuardedLoader if "*" in text else FastLoader)(text, path)
        try:
            document.data = loader.get_single_data()
        finally:
            loader.dispose()
        document.problems.extend(loader.problems)
    except yaml.MarkedYAMLError as error:
        document.data = None
        mark = error.problem_mark or error.context_mark
        document.problems.append(problem_at(path, mark, _yaml_message(error, text, mark)))
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

