"""The messes: each writer puts one unit's month in a file the way some township sends it, and adjusts
the truth (what a careful clerk reads in that file) it starts from; traps are files a careful clerk refuses."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

from countystat.sources.catalog import Catalog, Indicator
from countystat.sources.form_template import indicator_rows
from countystat.sources.units import Unit

from .county import (
    CHINESE_DIGITS, CHINESE_MONTHS, HEADER, TRAP_SHARE, VILLAGE_NAMES, YEAR, Truth, label_variant, plain, text_number,
    truth_values,
)
from .files import body_rows, cache_formula_results, save_table, save_template, template_cells, title, write_csv, \
    write_html, write_text


@dataclass
class Form:
    """One unit's month about to be written as a mess; the writer adjusts the truth it starts from."""

    mess: str
    stem: Path  # the file's path without its suffix
    catalog: Catalog
    unit: Unit
    period: date
    values: dict[str, float | None]
    rng: random.Random
    truth: Truth

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return self.catalog.for_kind(self.unit.kind)

    def head(self) -> list[list[object]]:
        """Title and 填报单位 lines (the filing date in the month, as clerks fill it at month end)."""
        return [[title(self.unit, self.period)],
                [f"填报单位：{self.unit.name_zh}", "", "", f"填报日期：{self.period.year}年{self.period.month}月28日"]]

    def rows(self, label=None, cell=None) -> list[list[object]]:
        return body_rows(self.catalog, self.unit, self.values, self.rng, label, cell)

    def path(self, suffix: str = ".xlsx") -> Path:
        return self.stem.with_suffix(suffix)

    def refuse(self, untrusted: str | None = None) -> None:
        """A careful clerk refuses the file: no value of it may load (or, naming one cell's indicator,
        that value is untrustworthy while the others are the file's own)."""
        self.truth.accept = False
        if untrusted is None:
            self.truth.values = {}
        else:
            self.truth.values.pop(untrusted, None)


def write_template(form: Form) -> Path:
    path = form.path()
    if form.mess == "all_zeros":
        form.truth.values = {code: 0.0 for code in form.values}
    elif form.mess == "blank_template":
        form.refuse()
    cells = {} if form.mess == "blank_template" else template_cells(form.catalog, form.unit, form.truth.values)
    save_template(path, form.catalog, form.unit, form.period, cells)
    return path


def write_retyped(form: Form) -> Path:
    """A retyped table: the standard one, with label variants, numbers as text, or other headings."""
    rng = form.rng
    header = ["序号", "项目", "计量单位", "本月数", "备注"] if form.mess == "other_headings" else HEADER
    if form.mess == "labels":
        rows = form.rows(label=lambda i: label_variant(i, rng) if rng.random() < 0.6 else i.name_zh)
    elif form.mess == "numbers_as_text":
        rows = form.rows(cell=lambda i, v: None if v is None else text_number(v, rng))
    else:
        rows = form.rows()
    if form.mess in ("two_indicator_label", "unknown_label"):
        label, measure = ("立案及党政纪处分", "件") if form.mess == "two_indicator_label" else ("党员志愿服务时长", "小时")
        rows.insert(rng.randint(0, len(rows)), ["", label, measure, rng.randint(1, 9), ""])
        form.truth.accept = False  # the other rows are the file's own, but the file is refused
    path = form.path()
    save_table(path, form.head() + [header] + rows)
    return path


def write_two_row_header(form: Form) -> Path:
    """本月 merged over 数量 | 其中：新增; the month's value is 数量."""
    rows = form.head() + [["序号", "指标名称", "计量单位", "本月", "", "备注"], ["", "", "", "数量", "其中：新增", ""]]
    for n, indicator in enumerate(form.indicators, 1):
        v = form.values.get(indicator.code)
        new = None if v is None else (round(v * form.rng.random(), 2) if indicator.value_type == "decimal"
                                      else form.rng.randint(0, int(v)))
        rows.append([n, indicator.name_zh, indicator.unit_zh, plain(v), new, ""])
    book = Workbook()
    book.active.title = "月报表"
    for row in rows:
        book.active.append(row)
    for ref in ("A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:F4"):
        book.active.merge_cells(ref)
    path = form.path()
    book.save(path)
    return path


def write_by_village(form: Form) -> Path:
    """Villages' columns and 合计: each figure split over the villages (in cents for amounts)."""
    rng = form.rng
    villages = VILLAGE_NAMES[: rng.randint(3, 5)]
    rows = form.head() + [["序号", "指标名称", "计量单位", *villages, "合计"]]
    differs = rng.choice([c for c, v in form.values.items() if v is not None] or [None])
    for n, indicator in enumerate(form.indicators, 1):
        v = form.values.get(indicator.code)
        if v is None:
            rows.append([n, indicator.name_zh, indicator.unit_zh, *[""] * len(villages), ""])
            continue
        decimal = indicator.value_type == "decimal"
        whole = round(v * 100) if decimal else int(v)
        cuts = sorted(rng.randint(0, whole) for _ in villages[1:])
        parts = [b - a for a, b in zip([0, *cuts], [*cuts, whole])]
        total = plain(v)
        if form.mess == "village_total_differs" and indicator.code == differs:
            total = plain(v + rng.randint(1, 5))
        rows.append([n, indicator.name_zh, indicator.unit_zh, *[plain(p / 100) if decimal else p for p in parts], total])
    if form.mess == "village_total_differs":
        form.refuse(untrusted=differs)
    path = form.path()
    save_table(path, rows)
    return path


def write_other_columns(form: Form) -> Path:
    """上月 | 上年同期 | 本月 | 1-N月累计 (beside_month), or no 本月 at all (only_prior_columns)."""
    rng, month = form.rng, form.period.month
    beside = form.mess == "beside_month"
    header = ["序号", "指标名称", "计量单位", "上月", "上年同期", "本月", f"1-{month}月累计", "备注"] if beside \
        else ["序号", "指标名称", "计量单位", "上年同期", f"1-{month}月累计", "备注"]
    rows = form.head() + [header]
    for n, indicator in enumerate(form.indicators, 1):
        v = form.values.get(indicator.code)
        earlier = [plain(rng.randint(0, 80)) for _ in range(2 if beside else 1)]
        this_month = [plain(v)] if beside else []
        rows.append([n, indicator.name_zh, indicator.unit_zh, *earlier, *this_month,
                     None if v is None else plain(v + rng.randint(0, 200)), ""])
    if not beside:
        form.refuse()
    path = form.path()
    save_table(path, rows)
    return path


def write_text_export(form: Form) -> Path:
    """UTF-16 tab text (.txt/.csv), GBK tab text or an HTML table saved as .xls, GBK CSV."""
    rows = form.head() + [HEADER] + form.rows()
    suffix = {"utf16_txt": ".txt", "utf16_csv": ".csv", "tab_xls": ".xls", "csv_gbk": ".csv", "html_xls": ".xls"}
    path = form.path(suffix[form.mess])
    if form.mess == "csv_gbk":
        write_csv(path, rows, "gbk")
    elif form.mess == "html_xls":
        write_html(path, title(form.unit, form.period), rows[1:])
    else:
        write_text(path, rows, "gbk" if form.mess == "tab_xls" else "utf-16")
    return path


def write_date_cells(form: Form) -> Path:
    """No month in the title; 统计月份 as a date cell (or nothing), 填报日期 as a date cell (next month)."""
    period = form.period
    rows = [[f"{form.unit.name_zh}党建工作统计月报表"], [f"填报单位：{form.unit.name_zh}"],
            ["统计月份", None, None, "填报日期", None], HEADER] + form.rows()
    book = Workbook()
    sheet = book.active
    sheet.title = "月报表"
    for row in rows:
        sheet.append(row)
    if form.mess == "month_date_cell":
        sheet["B3"] = datetime(period.year, period.month, 1)
        sheet["B3"].number_format = 'yyyy"年"m"月"'
    else:
        sheet["A3"] = None
        form.refuse()
    sheet["E3"] = datetime(period.year + period.month // 12, period.month % 12 + 1, 3)
    sheet["E3"].number_format = 'yyyy"年"m"月"d"日"'
    path = form.path()
    book.save(path)
    return path


def write_titled(form: Form) -> Path:
    """The month or the unit written another way in the title (or a quarter, or 13月: refused)."""
    unit, period = form.unit, form.period
    year = "".join(CHINESE_DIGITS[int(d)] for d in str(period.year))
    heading = {
        "chinese_month": f"{unit.name_zh}{year}年{CHINESE_MONTHS[period.month]}月党建工作统计月报表",
        "month_fen": f"{unit.name_zh}{period.year}年党建工作统计月报表（{period.month}月份）",
        "party_committee": f"中共{unit.name_zh}委员会{period.year}年{period.month}月党建工作统计月报表",
        "quarterly": f"{unit.name_zh}{period.year}年第{CHINESE_MONTHS[(period.month + 2) // 3]}季度党建工作统计报表",
        "month_13": f"{unit.name_zh}{period.year}年13月党建工作统计月报表",
    }[form.mess]
    line = f"填报单位：中共{unit.name_zh}委员会" if form.mess == "party_committee" else f"填报单位：{unit.name_zh}"
    if form.mess in ("quarterly", "month_13"):
        form.refuse()
    path = form.path()
    save_table(path, [[heading], [line], HEADER] + form.rows())
    return path


def write_split_sheets(form: Form) -> Path:
    """One form over sheets 月报表（一） and 月报表（二）, titled alike, half the indicators each."""
    half = len(form.indicators) // 2
    book = Workbook()
    for part, (numeral, chunk) in enumerate((("一", form.indicators[:half]), ("二", form.indicators[half:]))):
        sheet = book.active if part == 0 else book.create_sheet()
        sheet.title = f"月报表（{numeral}）"
        sheet.append([f"{title(form.unit, form.period)}（{numeral}）"])
        sheet.append([f"填报单位：{form.unit.name_zh}"])
        sheet.append(HEADER)
        for n, indicator in enumerate(chunk, 1):
            v = form.values.get(indicator.code)
            sheet.append([n, indicator.name_zh, indicator.unit_zh, "" if v is None else plain(v), ""])
    path = form.path()
    book.save(path)
    return path


def write_formatted_cell(form: Form) -> Path:
    """The template with one filled count cell formatted as a percentage, or holding a date (typed 3-5)."""
    catalog, unit, rng = form.catalog, form.unit, form.rng
    filled = [c for c, v in form.values.items() if v is not None and catalog.get(c).value_type == "int"]
    cells = template_cells(catalog, unit, form.values)
    formats = {}
    code = rng.choice(filled) if filled else None
    if code is not None:
        ref = f"D{indicator_rows(catalog, unit.kind)[code]}"
        if form.mess == "percent_cell":
            formats[ref] = "0%"  # the stored value is the figure: 3 shows as 300%
        else:
            cells[ref] = datetime(YEAR, rng.randint(1, 12), rng.randint(1, 28))
            formats[ref] = 'm"月"d"日"'
    form.refuse(untrusted=code or "")
    path = form.path()
    save_template(path, catalog, unit, form.period, cells, formats)
    return path


def write_formulas_over_blanks(form: Form) -> Path:
    """The blank template with =SUM and =D5*10 over blank cells, cached 0 as Excel saves them."""
    rows = indicator_rows(form.catalog, form.unit.kind)
    parts = [rows[c] for c in ("punished_section_level", "punished_general_cadres", "punished_others")]
    cells = {f"D{rows['punished_total']}": f"=SUM(D{parts[0]}:D{parts[-1]})",
             f"D{rows['training_attendance']}": f"=D{rows['epidemic_teams']}*10"}
    form.refuse()
    path = form.path()
    save_template(path, form.catalog, form.unit, form.period, cells)
    cache_formula_results(path)
    return path


WRITERS = {
    "template": write_template, "all_zeros": write_template, "blank_template": write_template,
    "retyped": write_retyped, "labels": write_retyped, "numbers_as_text": write_retyped,
    "other_headings": write_retyped, "two_indicator_label": write_retyped, "unknown_label": write_retyped,
    "two_row_header": write_two_row_header,
    "by_village": write_by_village, "village_total_differs": write_by_village,
    "beside_month": write_other_columns, "only_prior_columns": write_other_columns,
    "utf16_txt": write_text_export, "utf16_csv": write_text_export, "tab_xls": write_text_export,
    "csv_gbk": write_text_export, "html_xls": write_text_export,
    "month_date_cell": write_date_cells, "filing_date_only": write_date_cells,
    "chinese_month": write_titled, "month_fen": write_titled, "party_committee": write_titled,
    "quarterly": write_titled, "month_13": write_titled,
    "split_sheets": write_split_sheets,
    "percent_cell": write_formatted_cell, "date_cell": write_formatted_cell,
    "formulas_over_blanks": write_formulas_over_blanks,
}


def make_file(mess: str, folder: Path, number: int, catalog: Catalog, unit: Unit, period: date,
              values: dict[str, float | None], rng: random.Random) -> Truth:
    """Write the unit's month as this mess and return what a careful clerk reads in the file."""
    truth = Truth("", mess, True, unit, period, truth_values(values))
    form = Form(mess, folder / f"报表{number:04d}", catalog, unit, period, values, rng, truth)
    truth.file = WRITERS[mess](form).name
    return truth


ACCEPTED_MESSES = ["retyped", "labels", "numbers_as_text", "two_row_header", "by_village", "beside_month",
                   "utf16_txt", "utf16_csv", "tab_xls", "csv_gbk", "html_xls", "month_date_cell",
                   "chinese_month", "month_fen", "party_committee", "other_headings", "split_sheets", "all_zeros"]
TRAPS = ["percent_cell", "date_cell", "blank_template", "formulas_over_blanks", "only_prior_columns", "quarterly",
         "month_13", "village_total_differs", "two_indicator_label", "unknown_label", "filing_date_only"]
TOWNSHIP_ONLY = {"by_village", "village_total_differs", "party_committee"}  # a department has no villages


def pick_mess(rng: random.Random, messy_share: float, unit: Unit) -> str:
    roll = rng.random()
    if roll < TRAP_SHARE:
        choices = TRAPS
    elif roll < TRAP_SHARE + (1 - TRAP_SHARE) * messy_share:
        choices = ACCEPTED_MESSES
    else:
        return "template"
    return rng.choice([m for m in choices if unit.kind == "township" or m not in TOWNSHIP_ONLY])
