"""Checks of the data files data/tasks_2024.yaml and data/units.yaml against the seed text.

These tests use only PyYAML and the standard library (not the disclose package), so they check the
data independently of the code that loads it. The seed is the text of 威政办字〔2024〕27号 with its
附件 table (tab-separated columns; merged cells are empty on the rows below them).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
# CI copies shared/ beside the clone, so the seed is looked up next to the repository root.
SEED = ROOT.parent / "shared" / "seed" / "000_409ce3f34190eb79.txt"

# 公开内容 headings (the subitem), as they appear in the seed's 公开内容 column.
HEADINGS = {
    "决策发布", "意见征集", "结果反馈", "结果展示",
    "项目范围", "批准服务", "项目实施",
    "就业创业", "扩大消费", "医疗卫生", "住房保障", "教育", "养老托育", "生态环境", "社会保障",
    "小微权力运行", "权责清单", "财政信息",
    "政策发布", "政策兑现", "解读范围", "解读内容及形式", "解读质量", "解读品牌", "新闻发布",
}  # fmt: skip

# Group phrases in 责任分工 cells -> (unit kinds, role). Longest phrases first.
GROUP_PHRASES = [
    ("市政府各部门、单位", ("department",), None),
    ("各区市政府、开发区管委", ("district", "zone"), None),
    ("各区政府、开发区管委", ("district", "zone"), None),
    ("各区市政府", ("district",), None),
    ("各惠企利民政策牵头制定部门", (), "各惠企利民政策牵头制定部门"),
    ("重大行政决策承办部门", (), "重大行政决策承办部门"),
]
KIND_ORDER = ["department", "district", "zone"]

# My own reading of the table, row by row: (category, item, subitem).
EXPECTED_ROWS = [
    ("决策公开", "重大行政决策公开", "决策发布"),
    ("决策公开", "重大行政决策公开", "意见征集"),
    ("决策公开", "重大行政决策公开", "结果反馈"),
    ("决策公开", "重大行政决策公开", "结果展示"),
    ("决策公开", "政策评价", None),
    ("决策公开", "会议公开", None),
    ("决策公开", "公众参与", None),
    ("决策公开", "互动交流", None),
    ("重点领域公开", "重大建设项目", "项目范围"),
    ("重点领域公开", "重大建设项目", "批准服务"),
    ("重点领域公开", "重大建设项目", "项目实施"),
    ("重点领域公开", "民生保障信息", "就业创业"),
    ("重点领域公开", "民生保障信息", "扩大消费"),
    ("重点领域公开", "民生保障信息", "医疗卫生"),
    ("重点领域公开", "民生保障信息", "住房保障"),
    ("重点领域公开", "民生保障信息", "教育"),
    ("重点领域公开", "民生保障信息", "养老托育"),
    ("重点领域公开", "民生保障信息", "生态环境"),
    ("重点领域公开", "民生保障信息", "社会保障"),
    ("重点领域公开", "强化监管公开", "小微权力运行"),
    ("重点领域公开", "强化监管公开", "权责清单"),
    ("重点领域公开", "强化监管公开", "财政信息"),
    ("政策发布与解读回应", "政策集中公开", "政策发布"),
    ("政策发布与解读回应", "政策集中公开", "政策发布"),
    ("政策发布与解读回应", "政策集中公开", "政策兑现"),
    ("政策发布与解读回应", "政策集中公开", "政策兑现"),
    ("政策发布与解读回应", "政策解读", "解读范围"),
    ("政策发布与解读回应", "政策解读", "解读内容及形式"),
    ("政策发布与解读回应", "政策解读", "解读质量"),
    ("政策发布与解读回应", "政策解读", "解读品牌"),
    ("政策发布与解读回应", "政策咨询", None),
    ("政策发布与解读回应", "政策咨询", "新闻发布"),
    ("政策发布与解读回应", "回应关切", None),
    ("政务公开标准化建设", "公共企事业单位信息公开", None),
    ("政务公开标准化建设", "基层政务公开专区建设", None),
    ("政务公开标准化建设", "依申请公开", None),
    ("政务公开标准化建设", "依申请公开", None),
    ("政务公开平台建设", "网站管理", None),
    ("政务公开平台建设", "政务新媒体", None),
    ("政务公开平台建设", "政府公报", None),
    ("强化组织管理", "制度规范", None),
    ("强化组织管理", "业务培训", None),
    ("强化组织管理", "品牌亮点", None),
]


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def catalog() -> dict:
    return yaml.safe_load((DATA / "tasks_2024.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tasks(catalog) -> list[dict]:
    return catalog["tasks"]


@pytest.fixture(scope="module")
def registry() -> list[dict]:
    return yaml.safe_load((DATA / "units.yaml").read_text(encoding="utf-8"))["units"]


@pytest.fixture(scope="module")
def resolve(registry) -> dict[str, str]:
    """Every name and alias -> official name."""
    table: dict[str, str] = {}
    for unit in registry:
        for name in [unit["name"], *unit.get("aliases", [])]:
            table[name] = unit["name"]
    return table


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED.exists():
        pytest.skip(f"seed text not found at {SEED}")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_rows(seed) -> list[dict]:
    return parse_table(seed)


def parse_table(text: str) -> list[dict]:
    """Rows of the 附件 table, with merged (empty) cells carried down from the row above."""
    start = text.index("\n附件\n")
    rows: list[dict] = []
    category = item = subitem = responsible = None
    for line in text[start:].splitlines():
        if "\t" not in line or line.startswith("工作任务"):
            continue  # prose, blank lines and the header repeated on each page
        cells = line.split("\t")
        while cells and cells[-1] == "":
            cells.pop()
        deadline_cell, responsible_cell, lead = cells[-1], cells[-2], cells[:-2]
        assert deadline_cell, line  # every 完成时限 cell is filled
        if lead[0]:
            category = re.sub(r"^\([一二三四五六七八九十]\)\s*", "", lead[0])
        new_item = len(lead) > 1 and lead[1] != ""
        if new_item:
            item = lead[1]
        rest = [c for c in lead[2:] if c]
        heading: str | None = None
        if len(rest) == 2:  # heading in its own column
            heading, content = rest
        else:
            (piece,) = rest
            first, _, after = piece.partition(" ")
            if piece in HEADINGS:  # heading with no text (重大建设项目)
                heading, content = piece, ""
            elif first in HEADINGS and after:  # "就业创业 围绕…"
                heading, content = first, after
            else:
                content = piece
        assert heading is None or heading in HEADINGS, heading
        if heading is not None:
            subitem = heading
        elif new_item:
            subitem = None
        # else: same 公开事项 with an empty heading cell -> heading carried down
        if responsible_cell:
            responsible = responsible_cell
        rows.append(
            {
                "category": category,
                "item": item,
                "subitem": subitem,
                "content": content,
                "responsible": responsible,
                "deadline_text": re.sub(r"\s+", "", deadline_cell),
            }
        )
    return rows


def split_responsible(cell: str) -> tuple[list[str], list[str], list[str]]:
    """(unit short forms in order, group kinds, roles) named by one 责任分工 cell."""
    assert cell.endswith("负责"), cell
    rest = cell[: -len("负责")].replace("等有关部门、单位", "")
    kinds: set[str] = set()
    roles: list[str] = []
    for phrase, phrase_kinds, role in GROUP_PHRASES:
        if phrase in rest:
            rest = rest.replace(phrase, "|")
            kinds.update(phrase_kinds)
            if role:
                roles.append(role)
    names = [t for t in re.split(r"[，,、|\s]+", rest) if t]
    return names, [k for k in KIND_ORDER if k in kinds], roles


# --------------------------------------------------------------------------- catalog


def test_forty_three_tasks(tasks, seed_rows):
    assert len(tasks) == 43
    assert len(seed_rows) == 43
    assert len(EXPECTED_ROWS) == 43


def test_notice_header(catalog, seed):
    assert catalog["year"] == 2024
    notice = catalog["notice"]
    assert notice["issuer"] == "威海市人民政府办公室"
    assert notice["number"] == "威政办字〔2024〕27号"
    assert notice["date"] == dt.date(2024, 7, 18)
    assert notice["number"] in seed
    assert f"附件：{notice['attachment']}" in seed
    assert notice["title"] in re.sub(r"\s+", "", seed)
    assert catalog["roles"] == {
        "重大行政决策承办部门": ["department"],
        "各惠企利民政策牵头制定部门": ["department"],
    }


def test_task_keys(tasks):
    keys = ["id", "category", "item", "subitem", "content", "responsible", "units", "groups",
            "roles", "deadline", "deadline_text", "ongoing", "rules"]  # fmt: skip
    for task in tasks:
        # focus tells apart two rows of one heading (政策发布, 政策兑现, 依申请公开 have two each)
        assert [key for key in task if key != "focus"] == keys, task["id"]
    focused = sorted(task["id"] for task in tasks if "focus" in task)
    assert focused == ["policy-fulfilment-integrated", "policy-fulfilment-push", "policy-release-digital",
                       "policy-release-library", "request-disclosure-platform", "request-disclosure-service"]


def test_every_task_has_a_heading_of_its_own(context):
    headings = [task.heading for task in context.catalogs[2024].tasks]
    assert len(set(headings)) == len(headings) == 43
    assert all(len(heading.split(" · ")) >= 2 for heading in headings)


def test_ids_unique_kebab_case(tasks):
    ids = [t["id"] for t in tasks]
    assert len(ids) == len(set(ids))
    for task_id in ids:
        assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", task_id), task_id


def test_rows_match_my_reading(tasks):
    assert [(t["category"], t["item"], t["subitem"]) for t in tasks] == EXPECTED_ROWS


def test_rows_match_parsed_seed_in_order(tasks, seed_rows):
    for task, row in zip(tasks, seed_rows, strict=True):
        for key, value in row.items():
            assert task[key] == value, (task["id"], key)


def test_content_verbatim_in_seed(tasks, seed):
    for task in tasks:
        assert task["content"] in seed, task["id"]
    empty = [t["id"] for t in tasks if t["content"] == ""]
    assert empty == ["major-project-scope", "major-project-approval", "major-project-implementation"]


def test_content_in_seed_order(tasks, seed):
    positions = [seed.index(t["content"]) for t in tasks if t["content"]]
    assert positions == sorted(positions)


def test_responsible_verbatim_in_seed(tasks, seed):
    for task in tasks:
        assert task["responsible"] in seed, task["id"]


def test_units_groups_roles_follow_responsible(tasks, resolve):
    for task in tasks:
        names, kinds, roles = split_responsible(task["responsible"])
        assert task["units"] == [resolve[n] for n in names], task["id"]
        assert task["groups"] == kinds, task["id"]
        assert task["roles"] == roles, task["id"]


def test_units_are_official_names(tasks, registry):
    official = {u["name"] for u in registry}
    for task in tasks:
        for name in task["units"]:
            assert name in official, (task["id"], name)


def test_roles_are_declared(catalog):
    declared = set(catalog["roles"])
    for task in catalog["tasks"]:
        assert set(task["roles"]) <= declared, task["id"]


def test_deadlines(tasks):
    for task in tasks:
        assert task["deadline"] == dt.date(2024, 12, 31), task["id"]
        assert task["deadline_text"] in ("全年", "2024年底前完成，长期坚持"), task["id"]
        assert task["ongoing"] is (task["deadline_text"] == "2024年底前完成，长期坚持"), task["id"]
    ongoing = [t["id"] for t in tasks if t["ongoing"]]
    assert len(ongoing) == 8


def test_rule_mapping(tasks):
    def find(item, subitem=None):
        return [t for t in tasks if t["item"] == item and t["subitem"] == subitem]

    special = {
        find("重大行政决策公开", "意见征集")[0]["id"]: "consultation-period",
        find("重大行政决策公开", "结果反馈")[0]["id"]: "feedback-deadline",
        find("政策评价")[0]["id"]: "evaluation-frequency",
        find("会议公开")[0]["id"]: "meeting-frequency",
        find("政策解读", "解读内容及形式")[0]["id"]: "multimedia-share",
        find("依申请公开")[0]["id"]: "request-deadline",  # the FIRST 依申请公开 row only
        find("业务培训")[0]["id"]: "training-frequency",
    }
    assert len(find("依申请公开")) == 2
    for task in tasks:
        if task["id"] in special:
            assert task["rules"] == [special[task["id"]], "task-deadline"], task["id"]
        else:
            assert task["rules"] == ["task-deadline"], task["id"]


def test_spot_checks(tasks):
    by_item = {}
    for task in tasks:
        by_item.setdefault((task["item"], task["subitem"]), []).append(task)

    (gazette,) = by_item[("政府公报", None)]
    assert gazette["groups"] == ["district"]
    assert gazette["units"] == ["市政府办公室", "市大数据局"]

    (enterprises,) = by_item[("公共企事业单位信息公开", None)]
    assert "威海供电公司" in enterprises["units"]
    assert enterprises["groups"] == ["district", "zone"]

    (powers,) = by_item[("强化监管公开", "权责清单")]
    assert powers["units"] == ["市委编办"]
    assert powers["groups"] == ["department", "district", "zone"]

    projects = [t for t in tasks if t["item"] == "重大建设项目"]
    assert [t["subitem"] for t in projects] == ["项目范围", "批准服务", "项目实施"]
    for task in projects:
        assert task["content"] == ""
        assert task["units"] == ["市发展和改革委员会", "市行政审批服务局", "市公安局",
                                 "市住房和城乡建设局", "市卫生健康委员会", "市消防救援支队"]  # fmt: skip
        assert task["groups"] == ["district", "zone"]

    release = by_item[("重大行政决策公开", "决策发布")][0]
    assert release["units"] == ["市司法局"]
    assert release["roles"] == ["重大行政决策承办部门"]
    for sub in ("意见征集", "结果反馈", "结果展示"):
        assert by_item[("重大行政决策公开", sub)][0]["responsible"] == release["responsible"]

    for sub in ("政策发布", "政策兑现"):
        assert len(by_item[("政策集中公开", sub)]) == 2
    fulfilment = by_item[("政策集中公开", "政策兑现")][0]
    assert fulfilment["roles"] == ["各惠企利民政策牵头制定部门"]
    assert fulfilment["units"] == ["市发展和改革委员会", "市工业和信息化局", "市大数据局"]

    (social,) = by_item[("民生保障信息", "社会保障")]
    assert social["units"] == ["市人力资源和社会保障局", "市医疗保障局"]

    (consumption,) = by_item[("民生保障信息", "扩大消费")]
    assert len(consumption["units"]) == 16

    (news,) = by_item[("政策咨询", "新闻发布")]
    assert news["units"] == ["市行政审批服务局", "市大数据局"]

    # Spaces in the seed are kept verbatim.
    assert "不少于 30 日" in by_item[("重大行政决策公开", "意见征集")][0]["content"]
    assert "不低于 30%" in by_item[("政策解读", "解读内容及形式")][0]["content"]


# --------------------------------------------------------------------------- registry


def test_registry_names_and_aliases_unique(registry):
    seen: list[str] = []
    for unit in registry:
        seen.append(unit["name"])
        seen.extend(unit.get("aliases", []))
    duplicates = {n for n in seen if seen.count(n) > 1}
    assert not duplicates


def test_registry_fields(registry):
    for unit in registry:
        assert set(unit) <= {"name", "kind", "aliases", "policy_maker", "full_name", "full_name_certain"}, unit["name"]
        assert unit["kind"] in ("department", "district", "zone", "other"), unit["name"]
        assert isinstance(unit.get("aliases", []), list), unit["name"]
        assert isinstance(unit.get("policy_maker", True), bool), unit["name"]
    not_makers = [u["name"] for u in registry if u.get("policy_maker", True) is False]
    assert not_makers == ["市机关事务服务中心"]


def test_registry_kinds(registry):
    def names(kind):
        return [u["name"] for u in registry if u["kind"] == kind]

    assert names("district") == ["环翠区", "文登区", "荣成市", "乳山市"]
    assert names("zone") == ["火炬高技术产业开发区", "经济技术开发区", "临港经济技术开发区", "综合保税区"]
    assert names("other") == ["市委编办", "威海供电公司", "市消防救援支队"]
    assert len(names("department")) == 33
    # departments first, then districts, zones, other
    kinds = [u["kind"] for u in registry]
    assert kinds == sorted(kinds, key=["department", "district", "zone", "other"].index)


def test_registry_has_no_nanhai(registry):
    for unit in registry:
        for name in [unit["name"], *unit.get("aliases", [])]:
            assert "南海" not in name


def test_every_short_form_in_seed_resolves(seed_rows, resolve, registry):
    kinds = {u["name"]: u["kind"] for u in registry}
    used: set[str] = set()
    for row in seed_rows:
        names, _, _ = split_responsible(row["responsible"])
        for name in names:
            assert name in resolve, name
            used.add(resolve[name])
    # every unit named in the table is in the registry: 25 departments and the 3 other units
    assert len(used) == 28
    assert {n for n in used if kinds[n] == "other"} == {"市委编办", "威海供电公司", "市消防救援支队"}


def test_seed_departments_in_order_of_first_appearance(registry, seed):
    """Departments named in the seed come first, in the order the seed first names them."""

    def first_position(unit):
        found = [seed.find(n) for n in [unit["name"], *unit.get("aliases", [])] if n in seed]
        return min(found) if found else None

    departments = [u for u in registry if u["kind"] == "department"]
    positions = [first_position(u) for u in departments]
    named = [p for p in positions if p is not None]
    assert len(named) == 25
    assert positions[: len(named)] == named  # named ones first
    assert named == sorted(named)


def test_every_uncertain_full_name_is_listed_in_the_decisions():
    registry = yaml.safe_load((ROOT / "data" / "units.yaml").read_text(encoding="utf-8"))
    uncertain = [unit["full_name"] for unit in registry["units"] if unit.get("full_name_certain") is False]
    decisions = (ROOT / "docs" / "decisions.md").read_text(encoding="utf-8")
    listed = decisions.split("`full_name_certain: false`", 1)[1].split("\n- ", 1)[0]
    assert uncertain and [name for name in uncertain if name not in listed] == []
    assert all(unit.get("full_name") for unit in registry["units"]), "every unit has its full name"
