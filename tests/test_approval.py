"""Approval files: the output of a few commands on the shipped examples, kept byte for byte.

A change of output is deliberate: regenerate the files with ``python tests/test_approval.py`` and review the diff
with the change (``git diff tests/approved``). Install paths are written as ``<bundled>``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPROVED = ROOT / "tests" / "approved"
EXAMPLES = "examples/weihai-2024"

CASES = {
    "check-2024-06-30.json": ("check", EXAMPLES, "--as-of", "2024-06-30", "--format", "json"),
    "check-2024-12-31.json": ("check", EXAMPLES, "--as-of", "2024-12-31", "--format", "json"),
    "check-2025-03-31.json": ("check", EXAMPLES, "--as-of", "2025-03-31", "--format", "json"),
    "report-2024Q3.md": ("report", EXAMPLES, "--period", "2024Q3", "--as-of", "2024-09-30", "--format", "md",
                         "--lang", "zh"),
    "annual-report-rongcheng-2024.md": ("annual-report", EXAMPLES, "--unit", "荣成市", "--year", "2024",
                                        "--as-of", "2025-03-31", "--format", "md", "--lang", "zh"),
}


def produce(name: str) -> str:
    from conftest import run_in_process
    from disclose_cli.loading.context import bundled_path

    result = run_in_process(*CASES[name], cwd=ROOT)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout.replace(str(bundled_path()), "<bundled>")


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_is_the_approved_one(name: str) -> None:
    assert produce(name) == (APPROVED / name).read_text(encoding="utf-8"), (
        f"{name} changed; if on purpose, run python tests/test_approval.py and review git diff tests/approved")


if __name__ == "__main__":  # regenerate the approval files
    sys.path.insert(0, str(Path(__file__).parent))
    for case in CASES:
        (APPROVED / case).write_text(produce(case), encoding="utf-8")
        print(f"wrote tests/approved/{case}")
