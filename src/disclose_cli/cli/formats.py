"""The output format of a command: --format, else the suffix of -o, else the command's default."""

from __future__ import annotations

from pathlib import Path

from ..base.locations import InputError, Location, Problem
from ..base.phrase import Phrase

SUFFIXES = {".docx": "docx", ".html": "html", ".htm": "html", ".md": "md", ".csv": "csv", ".json": "json",
            ".xml": "junit", ".sarif": "sarif"}


def format_for(output: Path | None, given: str | None, offered: tuple[str, ...], default: str) -> str:
    """``given``, or the format the suffix of ``output`` names among ``offered``, or ``default``. A suffix
    that names another format than --format, or a format the command does not write (HTML into ``a.docx``), is a
    problem: the file would not be what its name says."""
    suffix = output.suffix.lower() if output is not None and str(output) != "-" else ""
    implied = SUFFIXES.get(suffix)
    if implied is not None and implied not in offered:
        raise InputError([Problem.of(Location(Path("-o")), Phrase(
            f"{output} names a {suffix} file, which this command does not write; it writes {', '.join(offered)}: "
            "give the file a suffix of one of them",
            f"{output}是 {suffix} 文件，本命令不生成该格式（可生成 {'、'.join(offered)}）；请改用相应的文件扩展名"))])
    if given is not None:
        if implied is not None and implied != given:
            raise InputError([Problem.of(Location(Path("-o")), Phrase(
                f"{output} names a {suffix} file, but --format is {given}; drop one of them or make them agree",
                f"{output}是 {suffix} 文件，但 --format 为 {given}；请删去其中一个，或使二者一致"))])
        return given
    return implied or default
