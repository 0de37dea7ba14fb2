"""Time the fill-in workbook: ``disclose workbook`` for the unit with the most tasks, and ``disclose import`` of a
workbook of 5,000 record rows.

    python benchmarks/workbook.py [--runs 5] [--rows 5000]

Each command runs as its own process (as a clerk runs it), in alternating rounds; each figure is the median.
Targets: workbook ≤ 1 s; import of 5,000 record rows ≤ 3 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import _disclose, measure  # noqa: E402

from disclose_cli.loading.context import load_context  # noqa: E402


def busiest_unit() -> str:
    context = load_context()
    catalog = context.catalog(max(context.catalogs))
    return max(context.registry.units, key=lambda unit: len(catalog.tasks_of(unit.name))).name


def report_with_rows(path: Path, unit: str, rows: int, seed: int = 2024) -> None:
    """A valid report of ``rows`` records spread over the record sections (the workbook's record rows)."""
    rng = random.Random(seed)
    lines = [f"unit: {unit}", "year: 2024"]
    per_section = rows // 5
    day = lambda: dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(330))  # noqa: E731
    lines.append("consultations:")
    for index in range(per_section):
        opened = day()
        lines += [f"  - title: 征求意见稿{index}", f"    opened: {opened}", f"    closed: {opened + dt.timedelta(30)}"]
    lines.append("meetings:")
    for index in range(per_section):
        lines += [f"  - title: 会议{index}", f"    date: {day()}", "    public_attendees: 2"]
    lines.append("interpretations:")
    for index in range(per_section):
        lines += [f"  - policy: 政策{index}", "    form: video", f"    published: {day()}"]
    lines.append("trainings:")
    for index in range(per_section):
        lines += [f"  - title: 培训{index}", f"    date: {day()}"]
    lines.append("requests:")
    for index in range(rows - 4 * per_section):
        received = day()
        lines += [f"  - ref: 依申〔2024〕{index}号", f"    received: {received}",
                  f"    answered: {received + dt.timedelta(10)}", "    applicant: natural_person",
                  "    outcome: disclosed"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=5000)
    options = parser.parse_args()
    disclose = _disclose()
    unit = busiest_unit()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        report_with_rows(work / "big.yaml", "市科技局", options.rows)
        _, _, code = measure([*disclose, "workbook", "big.yaml", "--unit", "市科技局", "-o", "big.xlsx"], work)
        assert code == 0, "the 5,000-row workbook could not be made"
        commands = {
            f"workbook --unit {unit}": [*disclose, "workbook", "--unit", unit, "-o", "busiest.xlsx"],
            f"import ({options.rows:,} record rows)": [*disclose, "import", "big.xlsx", "-o", "big-imported.yaml", "--force"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(options.runs):
            for name, command in commands.items():
                seconds, _, code = measure(command, work)
                assert code == 0, f"{name} exited {code}"
                times[name].append(seconds)
        targets = dict(zip(commands, (1.0, 3.0)))
        for name, runs in times.items():
            median = statistics.median(runs)
            verdict = "ok" if median <= targets[name] else "OVER"
            print(f"{name}: median {median:.2f} s over {len(runs)} runs (target ≤ {targets[name]:.0f} s) {verdict}")


if __name__ == "__main__":
    main()
