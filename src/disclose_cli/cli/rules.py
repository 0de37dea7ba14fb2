"""``disclose rules``: what each rule checks, from its documentation."""

from __future__ import annotations

import click


@click.command()
@click.argument("rule_id", required=False)
def rules(rule_id: str | None) -> None:
    """List the rules, or show one rule's documentation with a passing and a failing example."""
    from ..rules import RULES, get

    if rule_id is None:
        for identifier, rule in RULES.items():
            click.echo(f"{identifier:22} {rule.summary}")
        return
    try:
        rule = get(rule_id)
    except KeyError as error:
        raise click.BadParameter(str(error.args[0]), param_hint="RULE_ID") from None
    click.echo(rule.doc)
