"""Read a filled-in standard monthly form from its cell grid into a submission's values."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from . import form_layout as layout
from .catalog import Catalog, Indicator
from .form_identity import agreed, period_in_text
from .grid import SheetGrid, WorkbookGrid, cell_address
from .labels import LabelIndex, LabelMatch
from .numbers import ValueProblem, parse_value
from .problems import Problem, error
from .submission import ReportedValue
from .units import KIND_ZH, Unit, UnitRegistry

SECTION_ROW = re.compile(r"^[一二三四五六七八九十]+[、.．]")
SKIPPED_ROWS = ("合计", "总计", "小计", "注：", "注:", "说明", "填表说明")  # totals and notes carry no indicator
HEADER_SEARCH_ROWS = 40


@dataclass
class FormReading:
    """What a form says: its unit, month and values, plus every problem found on the way."""

    unit: Unit | None = None
    period: date | None = None
    values: list[ReportedValue] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Columns:
    """Where the header row is and which column holds what."""

    header_row: int
    label: int
    month: int
    unit: int | None


def read_standard_form(
    book: WorkbookGrid, catalog: Catalog, registry: UnitRegistry, today: date
) -> FormReading:
    """Read the form's unit, month and values; problems name the file, sheet and cell."""
    reading = FormReading()
    sheet, columns = _find_form_sheet(book)
    if sheet is None or columns is None:
        reading.problems.append(error(
            f"未找到报表表头（应有“{layout.LABEL_HEADER}”和“本月”两列），请使用下发的报表模板填报",
            book.file_name,
        ))
        return reading
    meta = _meta_values(book)
    heading = _heading_texts(sheet, columns)
    reading.unit = _identify_unit(book, sheet, heading, meta, registry, reading.problems)
    reading.period = _identify_period(book, sheet, heading, meta, today, reading.problems)
    kind = reading.unit.kind if reading.unit else None
    reading.values = _read_values(sheet, columns, catalog, kind, reading.problems)
    return reading


def normalized(text: str) -> str:
    """A label with all whitespace removed, as it is matched against the catalog."""
    return "".join(text.split())


def _find_form_sheet(book: WorkbookGrid) -> tuple[SheetGrid | None, Columns | None]:
    for sheet in book.visible_sheets():
        columns = _find_columns(sheet)
        if columns is not None:
            return sheet, columns
    return None, None


def _find_columns(sheet: SheetGrid) -> Columns | None:
    for r, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        texts = [normalized(v) if isinstance(v, str) else "" for v in row]
        if layout.LABEL_HEADER not in texts:
            continue
        month = next((texts.index(h) for h in layout.MONTH_HEADERS if h in texts), None)
        if month is None:
            continue
        unit = texts.index(layout.UNIT_HEADER) if layout.UNIT_HEADER in texts else None
        return Columns(r, texts.index(layout.LABEL_HEADER), month, unit)
    return None


def _meta_values(book: WorkbookGrid) -> dict[str, str]:
    meta = book.sheet(layout.META_SHEET)
    if meta is None:
        return {}
    pairs = {meta.text(r, 0): meta.text(r, 1) for r in range(len(meta.rows))}
    return pairs if pairs.get("form") == layout.FORM_ID else {}


def _heading_texts(sheet: SheetGrid, columns: Columns) -> list[tuple[str, str]]:
    """(cell, text) for each non-empty cell above the header row."""
    return [
        (cell_address(r, c), value.strip() if isinstance(value, str) else str(value))
        for r in range(columns.header_row) for c, value in enumerate(sheet.rows[r])
        if value is not None and value != "" and (not isinstance(value, str) or value.strip())
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
        elif layout.TITLE_SUFFIX in normalized(text) or period_in_text(text):
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
    for where, text in ((f"工作表名「{sheet.name}」", sheet.name), (f"文件名「{book.file_name}」", book.file_name)):
        if not stated and period_in_text(text):
            stated[where] = period_in_text(text)  # type: ignore[assignment]
    period, ok = agreed(stated)
    if not ok:
        problems.append(_disagreement("报表月份", {w: f"{p.year}年{p.month}月" for w, p in stated.items()}, sheet))
        return None
    if period is None:
        problems.append(error(
            "无法确定报表月份：标题中未写明“××××年×月”，请按模板填写标题", book.file_name, sheet.name
        ))
        return None
    if period > today.replace(day=1):
        problems.append(error(
            f"报表月份{period.year}年{period.month}月尚未到来，请核实标题中的月份", book.file_name, sheet.name
        ))
        return None
    return period  # type: ignore[return-value]


def _read_values(
    sheet: SheetGrid, columns: Columns, catalog: Catalog, kind: str | None,
    problems: list[Problem],
) -> list[ReportedValue]:
    values: dict[str, ReportedValue] = {}
    for r in range(columns.header_row + 1, len(sheet.rows)):
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
        raw = row[columns.month] if columns.month < len(row) else ""
        blank = raw is None or (isinstance(raw, str) and not raw.strip())
        if blank and not label or label.startswith(SKIPPED_ROWS):
            continue
        found = _row_value(sheet, r, columns, label, indicator, raw, blank, kind, match)
        if isinstance(found, Problem):
            problems.append(found)
        elif found is not None:
            earlier = values.get(found.indicator_code)
            if earlier is None:
                values[found.indicator_code] = found
            elif earlier.value != found.value:
                name = catalog.get(found.indicator_code).name_zh
                problems.append(error(
                    f"「{name}」在{earlier.cell}和{found.cell}填了不同的数，请只保留一个",
                    sheet.file_name, sheet.name, found.cell,
                ))
    return list(values.values())


def _is_footer(row: list[object]) -> bool:
    return any(isinstance(v, str) and v.lstrip().startswith(layout.FOOTER_WORDS) for v in row)


def _row_value(
    sheet: SheetGrid, r: int, columns: Columns, label: str, indicator: Indicator | None,
    raw: object, blank: bool, kind: str | None, match: LabelMatch | None = None,
) -> ReportedValue | Problem | None:
    """The row's value, a problem, or None for a row that carries nothing to load."""
    cell = cell_address(r, columns.month)
    if indicator is None:
        return None if blank else _unknown_row(sheet, r, columns, label, raw, cell, match)
    if kind is not None and not indicator.reported_by_kind(kind):
        if blank:
            return None
        return error(f"「{indicator.name_zh}」不由{KIND_ZH[kind]}填报，请删除该数字", sheet.file_name, sheet.name, cell)
    if blank:
        return ReportedValue(indicator.code, None, sheet.name, cell)
    row = sheet.rows[r]
    if columns.unit is not None and columns.unit < len(row) and row[columns.unit] != indicator.unit_zh:
        unit_text = normalized(sheet.text(r, columns.unit))
        if unit_text and unit_text != indicator.unit_zh:
            return error(f"计量单位为「{unit_text}」，「{indicator.name_zh}」应以「{indicator.unit_zh}」填报",
                         sheet.file_name, sheet.name, cell_address(r, columns.unit))
    try:
        value = parse_value(raw, indicator)
    except ValueProblem as exc:
        return error(str(exc), sheet.file_name, sheet.name, cell)
    return ReportedValue(indicator.code, value, sheet.name, cell)


def _unknown_row(sheet: SheetGrid, r: int, columns: Columns, label: str, raw: object, cell: str,
                 match: LabelMatch | None) -> Problem:
    """The problem with a value on a row whose label names no single catalog indicator."""
    where = (sheet.file_name, sheet.name, cell_address(r, columns.label))
    if not label or SECTION_ROW.match(label) or match is None:
        return error(f"「{raw}」所在行没有指标名称，无法确认是哪项指标，请删除或补全指标名称",
                     sheet.file_name, sheet.name, cell)
    if match.ambiguous:
        names = "、".join(f"「{i.name_zh}」" for i in match.ambiguous)
        return error(f"指标「{label}」可能是{names}中的任一项，无法确定，请按下发模板的指标名称填写", *where)
    nearest = "，最接近的是" + "、".join(f"「{n}」" for n in match.suggestions) if match.suggestions else ""
    return error(f"指标「{label}」不在统计指标目录中{nearest}，请按下发模板的指标名称填写", *where)


def label_index(catalog: Catalog) -> LabelIndex:
    """The catalog's label index, built once per catalog object."""
    index = catalog.__dict__.get("_label_index")
    if index is None:
        index = catalog.__dict__["_label_index"] = LabelIndex(catalog)
    return index
