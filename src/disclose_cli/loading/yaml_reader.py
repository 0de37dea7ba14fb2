"""Reading YAML fast with PyYAML's C loader while keeping every record's line.

The fast path constructs plain dicts and lists; each mapping gets its 1-based line under the key ``__line__``
(cheaper than keeping PyYAML's node tree alive, which makes the garbage collector walk millions of objects).
Exact positions of a problem are found on the error path only, by composing the file again (:class:`NodeIndex`).

Dates are left as text: PyYAML turns an impossible date such as 2024-02-30 into a bare ValueError without a
position and abandons the file, so the models parse dates and report them like any other problem.
"""

from __future__ import annotations

import codecs
import errno
import gc
import re
import stat
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

from ..base.locations import Location, Problem
from ..base.phrase import Phrase
from ..base.safetext import one_line
from .typing_mistakes import full_width_syntax, invisible_characters
from .yaml_loaders import AliasGuardedLoader, FastLoader, Refused, problem_at
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


_SAVE_AS_UTF8 = Phrase(
    "save it as UTF-8 (Notepad or WPS: Save As, encoding UTF-8; or: iconv -f {source} -t UTF-8 FILE > new.yaml)",
    "请另存为 UTF-8 编码（记事本或WPS：“另存为”，编码选“UTF-8”；或命令：iconv -f {source} -t UTF-8 原文件 > 新文件.yaml）")


def decode(path: Path, raw: bytes) -> tuple[str | None, Problem | None]:
    """UTF-8 text (a BOM is dropped), or a problem naming the encoding and how to save the file as UTF-8."""
    def refused(line: int, column: int, what: Phrase, source: str) -> tuple[None, Problem]:
        fix = Phrase(_SAVE_AS_UTF8.en.format(source=source), _SAVE_AS_UTF8.zh.format(source=source))
        return None, Problem.of(Location(path, line, column), what + Phrase("; ", "；") + fix)

    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    # UTF-32's byte order marks begin like UTF-16's: they are told apart first.
    elif raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return refused(1, 1, Phrase("the file is UTF-32", "文件为 UTF-32 编码"), "UTF-32")
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(raw):
        return refused(1, 1, Phrase("the file is UTF-16", "文件为 UTF-16 编码"), "UTF-16")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = len(raw[raw.rfind(b"\n", 0, error.start) + 1:error.start].decode("utf-8", "replace")) + 1
    lines = raw.split(b"\n")
    foreign = {index for index, text in enumerate(lines) if not _decodes(text, "utf-8")}
    # Pasted lines only where the rest of the file shows UTF-8 of its own: a line beyond ASCII that decodes as
    # UTF-8. A wholly GBK file has ASCII lines too (keys, dates), and those prove nothing.
    utf8_elsewhere = any(not text.isascii() for index, text in enumerate(lines) if index not in foreign)
    if utf8_elsewhere and all(_decodes(lines[index], "gb18030") for index in foreign):
        shown = [str(index + 1) for index in sorted(foreign)[:5]]
        more = "…" if len(foreign) > 5 else ""
        english = (f"line {shown[0]} is" if len(foreign) == 1 else f"lines {', '.join(shown)}{more} are")
        return refused(line, column, Phrase(
            f"{english} GBK text inside an otherwise UTF-8 file (pasted from another program)",
            f"第{'、'.join(shown)}{more}行是 GBK 编码的文字，文件其余部分为 UTF-8（多为从其他程序粘贴而来）"),
            "GB18030")
    if _decodes(raw, "gb18030"):
        return refused(line, column, Phrase("the file is not UTF-8 but GBK/GB18030 (a Windows default for Chinese)",
                                            "文件不是 UTF-8 编码，而是 GBK/GB18030（中文 Windows 的默认编码）"),
                       "GB18030")
    if _decodes(raw, "big5"):
        return refused(line, column, Phrase("the file is not UTF-8 but Big5 (traditional Chinese)",
                                            "文件不是 UTF-8 编码，而是 Big5（繁体中文）"), "BIG5")
    return None, Problem.of(Location(path, line, column), Phrase(
        "the file is not text in a known encoding; save it as UTF-8",
        "文件不是可识别编码的文本；请另存为 UTF-8 编码"))


def _decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte order mark: ASCII text with a NUL byte beside every character."""
    sample = raw[:200]
    return len(sample) >= 8 and (sample[1::2].count(0) > len(sample) // 3 or sample[0::2].count(0) > len(sample) // 3)


def _compact_nesting(text: str) -> bool:
    """Whether a line holds 20 compact indicators in a row ("- - - …"). The pattern runs only on lines with 20
    indicators at all (counting is fast; the pattern tried at every dash of a 46 MB hostile file took seconds)."""
    return any(line.count("-") + line.count("?") >= 20 and _COMPACT_NESTING.search(line)
               for line in text.splitlines())


def _too_deep(text: str) -> yaml.Mark | None:
    """Where nesting first exceeds MAX_DEPTH, measured only for files that could nest deeply in few bytes."""
    if text.count("[") + text.count("{") < MAX_DEPTH and not _compact_nesting(text) and not _DEEP_INDENT.search(text):
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
            document.problems.append(problem_at(path, deep, Phrase(
                f"nesting deeper than {MAX_DEPTH} levels; a report file needs only a few",
                f"嵌套超过{MAX_DEPTH}层；报告文件只需要几层")))
            return document
        # Only a file with an alias ("*name") can expand; the others skip the per-node accounting.
        loader = (AliasGuardedLoader if "*" in text else FastLoader)(text, path)
        try:
            document.data = loader.get_single_data()
        finally:
            loader.dispose()
        document.problems.extend(loader.problems)
        document.problems.extend(invisible_characters(path, original))
    except yaml.MarkedYAMLError as error:
        document.data = None
        mark = error.problem_mark or error.context_mark
        typed = full_width_syntax(path, original, mark.line) if mark is not None else None
        document.problems.append(typed or problem_at(path, mark, _yaml_message(error, text, mark)))
    except yaml.reader.ReaderError as error:
        document.data = None
        # The C reader counts bytes of the UTF-8 text.
        encoded = text.encode("utf-8")
        line = encoded.count(b"\n", 0, error.position) + 1
        line_start = encoded.rfind(b"\n", 0, error.position) + 1
        column = len(encoded[line_start:error.position].decode("utf-8", "replace")) + 1
        code = error.character if isinstance(error.character, int) else ord(error.character)
        document.problems.append(Problem.of(Location(path, line, column), Phrase(
            f"character U+{code:04X} is not allowed in YAML; remove it (it is often pasted from another program)",
            f"YAML 中不允许出现字符 U+{code:04X}；请删除（多为从其他程序粘贴带入）")))
    except yaml.YAMLError as error:
        document.data = None
        document.problems.append(Problem.of(Location(path), Phrase(f"not valid YAML: {one_line(error)}",
                                                                   f"YAML 格式错误（解析器：{one_line(error)}）")))
    except RecursionError:
        document.data = None
        document.problems.append(Problem.of(Location(path), Phrase(
            "nesting too deep; a report file needs only a few levels", "嵌套过深；报告文件只需要几层")))
    if text is not original and document.data is not None:
        document.data = _restore_breaks(document.data)
    return document


_READ_ERRORS = {errno.EACCES: "没有读取权限", errno.EPERM: "没有读取权限", errno.ENOENT: "文件不存在",
                errno.ELOOP: "符号链接循环", errno.EISDIR: "这是文件夹", errno.EIO: "读写错误"}


def reason_zh(error: OSError) -> str:
    """Why the system refused to read, in Chinese; a cause without a Chinese name is named by its code (EIO …),
    never by the system's English text."""
    return _READ_ERRORS.get(error.errno, f"系统错误 {errno.errorcode.get(error.errno or 0, error.errno)}")


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


# The parser's common complaints, explained in Chinese; its own words follow in brackets. Each is looked for in
# the parser's context and complaint together ("while scanning a quoted scalar, found unexpected end of stream"),
# the first that matches wins; libyaml says "mapping values are not allowed in this context", PyYAML "… here".
_PARSER_ZH = (
    ("could not find expected ':'", "找不到冒号“:”：键后面要有半角冒号和空格（“键: 值”），或上一行的引号、缩进有误"),
    ("mapping values are not allowed", "此处不能再有“: ”：一行只能有一个“键: 值”；值中含有“: ”时请给整个值加引号"),
    ("found character that cannot start any token", "此处的字符不能开头（如“@”“`”“%”或制表符）；如是文字请给整个值加引号"),
    ("did not find expected key", "缩进不一致：同一层的各项应对齐，列表项以“- ”开头"),
    ("did not find expected node content", "缺少内容：方括号或花括号中多了逗号，或“- ”后为空"),
    ("did not find expected '-' indicator", "列表的各项应以“- ”开头并对齐"),
    ("expected <block end>", "缩进不一致：此处应与上一层对齐"),
    ("found unexpected end of stream", "文件意外结束：引号或括号没有闭合"),
    ("found undefined alias", "引用了未定义的锚点（“*名称”前没有“&名称”）"),
    ("did not find expected alphabetic or numeric character",
     "以“*”或“&”开头的值会被读作别名或锚点，其名称只能用字母和数字；如是文字请给整个值加引号"),
    ("found unknown escape character", "双引号中有无效的转义（“\\”后跟其他字母）；请改用单引号，或写成“\\\\”"),
    ("expected ',' or ']'", "方括号列表中缺少半角逗号“,”或右括号“]”"),
    ("expected ',' or '}'", "花括号中缺少半角逗号“,”或右括号“}”"),
    ("found a tab character", "缩进中有制表符；YAML 只能用空格缩进"),
    ("found unexpected ':'", "此处多了一个冒号“:”；值中含有冒号时请给整个值加引号"),
)


def _yaml_message(error: yaml.MarkedYAMLError, text: str, mark: yaml.Mark | None) -> Phrase:
    if isinstance(error, Refused):
        return error.phrase
    problem = error.problem or "not valid YAML"
    lines = text.split("\n")
    if mark is not None and mark.line < len(lines):
        line = lines[mark.line]
        if "\t" in line[: len(line) - len(line.lstrip(" \t"))]:
            return Phrase("a tab is used for indentation; YAML indents with spaces only",
                          "缩进中用了制表符（Tab）；YAML 只能用空格缩进")
    if "expected a single document" in (error.context or ""):
        return Phrase("more than one YAML document ('---') in the file; keep one report per file",
                      "文件中有多个 YAML 文档（“---”）；每个文件只放一份报告")
    words = one_line(f"{error.context}, {problem}" if error.context else problem)
    if "quoted scalar" in (error.context or "") and error.context_mark is not None:
        # The parser stops at the end of the file (or the next "---"); the mistake is where the quote opened.
        opened = error.context_mark.line + 1
        return Phrase(f"not valid YAML: {words} (the quote opened on line {opened} is never closed)",
                      f"YAML 格式错误：第{opened}行开始的引号没有闭合，其后的内容都被当作引号内的文字；"
                      f"请补上另一半引号（解析器：{words}）")
    explained = next((zh for phrase, zh in _PARSER_ZH if phrase in words), "YAML 语法错误")
    return Phrase(f"not valid YAML: {words}", f"YAML 格式错误：{explained}（解析器：{words}）")


def read_document(path: Path) -> Document:
    """Read and construct one file; every failure becomes a problem of the document."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            return Document(path, None, problems=[Problem.of(Location(path), Phrase(
                "not a regular file (a device, a pipe or a socket); a report is a .yaml file",
                "不是普通文件（设备、管道或套接字）；报告应为 .yaml 文件"))])
        size = status.st_size
        if size > MAX_FILE_BYTES:
            return Document(path, None, problems=[Problem.of(Location(path), Phrase(
                f"file is {size / 2**20:.0f} MiB; a report file may be at most {MAX_FILE_BYTES // 2**20} MiB "
                "(split it, or check that it is the right file)",
                f"文件有{size / 2**20:.0f} MiB；报告文件最大{MAX_FILE_BYTES // 2**20} MiB（请拆分，或确认是否选错了文件）"))])
        raw = path.read_bytes()
    except OSError as error:
        return Document(path, None, problems=[Problem.of(Location(path), Phrase(
            f"cannot read file: {error.strerror}", f"无法读取文件：{reason_zh(error)}"))])
    text, problem = decode(path, raw)
    if problem is not None:
        return Document(path, None, problems=[problem])
    return load_text(path, text)

