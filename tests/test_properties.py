"""Properties of reading report files, found with Hypothesis.

1. Mutated files (a line deleted, two lines or two values swapped, random characters inserted, the bytes cut
   short): reading never raises, problems are values located in the file that was read, and a file is either
   valid (a report) or has problems, never both. Checked on the loader (fast), then a few through the command
   line, run in-process (exit 0, 1 or 2, never a traceback, the input file untouched).
2. Generated valid reports (units from the registry, tasks from the unit's catalog share, dates in 2024, ASCII and
   CJK text), dumped by PyYAML's safe dumper: they validate without problems and load back to the same values.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from pathlib import Path
from typing import Callable

import pytest
from helpers import problem_lines
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Run

from disclose_cli.loading.context import load_context
from disclose_cli.loading.dataset import load
from disclose_cli.engine import CheckOptions, check
from disclose_cli.model.report_file import INTERPRETATION_FORMS, Report
from disclose_cli.rules import RULES
from disclose_cli.rules import Parameters
from disclose_cli.calendar.workdays import WorkCalendar

CONTEXT = load_context()
CATALOG = CONTEXT.catalog(2024)
AS_OF = dt.date(2024, 12, 31)
PROBLEM_LINE = re.compile(r"^(?P<file>.+?)(?::(?P<line>\d+):(?P<col>\d+))?: (?P<message>.+)$")
# Line breaks as YAML 1.1 (and libyaml) counts them; see test_hostile's U+2028 test for why that matters.
YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")

DEPARTMENT = """\
unit: 市科技局
year: 2024
tasks:
  - task: training
    status: done
    done_on: 2024-06-20
    evidence: [https://www.weihai.gov.cn/art/2024/6/20/art_1.html]
  - task: new-media
    status: not_applicable
    note: 本单位未开设政务新媒体
  - task: livelihood-consumption
    status: in_progress
consultations:
  - title: 威海市科技创新促进条例(草案)
    opened: 2024-03-01
    closed: 2024-03-31
  - title: 科技计划项目管理办法(草案)
    opened: 2024-04-01
    closed: 2024-04-11
    short_reason: 因需要尽快出台
decisions:
  - title: 关于加快科技成果转化的若干措施
    issued: 2024-09-27
    feedback_published: 2024-10-16
interpretations:
  - policy: 关于加快科技成果转化的若干措施
    form: video
    published: 2024-09-28
  - {policy: 科技人才新政, form: text, published: 2024-10-02}
meetings:
  - title: 2024年上半年科技工作座谈会
    date: 2024-03-15
    public_attendees: 2
    opinions_published: 2024-03-25
evaluations:
  - topic: 科技企业孵化政策实施效果评价
    completed: 2024-10-15
    results_published: 2025-01-10
trainings:
  - title: 政务公开业务培训
    date: 2024-06-20
requests:
  - ref: 威科技依申〔2024〕3号
    received: 2024-09-20
    corrected: 2024-09-25
    answered: 2024-10-23
    extended: false
    excluded_workdays: 0
  - ref: "威科技依申〔2024〕4号"
    received: 2024-11-20
waivers:
  - rule: meeting-frequency
    subject: 2024H2
    reason: 机构改革期间暂停
    approved_by: 市政府办公室
    expires: 2024-12-31
"""

DISTRICT = """\
# 环翠区 2024
unit: 环翠区
year: 2024
tasks:
  - task: government-gazette
    status: done
    done_on: "2024-05-06"
  - task: meeting-openness
    status: planned
meetings:
  - title: 第一季度常务会议
    date: 2024-03-10
    public_attendees: 3
  - title: 第二季度常务会议
    date: 2024-06-10
    public_attendees: 0
requests:
  - ref: 环依申〔2024〕1号
    received: 2024-01-08
    answered: 2024-01-30
    extended: true
    excluded_workdays: 2
waivers:
  - rule: request-deadline
    reason: 第三方征求意见
    approved_by: 区政府办公室
"""

ZONE = """\
unit: 高区
year: 2024
trainings: [{title: 培训, date: 2024-02-01}, {title: "培训: 二期", date: 2024-08-01}]
evaluations:
  - topic: "政策评价 'A'"
    completed: 2024-06-30
"""

BASES = [DEPARTMENT, DISTRICT, ZONE]


def test_the_base_reports_are_valid(tmp_path: Path) -> None:
    for index, text in enumerate(BASES):
        path = tmp_path / f"base{index}.yaml"
        path.write_text(text, encoding="utf-8")
        dataset = load([path], CONTEXT)
        assert not dataset.problems, "\n".join(map(str, dataset.problems))
        assert len(dataset.sources) == 1


# ---- mutations ---------------------------------------------------------------------------------------------------

SPECIAL = st.sampled_from(list("\t:-[]{}&*!|>'\"#%@`,?~\\\n\r") + ["\ufeff", "\u2028", "\u202e", "\x85", "\x00",
                                                                     "\x07", "<<: ", "- ", ": ", "---\n", "...\n",
                                                                     "&a ", "*a", "!!str ", "!!binary ", "null",
                                                                     "yes", "2024-02-30", "__line__: 1"])
INSERTED = st.one_of(SPECIAL, st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=8))


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A base report with one to four mutations applied to its UTF-8 bytes."""
    data = draw(st.sampled_from(BASES)).encode("utf-8")
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "swap_lines", "swap_values", "insert", "truncate"]))
        lines = data.split(b"\n")
        if kind == "delete" and len(lines) > 1:
            del lines[draw(st.integers(0, len(lines) - 1))]
            data = b"\n".join(lines)
        elif kind == "swap_lines" and len(lines) > 1:
            first, second = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[first], lines[second] = lines[second], lines[first]
            data = b"\n".join(lines)
        elif kind == "swap_values":
            pairs = [index for index, line in enumerate(lines) if b": " in line]
            if len(pairs) > 1:
                first, second = draw(st.sampled_from(pairs)), draw(st.sampled_from(pairs))
                key1, value1 = lines[first].split(b": ", 1)
                key2, value2 = lines[second].split(b": ", 1)
                lines[first], lines[second] = key1 + b": " + value2, key2 + b": " + value1
                data = b"\n".join(lines)
        elif kind == "insert":
            offset = draw(st.integers(0, len(data)))
            data = data[:offset] + draw(INSERTED).encode("utf-8") + data[offset:]
        elif kind == "truncate":
            data = data[:draw(st.integers(0, len(data)))]  # may cut a character in half
    return data


def line_count(raw: bytes) -> int:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.count(b"\n") + 1
    return len(YAML_BREAK.findall(text)) + 1


@pytest.fixture(scope="module")
def workdir() -> Path:
    with tempfile.TemporaryDirectory(prefix="disclose-properties-") as folder:
        yield Path(folder)


def assert_problems_are_values(path: Path, raw: bytes) -> None:
    dataset = load([path], CONTEXT)  # must not raise
    lines = line_count(raw)
    for problem in dataset.problems:
        where = problem.location
        assert where.path == path, problem
        assert isinstance(problem.message, str) and problem.message.strip(), problem
        if where.line is not None:
            assert 1 <= where.line <= lines + 1, (str(problem), lines)
            assert where.column is None or where.column >= 1, problem
        printed = str(problem)
        assert "\n" not in printed and "\r" not in printed, printed
    # A file is a report or has problems, never both and never neither.
    assert bool(dataset.problems) != bool(dataset.sources), [str(p) for p in dataset.problems]
    if dataset.sources:
        options = CheckOptions(as_of=AS_OF, calendar=WorkCalendar(), parameters=Parameters())
        result = check(dataset, options)
        assert all(finding.location.path for finding in result.findings)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=mutated())
def test_mutated_reports_give_problems_not_exceptions(workdir: Path, raw: bytes) -> None:
    path = workdir / "mutated.yaml"
    path.write_bytes(raw)
    assert_problems_are_values(path, raw)


@pytest.mark.parametrize("raw", [
    pytest.param(DEPARTMENT.encode()[:len(DEPARTMENT.encode()) - 5], id="truncated"),
    pytest.param(DEPARTMENT.encode()[:200] + "环".encode()[:2], id="cut-inside-a-character"),
    pytest.param(DEPARTMENT.replace("  - task: training", "  - <<: *nothing\n    task: training").encode(),
                 id="merge-of-an-undefined-alias"),
    pytest.param(DISTRICT.replace("status: planned", "status: &s planned\n    note: *s").encode(), id="alias"),
    pytest.param(ZONE.replace("[{title", "[{? [a]: b, title").encode(), id="unhashable-key"),
    pytest.param((ZONE + "---\n" + ZONE).encode(), id="two-documents"),
    pytest.param(ZONE.replace("unit: 高区", "unit: !!binary 6auY5Yy6").encode(), id="binary-unit"),
    pytest.param(ZONE.replace("year: 2024", "year: !!float 2024").encode(), id="float-year"),
    pytest.param(ZONE.replace("year: 2024", "year: [2024]").encode(), id="list-year"),
])
def test_examples_of_mutations(workdir: Path, raw: bytes) -> None:
    path = workdir / "example.yaml"
    path.write_bytes(raw)
    assert_problems_are_values(path, raw)


# ``cli`` (conftest) is function-scoped but holds no state: one runner serves every example, so Hypothesis' check
# against function-scoped fixtures is suppressed (each command runs in-process, isolated by the runner).
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(raw=mutated())
def test_mutated_reports_through_the_command_line(cli: Callable[..., Run], workdir: Path, raw: bytes) -> None:
    path = workdir / "cli.yaml"
    path.write_bytes(raw)
    mtime = path.stat().st_mtime_ns
    validated = cli("validate", path.name, cwd=workdir)
    checked = cli("check", path.name, "--as-of", "2024-12-31", "--format", "json", cwd=workdir)
    for result in (validated, checked):
        assert result.returncode in (0, 1, 2), (result.returncode, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
        assert "Traceback" not in result.stdout, result.stdout
    assert validated.returncode in (0, 2)
    if validated.returncode == 0:
        assert checked.returncode in (0, 1), (checked.stdout, checked.stderr)
        assert json.loads(checked.stdout)["summary"]["files"] == 1
    else:
        # validate and check print their problems on stdout (as flake8 and yamllint do); stderr stays empty.
        assert checked.returncode == 2
        assert checked.stderr == "" and validated.stderr == ""
        assert problem_lines(checked.stdout) == validated.stdout.splitlines()
        assert validated.stdout.splitlines(), "an invalid report gets at least one problem"
        for line in validated.stdout.splitlines():
            match = PROBLEM_LINE.match(line)
            assert match and match["file"] == path.name, line
    assert path.read_bytes() == raw and path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in workdir.iterdir() if p.name.startswith("cli")) == ["cli.yaml"]


# ---- generated valid reports round-trip --------------------------------------------------------------------------

YEAR_START, YEAR_END = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
CJK = "政务公开工作要点关于加快推进科技成果转化若干措施威海市环翠区意见征集决策会议培训评价解读申请"
WORD = st.text(alphabet=st.sampled_from(list("abcxyzABCXYZ0123456789") + list(CJK) + list("()〔〕《》、，。-")),
               min_size=1, max_size=12)
TEXT = st.lists(WORD, min_size=1, max_size=4).map(" ".join)  # never blank, never padded: stored as written
UNITS = [unit for unit in CONTEXT.registry.units]


def day(start: dt.date = YEAR_START, end: dt.date = YEAR_END) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=start, max_value=end)


@st.composite
def later(draw: st.DrawFn, start: dt.date) -> dt.date | None:
    """None, or a date on or after ``start`` that stays within the next year."""
    if draw(st.booleans()):
        return None
    return draw(day(start, min(start + dt.timedelta(days=90), dt.date(2025, 12, 31))))


def optional(record: dict) -> dict:
    """Optional keys with no value are left out of the file."""
    return {key: value for key, value in record.items() if value is not None}


@st.composite
def task_progress(draw: st.DrawFn, task_id: str) -> dict:
    status = draw(st.sampled_from(["planned", "in_progress", "done", "not_applicable"]))
    record = {"task": task_id, "status": status}
    if status == "done":
        record["done_on"] = draw(day())
    if status == "not_applicable" or draw(st.booleans()):
        record["note"] = draw(TEXT)
    if draw(st.booleans()):
        record["evidence"] = draw(st.lists(TEXT, max_size=3))
    return record


@st.composite
def consultation(draw: st.DrawFn) -> dict:
    opened = draw(day())
    return optional({"title": draw(TEXT), "opened": opened, "closed": draw(day(opened, dt.date(2025, 3, 31))),
                     "short_reason": draw(st.none() | TEXT)})


@st.composite
def decision(draw: st.DrawFn) -> dict:
    issued = draw(day())
    return optional({"title": draw(TEXT), "issued": issued, "feedback_published": draw(later(issued))})


@st.composite
def interpretation(draw: st.DrawFn) -> dict:
    return {"policy": draw(TEXT), "form": draw(st.sampled_from(INTERPRETATION_FORMS)), "published": draw(day())}


@st.composite
def meeting(draw: st.DrawFn) -> dict:
    date = draw(day())
    return optional({"title": draw(TEXT), "date": date, "public_attendees": draw(st.integers(0, 200)),
                     "opinions_published": draw(later(date))})


@st.composite
def evaluation(draw: st.DrawFn) -> dict:
    completed = draw(day())
    return optional({"topic": draw(TEXT), "completed": completed, "results_published": draw(later(completed))})


@st.composite
def training(draw: st.DrawFn) -> dict:
    return {"title": draw(TEXT), "date": draw(day())}


@st.composite
def request(draw: st.DrawFn) -> dict:
    received = draw(day())
    corrected = draw(later(received))
    record = {"ref": draw(TEXT), "received": received, "corrected": corrected,
              "answered": draw(later(corrected or received))}
    if draw(st.booleans()):
        record["extended"] = draw(st.booleans())
    if draw(st.booleans()):
        record["excluded_workdays"] = draw(st.integers(0, 40))
    return optional(record)


@st.composite
def waiver(draw: st.DrawFn) -> dict:
    return optional({"rule": draw(st.sampled_from(sorted(RULES))), "subject": draw(st.none() | TEXT),
                     "reason": draw(TEXT), "approved_by": draw(TEXT),
                     "expires": draw(st.none() | day(YEAR_START, dt.date(2025, 12, 31)))})


SECTIONS = {"consultations": consultation, "decisions": decision, "interpretations": interpretation,
            "meetings": meeting, "evaluations": evaluation, "trainings": training, "requests": request,
            "waivers": waiver}


@st.composite
def valid_report(draw: st.DrawFn) -> tuple[str, dict]:
    """(the unit's registry name, the report as written) for a unit of the registry."""
    unit = draw(st.sampled_from(UNITS))
    written_name = draw(st.sampled_from([unit.name, *unit.aliases]))
    own_tasks = [task.id for task in CATALOG.tasks_of(unit.name)]
    chosen = draw(st.lists(st.sampled_from(own_tasks), unique=True, max_size=6)) if own_tasks else []
    document: dict = {"unit": written_name, "year": 2024}
    if chosen:
        document["tasks"] = [draw(task_progress(task_id)) for task_id in chosen]
    for section, strategy in SECTIONS.items():
        # Requests are told apart by their ref: a ref listed twice is an error.
        unique = {"unique_by": lambda record: record["ref"]} if section == "requests" else {}
        records = draw(st.lists(strategy(), max_size=3, **unique))
        if records:
            document[section] = records
    return unit.name, document


def expected_record(model: type, written: dict) -> dict:
    """Every field of the record: as written, or the model's default where the file leaves it out."""
    # validated_data: pydantic 2.10 (the declared floor) asks for it with call_default_factory
    return {name: written[name] if name in written else field.get_default(call_default_factory=True,
                                                                             validated_data={})
            for name, field in model.model_fields.items() if name != "line"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated=valid_report())
def test_generated_reports_validate_and_round_trip(workdir: Path, generated: tuple[str, dict]) -> None:
    name, document = generated
    text = yaml.dump(document, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)  # safe_dump in C
    path = workdir / "generated.yaml"
    path.write_text(text, encoding="utf-8")
    dataset = load([path], CONTEXT)
    assert not dataset.problems, "\n".join(map(str, dataset.problems)) + "\n---\n" + text
    [source] = dataset.sources
    report = source.report
    assert (report.unit, report.year) == (name, 2024)
    lines = text.split("\n")
    for section in ["tasks", *SECTIONS]:
        written = document.get(section, [])
        loaded = getattr(report, section)
        assert len(loaded) == len(written), section
        model = Report.model_fields[section].annotation.__args__[0]
        for record, original in zip(loaded, written):
            actual = {field: getattr(record, field) for field in model.model_fields if field != "line"}
            assert actual == expected_record(model, original), (section, text)
            # Each record knows the line it starts on: the line of its first key.
            first_key = next(iter(original))
            assert lines[record.line - 1].lstrip(" -").startswith(f"{first_key}:"), (section, record.line, text)
    # Nothing else was filled in: every other section of the report is empty.
    for section, field in Report.model_fields.items():
        if section not in document and section not in ("line", "unit", "year"):
            assert getattr(report, section) == field.get_default(call_default_factory=True, validated_data={}), \
                section
