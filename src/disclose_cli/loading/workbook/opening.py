"""Opening a workbook safely: a file that is not an .xlsx (a renamed .xls, a .csv, an .ods, a password-protected
workbook) is named for what it is; a zip bomb is refused by its unpacked size before anything is parsed; XML is
parsed with entity expansion off (openpyxl uses defusedxml when it is installed, and it is a dependency).
Merged cells and hidden rows, which openpyxl's read-only mode does not report, are read from the sheet's XML."""

from __future__ import annotations

import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import defusedxml

from ...base.installation import IncompleteInstallation
from ...base.limits import MAX_WORKBOOK_FILE_BYTES, MAX_WORKBOOK_UNPACKED_BYTES
from ...base.locations import InputError, Location, Problem
from ...base.phrase import Phrase
from ..yaml_reader import reason_zh

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of .xls, and of an encrypted .xlsx
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]+)([0-9]+)(?::([A-Z]+)([0-9]+))?\"")
_ENTITIES = Phrase("holds XML with entity declarations, which are not read (a billion-laughs attack?)",
                   "含有带实体声明的 XML，不予读取（可能是“十亿笑声”攻击）")
_HIDDEN_ROW = re.compile(rb"<(?:\w+:)?row\s[^>]*?(?:r=\"([0-9]+)\"[^>]*?hidden=\"(?:1|true)\""
                         rb"|hidden=\"(?:1|true)\"[^>]*?r=\"([0-9]+)\")")


@dataclass
class Opened:
    """A workbook opened read-only, with what its XML says about each sheet: merged ranges and hidden rows."""

    workbook: Any
    archive: zipfile.ZipFile
    merged: dict[str, list[tuple[int, int, int, int]]] = field(default_factory=dict)  # sheet → (r1, c1, r2, c2)
    hidden_rows: dict[str, set[int]] = field(default_factory=dict)
    values: Any = None  # the same workbook opened for formulas' cached values, when a formula is met

    def cached_values(self, path: Path) -> Any:
        if self.values is None:
            from openpyxl import load_workbook

            self.values = load_workbook(path, read_only=True, data_only=True)
        return self.values

    def close(self) -> None:
        for workbook in (self.workbook, self.values):
            if workbook is not None:
                workbook.close()
        self.archive.close()


def _refused(path: Path, en: str, zh: str) -> InputError:
    return InputError([Problem.of(Location(path), Phrase(en, zh))])


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _kind_of_file(path: Path, head: bytes) -> InputError | None:
    """A clear word for a file that is not an .xlsx workbook."""
    if head.startswith(_OLE):
        with open(path, "rb") as stream:
            whole = stream.read(MAX_WORKBOOK_FILE_BYTES)
        if _ENCRYPTED in whole:
            return _refused(path, "is a password-protected workbook; disclose cannot read it: save it without a "
                                  "password (Excel: File > Info > Protect Workbook > Encrypt with Password, clear it; "
                                  "WPS: File > Document Encryption)",
                            "是设置了打开密码的工作簿，无法读取；请取消密码后另存（Excel：文件 > 信息 > 保护工作簿 > "
                            "用密码进行加密，清空密码；WPS：文件 > 文档加密）")
        return _refused(path, "is an Excel 97-2003 workbook (.xls), not .xlsx: open it and save it as .xlsx "
                              "(Excel Workbook)",
                        "是 Excel 97-2003 格式（.xls），不是 .xlsx：请打开后另存为“Excel 工作簿（.xlsx）”")
    if not head.startswith(b"PK"):
        return _refused(path, "is not an .xlsx workbook (it looks like text, such as a .csv): fill in the workbook "
                              "that disclose workbook wrote and save it as .xlsx",
                        "不是 .xlsx 工作簿（看来是文本文件，如 .csv）：请填写 disclose workbook 生成的填报表，"
                        "并保存为 .xlsx")
    return None


def open_workbook(path: Path) -> Opened:
    """The workbook at ``path``, opened read-only; raises InputError naming what is wrong with the file."""
    from openpyxl import DEFUSEDXML, load_workbook

    if not DEFUSEDXML:  # openpyxl found no defusedxml: entity expansion would be on
        raise IncompleteInstallation(Phrase(
            f"defusedxml {defusedxml.__version__} is not used by openpyxl; reinstall disclose-cli",
            f"openpyxl 未使用 defusedxml {defusedxml.__version__}；请重新安装 disclose-cli"))
    try:
        status = path.stat()
    except FileNotFoundError:
        raise _refused(path, "no such file", "文件不存在") from None
    except OSError as error:
        raise _refused(path, f"cannot be read: {error.strerror}", f"无法读取：{reason_zh(error)}") from None
    if not stat.S_ISREG(status.st_mode):
        raise _refused(path, "is not a regular file (a folder, a device or a pipe)", "不是普通文件（文件夹、设备或管道）")
    if status.st_size > MAX_WORKBOOK_FILE_BYTES:
        raise _refused(path, f"is {status.st_size // 2**20} MiB; a workbook may be at most "
                             f"{MAX_WORKBOOK_FILE_BYTES // 2**20} MiB",
                       f"大小为{status.st_size // 2**20} MiB；填报表最大为{MAX_WORKBOOK_FILE_BYTES // 2**20} MiB")
    with open(path, "rb") as stream:
        head = stream.read(8)
    refused = _kind_of_file(path, head)
    if refused is not None:
        raise refused
    try:
        archive = zipfile.ZipFile(path)
        parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refused(path, "is damaged: it is not a readable .xlsx (zip) file", "文件已损坏，不是可读取的 .xlsx 文件") \
            from None
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_WORKBOOK_UNPACKED_BYTES:
        archive.close()
        raise _refused(path, f"unpacks to {unpacked // 2**20} MiB, more than the limit of "
                             f"{MAX_WORKBOOK_UNPACKED_BYTES // 2**20} MiB (a zip bomb?); it is not read",
                       f"解压后为{unpacked // 2**20} MiB，超过{MAX_WORKBOOK_UNPACKED_BYTES // 2**20} MiB 的上限"
                       "（可能是压缩炸弹），不予读取")
    names = {part.filename for part in parts}
    if "xl/workbook.xml" not in names:
        mimetype = _read(archive, path, "mimetype") if "mimetype" in names else b""
        archive.close()
        if b"opendocument.spreadsheet" in mimetype:
            raise _refused(path, "is an OpenDocument spreadsheet (.ods): save it as .xlsx (Excel 2007-365)",
                           "是 OpenDocument 表格（.ods）：请另存为 .xlsx（Excel 2007-365）格式")
        raise _refused(path, "is a zip file but not an .xlsx workbook", "是 zip 压缩文件，但不是 .xlsx 工作簿")
    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except defusedxml.DefusedXmlException:
        archive.close()
        raise InputError([Problem.of(Location(path), _ENTITIES)]) from None
    except Exception as error:  # openpyxl raises many kinds on a damaged file; each one means the same to a clerk
        archive.close()
        if isinstance(error.__cause__ or error.__context__, defusedxml.DefusedXmlException):  # openpyxl wraps it
            raise InputError([Problem.of(Location(path), _ENTITIES)]) from None
        raise _refused(path, f"cannot be read as an .xlsx workbook ({type(error).__name__}); open it in Excel or "
                             "WPS and save it again as .xlsx",
                       f"无法作为 .xlsx 工作簿读取（{type(error).__name__}）；请用 Excel 或 WPS 打开后重新另存为 .xlsx") \
            from None
    opened = Opened(workbook, archive)
    for sheet in workbook.worksheets:
        xml = _read(archive, path, getattr(sheet, "_worksheet_path", ""))
        opened.merged[sheet.title] = [
            (int(row1), _column_number(col1), int(row2 or row1), _column_number(col2 or col1))
            for col1, row1, col2, row2 in _MERGE.findall(xml)]
        opened.hidden_rows[sheet.title] = {int(first or second) for first, second in _HIDDEN_ROW.findall(xml)}
    return opened


def _read(archive: zipfile.ZipFile, path: Path, name: str) -> bytes:
    try:
        return archive.read(name)
    except (KeyError, zipfile.BadZipFile, OSError):
        return b""
    except Exception as error:  # a damaged part (a bad CRC, an unknown compression)
        raise _refused(path, f"is damaged ({type(error).__name__})", f"文件已损坏（{type(error).__name__}）") from None
