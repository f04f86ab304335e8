"""The variants gallery's writing helpers and the state its cases share: where the files go (HERE), the
scratch folder for LibreOffice's sources, and the LibreOffice jobs make_variants.py runs at the end.

make_variants.py puts the repository root on sys.path before importing this module.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from openpyxl.workbook import Workbook

from tests.gallery import gallery_files
from tests.gallery.gallery_files import text_export, type_formatted, write_sheet

HERE = Path(__file__).resolve().parent
SCRATCH = Path(tempfile.mkdtemp(prefix="variants-gallery-"))
OFFICE_JOBS: list[tuple[Path, str]] = []
T_HEAD = "党建工作统计月报表"


def source_path(stem: str) -> Path:
    """Where the openpyxl-made source of a LibreOffice-saved file is written."""
    return gallery_files.source_path(SCRATCH, stem)


def table(stem: str, rows: list[list[object]], sheet: str = "月报表", merges: tuple[str, ...] = (),
          formats: dict[str, tuple[object, str]] | None = None) -> Path:
    """A retyped one-sheet table (values with number formats typed into `formats` cells)."""
    book = Workbook()
    type_formatted(write_sheet(book.active, sheet, rows, merges), formats or {})
    path = source_path(stem)
    book.save(path)
    return path


def office(source: Path, *filters: str) -> None:
    """Have LibreOffice open the source and save it in each format."""
    OFFICE_JOBS.extend((source, f) for f in filters)


def text_file(name: str, rows: list[list[object]], encoding: str, separator: str, bom: bytes = b"",
              newline: str = "\r\n") -> None:
    """A text export: cells joined by the separator (quoted when they hold it)."""
    text_export(HERE / name, rows, encoding, separator, bom, newline)
