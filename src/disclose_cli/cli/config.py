"""``disclose config``: the effective configuration and where each value came from."""

from __future__ import annotations

import click

from .common import load_context, say, write_json


@click.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def config(output_format: str) -> None:
    """Print the effective configuration (disclose.yaml, or the defaults) and where each value came from."""
    from ..loading.config import describe

    effective = describe(load_context().config)  # unit names as the registry spells them
    if output_format == "json":
        write_json(effective)
        return
    origins = effective.pop("origins")
    say(f"configuration: {effective.pop('config') or 'none found; bundled defaults'}")
    for key, value in effective.items():
        if key == "rules":
            for rule_key, rule_value in value.items():
                say(f"rules.{rule_key}: {_show(rule_value)}  ({origins.get(f'rules.{rule_key}', 'default')})")
            continue
        say(f"{key}: {_show(value)}  ({origins.get(key, 'default')})")


def _show(value: object) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{key}={item}" for key, item in value.items()) or "—"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "—"
    return "—" if value is None else str(value)
