"""``disclose schema`` (a JSON Schema of the report format for editors) and ``disclose init`` (a starter report).

The schema is checked as Draft 2020-12, for Chinese and English titles, for its closed enums, and against the
shipped examples (valid) and a broken copy (invalid, at the expected paths). Reports are read as an editor's
YAML language server reads them: dates stay strings, numbers stay numbers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import Run, run_in_process


ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "weihai-2024"
HAN = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]{2,}")
RECORDS = ("TaskProgress", "Consultation", "Decision", "Interpretation", "Meeting", "Evaluation", "Training",
           "Request", "Waiver")
# The report format of the README: its sections and the fields of their records.
README_FIELDS = {
    "Report": ["unit", "year", "tasks", "consultations", "decisions", "interpretations", "meetings", "evaluations",
               "trainings", "requests", "waivers"],
    "TaskProgress": ["task", "status", "done_on", "evidence", "note"],
    "Consultation": ["title", "opened", "closed", "short_reason"],
    "Decision": ["title", "issued", "feedback_published"],
    "Interpretation": ["policy", "form", "published"],
    "Meeting": ["title", "date", "public_attendees", "opinions_published"],
    "Evaluation": ["topic", "completed", "results_published"],
    "Training": ["title", "date"],
    "Request": ["ref", "received", "corrected", "answered", "extended", "excluded_workdays"],
    "Waiver": ["rule", "subject", "reason", "approved_by", "expires"],
}
FORMS = ["text", "graphic", "video", "animation", "audio", "h5", "briefing", "interview", "article"]
STATUSES = ["planned", "in_progress", "done", "not_applicable"]
# The Chinese labels the tool prints for them, which a report may use too (in the same order as the codes).
FORM_LABELS = ["文字", "图文", "视频", "动漫", "音频", "H5", "发布会", "访谈", "评论文章"]
STATUS_LABELS = ["计划中", "推进中", "已完成", "不适用"]


class EditorLoader(yaml.SafeLoader):
    """YAML as a language server sees it: 2024-03-01 stays a string (JSON has no dates)."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str) -> object:
    return yaml.load(text, Loader=EditorLoader)  # noqa: S506 - a SafeLoader subclass


def ok(result: Run) -> str:
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with no disclose.yaml in it or above it: the bundled registry and 2024 catalog apply."""
    folder = tmp_path_factory.mktemp("schema")
    if any((parent / "disclose.yaml").is_file() for parent in [folder, *folder.parents]):
        pytest.skip("a disclose.yaml above the temporary folder would be found")
    return folder


@pytest.fixture(scope="module")
def schema_text(workdir: Path) -> str:
    # Exported once per module; the ``cli`` fixture is per test, so this calls the same in-process runner.
    return ok(run_in_process("schema", cwd=workdir))


@pytest.fixture(scope="module")
def schema(schema_text: str) -> dict:
    return json.loads(schema_text)


@pytest.fixture(scope="module")
def validator(schema: dict) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def errors(validator: jsonschema.Draft202012Validator, document: object) -> list[tuple[list, str]]:
    return sorted(((list(error.absolute_path), error.message) for error in validator.iter_errors(document)),
                  key=str)


def bilingual(text: str) -> bool:
    return bool(HAN.search(text) and LATIN.search(text))


# ---- the schema itself ----------------------------------------------------------------------------------------


def test_the_schema_is_a_valid_draft_2020_12_schema(schema: dict) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert set(schema["required"]) == {"unit", "year"}
    assert bilingual(schema["title"])


def test_every_record_definition_is_closed(schema: dict) -> None:
    for name in RECORDS:
        assert schema["$defs"][name]["additionalProperties"] is False, name
    section = schema["properties"]["meetings"]
    assert section["type"] == "array" and section["items"] == {"$ref": "#/$defs/Meeting"}


def test_no_internal_key_leaks_into_the_schema(schema_text: str, schema: dict) -> None:
    for node in [schema, *schema["$defs"].values()]:
        assert "line" not in node.get("properties", {}), node.get("title")
    assert "__line__" not in schema_text


@pytest.mark.parametrize("definition", list(README_FIELDS))
def test_the_report_format_fields_have_chinese_and_english_titles(schema: dict, definition: str) -> None:
    node = schema if definition == "Report" else schema["$defs"][definition]
    for key in README_FIELDS[definition]:
        prop = node["properties"][key]
        assert bilingual(prop.get("title", "")), (definition, key, prop.get("title"))


def untitled(schema: dict) -> list[str]:
    nodes = {"Report": schema, **schema["$defs"]}
    return [f"{name}.{key}" for name, node in nodes.items() for key, prop in node.get("properties", {}).items()
            if not bilingual(prop.get("title", ""))]


def test_every_property_of_every_definition_has_chinese_and_english_titles(schema: dict) -> None:
    assert untitled(schema) == []


def test_the_report_format_fields_have_chinese_and_english_descriptions(schema: dict) -> None:
    missing = []
    for definition, keys in README_FIELDS.items():
        node = schema if definition == "Report" else schema["$defs"][definition]
        missing += [f"{definition}.{key}" for key in keys
                    if not bilingual(node["properties"][key].get("description", ""))]
    assert missing == []


def test_help_texts_carry_both_languages(schema: dict) -> None:
    described = {
        "Report": ["unit", "year", "tasks", "consultations", "decisions", "interpretations", "meetings"],
        "TaskProgress": ["status", "done_on", "note"],
        "Interpretation": ["form"],
        "Meeting": ["public_attendees"],
        "Waiver": ["rule", "subject", "expires"],
    }
    for definition, keys in described.items():
        node = schema if definition == "Report" else schema["$defs"][definition]
        for key in keys:
            assert bilingual(node["properties"][key].get("description", "")), (definition, key)


# ---- closed enums ---------------------------------------------------------------------------------------------


def test_unit_lists_every_registry_name_and_alias(cli, schema: dict, workdir: Path) -> None:
    units = json.loads(ok(cli("units", "--format", "json", cwd=workdir)))
    # A unit is also written by its official full name (威海市科学技术局), accepted wherever a name is.
    spelled = {name for unit in units for name in [unit["name"], unit.get("full_name"), *unit["aliases"]] if name}
    # 威海市X is read as 市X, so the schema offers both spellings.
    expected = spelled | {"威海" + name for name in spelled if name.startswith("市")}
    enum = schema["properties"]["unit"]["enum"]
    assert set(enum) == expected and len(enum) == len(expected)
    assert {"环翠区", "市科技局", "高区", "威海市科学技术局"} <= set(enum)


def test_task_lists_the_catalog_ids(cli, schema: dict, workdir: Path) -> None:
    tasks = json.loads(ok(cli("tasks", "--format", "json", cwd=workdir)))
    enum = schema["$defs"]["TaskProgress"]["properties"]["task"]["enum"]
    assert set(enum) == {task["id"] for task in tasks} and len(enum) == 43


def test_closed_enums_of_form_status_and_waiver_rule(cli, schema: dict, workdir: Path) -> None:
    definitions = schema["$defs"]
    assert definitions["Interpretation"]["properties"]["form"]["enum"] == FORMS + FORM_LABELS
    assert definitions["TaskProgress"]["properties"]["status"]["enum"] == STATUSES + STATUS_LABELS
    rules = definitions["Waiver"]["properties"]["rule"]["enum"]
    # Every rule may be waived, in the editor as in validate: the enum is exactly what `disclose rules` lists.
    lines = [line for line in ok(cli("rules", cwd=workdir)).splitlines() if line.strip()]
    assert all(re.match(r"^[a-z-]+  +[A-Z][^:]*: \S", line) for line in lines), lines  # id  Name: summary
    listed = [line.split()[0] for line in lines]
    assert rules == listed and len(rules) == 11
    assert schema["properties"]["year"]["enum"] == [2021, 2022, 2023, 2024]  # before 2024: figures and text only


def test_schema_output_file(cli, schema_text: str, workdir: Path) -> None:
    target = workdir / "out" / "report.schema.json"
    target.parent.mkdir(exist_ok=True)
    result = cli("schema", "-o", target, cwd=workdir)
    assert result.returncode == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8") == schema_text
    # Written again (atomically) over its previous self; a folder is not a file.
    target.write_text("old", encoding="utf-8")
    ok(cli("schema", "--output", target, cwd=workdir))
    assert target.read_text(encoding="utf-8") == schema_text
    folder = cli("schema", "-o", workdir / "out", cwd=workdir)
    assert folder.returncode == 2 and folder.stdout == ""
    assert folder.stderr == f"{workdir / 'out'}: is a folder; give a file name for the output\n"
    missing = cli("schema", "-o", workdir / "nowhere" / "report.schema.json", cwd=workdir)
    assert missing.returncode == 2 and missing.stdout == ""
    assert "cannot write the output: its folder does not exist" in missing.stderr


def test_the_schema_is_byte_identical_across_runs(cli, schema_text: str, workdir: Path) -> None:
    assert ok(cli("schema", cwd=workdir)) == schema_text


# ---- the shipped examples and a broken copy ---------------------------------------------------------------------

# A request's outcome or applicant written as its Chinese Table 三 label (which the schema accepts as the code).
TABLE_LABEL = re.compile(r"^(\s+(?:outcome|applicant): )(?![a-z_]+(?:\.[a-z_]+)?\s*(?:#.*)?$)(\S.*)$", flags=re.M)
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[path.name for path in EXAMPLE_FILES])
def test_the_shipped_examples_are_valid(validator: jsonschema.Draft202012Validator, path: Path) -> None:
    assert errors(validator, load_yaml(path.read_text(encoding="utf-8"))) == []


def test_there_are_examples() -> None:
    assert len(EXAMPLE_FILES) >= 5


def test_a_waiver_for_a_whole_year_written_unquoted(cli, validator: jsonschema.Draft202012Validator,
                                                         workdir: Path) -> None:
    text = ("unit: 市科技局\nyear: 2024\nwaivers:\n  - rule: training-frequency\n    subject: 2024\n"
            "    reason: 机构改革\n    approved_by: 市政府办公室\n")
    path = workdir / "waiver.yaml"
    path.write_text(text, encoding="utf-8")
    ok(cli("validate", path, cwd=workdir))
    assert errors(validator, load_yaml(text)) == []


def test_a_request_outcome_written_as_its_table_label(cli, validator: jsonschema.Draft202012Validator,
                                                           workdir: Path) -> None:
    text = ("unit: 市科技局\nyear: 2024\nrequests:\n  - ref: 威科技依申〔2024〕1号\n    received: 2024-03-01\n"
            "    answered: 2024-03-15\n    outcome: （一）予以公开\n")
    path = workdir / "outcome-label.yaml"
    path.write_text(text, encoding="utf-8")
    ok(cli("validate", path, cwd=workdir))
    assert errors(validator, load_yaml(text)) == []


def test_every_unit_spelling_disclose_accepts_is_in_the_schema(cli, validator: jsonschema.Draft202012Validator,
                                                                    workdir: Path) -> None:
    text = "unit: 威海市科技局\nyear: 2024\n"
    path = workdir / "prefixed.yaml"
    path.write_text(text, encoding="utf-8")
    ok(cli("validate", path, cwd=workdir))
    assert errors(validator, load_yaml(text)) == []


def base_example() -> str:
    """huancui-qu.yaml, with request outcomes and applicants written as codes (the schema also takes the Chinese Table 三 labels)."""
    text = (EXAMPLES / "huancui-qu.yaml").read_text(encoding="utf-8")
    return TABLE_LABEL.sub(lambda match: match.group(1) + ("disclosed" if "outcome" in match.group(1)
                                                           else "natural_person"), text)


def broken_copy() -> str:
    text = base_example()
    replacements = [
        ("unit: 环翠区\n", "unit: 环翠县\n"),  # not in the registry
        ("year: 2024\n", "year: 2024\nremarks: 一个未知的键\n"),  # unknown key
        ("form: video,", "form: vidoe,"),  # interpretations[1]
        ("    public_attendees: 3\n", "    public_attendees: three\n"),  # meetings[0]
    ]
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def test_a_broken_copy_is_rejected_at_the_expected_paths(cli, validator: jsonschema.Draft202012Validator,
                                                              workdir: Path) -> None:
    assert errors(validator, load_yaml(base_example())) == []
    found = errors(validator, load_yaml(broken_copy()))
    paths = [path for path, _ in found]
    assert sorted(paths, key=str) == sorted([[], ["unit"], ["interpretations", 1, "form"],
                                             ["meetings", 0, "public_attendees"]], key=str)
    messages = dict((str(path), message) for path, message in found)
    assert "remarks" in messages["[]"]
    assert "vidoe" in messages[str(["interpretations", 1, "form"])]
    assert "three" in messages[str(["meetings", 0, "public_attendees"])]
    assert "环翠县" in messages[str(["unit"])]
    # disclose validate agrees: the same four places, as FILE:LINE:COL.
    path = workdir / "broken.yaml"
    path.write_text(broken_copy(), encoding="utf-8")
    result = cli("validate", path, cwd=workdir)
    assert result.returncode == 2
    assert result.stderr == "", "validate prints its problems on stdout"
    lines = result.stdout.splitlines()
    assert all(re.match(rf"{re.escape(str(path))}:\d+:\d+: ", line) for line in lines), lines
    for needle in ("unknown unit '环翠县'", "remarks", "vidoe", "three"):
        assert any(needle in line for line in lines), (needle, lines)


@pytest.mark.parametrize("edit, path", [
    (("done_on: 2024-03-29", "done_on: 2024/3/29"), ["tasks", 0, "done_on"]),
    (("status: done\n    done_on: 2024-03-29", "status: finished\n    done_on: 2024-03-29"), ["tasks", 0, "status"]),
    (("task: decision-release", "task: decision-relase"), ["tasks", 0, "task"]),
    (("year: 2024", "year: 2020"), ["year"]),  # 2021–2023 are allowed: figures and text before the catalog
    (("  - title: 全区政务公开业务培训会\n", "  - titel: 全区政务公开业务培训会\n"), ["trainings", 0]),
])
def test_other_mistakes_are_rejected(validator: jsonschema.Draft202012Validator, edit: tuple[str, str],
                                     path: list) -> None:
    text = base_example()
    assert text.count(edit[0]) >= 1
    found = errors(validator, load_yaml(text.replace(edit[0], edit[1], 1)))
    assert path in [where for where, _ in found], found


# ---- disclose init --------------------------------------------------------------------------------------------

SECTIONS = ["tasks", "consultations", "decisions", "interpretations", "meetings", "evaluations", "trainings",
            "requests", "waivers"]


def test_init_writes_a_valid_starter_with_every_task_planned(cli, workdir: Path,
                                                                   validator: jsonschema.Draft202012Validator) -> None:
    target = workdir / "init" / "huancui.yaml"
    target.parent.mkdir()
    result = cli("init", "--unit", "环翠区", "-o", target, cwd=workdir)
    assert result.returncode == 0 and result.stdout == "", result.stderr
    assert ok(cli("validate", target, cwd=workdir)).strip() == "1 report valid (1 file)"
    text = target.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert (data["unit"], data["year"]) == ("环翠区", 2024)
    tasks = json.loads(ok(cli("tasks", "--unit", "环翠区", "--format", "json", cwd=workdir)))
    assert [entry["task"] for entry in data["tasks"]] == [task["id"] for task in tasks]
    assert all(set(entry) == {"task", "status"} and entry["status"] == "planned" for entry in data["tasks"])
    assert set(data) == {"unit", "year", *SECTIONS}
    # The starter passes the editor's schema too.
    assert errors(validator, load_yaml(text)) == []


def test_init_comments_every_section(cli, workdir: Path) -> None:
    text = ok(cli("init", "--unit", "环翠区", cwd=workdir))
    lines = text.splitlines()
    for section in SECTIONS:
        (index,) = [number for number, line in enumerate(lines) if re.match(rf"{section}:", line)]
        comment = lines[index - 1]
        assert comment.startswith("# ") and f"({section})" in comment, (section, comment)
        assert HAN.search(comment), comment
    # Each task line says what the task is and when it is due.
    task_lines = [line for line in lines if line.startswith("  - task: ")]
    assert task_lines and all(re.search(r"#\s*\S.*完成时限", line) for line in task_lines)


def test_init_never_overwrites(cli, workdir: Path) -> None:
    target = workdir / "keep.yaml"
    ok(cli("init", "--unit", "环翠区", "-o", target, cwd=workdir))
    before = target.read_bytes()
    target.write_bytes(before + "# my notes\n".encode())
    edited = target.read_bytes()
    result = cli("init", "--unit", "环翠区", "-o", target, cwd=workdir)
    assert result.returncode == 2
    assert re.match(rf"{re.escape(str(target))}: .*already exists", result.stderr), result.stderr
    assert target.read_bytes() == edited
    # Not even through a dangling link.
    link = workdir / "link.yaml"
    link.symlink_to(workdir / "nowhere.yaml")
    assert cli("init", "--unit", "环翠区", "-o", link, cwd=workdir).returncode == 2
    assert not (workdir / "nowhere.yaml").exists()


def test_init_without_output_prints_the_starter(cli, workdir: Path) -> None:
    target = workdir / "printed.yaml"
    ok(cli("init", "--unit", "环翠区", "-o", target, cwd=workdir))
    printed = cli("init", "--unit", "环翠区政府", "--year", "2024", cwd=workdir)
    assert ok(printed) == target.read_text(encoding="utf-8")  # an alias gives the same starter


def test_init_of_an_unknown_unit_or_year(cli, workdir: Path) -> None:
    result = cli("init", "--unit", "环翠", cwd=workdir)
    assert result.returncode == 2 and "unknown unit '环翠'" in result.stderr and "did you mean" in result.stderr
    result = cli("init", "--unit", "环翠区", "--year", "2023", cwd=workdir)
    assert result.returncode == 2 and "no task catalog for 2023" in result.stderr


@pytest.mark.parametrize("unit", ["市科技局", "高区", "市委编办"])
def test_init_starters_of_other_kinds_validate(cli, workdir: Path, unit: str) -> None:
    target = workdir / f"starter-{unit}.yaml"
    ok(cli("init", "--unit", unit, "-o", target, cwd=workdir))
    assert ok(cli("validate", target, cwd=workdir)).startswith("1 report valid")
