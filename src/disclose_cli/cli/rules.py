"""``disclose rules``: what each rule checks, from its documentation, in the reader's language."""

from __future__ import annotations

import click

from .common import current_lang, say
from .completion import complete_rules
from .exitcodes import ExitCode
from .options import LANG


@click.command(epilog="Examples:\n\n  disclose rules\n\n  disclose rules feedback-deadline\n\n"
                      "  disclose rules request-deadline --lang en")
@click.argument("rule_id", required=False, shell_complete=complete_rules)
@LANG
def rules(rule_id: str | None) -> int:
    """List the rules with their names, or show one rule: the words it rests on, how it counts, and a passing
    and a failing example."""
    from ..base.locations import InputError, Location, Problem
    from ..base.phrase import Phrase
    from ..base.safetext import excerpt
    from ..base.suggest import did_you_mean
    from ..rules import RULES
    from ..rules.docs import as_text

    lang = current_lang()
    if rule_id is None:
        width = max(len(identifier) for identifier in RULES)
        for identifier, rule in RULES.items():
            say(f"{identifier:{width}}  {rule.name.pick(lang)}：{rule.summary_in(lang)}" if lang == "zh"
                else f"{identifier:{width}}  {rule.name.en}: {rule.summary_in(lang)}")
        return ExitCode.OK
    rule = RULES.get(rule_id)
    if rule is None:
        from pathlib import Path

        shown = excerpt(rule_id)
        raise InputError([Problem.of(Location(Path("RULE")), Phrase(f"unknown rule '{shown}'", f"未知的规则“{shown}”")
                                     + did_you_mean(rule_id, RULES)
                                     + Phrase(f"; rules are {', '.join(RULES)}", f"；规则有：{'、'.join(RULES)}"))])
    say(f"{rule.id}  {rule.name.pick(lang)}\n")
    say(as_text(rule.documentation(lang)).rstrip("\n"))
    return ExitCode.OK
