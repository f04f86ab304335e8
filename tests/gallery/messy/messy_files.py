"""The messy gallery's writing helpers and the scratch folder its cases share: the standard form filled,
a retyped table, a LibreOffice save, a CSV as Excel saves it.

make_gallery.py puts the repository root on sys.path before importing this module.
"""
from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from openpyxl.workbook import Workbook

from tests.forms import fill_form
from tests.gallery.gallery_files import CATALOG, JUNE, UNITS, office_profile, write_sheet

HERE = Path(__file__).resolve().parent
SCRATCH = Path(tempfile.mkdtemp(prefix="messy-gallery-"))
tempfile.tempdir = str(SCRATCH)  # the blank forms tests/forms.py writes go there too, and are removed


def template(name: str, unit: str, values: dict[str, object], period: date = JUNE, **cells) -> Path:
    """The unit's standard form for the month with values typed into 本月 (by indicator code)."""
    return fill_form(HERE, UNITS.get(unit), period, CATALOG, values, name=name, cells=cells or None)


def table(name: str, rows: list[list[object]], sheet: str = "Sheet1", merges: tuple[str, ...] = ()) -> Path:
    """A retyped one-sheet table, as a clerk types it into a new workbook."""
    book = Workbook()
    write_sheet(book.active, sheet, rows, merges)
    return save(book, name)


def save(book: Workbook, name: str) -> Path:
    """Save the workbook here under `name`."""
    path = HERE / name
    book.save(path)
    return path


def soffice(source: Path, target_name: str, filter_name: str) -> Path | None:
    """Open the file in LibreOffice and save it under target_name (the filter picks the format)."""
    program = shutil.which("soffice")
    if program is None:
        print(f"skipped {target_name}: no soffice here (the committed file is kept)")
        return None
    out = Path(tempfile.mkdtemp(dir=SCRATCH))
    profile = office_profile(Path(tempfile.mkdtemp(dir=SCRATCH))).as_uri()
    subprocess.run([program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", filter_name,
                    "--outdir", str(out), str(source)], check=True, capture_output=True, timeout=180)
    [made] = out.iterdir()
    target = HERE / target_name
    shutil.move(made, target)
    return target


def scratch(path: Path) -> Path:
    """Move a file just made here into the scratch folder (it is only a step towards another)."""
    moved = SCRATCH / path.name
    shutil.move(path, moved)
    return moved


def write_csv(name: str, rows: list[list[object]], encoding: str) -> Path:
    """A CSV as Excel saves it: CRLF lines, UTF-8 with BOM ('utf-8-sig') or GBK."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path = HERE / name
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path
