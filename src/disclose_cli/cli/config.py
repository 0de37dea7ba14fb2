"""``disclose config``: the effective configuration and where each value came from."""

from __future__ import annotations

import click

from .common import current_lang, load_context, say, write_json
from .exitcodes import ExitCode
from .options import LANG

_TOP = {"catalogs": "任务表", "registry": "单位名录", "reports": "报告文件夹", "calendar": "日历文件", "format": "check 的默认格式",
        "lang": "语言", "office": "发文机关", "contact": "联系人"}


@click.command(epilog="Examples:\n\n  disclose config\n\n  disclose config --format json")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@LANG
def config(output_format: str) -> int:
    """Print the effective configuration (disclose.yaml, or the defaults) and where each value came from."""
    from ..loading.config import describe
    from ..rules import figure_descriptions

    effective = describe(load_context().config)  # unit names as the registry spells them
    if output_format == "json":
        write_json(effective)
        return ExitCode.OK
    lang = current_lang()
    zh = lang == "zh"
    origins = effective.pop("origins")
    path = effective.pop("config")
    if zh:
        say(f"配置文件：{path or '未找到，使用随附的默认配置'}")
    else:
        say(f"configuration: {path or 'none found; bundled defaults'}")
    descriptions = figure_descriptions()
    for key, value in effective.items():
        if key == "rules":
            for rule_key, rule_value in value.items():
                origin = _origin(origins.get(f"rules.{rule_key}", "default"), zh)
                described = descriptions[rule_key]["zh" if zh else "en"]
                say(f"rules.{rule_key}: {_show(rule_value, zh)}  （{described}；{origin}）" if zh
                    else f"rules.{rule_key}: {_show(rule_value, zh)}  ({described}; {origin})")
            continue
        origin = _origin(origins.get(key, "default"), zh)
        say(f"{key}: {_show(value, zh)}  （{_TOP.get(key, key)}；{origin}）" if zh
            else f"{key}: {_show(value, zh)}  ({origin})")
    return ExitCode.OK


def _origin(origin: str, zh: bool) -> str:
    if origin == "default":
        return "默认" if zh else "default"
    return f"来自 {origin}" if zh else origin


def _show(value: object, zh: bool) -> str:
    if isinstance(value, dict):
        return ("、" if zh else ", ").join(f"{key}={_show(item, zh)}" for key, item in value.items()) or "—"
    if isinstance(value, list):
        return ("、" if zh else ", ").join(str(item) for item in value) or "—"
    if value == "bundled" and zh:
        return "随附"
    return "—" if value is None else str(value)
