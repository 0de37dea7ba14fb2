"""Text for people: findings grouped by unit, then a summary, in Chinese (or English).

Formatting choices only: units without a report are listed once at the end rather than one block each, and many
findings of a folding rule pending on the same day are one line. Off a terminal (a pipe, a file, CI) nothing is
wrapped or padded and no line ends in spaces, so that ``disclose check | grep 市文化和旅游局`` finds every line of
that unit; on a terminal, lines wrap at its width between words and names, never inside a name, and statuses have
colours (unless NO_COLOR is set).
"""

from __future__ import annotations

import os
import re
import shutil
from itertools import groupby
from typing import IO

from ..base.phrase import Phrase, plural
from ..base.safetext import display_width, one_line
from ..model.findings import CheckResult, Finding, Status
from ..rules import RULES
from ..rules.naming import message_text, rule_name, status_word, subject_text

COLOUR = {Status.FAIL: (31, True), Status.PENDING: (33, False), Status.WAIVED: (34, False),
          Status.PASS: (32, False)}  # ANSI colours: red, yellow, blue, green
COLLAPSE_AT = 4  # this many findings of a folding rule pending on the same day become one line
INDENT = "    "
STATUS_CELLS = 7  # the widest status word: "pending", 未通过 and 未到期 take six cells
DETAIL = " " * (2 + STATUS_CELLS + 2)  # a finding's message sits under its title


class _Out:
    """Lines to a stream; on a terminal wrapped to its width with a hanging indent, and coloured."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.terminal = hasattr(stream, "isatty") and stream.isatty()
        self.colour = self.terminal and "NO_COLOR" not in os.environ
        self.width = shutil.get_terminal_size((100, 24)).columns if self.terminal else 0

    def paint(self, text: str, status: Status | None = None, bold: bool = False, dim: bool = False) -> str:
        if not self.colour or not text:
            return text
        colour, strong = COLOUR[status] if status is not None else (None, False)
        codes = [str(code) for code, wanted in ((1, bold or strong), (2, dim), (colour, colour is not None)) if wanted]
        return f"\x1b[{';'.join(codes)}m{text}\x1b[0m" if codes else text

    def line(self, *parts: tuple[str, str], indent: str = "") -> None:
        """One logical line made of (text, painted text) parts; wrapped on a terminal, whole elsewhere."""
        plain = "".join(text for text, _ in parts).rstrip()
        if not self.width or display_width(plain) <= self.width:
            self.stream.write("".join(painted for _, painted in parts).rstrip() + "\n")
            return
        for number, row in enumerate(_wrap(plain, self.width, len(indent))):
            self.stream.write((indent if number else "") + row + "\n")

    def blank(self) -> None:
        self.stream.write("\n")


def write(result: CheckResult, stream: IO[str], show_pass: bool = False, lang: str = "zh", **_: object) -> None:
    out = _Out(stream)
    visible = [finding for finding in result.findings if show_pass or finding.status is not Status.PASS]
    missing = [finding for finding in visible if RULES[finding.rule].without_report and finding.status is Status.FAIL]
    for unit, group in groupby((f for f in visible if f not in missing), key=lambda finding: finding.unit):
        findings = list(group)
        _unit_heading(out, unit, findings, lang)
        for status, title, detail, where in _rows(findings, result, lang):
            word = status_word(status, lang)
            pad = " " * (STATUS_CELLS - display_width(word) + 2)
            out.line(("  ", "  "), (word, out.paint(word, status)), (pad, pad), (title, out.paint(title, bold=True)),
                     indent=DETAIL)
            location = f"  {where}" if where else ""
            out.line((DETAIL + detail, DETAIL + detail), (location, out.paint(location, dim=True)), indent=DETAIL)
        out.blank()
    if missing:
        _missing(out, missing, lang)
    _summary(out, result, show_pass, lang)


def _unit_heading(out: _Out, unit: str, findings: list[Finding], lang: str) -> None:
    files = sorted({one_line(finding.location.path) for finding in findings})
    counts = [(status, sum(1 for finding in findings if finding.status is status)) for status in Status]
    parts = [(one_line(unit), out.paint(one_line(unit), bold=True)), ("  " + ", ".join(files),
                                                                       out.paint("  " + ", ".join(files), dim=True))]
    for status, count in counts:
        if count:
            shown = f"  {status_word(status, lang)}{count}项" if lang == "zh" else f"  {count} {status.value}"
            parts.append((shown, out.paint(shown, status)))
    out.line(*parts, indent=INDENT)


def _rows(findings: list[Finding], result: CheckResult, lang: str):  # noqa: ANN202 - (status, title, detail, where)
    separator = "｜" if lang == "zh" else " · "
    pending: dict[tuple[str, object], list[Finding]] = {}
    for finding in findings:
        if RULES[finding.rule].fold_pending and finding.status is Status.PENDING:
            pending.setdefault((finding.rule, finding.due), []).append(finding)
    shown_collapsed: set[tuple[str, object]] = set()
    for finding in findings:
        key = (finding.rule, finding.due)
        group = pending.get(key, []) if finding.status is Status.PENDING else []
        if len(group) >= COLLAPSE_AT:
            if key not in shown_collapsed:
                shown_collapsed.add(key)
                subjects = [one_line(subject_text(f, result.headings, lang)) for f in group]
                title = Phrase(f"{len(group)} tasks due {finding.due}", f"{len(group)}项任务于{finding.due}到期").pick(lang)
                detail = Phrase("not yet done: " + ", ".join(subjects), "尚未完成：" + "；".join(subjects)).pick(lang)
                yield Status.PENDING, rule_name(finding.rule, lang) + separator + title, detail, ""
            continue
        title = rule_name(finding.rule, lang) + separator + one_line(subject_text(finding, result.headings, lang))
        where = one_line(finding.location) if finding.location.line is not None else ""
        yield finding.status, title, one_line(message_text(finding, lang)), where


def _missing(out: _Out, missing: list[Finding], lang: str) -> None:
    years = "、".join(sorted({finding.subject for finding in missing}))
    heading = Phrase(f"No report file for {years} ({plural(len(missing), 'unit')}, each a report-missing failure):",
                     f"未报送{years}年落实情况的单位（{len(missing)}个，各计未通过1项）：").pick(lang)
    out.line((heading, out.paint(heading, Status.FAIL)))
    names = "、".join(one_line(finding.unit) for finding in missing)
    out.line((names, names))
    out.blank()


def _summary(out: _Out, result: CheckResult, show_pass: bool, lang: str) -> None:
    counts = result.counts()
    if lang == "zh":
        head = f"截至{result.as_of}：{result.units}个单位报送{result.files}份报告 · "
        parts = [(f"{status_word(status, lang)}{counts[status.value]}项", status) for status in Status]
    else:
        head = (f"as of {result.as_of}: {plural(result.units, 'unit')} reporting in "
                f"{plural(result.files, 'file')} · ")
        parts = [(f"{counts[status.value]} {status.value}", status) for status in Status]
    pieces = [(head, head)]
    for index, (text, status) in enumerate(parts):
        pieces.append((text, out.paint(text, status)))
        if index < len(parts) - 1:
            pieces.append((" · ", " · "))
    out.line(*pieces)
    if not show_pass and counts["pass"]:
        hidden = counts["pass"]
        note = Phrase(f"{hidden} {'pass' if hidden == 1 else 'passes'} not shown (--show-pass lists them)",
                      f"另有通过{hidden}项未列出（加 --show-pass 列出）").pick(lang)
        out.line((note, out.paint(note, dim=True)))
    for warning in result.warnings:
        text = Phrase(f"warning: {warning.en}", f"提示：{warning.zh}").pick(lang)
        out.line((text, out.paint(text, Status.PENDING)))


# Where a line may break: after a space or a punctuation mark (Chinese and Western); a run of other characters
# (a unit name, a word, a date) is kept whole unless it alone is wider than the line.
_PIECES = re.compile(r"[^\s，。；：、）)·｜,;:]*[\s，。；：、）)·｜,;:]*")


def _wrap(text: str, width: int, indent: int) -> list[str]:
    rows, current, used = [], "", 0
    for piece in filter(None, _PIECES.findall(text)):
        size = display_width(piece)
        room = width - (indent if rows else 0)
        if used + size > room and current:
            rows.append(current.rstrip())
            current, used = "", 0
            room = width - indent
        while size > room:  # a piece wider than a whole line: cut it by characters
            cut, cells = "", 0
            for char in piece:
                if cells + display_width(char) > room:
                    break
                cut, cells = cut + char, cells + display_width(char)
            rows.append(cut.rstrip())
            # What is left of the piece starts the next row; spaces it ends in are not carried over on their own.
            piece = piece[len(cut):] if piece[len(cut):].strip() else ""
            size = display_width(piece)
        current, used = current + piece, used + size
    if current.strip():
        rows.append(current.rstrip())
    return rows
