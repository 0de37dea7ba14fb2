"""A real client: LibreOffice converts the generated workbook to .ods and back to .xlsx, and the import of the result
is the same report file; it also prints the workbook to PDF without errors, and its drop-downs survive. (WPS cannot
run here: LibreOffice's round trip stands in for it.) LibreOffice runs once per conversion, with the session's
profile."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from workbook_files import EXAMPLES, make_workbook

pytestmark = pytest.mark.xdist_group("libreoffice")  # one worker: the session's LibreOffice profile


@pytest.fixture(scope="session")
def converted(tmp_path_factory, libreoffice) -> dict[str, Path]:
    """市教育局's prefilled workbook, through LibreOffice (conftest's ``libreoffice``): .ods, back to .xlsx, and a
    PDF."""
    folder = tmp_path_factory.mktemp("libreoffice")
    original = make_workbook(folder / "jyj.xlsx", "市教育局", EXAMPLES / "shi-jiaoyuju.yaml")
    for files, to, into in (([original], "ods", "ods"), ([folder / "ods" / "jyj.ods"], "xlsx", "back"),
                            ([original], "pdf", "pdf")):
        done = libreoffice(files, to, folder / into)
        assert done.returncode == 0, done.stderr
    return {"xlsx": original, "back": folder / "back" / "jyj.xlsx", "pdf": folder / "pdf" / "jyj.pdf"}


def test_the_libreoffice_round_trip_imports_as_the_same_report(cli, converted: dict[str, Path]) -> None:
    direct = cli("import", converted["xlsx"])
    through = cli("import", converted["back"])
    assert direct.returncode == 0 and through.returncode == 0, through.stderr
    strip = lambda text: text.split("\n", 2)[2]  # noqa: E731 (the comment naming the source file)
    assert strip(through.stdout) == strip(direct.stdout)


def test_libreoffice_prints_the_workbook_to_pdf(converted: dict[str, Path]) -> None:
    pdf = converted["pdf"].read_bytes()
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") + pdf.count(b"/Type/Page") >= 3


def test_the_drop_downs_survive_libreoffice(converted: dict[str, Path]) -> None:
    sheet = openpyxl.load_workbook(converted["back"])["重点工作"]
    lists = [item for item in sheet.data_validations.dataValidation if item.type == "list"]
    assert lists and "下拉选项" in lists[0].formula1 and "E2" in str(lists[0].sqref)
