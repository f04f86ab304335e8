"""Print set-up shared by every sheet countystat writes: A4, fitted to the page width."""
from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet


def fit_a4(sheet: Worksheet, orientation: str = "portrait", pages_wide: int = 1) -> None:
    """Print on A4 in the given orientation, `pages_wide` pages across and as many down as needed."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = orientation
    sheet.page_setup.fitToWidth = pages_wide
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
