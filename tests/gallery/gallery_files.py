"""What the three gallery makers share (messy/make_gallery.py, reading/make_gallery.py and
variants/make_variants.py): the form's usual header, a sheet retyped as a clerk types it, LibreOffice
saves in batches under a profile of their own, and text exports written byte by byte.

The makers put the repository root on sys.path before importing this module.
"""
from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

from openpyxl.worksheet.worksheet import Worksheet

from countystat.sources.catalog import load_catalog
from countystat.sources.units import load_units
from tests.forms import row_of

CATALOG = load_catalog()
UNITS = load_units(None)
JUNE = date(2020, 6, 1)
HEADER = ["序号", "指标名称", "计量单位", "本月", "备注"]

# A LibreOffice profile setting that saves no thumbnail: it would make an .ods 25 KB bigger.
NO_THUMBNAIL = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Save/Document"><prop oor:name="GenerateThumbnail" oor:op="fuse">\
<value>false</value></prop></item>
</oor:items>
"""


def cell_of(unit: str, code: str) -> str:
    """The 本月 cell of an indicator on the unit's standard form."""
    return f"D{row_of(CATALOG, UNITS.get(unit), code)}"


def write_sheet(sheet: Worksheet, title: str, rows: list[list[object]], merges: tuple[str, ...] = ()) -> Worksheet:
    """Title a sheet and type the rows into it, merging `merges`; column B is widened for the labels."""
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for ref in merges:
        sheet.merge_cells(ref)
    sheet.column_dimensions["B"].width = 36
    return sheet


def type_formatted(sheet: Worksheet, cells: dict[str, tuple[object, str | None]]) -> None:
    """Type each value into its cell with its number format (None keeps the cell's own)."""
    for ref, (value, number_format) in cells.items():
        sheet[ref] = value
        if number_format:
            sheet[ref].number_format = number_format


def source_path(scratch: Path, stem: str) -> Path:
    """Where the openpyxl-made source of a LibreOffice-saved file is written (its stem is the target's)."""
    folder = scratch / "sources" / stem
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{stem}.xlsx"


def office_profile(folder: Path, thumbnail: bool = False) -> Path:
    """A fresh LibreOffice profile in `folder`, saving no thumbnail unless `thumbnail`."""
    (folder / "user").mkdir(parents=True, exist_ok=True)
    if not thumbnail:
        (folder / "user" / "registrymodifications.xcu").write_text(NO_THUMBNAIL, encoding="utf-8")
    return folder


def run_office_jobs(jobs: list[tuple[Path, str]], scratch: Path, target: Path, thumbnail: bool = False) -> None:
    """Have LibreOffice open each (source, filter) and save it into `target`, one soffice run per filter
    (a cold start costs seconds); sources that are all CSV are read as comma-separated UTF-8."""
    program = shutil.which("soffice")
    if program is None:
        print("skipped every LibreOffice file: no soffice here (the committed files are kept)")
        return
    profile = scratch / "profile"
    if not thumbnail:
        office_profile(profile)
    for filter_name in dict.fromkeys(f for _, f in jobs):
        sources = [str(s) for s, f in jobs if f == filter_name]
        out = scratch / "out" / filter_name.replace(":", "_").replace(" ", "_")
        out.mkdir(parents=True)
        csv_import = ["--infilter=CSV:44,34,76,1"] if all(s.endswith(".csv") for s in sources) else []
        subprocess.run([program, f"-env:UserInstallation={profile.as_uri()}", "--headless", *csv_import,
                        "--convert-to", filter_name, "--outdir", str(out), *sources],
                       check=True, capture_output=True, timeout=600)
        for made in out.iterdir():
            shutil.move(made, target / made.name)


def text_export(path: Path, rows: list[list[object]], encoding: str, separator: str = "\t", bom: bytes = b"",
                newline: str = "\r\n") -> Path:
    """A text export as Excel and web systems write it: cells joined by the separator (quoted when they
    hold it or a quote), CRLF lines unless told otherwise."""
    def cell(v: object) -> str:
        s = "" if v is None else str(v)
        return f'"{s}"' if separator in s or '"' in s else s
    lines = [separator.join(cell(v) for v in row) for row in rows]
    path.write_bytes(bom + (newline.join(lines) + newline).encode(encoding))
    return path
