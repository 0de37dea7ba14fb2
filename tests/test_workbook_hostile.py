"""Hostile and broken workbooks: formulas never evaluated, files that are not .xlsx named for what they are, the row
and unpacked-size limits, XML entities refused (openpyxl on defusedxml), merged cells, hidden rows and extra
columns named by cell."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from workbook_files import fill, make_workbook


@pytest.fixture(scope="session")
def kjj(tmp_path_factory) -> Path:
    return make_workbook(tmp_path_factory.mktemp("kjj") / "kjj.xlsx", "市科技局")


def _rewrite(source: Path, target: Path, part: str, change) -> Path:  # noqa: ANN001
    """A copy of the workbook with one of its XML parts changed as text."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            new.writestr(item, change(data) if item.filename == part else data)
    return target


def _sheet_part(path: Path, name: str) -> str:
    return openpyxl.load_workbook(path, read_only=True)[name]._worksheet_path


def test_openpyxl_parses_with_defusedxml() -> None:
    import defusedxml.ElementTree
    import openpyxl.xml.functions

    assert openpyxl.DEFUSEDXML is True
    assert openpyxl.xml.functions.iterparse is defusedxml.ElementTree.iterparse


def test_a_formula_without_a_cached_value_is_named(cli, kjj: Path, tmp_path: Path) -> None:
    workbook = fill(kjj, tmp_path / "f.xlsx", {("业务培训", "A2"): "培训", ("业务培训", "B2"): "=DATE(2024,6,20)"})
    result = cli("import", workbook)
    assert result.returncode == 2 and "业务培训!B2: the cell holds a formula with no computed value" in result.stderr


def test_a_formulas_cached_value_is_used(cli, kjj: Path, tmp_path: Path) -> None:
    workbook = fill(kjj, tmp_path / "f.xlsx", {("业务培训", "A2"): "培训", ("业务培训", "B2"): "=A9"})
    part = _sheet_part(workbook, "业务培训")
    cached = _rewrite(workbook, tmp_path / "cached.xlsx", part, lambda xml: re.sub(
        rb'<c r="B2"([^>]*?)(?: t="\w+")?><f>A9</f>(<v>[^<]*</v>)?', rb'<c r="B2"\1 t="str"><f>A9</f><v>2024-06-20</v>',
        xml))
    result = cli("import", cached)
    assert result.returncode == 0, result.stderr
    assert "date: 2024-06-20" in result.stdout


@pytest.mark.parametrize(("content", "said"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Excel 97-2003 workbook (.xls)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 80 + "EncryptionInfo".encode("utf-16-le"), "password-protected"),
    ("标题,开始日期\n草案,2024-03-01\n".encode("utf-8"), "looks like text, such as a .csv"),
])
def test_a_file_that_is_not_an_xlsx_is_named_for_what_it_is(cli, tmp_path: Path, content: bytes, said: str) -> None:
    (tmp_path / "jyj.xlsx").write_bytes(content)
    result = cli("import", tmp_path / "jyj.xlsx", "-o", tmp_path / "jyj.yaml")
    assert result.returncode == 2 and said in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "jyj.yaml").exists()


def test_an_ods_is_named(cli, tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "w.xlsx", "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    result = cli("import", tmp_path / "w.xlsx")
    assert result.returncode == 2 and "OpenDocument spreadsheet (.ods)" in result.stderr


def test_a_zip_bomb_is_refused_by_its_unpacked_size(cli, kjj: Path, tmp_path: Path, monkeypatch) -> None:
    import disclose_cli.loading.workbook.opening as opening

    monkeypatch.setattr(opening, "MAX_WORKBOOK_UNPACKED_BYTES", 2**20)
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(kjj.read_bytes())
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (2 * 2**20))
    result = cli("import", bomb)
    assert result.returncode == 2 and "more than the limit of 1 MiB (a zip bomb?)" in result.stderr


def test_too_many_rows_are_refused_with_the_limit(cli, kjj: Path, tmp_path: Path, monkeypatch) -> None:
    import disclose_cli.loading.workbook.reading as reading

    monkeypatch.setattr(reading, "MAX_WORKBOOK_ROWS", 5)
    rows = {("业务培训", f"A{row}"): f"培训{row}" for row in range(2, 9)}
    result = cli("import", fill(kjj, tmp_path / "rows.xlsx", rows))
    assert result.returncode == 2 and "业务培训!A6: the sheet has more than 5 non-empty rows, the limit" in result.stderr


def test_xml_entities_are_not_expanded(cli, kjj: Path, tmp_path: Path) -> None:
    laughs = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>')
    for part in (_sheet_part(kjj, "业务培训"),):  # openpyxl writes no shared strings: the sheet itself
        bomb = _rewrite(kjj, tmp_path / "laughs.xlsx", part, lambda xml: laughs + re.sub(rb"^<\?xml[^>]*\?>", b"", xml))
        result = cli("import", bomb)
        assert result.returncode == 2 and "entity declarations, which are not read" in result.stderr, part


def test_merged_cells_hidden_rows_and_extra_columns_are_named(cli, kjj: Path, tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(kjj)
    trainings = workbook["业务培训"]
    for row, title in ((2, "培训甲"), (3, "培训乙"), (4, "培训丙")):
        trainings[f"A{row}"], trainings[f"B{row}"] = title, f"2024-06-2{row}"
    trainings.merge_cells("B5:B6")
    trainings["A5"], trainings["B5"], trainings["A6"] = "培训丁", "2024-07-01", "培训戊"
    trainings.row_dimensions[3].hidden = True
    trainings["D4"] = "备注：自己记的"
    workbook.save(tmp_path / "m.xlsx")
    result = cli("import", tmp_path / "m.xlsx")
    assert result.returncode == 2
    assert "业务培训!B5: merged cells B5:B6: unmerge them" in result.stderr
    assert "业务培训!D4: a value in a column the sheet does not have" in result.stderr
    assert "业务培训!A3: the row is hidden; it is imported" in result.stderr
