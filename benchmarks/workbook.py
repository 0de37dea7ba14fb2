"""Time the fill-in workbook: ``disclose workbook`` for the unit with the most tasks, and ``disclose import`` of a
workbook of 5,000 record rows.

    python benchmarks/workbook.py [--runs 5] [--rows 5000]

Each command runs as its own process (as a clerk runs it), in alternating rounds; each figure is the median.
Targets: workbook ≤ 1 s; import of 5,000 record rows ≤ 3 s. ``benchmarks/run.py`` runs this too and writes the
figures into docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import _disclose, measure, rounds  # noqa: E402

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


def workbook_results(runs: int, rows: int = 5000) -> tuple[dict[str, dict], list[tuple[str, float, float]]]:
    """The two commands timed in alternating rounds (``run.rounds``), and their targets as (what, seconds, limit)."""
    disclose = _disclose()
    unit = busiest_unit()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        report_with_rows(work / "big.yaml", "市科技局", rows)
        _, _, code = measure([*disclose, "workbook", "big.yaml", "--unit", "市科技局", "-o", "big.xlsx"], work)
        assert code == 0, f"the workbook of {rows:,} record rows could not be made"
        commands = {
            f"disclose workbook --unit {unit}": [*disclose, "workbook", "--unit", unit, "-o", "busiest.xlsx"],
            f"disclose import ({rows:,} record rows)": [*disclose, "import", "big.xlsx", "-o", "big-imported.yaml",
                                                        "--force"],
        }
        results = rounds(commands, work, runs)
    names = list(commands)
    checks = [(f"workbook for {unit} (the most tasks) ≤ 1 s", results[names[0]]["median"], 1.0),
              (f"import of {rows:,} record rows ≤ 3 s", results[names[1]]["median"], 3.0)]
    return results, checks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=5000)
    options = parser.parse_args()
    results, checks = workbook_results(options.runs, options.rows)
    for name, figures in results.items():
        print(f"{name}: median {figures['median']:.2f} s over {len(figures['runs'])} runs")
    for name, seconds, limit in checks:
        print(f"{name}: {seconds:.2f} s — {'met' if seconds <= limit else 'MISSED'}")
    return 0 if all(seconds <= limit for _, seconds, limit in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
