"""The workbook's 四种形态 sheet: the four forms of discipline, their shares, last year, and a pie."""
from __future__ import annotations

from openpyxl.chart import PieChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.worksheet.worksheet import Worksheet

from .data import PeriodData
from .sheet_cells import INT, PERCENT, SECTION_FILL, finish, fraction, header_row, put, text_categories, title, whole

FORMS = ("form1_cases", "form2_cases", "form3_cases", "form4_cases")
FORM_NAMES = ("第一种形态", "第二种形态", "第三种形态", "第四种形态")
HEADER = ("形态", "本期人次", "占比", "去年同期人次", "去年同期占比", "增减人次")


def write_forms_sheet(ws: Worksheet, data: PeriodData) -> None:
    """A row per form (its share is the derived formN_share), the total (form_total), and the pie."""
    title(ws, f"{data.period.name_zh}运用监督执纪“四种形态”情况", len(HEADER))
    header_row(ws, 2, HEADER)
    row = 3
    for n, (code, name) in enumerate(zip(FORMS, FORM_NAMES), start=1):
        share = data.derived.get(f"form{n}_share")
        figure = data.county.get(code)
        put(ws, row, 1, name)
        put(ws, row, 2, whole(figure.value if figure else None), INT)
        put(ws, row, 3, fraction(share.value if share else None), PERCENT)
        put(ws, row, 4, whole(figure.prev_value if figure else None), INT)
        put(ws, row, 5, fraction(share.prev_value if share else None), PERCENT)
        put(ws, row, 6, whole(figure.change if figure else None), INT)
        row += 1
    total = data.derived.get("form_total")
    now, before = (total.value, total.prev_value) if total else (None, None)
    put(ws, row, 1, "合计", bold=True, fill=SECTION_FILL)
    put(ws, row, 2, whole(now), INT, bold=True, fill=SECTION_FILL)
    put(ws, row, 3, 1 if now else None, PERCENT, bold=True, fill=SECTION_FILL)
    put(ws, row, 4, whole(before), INT, bold=True, fill=SECTION_FILL)
    put(ws, row, 5, 1 if before else None, PERCENT, bold=True, fill=SECTION_FILL)
    put(ws, row, 6, None if now is None or before is None else whole(now - before), INT, bold=True,
        fill=SECTION_FILL)
    ws.add_chart(_pie(ws, data), "A9")
    finish(ws, freeze="B3", title_rows="1:2", first_row=2)


def _pie(ws: Worksheet, data: PeriodData) -> PieChart:
    pie = PieChart()
    pie.title = f"{data.period.name_zh}“四种形态”构成"
    pie.add_data(Reference(ws, min_col=2, min_row=2, max_row=6), titles_from_data=True)
    text_categories(pie, Reference(ws, min_col=1, min_row=3, max_row=6))
    pie.dataLabels = DataLabelList()
    pie.dataLabels.showPercent = True
    pie.dataLabels.showVal = False
    pie.dataLabels.showCatName = False
    pie.dataLabels.showSerName = False
    pie.dataLabels.showLeaderLines = True
    pie.legend.position = "r"
    pie.width, pie.height = 14, 8
    return pie
