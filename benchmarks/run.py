"""Time disclose against the bare YAML parse on a synthetic data set, and write docs/performance.md.

    python benchmarks/run.py [--units 200] [--records 500] [--runs 5] [--scale 10] [--data DIR]

Every command runs as its own process, in rounds that alternate between the commands so that a slow moment of
the machine falls on all of them alike; each figure is the median of the rounds, and peak memory is the largest
resident set of the process (os.wait4). Targets, as ratios measured in the same run on the same files:
validate ≤ 1.2 × bare parse, check ≤ 1.3 × bare parse, the year's report ≤ 1.5 × check (one engine run
feeds every table), ten times the data ≤ 11 × the time, peak memory ≤ 2 × the bare parse's, --help /
--version ≤ 1.5 × `python -c "import click"`; and (benchmarks/workbook.py) the workbook of the unit with the most
tasks ≤ 1 s, the import of a workbook of 5,000 record rows ≤ 3 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPORT = "disclose report --period 2024 --format html"
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402


def _disclose() -> list[str]:
    script = shutil.which("disclose")
    return [script] if script else [sys.executable, "-m", "disclose_cli"]


def measure(command: list[str], cwd: Path) -> tuple[float, int, int]:
    """Seconds, peak resident memory in KiB, and exit code of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss, process.returncode


def rounds(commands: dict[str, list[str]], cwd: Path, runs: int) -> dict[str, dict]:
    times: dict[str, list[float]] = {name: [] for name in commands}
    memory: dict[str, int] = {name: 0 for name in commands}
    codes: dict[str, int] = {}
    for command in commands.values():  # warm-up: byte-code caches and the page cache, not measured
        measure(command, cwd)
    for _ in range(runs):
        for name, command in commands.items():
            seconds, peak, code = measure(command, cwd)
            times[name].append(seconds)
            memory[name] = max(memory[name], peak)
            codes[name] = code
    return {name: {"median": statistics.median(times[name]), "runs": times[name], "peak_kib": memory[name],
                   "exit": codes[name]} for name in commands}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 2**20:.0f} GiB memory"
    except (OSError, ValueError, IndexError):
        pass
    import pydantic
    import yaml

    return (f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; Python "
            f"{platform.python_version()}, PyYAML {yaml.__version__} (C loader: {yaml.__with_libyaml__}), "
            f"pydantic {pydantic.VERSION}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--records", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=int, default=10, help="the larger data set has this many times the records")
    parser.add_argument("--data", type=Path, help="keep the generated data here (default: a temporary folder)")
    parser.add_argument("--out", type=Path, default=HERE.parent / "docs" / "performance.md")
    arguments = parser.parse_args()

    workspace = arguments.data or Path(tempfile.mkdtemp(prefix="disclose-bench-"))
    small, large = workspace / "x1", workspace / f"x{arguments.scale}"
    for folder, records in ((small, arguments.records), (large, arguments.records * arguments.scale)):
        if not (folder / "disclose.yaml").is_file():
            print(f"generating {folder} ({arguments.units} units × {records} records)", file=sys.stderr)
            generate(folder, arguments.units, records, seed=2024)

    disclose = _disclose()
    python = sys.executable

    def data_commands(folder: Path) -> dict[str, list[str]]:
        return {
            "bare parse": [python, str(HERE / "bare_parse.py"), str(folder / "reports")],
            "disclose validate": [*disclose, "validate"],
            "disclose check --format json": [*disclose, "check", "--format", "json", "--as-of", "2024-12-31"],
            REPORT: [*disclose, "report", "--period", "2024", "--as-of", "2024-12-31", "-o",
                     str(workspace / f"{folder.name}-2024.html")],
        }

    startup = {
        'python -c "import click"': [python, "-c", "import click"],
        "disclose --help": [*disclose, "--help"],
        "disclose --version": [*disclose, "--version"],
    }
    print("timing the x1 data set", file=sys.stderr)
    results_small = rounds(data_commands(small), small, arguments.runs)
    print(f"timing the x{arguments.scale} data set", file=sys.stderr)
    results_large = rounds(data_commands(large), large, max(3, arguments.runs // 2))
    print("timing start-up", file=sys.stderr)
    results_startup = rounds(startup, small, arguments.runs * 4)
    print("timing the workbook", file=sys.stderr)
    from workbook import workbook_results

    results_workbook, workbook_checks = workbook_results(arguments.runs)

    bare = results_small["bare parse"]
    checks = [
        ("disclose validate ≤ 1.2 × bare parse", results_small["disclose validate"]["median"] / bare["median"], 1.2),
        ("disclose check ≤ 1.3 × bare parse", results_small["disclose check --format json"]["median"] / bare["median"],
         1.3),
        (f"validate on x{arguments.scale} data ≤ {arguments.scale + 1} × x1",
         results_large["disclose validate"]["median"] / results_small["disclose validate"]["median"],
         arguments.scale + 1),
        (f"check on x{arguments.scale} data ≤ {arguments.scale + 1} × x1",
         results_large["disclose check --format json"]["median"]
         / results_small["disclose check --format json"]["median"], arguments.scale + 1),
        ("report --period 2024 ≤ 1.5 × check",
         results_small[REPORT]["median"] / results_small["disclose check --format json"]["median"], 1.5),
        (f"report --period 2024 on x{arguments.scale} data ≤ 1.5 × check",
         results_large[REPORT]["median"] / results_large["disclose check --format json"]["median"], 1.5),
        ("check peak memory ≤ 2 × bare parse",
         results_small["disclose check --format json"]["peak_kib"] / bare["peak_kib"], 2.0),
        (f"check peak memory on x{arguments.scale} ≤ 2 × bare parse",
         results_large["disclose check --format json"]["peak_kib"] / results_large["bare parse"]["peak_kib"], 2.0),
        ("disclose --help ≤ 1.5 × import click",
         results_startup["disclose --help"]["median"] / results_startup['python -c "import click"']["median"], 1.5),
        ("disclose --version ≤ 1.5 × import click",
         results_startup["disclose --version"]["median"] / results_startup['python -c "import click"']["median"],
         1.5),
    ]
    checks += workbook_checks
    size_small = sum(path.stat().st_size for path in (small / "reports").glob("*.yaml"))
    size_large = sum(path.stat().st_size for path in (large / "reports").glob("*.yaml"))
    lines = [
        "# Performance",
        "",
        "Written by `python benchmarks/run.py`; run it again to reproduce these figures on your machine.",
        "",
        f"Machine: {machine()}.",
        "",
        "Commands: `disclose`, as installed where this script runs (best in a virtual environment "
        "holding disclose-cli and its dependencies only: openpyxl imports numpy when it is installed, which adds "
        "about 0.3 s to `workbook` and `import`).",
        "",
        f"Data: {arguments.units} report files, {arguments.records} records each ({size_small / 2**20:.1f} MiB), and "
        f"×{arguments.scale} the records ({size_large / 2**20:.1f} MiB); generated by `benchmarks/generate.py` "
        "(seed 2024). Each figure is the median of runs that alternate between the commands; every command is "
        "a separate process, start-up included.",
        "",
        "| command | data | median (s) | runs (s) | peak memory (MiB) | exit |",
        "|---|---|---:|---|---:|---:|",
    ]
    for label, results in (("x1", results_small), (f"x{arguments.scale}", results_large), ("—", results_startup),
                           ("workbook", results_workbook)):
        for name, figures in results.items():
            runs = ", ".join(f"{value:.3f}" for value in figures["runs"])
            lines.append(f"| `{name}` | {label} | {figures['median']:.3f} | {runs} | "
                         f"{figures['peak_kib'] / 1024:.0f} | {figures['exit']} |")
    lines += ["", "| target | measured | limit | |", "|---|---:|---:|---|"]
    failed = 0
    for name, ratio, limit in checks:
        ok = ratio <= limit
        failed += not ok
        lines.append(f"| {name} | {ratio:.2f} | {limit:g} | {'met' if ok else '**missed**'} |")
    lines += ["", "`disclose check` exits 1 here because the synthetic data breaks rules on purpose.", ""]
    arguments.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
