"""Help pages that show each subcommand's whole first sentence, wrapped to the terminal's width in cells."""

from __future__ import annotations

from typing import Iterable

import click

from ..base.safetext import is_wide

# click measures and wraps help text by characters, which lets a line with Chinese in it run past the terminal's
# edge: while click wraps, each wide character is followed by a mark that makes up its second cell.
_MARK = "\x00"  # no help text holds it


def _marked(text: str) -> str:
    return "".join(char + _MARK if is_wide(char) else char for char in text)


class CellWidthFormatter(click.HelpFormatter):
    """click's help formatter, with each wide character counted as the two cells it takes."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(_marked(prog), _marked(args), prefix)

    def write_text(self, text: str) -> None:
        super().write_text(_marked(text))

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(_marked(term), _marked(text)) for term, text in rows], col_max, col_spacing)

    def getvalue(self) -> str:
        return super().getvalue().replace(_MARK, "")


class CellWidthContext(click.Context):
    formatter_class = CellWidthFormatter


def in_cells(command: click.Command | None) -> click.Command | None:
    """The command, its help wrapped in cells as the group's is."""
    if command is not None:
        command.context_class = CellWidthContext
    return command


class WholeSentenceGroup(click.Group):
    context_class = CellWidthContext

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return in_cells(super().get_command(ctx, name))

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Each command with its whole first sentence (click would cut it at the width of the terminal)."""
        rows = [(name, self.get_command(ctx, name).get_short_help_str(limit=1000)) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)
