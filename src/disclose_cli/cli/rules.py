"""``disclose rules``: what each rule checks, from its documentation."""

from __future__ import annotations

import click


@click.command()
@click.argument("rule_id", required=False)
def rules(rule_id: str | None) -> None:
    """List the rules, or show one rule's documentation with a passing and a failing example."""
    from ..rules import RULES, get

    if rule_id is None:
        for identifier, module in RULES.items():
            summary = (module.__doc__ or "").strip().splitlines()[0].split(": ", 1)[-1]
            click.echo(f"{identifier:22} {summary}")
        return
    try:
        module = get(rule_id)
    except KeyError as error:
        raise click.BadParameter(str(error.args[0]), param_hint="RULE_ID") from None
    click.echo((module.__doc__ or "").strip())
