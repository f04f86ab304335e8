"""Read a filled-in standard monthly form from its cell grid into a submission's values."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from . import form_layout as layout
from .catalog import Catalog, Indicator
from .form_identity import agreed, period_in_text
from .grid import SheetGrid, WorkbookGrid, cell_address
from .labels import LabelMatch, label_index, unresolved_text
from .numbers import ValueProblem, checked_number, read_number
from .problems import NOTE, Problem, error, warning
from .submission import ReportedValue
from .units import KIND_ZH, Unit, UnitRegistry

SECTION_ROW = re.compile(r"^[一二三四五六七八九十]+[、.．]")
SKIPPED_ROWS = ("合计", "总计", "小计", "注：", "注:", "说明", "填表说明")  # totals and notes carry no indicator
HEADER_SEARCH_ROWS = 40
MONTH_HEADER = re.compile(r"^(\d{1,2})月(?:份)?$")
YEAR = re.compile(r"(\d{4})\s*年")
INSTRUCTION_LINE = re.compile(r"^[（(【\[]?\s*(?:请|注[:：]|说明[:：]|填报说明|报送要求)")
LABEL_UNIT = re.compile(r"[（(]\s*(万元|元|人次|人|名|次|件|个|项|处|支|批次|篇|例|轮)\s*[）)]\s*$")


@dataclass
class FormReading:
    """What one form (a sheet, or one month column) says: unit, month, values, remarks, problems."""

    unit: Unit | None = None
    period: date | None = None
    values: list[ReportedValue] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    remarks: dict[str, str] = field(default_factory=dict)
    sheet: str = ""
    stated_ytd: dict[str, ReportedValue] = field(default_factory=dict)  # 本年累计 of sum indicators


@dataclass(frozen=True)
class Columns:
    """Where the header row is and which column holds what.

    The standard layout has one value column (本月); the catch-up layout has one per month.
    """

    header_row: int
    label: int
    month: int | None
    unit: int | None
    remark: int | None = None
    ytd: int | None = None  # 本年累计: a cross-check, never loaded
    month_columns: tuple[tuple[int, int], ...] = ()  # (column, month number) of the catch-up layout


def read_forms(book: WorkbookGrid, catalog: Catalog, registry: UnitRegistry, today: date) -> list[FormReading]:
    """Every form in the workbook: one per form sheet, or one per month column of a catch-up sheet."""
    found = [(sheet, columns) for sheet in book.visible_sheets() if (columns := _find_columns(sheet))]
    if not found and not any(s.text(r, c) for s in book.sheets for r, row in enumerate(s.rows)
                             for c in range(len(row))):
        return [FormReading(problems=[error("文件是空表，没有填写任何内容，请填写报表后重新报送", book.file_name)])]
    if not found:
        return [FormReading(problems=[error(
            f"未找到报表表头（应有“{layout.LABEL_HEADER}”和“本月”两列，或“1月”“2月”……各月一列），"
            "请使用下发的报表模板填报", book.file_name,
        )])]
    meta = _meta_values(book) if len(found) == 1 else {}  # the template's metadata speaks for one sheet
    readings: list[FormReading] = []
    for sheet, columns in found:
        readings += _sheet_forms(book, sheet, columns, meta, catalog, registry, today)
    hidden = [s.name for s in book.sheets if s.hidden and s.name != layout.META_SHEET and _find_columns(s)]
    if hidden and readings:
        names = "、".join(f"「{name}」" for name in hidden)
        readings[0].problems.append(Problem(NOTE, f"工作表{names}已隐藏，未读取；如需报送请取消隐藏", book.file_name))
    return _without_repeats(readings, book.file_name)


def _sheet_forms(
    book: WorkbookGrid, sheet: SheetGrid, columns: Columns, meta: dict[str, str], catalog: Catalog,
    registry: UnitRegistry, today: date,
) -> list[FormReading]:
    heading = _heading_texts(sheet, columns)
    problems: list[Problem] = _hidden_column_notes(sheet, columns)
    unit = _identify_unit(book, sheet, heading, meta, registry, problems)
    kind = unit.kind if unit else None
    if not columns.month_columns:
        period = _identify_period(book, sheet, heading, meta, today, problems)
        reading = FormReading(unit, period, problems=problems, sheet=sheet.name)
        _read_values(sheet, columns, columns.month, catalog, kind, reading)  # type: ignore[arg-type]
        return [reading]
    year = _year_hint(book, sheet, heading, meta)
    if year is None:
        problems.append(error("无法确定年份：各月一列的报表须在标题中写明年份（如“2020年”）", book.file_name, sheet.name))
    readings = []
    for column, month in columns.month_columns:
        reading = FormReading(unit, None, problems=list(problems), sheet=sheet.name)
        if year is not None:
            reading.period = _checked_future(date(year, month, 1), today, book, sheet, reading.problems)
        _read_values(sheet, columns, column, catalog, kind, reading)
        if any(v.value is not None for v in reading.values) or any(p.blocking for p in reading.problems):
            readings.append(reading)  # a month column left empty is no submission
    return readings


def _without_repeats(readings: list[FormReading], file_name: str) -> list[FormReading]:
    """Two forms for the same unit and month in one file are both rejected, naming every sheet:
    which one is meant is a guess."""
    sheets: dict[tuple[object, object], list[str]] = {}
    for reading in readings:
        if reading.unit is not None and reading.period is not None:
            sheets.setdefault((reading.unit.code, reading.period), []).append(reading.sheet)
    for reading in readings:
        names = sheets.get((reading.unit.code if reading.unit else None, reading.period), [])
        if len(names) > 1:
            listed = "和".join(f"「{name}」" for name in names)
            reading.problems.append(error(
                f"本文件中工作表{listed}都是{reading.period.year}年{reading.period.month}月的报表，"  # type: ignore[union-attr]
                "无法确定以哪张为准，请只保留一张", file_name, reading.sheet,
            ))
    return readings


def normalized(text: str) -> str:
    """A label with all whitespace removed, as it is matched against the catalog."""
    return "".join(text.split())


def _find_columns(sheet: SheetGrid) -> Columns | None:
    """The header row: 指标名称 with 本月 (or 当月, 本期), or with one column per month (1月, 2月 …)."""
    for r, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        texts = [normalized(v) if isinstance(v, str) and c not in sheet.hidden_cols else ""
                 for c, v in enumerate(row)]
        if layout.LABEL_HEADER not in texts:
            continue
        unit = texts.index(layout.UNIT_HEADER) if layout.UNIT_HEADER in texts else None
        remark = texts.index(layout.REMARK_HEADER) if layout.REMARK_HEADER in texts else None
        ytd = next((texts.index(h) for h in layout.YTD_HEADERS if h in texts), None)
        label = texts.index(layout.LABEL_HEADER)
        month = next((texts.index(h) for h in layout.MONTH_HEADERS if h in texts), None)
        if month is not None:
            return Columns(r, label, month, unit, remark, ytd)
        months = tuple((c, int(m.group(1))) for c, t in enumerate(texts) if (m := MONTH_HEADER.match(t))
                       and 1 <= int(m.group(1)) <= 12)
        if len(months) >= 2:
            return Columns(r, label, None, unit, remark, month_columns=months)
    return None


def _hidden_column_notes(sheet: SheetGrid, columns: Columns) -> list[Problem]:
    """A note naming the hidden columns below the header that hold something: they are not read."""
    filled = sorted(c for c in sheet.hidden_cols
                    if any(sheet.text(r, c) for r in range(columns.header_row, len(sheet.rows))))
    if not filled:
        return []
    letters = "、".join(cell_address(0, c)[:-1] for c in filled)
    return [Problem(NOTE, f"第{letters}列已隐藏，其中的内容未读取；如需报送请取消隐藏", sheet.file_name, sheet.name)]


def _meta_values(book: WorkbookGrid) -> dict[str, str]:
    meta = book.sheet(layout.META_SHEET)
    if meta is None:
        return {}
    pairs = {meta.text(r, 0): meta.text(r, 1) for r in range(len(meta.rows))}
    return pairs if pairs.get("form") == layout.FORM_ID else {}


def _heading_texts(sheet: SheetGrid, columns: Columns) -> list[tuple[str, str]]:
    """(cell, text) for each non-empty cell above the header row, except instructions to the clerk.

    A line like （请于2020年7月5日前报县委组织部） names the deadline and the recipient, not the form's
    month and unit.
    """
    return [
        (cell_address(r, c), text)
        for r in range(columns.header_row) for c, value in enumerate(sheet.rows[r])
        if value is not None and value != "" and (text := value.strip() if isinstance(value, str) else str(value))
        and not INSTRUCTION_LINE.match(text)
    ]


def _unit_line(text: str) -> str | None:
    compact = normalized(text)
    if not compact.startswith(layout.UNIT_LINE_PREFIX):
        return None
    rest = compact[len(layout.UNIT_LINE_PREFIX):].lstrip(":：")
    return rest.split(layout.DATE_LINE_PREFIX)[0]


def _identify_unit(
    book: WorkbookGrid, sheet: SheetGrid, heading: list[tuple[str, str]], meta: dict[str, str],
    registry: UnitRegistry, problems: list[Problem],
) -> Unit | None:
    named: dict[str, Unit] = {}
    seen: list[str] = []
    if meta.get("unit_code"):
        unit = registry.get(meta["unit_code"])
        if unit is None:
            problems.append(error(
                f"表内单位代码「{meta['unit_code']}」未在单位名册中登记，请联系县委办核实",
                book.file_name, layout.META_SHEET, "B3",
            ))
            return None
        named[f"隐藏信息表（{meta['unit_code']}）"] = unit
    for address, text in heading:
        line = _unit_line(text)
        if line is not None:
            if line:
                seen.append(line)
                found = registry.find_in_text(line)
                if found:
                    named[f"{address}“填报单位”「{line}」"] = found[0]
        elif not normalized(text).startswith(layout.DATE_LINE_PREFIX):
            seen.append(text)
            found = registry.find_in_text(text)
            if found:
                named[f"{address}标题「{text}」"] = found[0]
    if not named:
        for unit in registry.find_in_text(book.file_name)[:1]:
            named[f"文件名「{book.file_name}」"] = unit
    unit, ok = agreed(named)
    if not ok:
        problems.append(_disagreement("填报单位", {w: u.name_zh for w, u in named.items()}, sheet))
        return None
    if unit is None:
        saw = "、".join(f"「{s}」" for s in seen) or "无"
        problems.append(error(
            f"无法确定填报单位：表中未写明已登记的单位名称（看到的是：{saw}），请在“填报单位”栏填写单位全称",
            book.file_name, sheet.name,
        ))
    return unit  # type: ignore[return-value]


def _disagreement(what: str, stated: dict[str, str], sheet: SheetGrid) -> Problem:
    """The problem when places on the form name different units or months."""
    listing = "；".join(f"{where}为{value}" for where, value in stated.items())
    return error(f"{what}不一致（{listing}），请核实后重新报送", sheet.file_name, sheet.name)


def _identify_period(
    book: WorkbookGrid, sheet: SheetGrid, heading: list[tuple[str, str]], meta: dict[str, str],
    today: date, problems: list[Problem],
) -> date | None:
    stated: dict[str, date] = {}
    if meta.get("period"):
        period = period_in_text(meta["period"])
        if period:
            stated[f"隐藏信息表（{meta['period']}）"] = period
    for address, text in heading:
        if normalized(text).startswith((layout.DATE_LINE_PREFIX, layout.UNIT_LINE_PREFIX)):
            continue  # the filling date is never the period
        period = period_in_text(text)
        if period:
            stated[f"{address}标题「{text}」"] = period
    sheet_month = _sheet_month(sheet.name, _year_hint(book, sheet, heading, meta))
    if sheet_month is not None:
        stated[f"工作表名「{sheet.name}」"] = sheet_month
    if not stated and period_in_text(book.file_name):
        stated[f"文件名「{book.file_name}」"] = period_in_text(book.file_name)  # type: ignore[assignment]
    period, ok = agreed(stated)
    if not ok:
        problems.append(_disagreement("报表月份", {w: f"{p.year}年{p.month}月" for w, p in stated.items()}, sheet))
        return None
    if period is None:
        problems.append(error(
            "无法确定报表月份：标题中未写明“××××年×月”，请按模板填写标题", book.file_name, sheet.name
        ))
        return None
    return _checked_future(period, today, book, sheet, problems)  # type: ignore[arg-type]


def _checked_future(period: date, today: date, book: WorkbookGrid, sheet: SheetGrid,
                    problems: list[Problem]) -> date | None:
    if period > today.replace(day=1):
        problems.append(error(
            f"报表月份{period.year}年{period.month}月尚未到来，请核实标题中的月份", book.file_name, sheet.name
        ))
        return None
    return period


def _year_hint(book: WorkbookGrid, sheet: SheetGrid, heading: list[tuple[str, str]],
               meta: dict[str, str]) -> int | None:
    """The year the form speaks of: from the metadata, the title, the sheet name or the file name."""
    texts = [meta.get("period", "").replace("-", "年")]
    texts += [t for _, t in heading if not normalized(t).startswith(layout.DATE_LINE_PREFIX)]
    texts += [sheet.name, book.file_name]
    for text in texts:
        match = YEAR.search(text)
        if match and 2000 <= int(match.group(1)) <= 2100:
            return int(match.group(1))
    return None


def _sheet_month(name: str, year: int | None) -> date | None:
    """The month a sheet's name states: 2020年3月, 2020.03, or 3月 with the year from elsewhere."""
    full = period_in_text(name)
    if full is not None:
        return full
    match = MONTH_HEADER.match(normalized(name))
    if match and year is not None and 1 <= int(match.group(1)) <= 12:
        return date(year, int(match.group(1)), 1)
    return None


def _read_values(
    sheet: SheetGrid, columns: Columns, value_column: int, catalog: Catalog, kind: str | None,
    reading: FormReading,
) -> None:
    """Fill the reading's values, remarks and stated 本年累计 from the rows below the header."""
    problems, remarks = reading.problems, reading.remarks
    values: dict[str, ReportedValue] = {}
    hidden = sorted(r for r in sheet.hidden_rows if r > columns.header_row and sheet.text(r, value_column))
    if hidden:
        problems.append(Problem(NOTE, f"第{'、'.join(str(r + 1) for r in hidden)}行已隐藏，其中的数字未读取；"
                                "如需报送请取消隐藏", sheet.file_name, sheet.name))
    for r in range(columns.header_row + 1, len(sheet.rows)):
        if r in sheet.hidden_rows:
            continue
        row = sheet.rows[r]
        label = row[columns.label] if columns.label < len(row) else ""
        label = label if isinstance(label, str) else ("" if label is None else str(label))
        indicator = catalog.by_label(label)  # the usual case: the template's own wording
        match = None
        if indicator is None:
            if _is_footer(row):
                break
            label = normalized(label)
            if not label or SECTION_ROW.match(label) or label.startswith(SKIPPED_ROWS):
                match = None
            else:
                match = label_index(catalog).match(label)
            indicator = match.indicator if match else None
        raw = row[value_column] if value_column < len(row) else ""
        blank = raw is None or (isinstance(raw, str) and not raw.strip())
        if blank and not label or label.startswith(SKIPPED_ROWS):
            continue
        found = _row_value(sheet, r, columns, value_column, label, indicator, raw, blank, kind, match, problems)
        remark = row[columns.remark] if columns.remark is not None and columns.remark < len(row) else None
        if indicator is not None and remark not in (None, "") and sheet.text(r, columns.remark):  # type: ignore[arg-type]
            remarks[indicator.code] = sheet.text(r, columns.remark)  # type: ignore[arg-type]
        if isinstance(found, Problem):
            problems.append(found)
        elif found is not None and columns.ytd is not None and indicator.aggregation == "sum":  # type: ignore[union-attr]
            _stated_ytd(sheet, r, columns, label, indicator, reading)  # type: ignore[arg-type]
        if isinstance(found, ReportedValue):
            earlier = values.get(found.indicator_code)
            if earlier is None or earlier.value is None:  # a blank row (e.g. under a merged label) adds nothing
                values[found.indicator_code] = found if earlier is None or found.value is not None else earlier
            elif found.value is not None and earlier.value != found.value:
                name = catalog.get(found.indicator_code).name_zh
                problems.append(error(
                    f"「{name}」在{earlier.cell}和{found.cell}填了不同的数，请只保留一个",
                    sheet.file_name, sheet.name, found.cell,
                ))
    reading.values = list(values.values())


def _stated_ytd(sheet: SheetGrid, r: int, columns: Columns, label: str, indicator: Indicator,
                reading: FormReading) -> None:
    """Keep the row's 本年累计 for the cross-check; one that can't be read is a warning, not an error."""
    column = columns.ytd
    raw = sheet.value(r, column)  # type: ignore[arg-type]
    if raw is None or (isinstance(raw, str) and not raw.strip()) or indicator.code in reading.stated_ytd:
        return
    cell = cell_address(r, column)  # type: ignore[arg-type]
    try:
        unit = _stated_unit(sheet, r, columns, label)
        if type(raw) is float and unit in (None, indicator.unit_zh):
            stated = checked_number(raw, indicator)  # the usual case: a typed number on a plain row
        else:
            stated = read_number(raw, indicator, unit).value
    except ValueProblem as exc:
        reading.problems.append(warning(f"本年累计无法核对：{exc}", sheet.file_name, sheet.name, cell))
        return
    if stated is not None:
        reading.stated_ytd[indicator.code] = ReportedValue(indicator.code, stated, sheet.name, cell)


def _is_footer(row: list[object]) -> bool:
    return any(isinstance(v, str) and v.lstrip().startswith(layout.FOOTER_WORDS) for v in row)


def _row_value(
    sheet: SheetGrid, r: int, columns: Columns, value_column: int, label: str, indicator: Indicator | None,
    raw: object, blank: bool, kind: str | None, match: LabelMatch | None, notes: list[Problem],
) -> ReportedValue | Problem | None:
    """The row's value, a problem, or None for a row that carries nothing to load."""
    cell = cell_address(r, value_column)
    if indicator is None:
        return None if blank else _unknown_row(sheet, r, columns, label, raw, cell, match)
    if kind is not None and not indicator.reported_by_kind(kind):
        if blank:
            return None
        return error(f"「{indicator.name_zh}」不由{KIND_ZH[kind]}填报，请删除该数字", sheet.file_name, sheet.name, cell)
    if (r, value_column) in sheet.uncached:
        return error("是公式但没有计算结果，请在Excel中打开、重新计算后保存再报送", sheet.file_name, sheet.name, cell)
    if (r, value_column) in sheet.errors:
        return error(f"公式计算出错（{sheet.errors[(r, value_column)]}），请修正公式或直接填写数字",
                     sheet.file_name, sheet.name, cell)
    if blank:
        return ReportedValue(indicator.code, None, sheet.name, cell)
    stated = _stated_unit(sheet, r, columns, label)
    if type(raw) is float and stated in (None, indicator.unit_zh):  # a typed number on a plain row
        try:
            return ReportedValue(indicator.code, checked_number(raw, indicator), sheet.name, cell)
        except ValueProblem as exc:
            return error(str(exc), sheet.file_name, sheet.name, cell)
    try:
        reading = read_number(raw, indicator, stated)
    except ValueProblem as exc:
        return error(str(exc), sheet.file_name, sheet.name, cell)
    if reading.note:
        notes.append(Problem(NOTE, reading.note, sheet.file_name, sheet.name, cell))
    return ReportedValue(indicator.code, reading.value, sheet.name, cell)


def _stated_unit(sheet: SheetGrid, r: int, columns: Columns, label: str) -> str | None:
    """The unit the row states: its 计量单位 cell, else a bracket at the end of its label."""
    if columns.unit is not None:
        typed = sheet.value(r, columns.unit)
        if isinstance(typed, str) and typed and typed == typed.strip():
            return typed  # the usual case: the template's own unit, as written
    if columns.unit is not None and sheet.text(r, columns.unit):
        return normalized(sheet.text(r, columns.unit))
    bracket = LABEL_UNIT.search(label)
    return bracket.group(1) if bracket else None


def _unknown_row(sheet: SheetGrid, r: int, columns: Columns, label: str, raw: object, cell: str,
                 match: LabelMatch | None) -> Problem:
    """The problem with a value on a row whose label names no single catalog indicator."""
    if not label or SECTION_ROW.match(label) or match is None:
        return error(f"「{raw}」所在行没有指标名称，无法确认是哪项指标，请删除或补全指标名称",
                     sheet.file_name, sheet.name, cell)
    return error(unresolved_text(label, match), sheet.file_name, sheet.name, cell_address(r, columns.label))
