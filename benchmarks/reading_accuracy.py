"""Reading accuracy: fictional counties' monthly files, messy as townships send them, read with ground truth.

Usage: python benchmarks/reading_accuracy.py [--counties 3] [--seed N] [--months 6] [--office 10] [--keep DIR]

Each fictional county (its own unit registry: townships and departments) sends one file per unit and
month. A seeded share of the files is the standard template as sent; the rest carry one mess each, the
classes of issue 10: label variants, numbers typed as text, two-row headers, village columns with 合计,
columns beside 本月, text exports (UTF-16 .txt/.csv, HTML and tab-separated text saved as .xls, GBK CSV),
typed date cells and other ways of writing the month and the unit, other headings, a form split over two
sheets, all zeros — and traps a careful clerk refuses: percent- or date-formatted count cells, blank
templates, formulas over blanks, only 上年同期/累计 columns, quarterly forms, 13月, a village 合计 that
disagrees, a label naming two indicators, an unknown label, only a 填报日期. The ground truth of every
file is known by construction. Files are written with openpyxl, csv and plain text (fast); --office N of
each county's workbooks (default 10) are then opened and saved by LibreOffice as .xls or .ods when soffice
is installed. They are read with sources/intake.read_submissions and scored per county:

  accepted      files a careful clerk accepts that were accepted (one submission, right unit and month)
  value recall  of the values a careful clerk reads, those loaded, exactly
  wrong values  values loaded that are not in the file's truth (must be 0)
  refused-but-accepted  files that must be refused but were accepted (must be 0)

then the false rejections grouped by their first message (file, sheet, cell and quoted text blanked out),
and the outcome per kind of mess. Exits 0: it measures, it does not judge.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from countystat.sources.catalog import Catalog, Indicator, load_catalog  # noqa: E402
from countystat.sources.form_template import build_form, indicator_rows  # noqa: E402
from countystat.sources.intake import read_submissions  # noqa: E402
from countystat.sources.submission import Submission  # noqa: E402
from countystat.sources.units import Unit, UnitRegistry, parse_units  # noqa: E402

TODAY = date(2026, 11, 25)
YEAR = 2020
HEADER = ["序号", "指标名称", "计量单位", "本月", "备注"]
COUNTIES = [  # name, share of files that are not the standard template
    ("清河县", 0.35), ("石门县", 0.6), ("白水县", 0.85), ("安远县", 0.95), ("临江县", 0.5),
]
TRAP_SHARE = 0.12
FIRST = "东西南北上下大小高新青红白黄柳桃杨李王张马龙凤石金银沙梅兰竹松"
SECOND = "山河湖塘坪岗集庄湾桥岭口店铺寨坝源泉溪林田"
DEPARTMENTS = ["县委办公室", "县委组织部", "县委宣传部", "县纪委监委", "县委巡察工作领导小组办公室", "县人民防空办公室"]
CHINESE_DIGITS = "〇一二三四五六七八九"
CHINESE_MONTHS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
VILLAGE_NAMES = ["王家村", "李家庄村", "张湾村", "刘河村", "陈庄村", "赵集村"]


@dataclass
class Truth:
    """What a careful clerk reads in one file: accept (with these values) or refuse."""

    file: str
    mess: str
    accept: bool
    unit: Unit
    period: date
    values: dict[str, float] = field(default_factory=dict)  # the trustworthy numbers (blank ones left out)


# --- a county, its units and their figures ----------------------------------------------------------

def county_registry(rng: random.Random, townships: int) -> UnitRegistry:
    """Townships with made-up two-character names (镇 or 乡), and the usual county departments."""
    names: list[str] = []
    while len(names) < townships:
        core = rng.choice(FIRST) + rng.choice(SECOND)
        if all(core not in n and n[:2] not in core for n in names) and not any(core in d for d in DEPARTMENTS):
            names.append(core + rng.choice("镇乡"))
    rows = ["code,name_zh,kind,aliases"]
    rows += [f"T{i:02d},{name},township,{name[:-1]}" for i, name in enumerate(names, 1)]
    rows += [f"D{i:02d},{name},department," for i, name in enumerate(DEPARTMENTS, 1)]
    return parse_units("\n".join(rows), source="fictional county")


def figures(rng: random.Random, catalog: Catalog, kind: str) -> dict[str, float | None]:
    """One month's figures for a unit: about a fifth left blank; 党政纪处分 the sum of its parts."""
    values: dict[str, float | None] = {}
    for indicator in catalog.for_kind(kind):
        if rng.random() < 0.2:
            values[indicator.code] = None
        elif indicator.value_type == "decimal":
            values[indicator.code] = rng.randint(0, 3000) / 100
        else:
            values[indicator.code] = rng.choice([0, 0, rng.randint(1, 9), rng.randint(1, 60), rng.randint(50, 400)])
    parts = ["punished_section_level", "punished_general_cadres", "punished_others"]
    if all(values.get(p) is not None for p in parts):
        values["punished_total"] = sum(values[p] for p in parts)  # type: ignore[misc]
    else:
        for code in parts + ["punished_total"]:
            values[code] = None
    return values


def plain(value: float | None) -> object:
    """A figure as a clerk types it: 12 not 12.0; blank as empty."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def truth_values(values: dict[str, float | None]) -> dict[str, float]:
    return {code: v for code, v in values.items() if v is not None}


# --- how a clerk writes the labels and the numbers -------------------------------------------------

def label_variant(indicator: Indicator, rng: random.Random) -> str:
    """The indicator's name as clerks retype it (issue 10 part 1), each a form a careful clerk reads."""
    name, unit = indicator.name_zh, indicator.unit_zh
    shapes = ["linebreak", "bracket_end", "bracket_mid", "trailing"]
    if "“" in name:
        shapes.append("ascii_quotes")
    if unit in ("支", "个", "处") and not name.startswith("其中"):
        shapes.append("found")
    if name.endswith(("会议", "大会", "研讨")):
        shapes.append("convene")
    shape = rng.choice(shapes)
    if shape == "linebreak":
        return name[: len(name) // 2] + "\n" + name[len(name) // 2:]
    if shape == "bracket_end":
        return f"{name}（{unit}）" if rng.random() < 0.5 else f"{name}({unit})"
    if shape == "bracket_mid":
        return f"{name}（{unit}）数"
    if shape == "trailing":
        return name + {"项": "项数", "人次": "人次", "件": "数", "人": "数", "个": "数"}.get(unit, "数")
    if shape == "ascii_quotes":
        return name.replace("“", '"').replace("”", '"')
    if shape == "found":
        return rng.choice(["成立", "建立"]) + name
    return rng.choice(["召开", "组织"]) + name


def text_number(value: float, rng: random.Random) -> str:
    """A number typed as text: stray ordinary, no-break or full-width spaces, or full-width digits."""
    text = str(plain(value))
    return rng.choice([f"{text}\u00a0", f"\u3000{text}", f" {text} ",
                       text.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))])


# --- writers -------------------------------------------------------------------------------------

def title(unit: Unit, period: date) -> str:
    return f"{unit.name_zh}{period.year}年{period.month}月党建工作统计月报表"


def body_rows(catalog: Catalog, unit: Unit, values: dict[str, float | None], rng: random.Random,
              label=None, cell=None) -> list[list[object]]:
    """序号 | 指标名称 | 计量单位 | 本月 | 备注 rows for every indicator of the unit's kind."""
    rows = []
    for n, indicator in enumerate(catalog.for_kind(unit.kind), 1):
        value = values.get(indicator.code)
        shown = cell(indicator, value) if cell else plain(value)
        rows.append([n, label(indicator) if label else indicator.name_zh, indicator.unit_zh,
                     "" if shown is None else shown, ""])
    return rows


def save_table(path: Path, rows: list[list[object]], sheet: str = "月报表") -> None:
    book = Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    book.save(path)


def save_template(path: Path, catalog: Catalog, unit: Unit, period: date, cells: dict[str, object],
                  formats: dict[str, str] | None = None) -> None:
    """The standard template (the real one), with typed cells by address."""
    book = build_form(unit, period, catalog)
    sheet = book["月报表"]
    for ref, value in cells.items():
        sheet[ref] = value
    for ref, number_format in (formats or {}).items():
        sheet[ref].number_format = number_format
    book.save(path)


def template_cells(catalog: Catalog, unit: Unit, values: dict[str, float | None]) -> dict[str, object]:
    rows = indicator_rows(catalog, unit.kind)
    return {f"D{rows[code]}": plain(v) for code, v in values.items() if v is not None}


def cache_formula_results(path: Path, result: str = "0") -> None:
    """Give every formula a cached result, as Excel does on save (openpyxl writes none)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    for name, data in parts.items():
        if name.startswith("xl/worksheets/sheet"):
            text = data.decode("utf-8")
            text = re.sub(r"(<f>[^<]*</f>)(?:<v\s*/>|<v></v>)?", rf"\1<v>{result}</v>", text)
            parts[name] = text.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def write_text(path: Path, rows: list[list[object]], encoding: str, separator: str = "\t") -> None:
    lines = [separator.join("" if v is None else str(v) for v in row) for row in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))


def write_csv(path: Path, rows: list[list[object]], encoding: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def write_html(path: Path, heading: str, rows: list[list[object]]) -> None:
    width = max(len(r) for r in rows)
    body = [f'<tr><td colspan="{width}">{heading}</td></tr>'] + [
        "<tr>" + "".join(f"<td>{'' if v is None else str(v).replace(chr(10), '<br>')}</td>" for v in row) + "</tr>"
        for row in rows]
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>'
            '<table border="1">' + "\r\n".join(body) + "</table></body></html>")
    path.write_bytes(page.encode("gbk"))


# --- the messes: each writes one file and says what a careful clerk reads in it ----------------------

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


# --- scoring -------------------------------------------------------------------------------------------

@dataclass
class Score:
    should_accept: int = 0
    accepted: int = 0
    values: int = 0
    recalled: int = 0
    wrong: int = 0
    must_refuse: int = 0
    refused_but_accepted: int = 0
    reasons: Counter = field(default_factory=Counter)
    by_mess: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # mess -> [right, files]
    wrong_examples: list = field(default_factory=list)


def reason(message: str) -> str:
    """A message with its file, sheet, cell and quoted words blanked, so that alike messages group."""
    text = re.sub(r"文件「[^」]*」", "", message)
    text = re.sub(r"工作表「[^」]*」", "", text)
    text = re.sub(r"^[A-Z]{1,3}\d+", "", text)
    text = re.sub(r"「[^」]*」", "「…」", text)
    text = re.sub(r"\d+", "N", text)
    return text.lstrip("：")[:90]


def same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def score_file(truth: Truth, submissions: list[Submission], score: Score) -> None:
    accepted = [s for s in submissions if s.status == "accepted"]
    for sub in accepted:  # every number loaded must be the file's own, for its unit and month
        right_form = sub.unit_code == truth.unit.code and sub.period == truth.period
        for v in sub.values:
            if v.value is None:
                continue
            if not (right_form and v.indicator_code in truth.values and same(v.value, truth.values[v.indicator_code])):
                score.wrong += 1
                if len(score.wrong_examples) < 8:
                    score.wrong_examples.append(
                        f"{truth.mess} {truth.file} {v.sheet}!{v.cell} {v.indicator_code}={v.value} loaded as "
                        f"{sub.unit_code} {sub.period:%Y-%m}; truth: {truth.unit.code} {truth.period:%Y-%m} "
                        f"{v.indicator_code}={truth.values.get(v.indicator_code)}")
    counts = score.by_mess[truth.mess]
    counts[1] += 1
    if not truth.accept:
        score.must_refuse += 1
        if accepted:
            score.refused_but_accepted += 1
        else:
            counts[0] += 1
        return
    score.should_accept += 1
    score.values += len(truth.values)
    good = (len(submissions) == 1 and accepted and accepted[0].unit_code == truth.unit.code
            and accepted[0].period == truth.period)
    if good:
        score.accepted += 1
        counts[0] += 1
        loaded = {v.indicator_code: v.value for v in accepted[0].values if v.value is not None}
        score.recalled += sum(1 for c, t in truth.values.items() if c in loaded and same(loaded[c], t))
        return
    first = next((p.message() for s in submissions for p in s.problems if p.blocking), None)
    if first is None:
        first = f"{len(submissions)} submissions: " + ", ".join(
            f"{s.status} {s.unit_code} {s.period}" for s in submissions)
    score.reasons[reason(first)] += 1


# --- main ---------------------------------------------------------------------------------------------

def run_county(index: int, seed: int, months: int, office: int, folder: Path,
               catalog: Catalog) -> tuple[str, Score, float, float]:
    name, messy_share = COUNTIES[index % len(COUNTIES)]
    rng = random.Random(f"{seed}|{index}")
    registry = county_registry(rng, townships=rng.randint(10, 16))
    folder.mkdir(parents=True)
    started = time.perf_counter()
    truths = []
    number = 0
    for month in range(1, months + 1):
        period = date(YEAR, month, 1)
        for unit in registry.units:
            number += 1
            mess = pick_mess(rng, messy_share, unit)
            values = figures(rng, catalog, unit.kind)
            truths.append(make_file(mess, folder, number, catalog, unit, period, values, rng))
    through_office(folder, truths, office, rng)
    written = time.perf_counter() - started
    write_manifest(folder / "truth.csv", truths)
    started = time.perf_counter()
    score = Score()
    for truth in truths:
        path = folder / truth.file
        sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
        score_file(truth, read_submissions(path, truth.file, sha256, catalog, registry, TODAY), score)
    return name, score, written, time.perf_counter() - started


OFFICE_MESSES = ("template", "retyped", "labels", "numbers_as_text", "two_row_header", "percent_cell", "date_cell",
                 "blank_template", "formulas_over_blanks")
NO_THUMBNAIL = ('<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" '
                'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                '<item oor:path="/org.openoffice.Office.Common/Save/Document"><prop oor:name="GenerateThumbnail" '
                'oor:op="fuse"><value>false</value></prop></item></oor:items>')


def through_office(folder: Path, truths: list[Truth], count: int, rng: random.Random) -> None:
    """Have LibreOffice open some xlsx files and save them as .xls or .ods instead (skipped without soffice).

    LibreOffice keeps what the file says (values, number formats, merges, hidden sheets, cached formula
    results), so each file's truth holds; its mess is marked with the new container.
    """
    program = shutil.which("soffice")
    candidates = [t for t in truths if t.mess in OFFICE_MESSES and t.file.endswith(".xlsx")]
    if program is None or count <= 0 or not candidates:
        return
    messy = [t for t in candidates if t.mess != "template"]  # two thirds messy files, the rest templates
    chosen = rng.sample(messy, min(len(messy), count * 2 // 3))
    plain_templates = [t for t in candidates if t.mess == "template"]
    chosen += rng.sample(plain_templates, min(len(plain_templates), count - len(chosen)))
    profile = folder / "_office_profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(NO_THUMBNAIL, encoding="utf-8")
    for suffix, group in (("xls", chosen[::2]), ("ods", chosen[1::2])):
        out = folder / f"_office_{suffix}"
        subprocess.run([program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", suffix,
                        "--outdir", str(out), *(str(folder / t.file) for t in group)],
                       check=True, capture_output=True, timeout=600)
        for truth in group:
            made = out / Path(truth.file).with_suffix(f".{suffix}").name
            (folder / truth.file).unlink()
            shutil.move(made, folder / made.name)
            truth.file, truth.mess = made.name, f"{truth.mess}.{suffix}"
        out.rmdir()
    shutil.rmtree(profile)


def write_manifest(path: Path, truths: list[Truth]) -> None:
    """The ground truth beside the files (kept with --keep): file, mess, verdict, unit, month, values."""
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n")
    out.writerow(["file", "mess", "careful_clerk", "unit", "period", "values"])
    for t in truths:
        out.writerow([t.file, t.mess, "accept" if t.accept else "refuse", t.unit.code, f"{t.period:%Y-%m}",
                      json.dumps(t.values, sort_keys=True)])
    path.write_text(buffer.getvalue(), encoding="utf-8")


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} %" if whole else "    – "


def print_county(name: str, score: Score, written: float, read: float) -> None:
    print(f"\n== {name}: {score.should_accept + score.must_refuse} files "
          f"(written in {written:.1f} s, read in {read:.1f} s)")
    print(f"   accepted (of those a careful clerk accepts)  {score.accepted:4d} / {score.should_accept:<4d} "
          f"{percent(score.accepted, score.should_accept)}")
    print(f"   value recall                                 {score.recalled:4d} / {score.values:<4d} "
          f"{percent(score.recalled, score.values)}")
    print(f"   wrong values loaded (must be 0)              {score.wrong:4d}")
    print(f"   must be refused but accepted (must be 0)     {score.refused_but_accepted:4d} / {score.must_refuse}")
    for example in score.wrong_examples:
        print(f"     wrong: {example}")
    if score.reasons:
        print("   false rejections by first message:")
        for text, count in score.reasons.most_common(12):
            print(f"     {count:4d}  {text}")


def print_messes(scores: list[Score]) -> None:
    total: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for score in scores:
        for mess, (right, files) in score.by_mess.items():
            total[mess][0] += right
            total[mess][1] += files
    print("\n== outcome per kind of file, all counties (right / files; right = accepted with the right unit "
          "and month, or refused for a trap)")
    order = ["template", *ACCEPTED_MESSES, *TRAPS]
    for mess in sorted(total, key=lambda m: (order.index(m.split(".")[0]), m)):
        right, files = total[mess]
        group = "refuse" if mess.split(".")[0] in TRAPS else "read"
        print(f"   {group:6s} {mess:26s} {right:4d} / {files:<4d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counties", type=int, default=3)
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--months", type=int, default=6, help="months of 2020 from January (1-12)")
    parser.add_argument("--office", type=int, default=10,
                        help="files per county LibreOffice saves as .xls/.ods (0: none; skipped without soffice)")
    parser.add_argument("--keep", type=Path, help="write the files here and keep them (default: a temporary folder)")
    args = parser.parse_args()
    if not 1 <= args.months <= 12 or args.counties < 1:
        parser.error("--months must be 1-12 and --counties at least 1")
    root = args.keep or Path(tempfile.mkdtemp(prefix="reading-accuracy-"))
    if args.keep and root.exists() and any(root.iterdir()):
        parser.error(f"{root} is not empty")
    catalog = load_catalog()
    started = time.perf_counter()
    scores = []
    try:
        for index in range(args.counties):
            name, score, written, read = run_county(index, args.seed, args.months, args.office,
                                               root / f"county{index + 1}", catalog)
            print_county(name, score, written, read)
            scores.append(score)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    print_messes(scores)
    office = f"{args.office} files a county saved by LibreOffice" if shutil.which("soffice") and args.office \
        else "no file saved by LibreOffice"
    print(f"\nseed {args.seed}, {args.counties} counties, {args.months} months, {office}, "
          f"{time.perf_counter() - started:.1f} s in all" + (f"; files kept in {root}" if args.keep else ""))


if __name__ == "__main__":
    main()
