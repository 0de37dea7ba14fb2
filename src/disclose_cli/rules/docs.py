"""A rule's documentation, as its module writes it (the docstring in English, ``DOC_ZH`` in Chinese), read into
paragraphs and examples: for a terminal without markup, and as Markdown (SARIF's rule help)."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

_LITERAL = re.compile(r"``([^`]+)``")


@dataclass(frozen=True)
class Block:
    """A paragraph (``example`` empty), or an example's heading with its YAML."""

    text: str
    example: str = ""


def blocks(doc: str) -> list[Block]:
    """Paragraphs, and examples introduced by a line ending in ``::`` and indented below it."""
    found: list[Block] = []
    for part in re.split(r"\n\s*\n(?=\S)", doc.strip()):
        head, sep, body = part.partition("::\n")
        if sep:
            found.append(Block(_plain(head), textwrap.dedent(body).strip("\n")))
        else:
            found.append(Block(_plain(" ".join(line.strip() for line in part.splitlines()))))
    return found


def _plain(text: str) -> str:
    return _LITERAL.sub(r"\1", text.strip())


def as_text(doc: str) -> str:
    """For a terminal: no markup, a paragraph a line (the terminal wraps it), examples indented below their
    heading."""
    out = []
    for block in blocks(doc):
        if block.example:
            out.append(_heading(block.text) + "\n" + textwrap.indent(block.example, "    "))
        else:
            out.append(block.text)
    return "\n\n".join(out) + "\n"


def _heading(text: str) -> str:
    text = text.rstrip(":：")
    return text + ("：" if re.search("[\u4e00-\u9fff）]$", text) else ":")


def as_markdown(doc: str) -> str:
    """For viewers of SARIF: the examples as YAML code blocks."""
    out = []
    for block in blocks(doc):
        if block.example:
            out.append(f"**{block.text.rstrip(':：')}**\n\n```yaml\n{block.example}\n```")
        else:
            out.append(block.text)
    return "\n\n".join(out) + "\n"
