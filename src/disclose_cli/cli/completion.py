"""Shell completion of the values people type: units (names, full names and aliases), rule ids, periods and
catalog years, read from the data repository (``--config``, else disclose.yaml here or in a parent folder, else
the bundled registry and catalog). docs/completion.md says how to turn it on in bash, zsh and fish.

A completion runs on every press of Tab: it reads only the registry and the catalogs (never the reports), and it
is silent — whatever goes wrong (a broken disclose.yaml, a missing registry) offers no candidates, never an
error or a traceback in the middle of the line being typed."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Callable, Iterable

import click
from click.shell_completion import CompletionItem

if TYPE_CHECKING:
    from ..loading.context import Context

Completer = Callable[[click.Context, click.Parameter, str], list[CompletionItem]]


def _silent(complete: Completer) -> Completer:
    @functools.wraps(complete)
    def guarded(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        try:
            return complete(ctx, param, incomplete)
        except Exception:  # noqa: BLE001 - a completion offers nothing rather than break the line being typed
            return []
    return guarded


def _repository(ctx: click.Context) -> tuple[Context, str]:
    """The run's registry and catalogs, as the command would load them, and the language of the help shown."""
    from ..loading.config import config_for_run
    from ..loading.context import load_context
    from .common import current_lang

    root = ctx.find_root()  # its callback has not run: the options are in its params, not yet in its obj
    config = config_for_run(root.params.get("config"), allow_outside=bool(root.params.get("allow_outside_paths")))
    return load_context(config), current_lang({**(root.obj or {}), "config_lang": config.lang})


def matching(candidates: Iterable[tuple[str, str | None]], incomplete: str) -> list[CompletionItem]:
    """The candidates (value, help) that begin with what was typed, then those that contain it elsewhere: a
    Chinese typist types 科技 as readily as 市科. Case does not matter; each value is offered once."""
    typed = incomplete.casefold()
    offered: set[str] = set()
    starting, containing = [], []
    for value, help_text in candidates:
        folded = value.casefold()
        if value in offered or typed not in folded or not value.isprintable():
            continue
        offered.add(value)
        (starting if folded.startswith(typed) else containing).append(CompletionItem(value, help=help_text))
    return starting + containing


@_silent
def complete_units(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Every name a unit is known by; an alias or full name has the unit's registry name as its help."""
    context, _ = _repository(ctx)

    def candidates() -> Iterable[tuple[str, str | None]]:
        for unit in context.registry.units:
            yield unit.name, unit.full_name
            for other in unit.names[1:]:
                yield other, unit.name
    return matching(candidates(), incomplete)


@_silent
def complete_rules(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Rule ids, with the rule's name (Chinese by default) as help; typing part of the name finds the id too."""
    from ..rules import RULES

    lang = _repository(ctx)[1]
    by_id = matching(((rule.id, rule.name.pick(lang)) for rule in RULES.values()), incomplete)
    typed = incomplete.casefold()
    by_name = [CompletionItem(rule.id, help=rule.name.pick(lang)) for rule in RULES.values()
               if typed and rule.id not in {item.value for item in by_id}
               and (typed in rule.name.zh.casefold() or typed in rule.name.en.casefold())]
    return by_id + by_name


@_silent
def complete_periods(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The catalog years and their halves and quarters: 2024, 2024H1, 2024H2, 2024Q1 … 2024Q4."""
    from ..calendar.periods import period_name_zh, windows

    context, lang = _repository(ctx)
    labels = [window.label for year in sorted(context.catalogs, reverse=True)
              for span in ("year", "half", "quarter") for window in windows(year, span)]
    return matching(((label, period_name_zh(label) if lang == "zh" else None) for label in labels), incomplete)


@_silent
def complete_years(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The years a catalog is loaded for, the latest first."""
    context, _ = _repository(ctx)
    return [CompletionItem(str(year)) for year in sorted(context.catalogs, reverse=True)
            if str(year).startswith(incomplete)]
