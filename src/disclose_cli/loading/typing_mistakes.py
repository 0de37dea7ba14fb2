"""The mistakes Chinese typists really make, named at their own line and column with what to type instead.

A Chinese input method gives full-width punctuation (：［］｛｝，－ and the ideographic space) where YAML's syntax
needs ASCII; text pasted from a web page or WeChat brings zero-width and bidi characters that look like nothing,
and non-breaking spaces or a BOM inside a value that must match a name, an id, a date or a number. Inside a title,
full-width punctuation is ordinary Chinese and is left alone.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..base.locations import Location, Problem
from ..base.phrase import Phrase

# Characters no report should hold anywhere: they cannot be seen, and they change what a name or a title is.
INVISIBLE = {0x200B: "zero-width space", 0x200C: "zero-width non-joiner", 0x200D: "zero-width joiner",
             0x2060: "word joiner", 0x200E: "left-to-right mark", 0x200F: "right-to-left mark",
             0x061C: "Arabic letter mark", **{code: "bidi control" for code in (*range(0x202A, 0x202F),
                                                                             *range(0x2066, 0x206A))}}
INVISIBLE_ZH = {"zero-width space": "零宽空格", "zero-width non-joiner": "零宽不连字", "zero-width joiner": "零宽连字",
                "word joiner": "零宽不换行", "left-to-right mark": "从左到右标记", "right-to-left mark": "从右到左标记",
                "Arabic letter mark": "阿拉伯字母标记", "bidi control": "文字方向控制符"}
_INVISIBLE = re.compile("[" + "".join(chr(code) for code in INVISIBLE) + "]")
# Where a key, an id, a unit name, a date or a number is expected, a non-breaking space or a BOM makes it
# another word than the one it looks like.
_HIDDEN_SPACES = {0x00A0: ("non-breaking space", "不换行空格"), 0xFEFF: ("byte order mark (BOM)", "字节顺序标记（BOM）")}
_EXACT_KEYS = {"unit", "year", "task", "status", "form", "applicant", "outcome", "kind", "result", "rule", "subject",
               "ref"}
_KEY_LINE = re.compile(r"^(?P<indent>[ \t]*(?:-[ \t]+)*)(?P<key>[^:#\s][^:#]*?)[ \t]*:(?:[ \t]+(?P<value>.*))?$")
_DATE_OR_NUMBER = re.compile(r"[\d\s\u00a0\ufeff.:-]+")

# Full-width punctuation where YAML's syntax needs ASCII, and what to type instead.
_FULL_WIDTH = {"：": ":", "［": "[", "］": "]", "｛": "{", "｝": "}", "，": ",", "－": "-", "\u3000": " "}
_NAMES = {"：": ("full-width colon", "全角冒号"), "［": ("full-width bracket", "全角方括号"),
          "］": ("full-width bracket", "全角方括号"), "｛": ("full-width brace", "全角花括号"),
          "｝": ("full-width brace", "全角花括号"), "，": ("full-width comma", "全角逗号"),
          "－": ("full-width hyphen", "全角连字符"), "\u3000": ("ideographic (full-width) space", "全角空格")}
_KEY_WITH_FULL_COLON = re.compile(r"^[ \t]*(?:-[ \t]+)*[A-Za-z_][A-Za-z0-9_]*(?P<colon>：)")
_FULL_WIDTH_MARKER = re.compile(r"^[ \t]*(?P<marker>－)")
_IDEOGRAPHIC_INDENT = re.compile(r"^[ \t]*(?P<space>\u3000)")
_FLOW_START = re.compile(r"^[ \t]*(?:-[ \t]+)*(?:[A-Za-z_][A-Za-z0-9_]*[ \t]*:[ \t]*)?(?P<open>[［｛])")


def _problem(path: Path, line: int, column: int, char: str) -> Problem:
    name_en, name_zh = _NAMES[char]
    instead = _FULL_WIDTH[char]
    shown = "a space" if instead == " " else f"'{instead}'"
    shown_zh = "半角空格" if instead == " " else f"半角“{instead}”"
    extra = Phrase(" (and a space after it)", "（其后加一个空格）") if char == "：" else Phrase("", "")
    return Problem.of(Location(path, line, column), Phrase(
        f"a {name_en} '{char}' where YAML needs {shown}{extra.en}; type it with the input method in English mode",
        f"此处的{name_zh}“{char}”应为{shown_zh}{extra.zh}；请在输入法的英文状态下输入"))


def full_width_syntax(path: Path, text: str, error_line: int) -> Problem | None:
    """Full-width punctuation in YAML's syntax on the line a parser error names or the lines just before it
    (the parser often notices a missing ':' one line late): the closest one to the error, else None."""
    lines = text.split("\n")
    for index in range(min(error_line, len(lines) - 1), max(-1, error_line - 4), -1):
        line = lines[index]
        for pattern, group in ((_KEY_WITH_FULL_COLON, "colon"), (_FULL_WIDTH_MARKER, "marker"),
                               (_IDEOGRAPHIC_INDENT, "space"), (_FLOW_START, "open")):
            match = pattern.match(line)
            if match:
                return _problem(path, index + 1, match.start(group) + 1, match.group(group))
        flow = _flow_punctuation(line)
        if flow is not None:
            return _problem(path, index + 1, flow + 1, line[flow])
    return None


def _flow_punctuation(line: str) -> int | None:
    """The column of a full-width ］ ｝ or ， inside an ASCII flow collection ([a，b] or {a: 1，b: 2})."""
    if "，" not in line and "］" not in line and "｝" not in line:
        return None  # the common case, found at C speed: a line may be megabytes long
    depth = 0
    quote = None
    for column, char in enumerate(line):
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"" and depth:
            quote = char
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        elif char == "#" and not depth:
            return None
        elif depth and char in "，］｝":
            return column
    return None


def invisible_characters(path: Path, text: str) -> list[Problem]:
    """Zero-width and bidi characters anywhere, and non-breaking spaces or BOMs inside a key, or a value that
    must match exactly (a unit, an id, a status, a date, a number), each at its line and column."""
    problems = []
    for number, line in enumerate(text.split("\n"), 1):
        for match in _INVISIBLE.finditer(line):
            code = ord(match.group())
            name = INVISIBLE[code]
            problems.append(Problem.of(Location(path, number, match.start() + 1), Phrase(
                f"an invisible character <U+{code:04X}> ({name}), often pasted from a web page or a chat; delete it",
                f"此处有不可见字符<U+{code:04X}>（{INVISIBLE_ZH[name]}），常由网页或微信粘贴带入；请删除")))
        if "\u00a0" in line or "\ufeff" in line:
            problems.extend(_hidden_spaces(path, number, line))
    return problems


def _hidden_spaces(path: Path, number: int, line: str) -> list[Problem]:
    match = _KEY_LINE.match(line)
    if match is None:
        return []
    spans = [match.span("key")]
    value = match.group("value")
    if value is not None and (match.group("key").strip() in _EXACT_KEYS or _DATE_OR_NUMBER.fullmatch(value.strip())):
        spans.append(match.span("value"))
    problems = []
    for start, end in spans:
        for column in range(start, end):
            code = ord(line[column])
            if code in _HIDDEN_SPACES:
                name_en, name_zh = _HIDDEN_SPACES[code]
                problems.append(Problem.of(Location(path, number, column + 1), Phrase(
                    f"a {name_en} <U+{code:04X}> where a name, id, date or number must match exactly; type a "
                    "plain space or delete it",
                    f"此处有{name_zh}<U+{code:04X}>，名称、编号、日期或数字须完全一致；请删除或改为普通空格")))
    return problems


def full_width_in_value(value: object) -> str | None:
    """``value`` with full-width digits, letters and punctuation made ASCII, when it has any (２０２４-０３-０１,
    ｔｒａｉｎｉｎｇ): what the typist meant. None when it has none."""
    if not isinstance(value, str) or not re.search("[\uff01-\uff5e\u3000]", value):
        return None
    return "".join(chr(ord(char) - 0xFEE0) if "\uff01" <= char <= "\uff5e" else " " if char == "\u3000" else char
                   for char in value)


def without_invisible(text: str) -> str:
    """``text`` without the invisible characters that are named on their own."""
    return _INVISIBLE.sub("", text).replace("\u00a0", " ").replace("\ufeff", "").strip()
