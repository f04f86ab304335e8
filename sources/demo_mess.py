"""The demo's messy files: the same figures as a clean form, laid out and typed as clerks really do."""
from __future__ import annotations

import csv
import io
import random
from datetime import date

import cn2an
from openpyxl import Workbook

from .catalog import Catalog, Indicator
from .form_layout import form_title
from .units import Unit

# Ways a clerk retypes the form; each keeps every figure readable with certainty.
RETYPED, CSV_GBK, MONTH_SHEETS = "retyped", "csv-gbk", "month-sheets"
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
SECTION_NUMBERS = "一二三四五六七八九十"


def messy_rows(unit: Unit, period: date, catalog: Catalog, values: dict[str, float | str | None],
               ytd: dict[str, float | None]) -> list[list[object]]:
    """The form as a clerk retyped it: title lines, reordered columns, numbered labels, typed text."""
    rng = random.Random(f"mess|{unit.code}|{period:%Y-%m}")
    rows: list[list[object]] = [
        [f"{unit.name_zh}{period.year}年{period.month}月党建工作统计表"],
        [f"填报单位（盖章）：{unit.name_zh}"],
        [],
        ["序号", "指标名称", "本月", "计量单位", "本年累计", "上年同期", "备注"],
    ]
    for s, (section, indicators) in enumerate(catalog.sections(unit.kind)):
        rows.append([SECTION_NUMBERS[s] + "、", section.split("、", 1)[-1]])
        for n, indicator in enumerate(indicators, start=1):
            value, unit_zh = _typed_text(indicator, values.get(indicator.code), rng)
            year_to_date = ytd.get(indicator.code)
            if unit_zh == "元" and year_to_date is not None:
                year_to_date = round(year_to_date * 10_000)  # the whole row in 元
            rows.append([n, _label(indicator, n, rng), value, unit_zh,
                         _plain(year_to_date), rng.randint(0, 9) if rng.random() < 0.3 else ""])
    rows.append(["合计", "", "", "", "", "", ""])
    rows.append(["注：本表数据截至当月25日。"])
    return rows


def retyped_workbook(unit: Unit, period: date, catalog: Catalog, values: dict[str, float | None],
                     ytd: dict[str, float | None]) -> Workbook:
    """A workbook the clerk built by hand: an instruction sheet, then the retyped form."""
    book = Workbook()
    notes = book.active
    notes.title = "填表说明"
    notes.append(["请于每月5日前报送。"])
    sheet = book.create_sheet(f"{period.month}月")
    for row in messy_rows(unit, period, catalog, values, ytd):
        sheet.append(row)
    return book


def month_sheets_workbook(unit: Unit, months: list[tuple[date, dict[str, float | None], dict[str, float | None]]],
                          catalog: Catalog) -> Workbook:
    """A late unit's catch-up: one workbook, one retyped sheet per month (sheet 2月, title 2月)."""
    book = Workbook()
    book.remove(book.active)
    for period, values, ytd in months:
        sheet = book.create_sheet(f"{period.month}月")
        for row in messy_rows(unit, period, catalog, values, ytd):
            sheet.append(row)
    return book


def gbk_csv(unit: Unit, period: date, catalog: Catalog, values: dict[str, float | None],
            ytd: dict[str, float | None]) -> bytes:
    """The retyped form exported as CSV by Chinese Excel: GBK-encoded."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(messy_rows(unit, period, catalog, values, ytd))
    return text.getvalue().encode("gbk")


def messy_title(unit: Unit, period: date) -> str:
    """The standard title, for names of the messy files."""
    return form_title(unit.name_zh, period)


def _label(indicator: Indicator, n: int, rng: random.Random) -> str:
    """The label as retyped: a numbering prefix, sometimes full-width, sometimes with its unit."""
    name = indicator.name_zh
    style = rng.randrange(4)
    if style == 0 and not name[0].isdigit():  # "2.90后干部" would read as a decimal: clerks write 2、
        return f"{n}.{name}"
    if style == 1:
        return f"（{SECTION_NUMBERS[(n - 1) % 10]}）{name}"
    if style == 2:
        return f"{name}（{indicator.unit_zh}）"
    return name


def _typed_text(indicator: Indicator, value: float | str | None, rng: random.Random) -> tuple[object, str]:
    """The value as the clerk typed it, and the unit column beside it; text is kept as typed."""
    if value is None:
        return "", indicator.unit_zh
    if isinstance(value, str):
        return value, indicator.unit_zh
    if indicator.unit_zh == "万元" and value and rng.random() < 0.5:
        return round(value * 10_000), "元"  # money in 元: read back ÷10,000 with a note
    if value == 0:
        return rng.choice(["无", "0", "—", 0]), indicator.unit_zh
    whole = value == int(value)
    style = rng.randrange(5)
    if whole and style == 0 and 10 <= value < 1000:  # 一 alone could be a dash: clerks write 1
        return cn2an.an2cn(int(value)), indicator.unit_zh
    if whole and style == 1:
        return f"{int(value)}{indicator.unit_zh}", indicator.unit_zh
    if whole and style == 2:
        return str(int(value)).translate(FULL_WIDTH), indicator.unit_zh
    if whole and style == 3 and value >= 1000:
        return f"{int(value):,}", indicator.unit_zh
    return _plain(value), indicator.unit_zh


def _plain(value: float | None) -> object:
    if value is None:
        return ""
    return int(value) if value == int(value) else value
