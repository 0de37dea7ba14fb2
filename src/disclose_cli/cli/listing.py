"""``disclose tasks`` and ``disclose units``: the catalog and the registry, for people or as JSON."""

from __future__ import annotations

import click

from .exitcodes import ExitCode
from .completion import complete_units
from .options import CATALOG_YEAR, LANG
from ..base.phrase import Phrase, plural
from .common import catalog_for, current_lang, load_context, resolve_unit, say, show_table, write_json

KIND_LABELS = {"department": Phrase("department", "部门"), "district": Phrase("district", "区市"),
               "zone": Phrase("development zone", "开发区"), "other": Phrase("other", "其他")}
FORMAT = click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table",
                      show_default=True, help="table for people, json for programs.")


@click.command(epilog="Examples:\n\n  disclose tasks --unit 环翠区\n\n  disclose tasks --format json")
@click.option("--unit", shell_complete=complete_units, help="Only the tasks of this unit (name or alias).")
@CATALOG_YEAR
@FORMAT
@LANG
def tasks(unit: str | None, year: int | None, output_format: str) -> int:
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
        return ExitCode.OK
    zh = current_lang() == "zh"
    rows = []
    for task in selected:
        units = catalog.units_of(task)
        roles = ("、" if zh else ", ").join(task.roles)
        responsible = (f"{len(units)}个单位" if zh else plural(len(units), "unit")) + (f" + {roles}" if roles else "")
        rows.append((task.id, task.heading, task.deadline.isoformat() + ("+" if task.ongoing else ""), responsible))
    title = f"{catalog.notice.number} {catalog.year}" + ("年政务公开重点工作" if zh else " transparency tasks")
    columns = ("编号", "任务", "完成时限", "责任单位") if zh else ("ID", "Task", "Deadline", "Responsible")
    show_table(title, columns, rows, shares=(None, 2, None, 1))
    say(f"共{len(selected)}项任务；“+”表示长期坚持" if zh else
        f"{plural(len(selected), 'task')}; + = 长期坚持 (continues after the deadline)")
    return ExitCode.OK


@click.command(epilog="Examples:\n\n  disclose units\n\n  disclose units --format json")
@FORMAT
@LANG
def units(output_format: str) -> int:
    """List the unit registry: every unit that reports, with its kind and aliases."""
    context = load_context()
    registry = context.registry
    if output_format == "json":
        write_json([{"name": unit.name, "kind": unit.kind, "full_name": unit.full_name, "aliases": unit.aliases,
                     "policy_maker": unit.policy_maker} for unit in registry.units])
        return ExitCode.OK
    zh = current_lang() == "zh"
    rows = [(unit.name, KIND_LABELS[unit.kind].pick(current_lang())
             + ("" if unit.policy_maker else ("（不制定政策性文件）" if zh else " (makes no policy)")),
             (unit.full_name or "") + ("" if unit.full_name_certain else ("（待核实）" if zh else " (unconfirmed)")),
             ("、" if zh else ", ").join(unit.aliases)) for unit in registry.units]
    show_table("单位名录" if zh else "Unit registry",
               ("单位", "类别", "全称", "别名") if zh else ("Unit", "Kind", "Full name", "Aliases"), rows,
               shares=(None, 1, 2, 2))
    say(f"共{len(registry.units)}个单位" if zh else plural(len(registry.units), "unit"))
    return ExitCode.OK
