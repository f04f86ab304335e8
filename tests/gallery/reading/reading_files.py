"""The reading gallery's writing helpers and the state its cases share: where the files go (HERE), the
scratch folder for LibreOffice's sources, the LibreOffice jobs make_gallery.py runs at the end, and the
number formats the cases type.

make_gallery.py puts the repository root on sys.path before importing this module.
"""
from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment
from openpyxl.workbook import Workbook

from tests.forms import fill_form
from tests.gallery import gallery_files
from tests.gallery.gallery_files import CATALOG, JUNE, UNITS, text_export, type_formatted

HERE = Path(__file__).resolve().parent
SCRATCH = Path(tempfile.mkdtemp(prefix="reading-gallery-"))
tempfile.tempdir = str(SCRATCH)  # the blank forms tests/forms.py writes go there too, and are removed
OFFICE_JOBS: list[tuple[Path, str]] = []  # (source in SCRATCH, LibreOffice filter), done in batches
PERCENT = "0%"
CHINESE_DAY = 'm"月"d"日"'  # what Chinese Excel shows a typed 3-5 as
CHINESE_MONTH = 'yyyy"年"m"月"'
CHINESE_DATE = 'yyyy"年"m"月"d"日"'


def source_path(stem: str) -> Path:
    """Where the openpyxl-made source of a LibreOffice-saved file is written (its stem is the target's)."""
    return gallery_files.source_path(SCRATCH, stem)


def template(stem: str, unit: str, values: dict[str, object], period: date = JUNE) -> Path:
    """The unit's standard form with values typed into 本月 (by indicator code), as a source file."""
    path = source_path(stem)
    return fill_form(path.parent, UNITS.get(unit), period, CATALOG, values, name=path.name)


def table(stem: str, rows: list[list[object]], sheet: str = "月报表", merges: tuple[str, ...] = ()) -> Path:
    """A retyped one-sheet table, as a clerk types it into a new workbook, as a source file."""
    book = Workbook()
    write_sheet(book.active, sheet, rows, merges)
    path = source_path(stem)
    book.save(path)
    return path


def write_sheet(sheet, title: str, rows: list[list[object]], merges: tuple[str, ...] = ()):
    """The shared write_sheet, with line breaks in a cell wrapped as Excel shows them."""
    gallery_files.write_sheet(sheet, title, rows, merges)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and "\n" in cell.value:
                cell.alignment = Alignment(wrap_text=True)  # what Alt+Enter turns on
    return sheet


def formatted(path: Path, cells: dict[str, tuple[object, str | None]], sheet: str = "月报表",
              quoted: tuple[str, ...] = ()) -> Path:
    """Type values with a number format into cells (and Excel's ' text prefix into `quoted` cells)."""
    book = openpyxl.load_workbook(path)
    type_formatted(book[sheet], cells)
    for ref in quoted:
        book[sheet][ref].quotePrefix = True
    book.save(path)
    return path


def office(source: Path, *filters: str) -> None:
    """Have LibreOffice open the source and save it in each format (xlsx, xls, ods)."""
    for filter_name in filters:
        OFFICE_JOBS.append((source, filter_name))


def write_text(name: str, rows: list[list[object]], encoding: str, separator: str = "\t") -> Path:
    """A text export: cells joined by the separator, CRLF lines (as Excel and web systems write them)."""
    return text_export(HERE / name, rows, encoding, separator)
