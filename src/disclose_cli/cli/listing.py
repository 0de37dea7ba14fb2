"""``disclose tasks`` and ``disclose units``: the catalog and the registry, for people or as JSON."""

from __future__ import annotations

import click

from .common import catalog_for, cell, load_context, resolve_unit, write_json

KIND_LABELS = {"department": "部门", "district": "区市", "zone": "开发区", "other": "其他"}
FORMAT = click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table",
                      show_default=True, help="table for people, json for programs.")


@click.command()
@click.option("--unit", help="Only the tasks of this unit (name or alias).")
@click.option("--year", type=int, default=None, help="Catalog year (default: the latest loaded).")
@FORMAT
def tasks(unit: str | None, year: int | None, output_format: str) -> None:
    """List the year's tasks (the 重点工作及责任分工 table)."""
    context = load_context()
    catalog = catalog_for(year, context)
    selected = list(catalog.tasks)
    if unit is not None:
        found = resolve_unit(unit, context)
        selected = [task for task in selected if catalog.may_report(task, found)]
    if output_format == "json":
        write_json([{
            "id": task.id, "category": task.category, "item": task.item, "subitem": task.subitem,
            "content": task.content, "responsible": task.responsible, "units": list(catalog.units_of(task)),
            "roles": task.roles, "deadline": task.deadline.isoformat(), "ongoing": task.ongoing,
            "rules": task.rules,
        } for task in selected])
        return
    from rich import box
    from rich.console import Console
    from rich.table import Table

    table = Table(title=cell(f"{catalog.notice.number} {catalog.year} 政务公开重点工作"), title_justify="left",
                  box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("ID", no_wrap=True, style="cyan")
    table.add_column("公开事项 · 内容", overflow="fold", ratio=1)
    table.add_column("完成时限", no_wrap=True)
    table.add_column("责任单位", overflow="fold", max_width=16)
    for task in selected:
        units = catalog.units_of(task)
        responsible = f"{len(units)} 个单位" + (" + " + "、".join(task.roles) if task.roles else "")
        deadline = task.deadline.isoformat() + ("+" if task.ongoing else "")
        heading = task.heading
        table.add_row(cell(task.id), cell(heading), deadline, cell(responsible))
    Console().print(table)
    click.echo(f"{len(selected)} tasks; + = 长期坚持 (continues after the deadline)")


@click.command()
@FORMAT
def units(output_format: str) -> None:
    """List the unit registry: every unit that reports, with its kind and aliases."""
    context = load_context()
    registry = context.registry
    if output_format == "json":
        write_json([{"name": unit.name, "kind": unit.kind, "aliases": unit.aliases,
                     "policy_maker": unit.policy_maker} for unit in registry.units])
        return
    from rich import box
    from rich.console import Console
    from rich.table import Table

    table = Table(title="单位名录 (units)", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("单位", no_wrap=True)
    table.add_column("类别", no_wrap=True)
    table.add_column("别名", overflow="fold", ratio=1)
    for unit in registry.units:
        kind = KIND_LABELS[unit.kind] + ("" if unit.policy_maker else " (不制定政策)")
        table.add_row(cell(unit.name), kind, cell("、".join(unit.aliases)))
    Console().print(table)
    click.echo(f"{len(registry.units)} units")
