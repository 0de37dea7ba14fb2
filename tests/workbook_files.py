"""Helpers of the workbook tests: make a unit's workbook with ``disclose workbook``, fill cells as a script would
(by sheet name and cell), and find a column by its header."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from conftest import run_in_process

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "weihai-2024"


def make_workbook(target: Path, unit: str, *args: Any) -> Path:
    result = run_in_process("workbook", *args, "--unit", unit, "-o", target)
    assert result.returncode == 0, result.stderr
    return target


def fill(source: Path, target: Path, cells: dict[tuple[str, str], Any]) -> Path:
    """A copy of the workbook with ``cells`` ((sheet, "F12") → value) typed in, saved as openpyxl saves it."""
    workbook = openpyxl.load_workbook(source)
    for (sheet, cell), value in cells.items():
        workbook[sheet][cell] = value
    workbook.save(target)
    return target


def column_of(path: Path, sheet: str, header: str) -> str:
    """The letter of the column headed ``header`` on ``sheet``."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    for cell in next(workbook[sheet].iter_rows(min_row=1, max_row=1)):
        if cell.value == header:
            return cell.column_letter
    raise AssertionError(f"no column {header} on {sheet}")


def row_of(path: Path, sheet: str, value: str, column: int = 1) -> int:
    """The row whose cell in ``column`` holds ``value`` (a task id, say)."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    for number, row in enumerate(workbook[sheet].iter_rows(values_only=True), start=1):
        if len(row) >= column and row[column - 1] == value:
            return number
    raise AssertionError(f"no row {value} on {sheet}")
