"""Generate a deterministic synthetic data repository in the report format, for benchmarks.

    python benchmarks/generate.py OUT [--units 200] [--records 500] [--seed 2024]

OUT gets a disclose.yaml, a registry (the bundled units plus generated ones, so that the bundled 2024 catalog
still resolves) and one report file per unit under reports/. Unit names and task ids are valid against that
registry and the bundled catalog; about one record in ten breaks a rule, so findings of every status appear.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

import yaml

from disclose_cli.loading.context import bundled_path

FORMS = ("text", "graphic", "video", "animation", "audio", "h5", "briefing", "interview", "article")
SECTIONS = ("consultations", "decisions", "interpretations", "meetings", "evaluations", "trainings", "requests")
KINDS = ("department", "department", "department", "district", "zone")


def _day(rng: random.Random, year: int) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(340))


def _record(rng: random.Random, section: str, index: int, year: int) -> dict:
    start = _day(rng, year)
    late = rng.random() < 0.1
    if section == "consultations":
        return {"title": f"征求意见稿{index}号", "opened": start,
                "closed": start + dt.timedelta(days=rng.randrange(15, 30) if late else rng.randrange(30, 45))}
    if section == "decisions":
        return {"title": f"决策文件{index}号", "issued": start,
                "feedback_published": start + dt.timedelta(days=rng.randrange(16, 30) if late else rng.randrange(1, 13))}
    if section == "interpretations":
        return {"policy": f"政策文件{index}号解读", "form": rng.choice(FORMS), "published": start}
    if section == "meetings":
        return {"title": f"常务会议{index}次", "date": start, "public_attendees": 0 if late else rng.randrange(1, 5)}
    if section == "evaluations":
        return {"topic": f"政策评价{index}", "completed": start,
                "results_published": start + dt.timedelta(days=rng.randrange(5, 20))}
    if section == "trainings":
        return {"title": f"业务培训{index}期", "date": start}
    record = {"ref": f"依申〔{year}〕{index}号", "received": start}
    if not (late and rng.random() < 0.5):
        record["answered"] = start + dt.timedelta(days=rng.randrange(35, 60) if late else rng.randrange(1, 26))
    return record


def generate(out: Path, units: int, records: int, seed: int, year: int = 2024) -> None:
    rng = random.Random(seed)
    bundled = yaml.load(bundled_path("data", "units.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    # The bundled units stay (the bundled catalog names some of them); generated ones make up the number.
    registry = list(bundled["units"])
    for number in range(len(registry), units):
        registry.append({"name": f"基准测试单位{number:04d}", "kind": KINDS[number % len(KINDS)], "aliases": []})
    catalog = yaml.load(bundled_path("data", f"tasks_{year}.yaml").read_text(encoding="utf-8"),
                        Loader=yaml.BaseLoader)["tasks"]
    reports = out / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    (out / "units.yaml").write_text(yaml.safe_dump({"units": registry}, allow_unicode=True, sort_keys=False),
                                    encoding="utf-8")
    (out / "disclose.yaml").write_text(
        f"catalogs:\n  {year}: bundled\nregistry: units.yaml\nreports: [reports]\n", encoding="utf-8")
    for number, unit in enumerate(registry[:units]):
        kind_groups = {unit["kind"]}
        tasks = [task for task in catalog if unit["name"] in task.get("units", []) or kind_groups & set(task["groups"])]
        progress = []
        for task in tasks:
            if rng.random() < 0.7:
                progress.append({"task": task["id"], "status": "done",
                                 "done_on": _day(rng, year) if rng.random() < 0.9 else dt.date(year + 1, 1, 10)})
            else:
                progress.append({"task": task["id"], "status": rng.choice(["planned", "in_progress"])})
        sections: dict[str, list] = {section: [] for section in SECTIONS}
        for index in range(records):
            section = SECTIONS[rng.randrange(len(SECTIONS))]
            sections[section].append(_record(rng, section, index, year))
        document = {"unit": unit["name"], "year": year, "tasks": progress, **sections}
        text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=120)
        (reports / f"unit-{number:04d}.yaml").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--records", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2024)
    arguments = parser.parse_args()
    generate(arguments.out, arguments.units, arguments.records, arguments.seed)


if __name__ == "__main__":
    main()
