"""Every message disclose makes, found by reading its source with ``ast``, and the test of a Chinese text.

A message is a pair of texts made where it is said: ``Phrase(en, zh)``; ``Problem(location, message,
message_zh)``; a ``message=``/``message_zh=`` pair of keywords (a rule's verdict, a waived finding); a Phrase
extended with an ``(en, zh)`` tuple; a call of a helper whose parameters are named ``en`` and ``zh``; a text
chosen by language (``zh_text if lang == "zh" else en_text``); and the tables that pair an English word with its
Chinese one (``("full-width colon", "全角冒号")``). An f-string's ``{…}`` is a placeholder: what it holds (an id, a
number, a name from the data, another phrase) is checked where it is made, or at run time.

Used by tests/test_messages.py (every message in both languages, the Chinese without stray English) and by
scripts/errors_doc.py (the list of messages in docs/errors.md).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

SOURCE = Path(__file__).resolve().parents[1] / "src" / "disclose_cli"

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


@dataclass(frozen=True)
class Message:
    """One message as written in the source. ``en``/``zh`` show placeholders as ``{name}``; ``None`` is a side
    that is missing. ``en_texts``/``zh_texts`` are the literal pieces only (what the checks read)."""

    module: str  # relative to src/disclose_cli, with "/"
    function: str  # the enclosing function ("" at module level)
    line: int
    en: str | None
    zh: str | None
    en_texts: tuple[str, ...]
    zh_texts: tuple[str, ...]
    zh_placeholders: tuple[str, ...]  # the source of each {…} in the Chinese text
    en_placeholders: tuple[str, ...]

    @property
    def where(self) -> str:
        return f"src/disclose_cli/{self.module}:{self.line}"

    @property
    def literal(self) -> bool:
        """Whether either side has text of its own (not only placeholders: Phrase(finding.message, …))."""
        return any(piece.strip() for piece in (*self.en_texts, *self.zh_texts))


# ---------------------------------------------------------------------------------------------------------------
# Texts of an expression: literal pieces and placeholders


def _placeholder_name(node: ast.expr) -> str:
    """How a placeholder is shown: ``{key}`` for key.zh, ``{year}`` for report.year, else the first name in it."""
    while isinstance(node, ast.Attribute) and node.attr in ("en", "zh"):
        node = node.value
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Subscript):
        return _placeholder_name(node.value)
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Attribute) and node.func.attr == "join" and node.args:
            return _placeholder_name(node.args[0])
        if node.args:
            return _placeholder_name(node.args[0])
        return _placeholder_name(node.func)
    for child in ast.walk(node):
        if isinstance(child, ast.Name):
            return child.id
    return "…"


def is_text(node: ast.expr) -> bool:
    """Whether an expression is a text literal (or built from them): what a message side is written as."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return is_text(node.left) or is_text(node.right)
    if isinstance(node, ast.IfExp):
        return is_text(node.body) or is_text(node.orelse)
    return False


def _render(node: ast.expr, pieces: list[str], holes: list[str]) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        pieces.append(node.value)
        return node.value
    if isinstance(node, ast.JoinedStr):
        out = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                pieces.append(value.value)
                out.append(value.value)
            elif isinstance(value, ast.FormattedValue):
                inner = value.value
                if is_text(inner):  # f"{'a' if x else 'b'}": the literals are text of the message
                    out.append(_render(inner, pieces, holes))
                else:
                    holes.append(ast.unparse(inner))
                    out.append("{" + _placeholder_name(inner) + "}")
        return "".join(out)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _render(node.left, pieces, holes) + _render(node.right, pieces, holes)
    if isinstance(node, ast.IfExp):
        body, orelse = _render(node.body, pieces, holes), _render(node.orelse, pieces, holes)
        return body if not orelse else orelse if not body else f"{body}｜{orelse}"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("format", "pick"):
        return _render(node.func.value, pieces, holes)
    holes.append(ast.unparse(node))
    return "{" + _placeholder_name(node) + "}"


def _side(node: ast.expr | None) -> tuple[str | None, tuple[str, ...], tuple[str, ...]]:
    if node is None:
        return None, (), ()
    pieces: list[str] = []
    holes: list[str] = []
    shown = _render(node, pieces, holes)
    return shown, tuple(pieces), tuple(holes)


# ---------------------------------------------------------------------------------------------------------------
# Where pairs are made


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _keyword(node: ast.Call, name: str) -> ast.expr | None:
    return next((keyword.value for keyword in node.keywords if keyword.arg == name), None)


def _language_test(test: ast.expr) -> str | None:
    """"zh" when an expression is true for Chinese (``zh``, ``lang == "zh"``), "en" when for English."""
    if isinstance(test, ast.Name) and test.id == "zh":
        return "zh"
    if (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.Eq, ast.NotEq))
            and isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value in ("zh", "en")):
        said = test.comparators[0].value
        return said if isinstance(test.ops[0], ast.Eq) else ("en" if said == "zh" else "zh")
    return None


def _helpers_with_languages(trees: dict[str, ast.Module]) -> dict[str, tuple[int, int]]:
    """Functions (not Phrase itself) whose parameters include ``en`` and ``zh``: their positions."""
    found = {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                names = [arg.arg for arg in node.args.args]
                if "en" in names and "zh" in names and node.name != "__new__":
                    found[node.name] = (names.index("en"), names.index("zh"))
    return found


def _pairs(tree: ast.Module, helpers: dict[str, tuple[int, int]]) -> Iterator[tuple[ast.AST, ast.expr | None,
                                                                                       ast.expr | None]]:
    """(node, en, zh) for every message made in a module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _call_name(node)
            if name == "Phrase" and (node.args or node.keywords):
                en = node.args[0] if node.args else _keyword(node, "en")
                zh = node.args[1] if len(node.args) > 1 else _keyword(node, "zh")
                yield node, en, zh
            elif name == "Problem" and len(node.args) >= 2:
                zh = node.args[2] if len(node.args) > 2 else _keyword(node, "message_zh")
                yield node, node.args[1], zh
            elif _keyword(node, "message") is not None or _keyword(node, "message_zh") is not None:
                yield node, _keyword(node, "message"), _keyword(node, "message_zh")
            elif name in helpers:
                en_at, zh_at = helpers[name]
                # A method's positions count ``self``; a call does not pass it.
                shift = 1 if isinstance(node.func, ast.Attribute) and en_at > 0 else 0
                args = node.args
                if len(args) > max(en_at, zh_at) - shift and is_text(args[en_at - shift]):
                    yield node, args[en_at - shift], args[zh_at - shift]
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.right, ast.Tuple) \
                and len(node.right.elts) == 2 and all(is_text(elt) for elt in node.right.elts):
            yield node, node.right.elts[0], node.right.elts[1]  # phrase + (en, zh)
        elif isinstance(node, ast.IfExp) and _language_test(node.test) and is_text(node.body) \
                and is_text(node.orelse):
            zh, en = (node.body, node.orelse) if _language_test(node.test) == "zh" else (node.orelse, node.body)
            yield node, en, zh
        elif isinstance(node, ast.If) and _language_test(node.test) and node.orelse:
            said = [_said_text(branch) for branch in (node.body, node.orelse)]
            if all(said):
                zh, en = said if _language_test(node.test) == "zh" else said[::-1]
                yield node, en, zh  # if zh: say("…") else: say("…")
        elif isinstance(node, ast.Tuple) and len(node.elts) == 2 and _table_pair(*node.elts):
            yield node, node.elts[0], node.elts[1]
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values):
                if key is not None and _table_pair(key, value):
                    yield value, key, value


def _said_text(branch: list[ast.stmt]) -> ast.expr | None:
    """The text a branch of one statement says (``say("…")``), if that is all it does."""
    if len(branch) == 1 and isinstance(branch[0], ast.Expr) and isinstance(branch[0].value, ast.Call):
        args = branch[0].value.args
        if args and is_text(args[0]):
            return args[0]
    return None


# What prints or raises a message for people: a text literal given to one of them is in one language only,
# unless the language was chosen around it (``if zh: … else: …``).
SAYERS = frozenset({"say", "_say", "echo", "secho", "fail", "BadParameter", "UsageError", "ClickException",
                    "add_task"})


def one_language_only(trees: dict[str, ast.Module] | None = None) -> list[tuple[str, int, str]]:
    """(module, line, text) of every message said without a second language: in ``cli/`` and ``entry.py``,
    where run-level messages are made (``trees``: modules by name, by default the source's)."""
    found = []
    for module, tree in (_trees() if trees is None else trees).items():
        if not (module.startswith("cli/") or module == "entry.py"):
            continue
        chosen: set[int] = set()  # calls inside a choice of language
        for node in ast.walk(tree):
            if isinstance(node, (ast.If, ast.IfExp)) and _language_test(node.test):
                chosen.update(id(inner) for inner in ast.walk(node))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _call_name(node) in SAYERS and id(node) not in chosen and node.args:
                said = node.args[0]
                if isinstance(said, ast.IfExp) and _language_test(said.test):
                    continue
                shown, texts, _ = _side(said)
                # "disclose: {…}" names the program before a message made in both languages
                if is_text(said) and any(re.search("[A-Za-z]{2}", text.replace("disclose", "")) for text in texts):
                    found.append((module, node.lineno, shown or ""))
    return found


def _table_pair(first: ast.expr, second: ast.expr) -> bool:
    """An English word and its Chinese one in a table: two text constants, only the second Chinese."""
    return (isinstance(first, ast.Constant) and isinstance(first.value, str) and re.search("[A-Za-z]", first.value)
            is not None and not _CJK.search(first.value) and isinstance(second, ast.Constant)
            and isinstance(second.value, str) and _CJK.search(second.value) is not None)


@lru_cache(maxsize=1)
def _trees() -> dict[str, ast.Module]:
    return {path.relative_to(SOURCE).as_posix(): ast.parse(path.read_text(encoding="utf-8"), str(path))
            for path in sorted(SOURCE.rglob("*.py"))}


def _innermost(tree: ast.Module) -> dict[int, str]:
    # ast.walk goes outer to inner, so a later (inner) function overwrites its line range.
    lines: dict[int, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for line in range(node.lineno, (node.end_lineno or node.lineno) + 1):
                lines[line] = node.name
    return lines


@lru_cache(maxsize=1)
def messages() -> tuple[Message, ...]:
    """Every message in the source, in the order of files and lines; a message inside another (a Phrase passed
    to a Phrase) is its own entry."""
    trees = _trees()
    helpers = _helpers_with_languages(trees)
    found: dict[tuple[str, int, int], Message] = {}
    for module, tree in trees.items():
        functions = _innermost(tree)
        for node, en, zh in _pairs(tree, helpers):
            en_shown, en_texts, en_holes = _side(en)
            zh_shown, zh_texts, zh_holes = _side(zh)
            line = node.lineno
            key = (module, line, node.col_offset)
            found.setdefault(key, Message(module, functions.get(line, ""), line, en_shown, zh_shown, en_texts,
                                          zh_texts, zh_holes, en_holes))
    return tuple(sorted(found.values(), key=lambda message: (message.module, message.line)))


# ---------------------------------------------------------------------------------------------------------------
# Stray English in a Chinese text

# Words a Chinese message may hold as they are: each is a name the user types or sees elsewhere in that form.
ALLOWED_WORDS = frozenset({
    # formats and encodings, named as the user's editor names them
    "YAML", "JSON", "SARIF", "JUnit", "CSV", "HTML", "Markdown", "Word", "UTF-8", "UTF-16", "UTF-32", "GBK",
    "GB18030", "Big5", "BIG5", "BOM", "Tab", "Excel", "OpenDocument", "XML", "zip",
    # programs and packages the messages tell the user to run or install
    "disclose", "git", "iconv", "pip", "apt-get", "PyYAML", "libyaml", "openpyxl", "defusedxml", "WPS", "Windows",
    "C",
    # units of size
    "MiB", "KiB",
    # values typed in YAML, and the forms dates are written in
    "true", "false", "null", "YYYY-MM-DD", "MM-DD",
})
# A token of Latin letters (with the digits, dots, dashes, slashes and underscores names are made of).
_TOKEN = re.compile(r"[A-Za-z0-9_.+\-/<>!~]*[A-Za-z][A-Za-z0-9_.+\-/<>!~]*")
# What is never English prose: quoted or backticked names, code points, option names, paths and file names,
# YAML tags, the parser's own words after 解析器：, and a command line (up to the next Chinese text).
_NOT_PROSE = re.compile(
    r"“[^”]*”|‘[^’]*’|「[^」]*」|`[^`]*`|'[^'\s][^']*'|\"[^\"]*\""
    r"|（解析器：.*）$"
    r"|\b(?:disclose|pip|apt-get|iconv|git)\b[ -~]*"
    r"|U\+[0-9A-F]{4,6}"
    r"|(?<![\w-])--?[A-Za-z][A-Za-z0-9-]*"
    r"|!![A-Za-z]+"
    r"|\b0[xob](?:/0[xob])*\b")


def names_of_the_formats() -> frozenset[str]:
    """The keys and codes of the report file, the registry, the catalog, the calendar file and disclose.yaml,
    and the rule ids: names a message quotes as the user writes them."""
    from typing import Literal, get_args, get_origin

    from pydantic import BaseModel

    from disclose_cli.loading.calendar_file import CalendarOverrides
    from disclose_cli.loading.config import TOP_KEYS, ConfigFile
    from disclose_cli.model.catalog import CatalogFile
    from disclose_cli.model.registry import RegistryFile
    from disclose_cli.cli import COMMANDS
    from disclose_cli.model.report_file import VALUE_LABELS, Report
    from disclose_cli.rules import RULES, Parameters

    names: set[str] = set(RULES) | set(TOP_KEYS) | set(COMMANDS)
    for labels in VALUE_LABELS.values():  # coded values (status: done) whatever their annotation
        names.update(labels)
    seen: set[type] = set()

    def walk(annotation: object) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation in seen:
                return
            seen.add(annotation)
            for field_name, field in annotation.model_fields.items():
                names.add(field_name)
                walk(field.annotation)
            return
        if get_origin(annotation) is Literal:
            names.update(str(value) for value in get_args(annotation))
            return
        for argument in get_args(annotation):
            walk(argument)

    for model in (Report, RegistryFile, CatalogFile, CalendarOverrides, ConfigFile, Parameters):
        walk(model)
    return frozenset(names)


def stray_english(text: str, known: frozenset[str] = frozenset()) -> list[str]:
    """The English words of a Chinese text that are not names: ``known`` adds the formats' keys and codes."""
    # A placeholder holds a number, a name or another phrase, checked where it is made: it reads as a number.
    prose = _NOT_PROSE.sub(" ", re.sub(r"\{[^{}]*\}", "0000", text))
    words = []
    for token in _TOKEN.findall(prose):
        bare = token.strip(".-/+~<>!")
        if (bare in ALLOWED_WORDS or bare in known or "_" in token or "/" in token or "." in token.rstrip(".")
                or re.fullmatch(r"[0-9]+(?:[A-Za-z][0-9]*)?|[A-Za-z][0-9]+", bare)):
            continue  # a name, an id, a key, a path or file name, a number with its letter (2024Q3, H1)
        if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)+", bare) and bare in known:
            continue
        words.append(token)
    return words
