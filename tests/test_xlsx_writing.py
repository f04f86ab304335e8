"""What every workbook countystat writes shares: cell text, widths, the header style, saving."""
from __future__ import annotations

import openpyxl
import pytest

from countystat.sources.xlsx_writing import (
    MAX_TEXT, cell_text, fitted_width, save_atomically, style_header, text_width, wrapped_lines,
)


def test_cell_text_drops_what_xml_cannot_hold_and_cuts_at_excels_limit():
    assert cell_text("立案\x07\x00件") == "立案件"
    long = cell_text("长" * (MAX_TEXT + 5))
    assert len(long) == MAX_TEXT and long.endswith("…")
    assert cell_text("长" * MAX_TEXT) == "长" * MAX_TEXT


@pytest.mark.parametrize(("text", "width"), [("", 0), ("D36", 3), ("立案", 4), ("立案D36", 7), ("（１）", 6)])
def test_a_wide_character_counts_twice(text, width):
    assert text_width(text) == width


def test_wrapped_lines_count_each_line_at_least_once():
    assert wrapped_lines("", 10) == 1
    assert wrapped_lines("立案" * 5, 10) == 2     # 20 columns wrapped at 10
    assert wrapped_lines("a\n\nb", 10) == 3
    assert wrapped_lines("abc", 0) == 3           # a width under one is taken as one


def test_fitted_width_keeps_a_margin_within_bounds():
    assert fitted_width(3, 8, 50) == 8
    assert fitted_width(10, 8, 50) == 12
    assert fitted_width(60, 8, 50) == 50


def test_saving_leaves_only_the_finished_file(tmp_path):
    book = openpyxl.Workbook()
    style_header(book.active.cell(1, 1, "序号"))
    target = tmp_path / "表.xlsx"
    save_atomically(book, target)
    assert [p.name for p in tmp_path.iterdir()] == ["表.xlsx"]
    cell = openpyxl.load_workbook(target).active["A1"]
    assert cell.value == "序号" and cell.font.b and cell.font.name == "宋体"
    assert cell.fill.fgColor.rgb.endswith("D9E1F2") and cell.border.left.style == "thin"


def test_a_failed_save_leaves_nothing_behind(tmp_path):
    with pytest.raises(OSError):
        save_atomically(openpyxl.Workbook(), tmp_path / "missing" / "表.xlsx")
    assert list(tmp_path.iterdir()) == []
