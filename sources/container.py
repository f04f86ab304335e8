"""What kind of file was received, judged by its content, and whether it is safe to open.

A clerk's file may carry the wrong extension: an .xls that a web system wrote as an HTML table or
tab-separated text, an .xlsx renamed .xls, Excel's "Unicode text" saved as .csv. `container_kind`
looks at the bytes: a zip package (xlsx/xlsm, xlsb, ods), an OLE compound file (BIFF8 .xls, Excel 95
BIFF5 .xls, or an encrypted xlsx), or else text (CSV, tab-separated, HTML), and refuses, before any
parser runs, files that are empty, too big, expand absurdly, hold too many sheets or are encrypted.
"""
from __future__ import annotations

import os
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import xlrd.compdoc

from .sheet_grid import UnreadableFile
from .zip_package import ZipPackage

XLSX = "xlsx"    # Office Open XML workbook (xlsx, xlsm)
XLSB = "xlsb"    # Excel binary workbook
ODS = "ods"      # OpenDocument spreadsheet
XLS = "xls"      # BIFF8 workbook (Excel 97-2003)
BIFF5 = "biff5"  # Excel 5.0/95 workbook
TEXT = "text"    # anything else: CSV, tab-separated or HTML text, or no spreadsheet at all

MAX_FILE_BYTES = 20 * 1024 * 1024        # a monthly form is a few dozen KB
MAX_UNPACKED_BYTES = 200 * 1024 * 1024   # what a zip-based workbook may expand to
MAX_SHEETS = 100
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# Files no office suite opens as a table: PDF, images, other archives (a scan or a photo of the form).
OTHER_SIGNATURES = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"Rar!", b"7z\xbc\xaf",
                    b"\x1f\x8b", b"II*\x00", b"MM\x00*")


def container_kind(path: Path, file_name: str) -> str:
    """The kind of file by its content (XLSX, XLSB, ODS, XLS, BIFF5 or TEXT); UnreadableFile when unsafe."""
    with opened_container(path, file_name) as (kind, _):
        return kind


@contextmanager
def opened_container(path: Path, file_name: str) -> Iterator[tuple[str, zipfile.ZipFile | None]]:
    """The file's kind, as container_kind judges it, and a zip package already opened for that judgement
    (None for any other kind), so that its readers need not open it again; closed on leaving."""
    data = _file_bytes(path, file_name)  # read once, judged and opened from memory
    head = data[:len(OLE_SIGNATURE)]
    if not head.startswith(ZIP_SIGNATURES):
        if head == OLE_SIGNATURE:
            yield _ole_kind(data, file_name), None
            return
        if head.startswith(OTHER_SIGNATURES):
            raise _not_a_spreadsheet(file_name)
        yield TEXT, None
        return
    try:
        archive = ZipPackage(data)  # its readers take the parts from memory
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError, zlib.error):
        raise _broken(file_name) from None
    with archive:
        yield _zip_kind(archive, file_name), archive


def _file_bytes(path: Path, file_name: str) -> bytes:
    """The file's bytes, read through one descriptor; UnreadableFile for an empty file or one over
    MAX_FILE_BYTES (judged by its size before reading, and by what was read)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        size = os.fstat(fd).st_size
        if size <= MAX_FILE_BYTES:
            data = os.read(fd, size + 1)  # a regular file gives what it holds in one read
            if len(data) > size:  # it grew since: read on, up to the limit
                with os.fdopen(os.dup(fd), "rb") as rest:
                    data += rest.read(MAX_FILE_BYTES + 1 - len(data))
            size = len(data)
    finally:
        os.close(fd)
    if size == 0:
        raise UnreadableFile(f"文件「{file_name}」是空文件，请重新保存后报送")
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(
            f"文件「{file_name}」过大（{size / 1024 / 1024:.1f} MB，上限{MAX_FILE_BYTES // 1024 // 1024} MB），"
            "请只报送统计报表本身"
        )
    return data


def check_container(path: Path, file_name: str) -> None:
    """Refuse, before parsing, files that are empty, too big, expand absurdly, hold too many sheets or are encrypted."""
    container_kind(path, file_name)


def _zip_kind(archive: zipfile.ZipFile, file_name: str) -> str:
    """XLSX, XLSB or ODS for an open zip package, after the zip-bomb and sheet-count checks."""
    entries = archive.infolist()
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        raise UnreadableFile(f"文件「{file_name}」解压后异常庞大，疑似损坏或恶意文件，请重新保存后报送")
    mimetype = b""
    try:
        if "mimetype" in archive.NameToInfo:  # an OpenDocument package names its kind first
            with archive.open("mimetype") as entry:
                mimetype = entry.read(100)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError, zlib.error):
        raise _broken(file_name) from None
    names = [entry.filename.replace("\\", "/").lower().lstrip("/") for entry in entries]
    sheets = sum(1 for n in names if n.startswith("xl/worksheets/") and n.endswith((".xml", ".bin")))
    if sheets > MAX_SHEETS:
        raise UnreadableFile(f"文件「{file_name}」有{sheets}个工作表（上限{MAX_SHEETS}个），请只保留统计报表")
    if "xl/workbook.bin" in names:
        return XLSB
    if any(n.startswith("xl/") for n in names):
        return XLSX
    if "content.xml" in names and (not mimetype or mimetype.strip() == ODS_MIMETYPE):
        return ODS
    if any(n.startswith(("word/", "ppt/")) for n in names) or mimetype.startswith(b"application/vnd.oasis"):
        raise _not_a_spreadsheet(file_name)
    raise _broken(file_name)


def _ole_kind(data: bytes, file_name: str) -> str:
    """XLS, BIFF5, or a refusal (an encrypted xlsx, a Word .doc) for an OLE compound file."""
    try:
        streams = {entry.name.lower() for entry in xlrd.compdoc.CompDoc(data, logfile=_Quiet()).dirlist}
    except Exception:  # noqa: BLE001 - xlrd reports broken compound files with several exception types
        raise _broken(file_name) from None
    if "encryptedpackage" in streams:
        raise UnreadableFile(f"文件「{file_name}」已加密，请取消密码后重新报送")
    if "workbook" in streams:
        return XLS
    if "book" in streams:
        return BIFF5
    if "worddocument" in streams or "powerpoint document" in streams:
        raise _not_a_spreadsheet(file_name)
    raise _broken(file_name)


def _broken(file_name: str) -> UnreadableFile:
    return UnreadableFile(f"文件「{file_name}」无法打开，可能已损坏或不是Excel文件，请重新保存后报送")


def _not_a_spreadsheet(file_name: str) -> UnreadableFile:
    return UnreadableFile(f"文件「{file_name}」不是Excel表格，请使用下发的报表模板（.xlsx）填报")


class _Quiet:
    """A log file that swallows xlrd's warnings about odd records."""

    def write(self, text: str) -> int:
        return len(text)
