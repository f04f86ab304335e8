"""Fill the standard form the way a clerk does in Excel: open it, type, maybe delete things, save."""
from __future__ import annotations

from datetime import date
import tempfile
from pathlib import Path

import openpyxl

from countystat.sources.catalog import Catalog
from countystat.sources.form_layout import FORM_SHEET, META_SHEET
from countystat.sources.form_template import indicator_rows, write_form
from countystat.sources.units import Unit


def fill_form(
    folder: Path, unit: Unit, period: date, catalog: Catalog, values: dict[str, object],
    name: str | None = None, delete_meta: bool = False, cells: dict[str, object] | None = None,
) -> Path:
    """Write the unit's blank form, type the values (by indicator code) into 本月, save it."""
    with tempfile.TemporaryDirectory(prefix="blank-form-") as scratch:
        book = openpyxl.load_workbook(write_form(unit, period, catalog, Path(scratch)))
        default_name = next(Path(scratch).iterdir()).name
    sheet = book[FORM_SHEET]
    rows = indicator_rows(catalog, unit.kind)
    for code, value in values.items():
        sheet[f"D{rows[code]}"] = value
    for ref, value in (cells or {}).items():
        sheet[ref] = value
    if delete_meta:
        del book[META_SHEET]
    target = folder / (name or default_name)
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target


def row_of(catalog: Catalog, unit: Unit, code: str) -> int:
    """The form row of an indicator for this unit's kind."""
    return indicator_rows(catalog, unit.kind)[code]
