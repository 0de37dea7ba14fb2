"""A JSON Schema of the report format for editors (yaml-language-server), with Chinese and English help."""

from __future__ import annotations

from typing import Any

from ..loading.consistency import report_years
from ..loading.context import Context
from ..model.annual_format import APPLICANTS, OUTCOME_BY_LABEL
from ..model.field_titles import DOCS
from ..model.fields import LINE_KEY
from ..model.report_file import VALUE_LABELS, Report
from ..rules import RULES

SCHEMA_ID = "https://disclose.invalid/schema/report.json"

def _document(node: dict[str, Any], key: str) -> None:
    docs = DOCS.get(key)
    if docs is None:
        return
    title_zh, title_en, help_zh, help_en = docs
    node["title"] = f"{title_zh} ({title_en})"
    help_text = " — ".join(part for part in (help_zh, help_en) if part)
    if help_text:
        node["description"] = help_text


def _allow_labels(node: dict[str, Any], labels: list[str]) -> None:
    """Where the tool accepts the national format's Chinese label in place of a code, so does the schema."""
    for option in node.get("anyOf", [node]):
        if "enum" in option:
            option["enum"] = [*option["enum"], *labels]


def report_schema(context: Context) -> dict[str, Any]:
    schema = Report.model_json_schema(by_alias=True)
    definitions = schema.get("$defs", {})
    for node in [schema, *definitions.values()]:
        properties = node.get("properties", {})
        properties.pop(LINE_KEY, None)
        for key, prop in properties.items():
            _document(prop, f"{node.get('title')}.{key}" if f"{node.get('title')}.{key}" in DOCS else key)
        _document(node, node.get("title", ""))
    names = {name for unit in context.registry.units for name in unit.names}
    # The tool also reads 威海市X for a unit named 市X.
    names |= {"威海" + name for name in names if name.startswith("市")}
    schema["properties"]["unit"]["enum"] = sorted(names)
    request = definitions["Request"]["properties"]
    _allow_labels(request["applicant"], [label for _, label in APPLICANTS])
    _allow_labels(request["outcome"], list(OUTCOME_BY_LABEL))
    # validate takes the Chinese label it prints for a code in place of the code: so does the schema.
    for definition, key in (("TaskProgress", "status"), ("Interpretation", "form"), ("Appeal", "kind"),
                            ("Appeal", "result")):
        _allow_labels(definitions[definition]["properties"][key], list(VALUE_LABELS[key].values()))
    subject = definitions["Waiver"]["properties"]["subject"]
    subject["anyOf"] = [*subject.get("anyOf", [{"type": "string"}]),
                        {"type": "integer", "minimum": 2000, "maximum": 2100}]
    task_ids = sorted({task.id for catalog in context.catalogs.values() for task in catalog.tasks})
    definitions["TaskProgress"]["properties"]["task"]["enum"] = task_ids
    definitions["Waiver"]["properties"]["rule"]["enum"] = list(RULES)  # every rule may be waived
    schema["properties"]["year"]["enum"] = report_years(context.catalogs)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    return schema
