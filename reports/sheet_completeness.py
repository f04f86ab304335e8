"""The workbook's 报送情况 sheet: each unit's status month by month (按时/逾期/退回/未报), coloured."""
from __future__ import annotations

from openpyxl.styles import PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from countystat.sources.units import KIND_ZH

from .data import PeriodData
from .sheet_cells import CENTER, INT, finish, header_row, put, title

STATUS_ZH = {"accepted": "按时", "late": "逾期", "rejected": "退回", "missing": "未报"}
STATUS_FILL = {"accepted": "C6EFCE", "late": "FFEB9C", "rejected": "FFC7CE", "missing": "D9D9D9"}


def write_completeness_sheet(ws: Worksheet, data: PeriodData) -> None:
    """Units down, months across, a count of each status per unit, and the legend."""
    months = data.period.months
    statuses = tuple(STATUS_ZH)
    header = ("单位代码", "单位名称", "类别", *(f"{m.month}月" for m in months), *(STATUS_ZH[s] for s in statuses))
    last_col = len(header)
    title(ws, f"{data.period.name_zh}各单位报送情况", last_col)
    header_row(ws, 2, header)
    by_cell = {(s.unit_code, s.period): s.status for s in data.completeness}
    row = 3
    for code, name, kind in data.units:
        put(ws, row, 1, code, align=CENTER)
        put(ws, row, 2, name)
        put(ws, row, 3, KIND_ZH.get(kind, kind), align=CENTER)
        seen = [by_cell.get((code, month)) for month in months]
        for col, status in enumerate(seen, start=4):
            fill = PatternFill("solid", fgColor=STATUS_FILL[status]) if status in STATUS_FILL else None
            put(ws, row, col, STATUS_ZH.get(status or "", status), align=CENTER, fill=fill)
        for col, status in enumerate(statuses, start=4 + len(months)):
            put(ws, row, col, seen.count(status), INT, align=CENTER)
        row += 1
    deadline_day = next((s.deadline.day for s in data.completeness), None)
    due = f"次月{deadline_day}日" if deadline_day else "截止日"
    legend = {
        "accepted": f"按时：{due}前报送并通过审核",
        "late": f"逾期：{due}后才报送通过",
        "rejected": "退回：报送但未通过审核，尚无有效数据",
        "missing": "未报：未收到报表",
    }
    row += 1
    put(ws, row, 2, "图例", bold=True, border=False)
    for status, text in legend.items():
        row += 1
        put(ws, row, 2, STATUS_ZH[status], align=CENTER, fill=PatternFill("solid", fgColor=STATUS_FILL[status]))
        put(ws, row, 3, text, border=False)
        ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=last_col)
    finish(ws, freeze="D3", title_rows="1:2", first_row=2)
