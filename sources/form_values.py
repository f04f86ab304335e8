"""A form's rows to values: each row's label through the label resolver, its cell through the value parser."""
from __future__ import annotations

import re
from decimal import Decimal

from . import form_layout as layout
from .catalog import Catalog, Indicator, not_in_effect_text
from .form_layouts import Columns, normalized
from .form_reading import FormReading
from .grid import SheetGrid, cell_address
from .labels import LabelMatch, label_index, unresolved_text
from .numbers import ValueProblem, checked_number, read_number
from .problems import NOTE, Problem, error, warning
from .submission import ReportedValue
from .units import KIND_ZH

SECTION_ROW = re.compile(r"^[一二三四五六七八九十]+[、.．]")
SKIPPED_ROWS = ("合计", "总计", "小计", "注：", "注:", "说明", "填表说明")  # totals and notes carry no indicator
COLUMN_NUMBERS = frozenset(("甲", "乙", "丙", "丁"))  # the row numbering a form's columns: 甲 | 乙 | 1 | 2
HEADER_LABELS = frozenset(layout.LABEL_HEADERS)
LABEL_UNIT = re.compile(r"[（(]\s*(万元|元|人次|人|名|次|件|个|项|处|支|批次|篇|例|轮)\s*[）)]\s*$")


def read_values(sheet: SheetGrid, columns: Columns, value_column: int, catalog: Catalog, kind: str | None,
                reading: FormReading) -> None:
    """Fill the reading's values, remarks and stated 本年累计 from the rows below the header, with the
    indicators in effect in the reading's month."""
    catalog = catalog.in_effect(reading.period)
    problems, remarks = reading.problems, reading.remarks
    values: dict[str, ReportedValue] = {}
    filled, villages = False, columns.villages
    hidden = sorted(r for r in sheet.hidden_rows if r >= columns.body and sheet.text(r, value_column))
    if hidden:
        problems.append(Problem(NOTE, f"第{'、'.join(str(r + 1) for r in hidden)}行已隐藏，其中的数字未读取；"
                                "如需报送请取消隐藏", sheet.file_name, sheet.name))
    copies = _merged_down(sheet, value_column)  # rows whose value cell is a copy of a merged range's top
    tops: dict[int, str | None] = dict.fromkeys(copies.values())  # the indicator of each such range's top row
    refused: set[int] = set()  # the tops of ranges already refused (one message per range)
    for r in range(columns.body, len(sheet.rows)):
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
            typed, label = label, normalized(label)  # the resolver sees the spaces: `1 立案`, `1.1 90后干部`
            if label in COLUMN_NUMBERS or label in HEADER_LABELS:
                continue  # 甲 | 乙 | 1 | 2, or a header's second row (指标名称 merged down): no indicator
            if not label or SECTION_ROW.match(label) or label.startswith(SKIPPED_ROWS):
                match = None
            else:
                match = label_index(catalog).match(typed)
            indicator = match.indicator if match else None
        raw = row[value_column] if value_column < len(row) else ""
        blank = raw is None or (isinstance(raw, str) and not raw.strip())
        if copies and (r in copies or r in tops):
            code = indicator.code if indicator is not None else None
            if r in tops:
                tops[r] = code
            elif not blank and (not label or tops[copies[r]] != code):
                if label and copies[r] not in refused:  # one number over two indicators' rows
                    refused.add(copies[r])
                    problems.append(_merged_over_rows(sheet, copies[r], r, value_column, catalog, tops[copies[r]],
                                                      code))
                continue  # under a row with no label, the number is the top row's alone
        if blank and not label or label.startswith(SKIPPED_ROWS):
            continue
        if indicator is None and not blank and (absent := _not_in_effect(catalog, typed, label, reading.period)):
            problems.append(error(not_in_effect_text(absent, reading.period, catalog),  # type: ignore[arg-type]
                                  sheet.file_name, sheet.name, cell_address(r, value_column)))
            continue
        if not blank and not filled:
            filled = not _formula_nothing(sheet, r, value_column, raw)
        stated = _stated_unit(sheet, r, columns, label) if indicator is not None else None  # the row's unit
        found = _row_value(sheet, r, value_column, label, stated, indicator, raw, blank, kind, match, columns, problems)
        remark = row[columns.remark] if columns.remark is not None and columns.remark < len(row) else None
        if indicator is not None and remark not in (None, "") and sheet.text(r, columns.remark):  # type: ignore[arg-type]
            remarks[indicator.code] = sheet.text(r, columns.remark)  # type: ignore[arg-type]
        if villages and isinstance(found, ReportedValue):
            found = _checked_against_villages(sheet, r, columns, stated, indicator, found)  # type: ignore[arg-type]
        if isinstance(found, Problem):
            problems.append(found)
        elif found is not None and columns.ytd is not None and indicator.aggregation == "sum":  # type: ignore[union-attr]
            _stated_ytd(sheet, r, columns, stated, indicator, reading)  # type: ignore[arg-type]
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
    reading.values, reading.filled = list(values.values()), filled


def _not_in_effect(catalog: Catalog, typed: str, label: str, month: object) -> Indicator | None:
    """The indicator a row's label names that is not in effect in the form's month, if any."""
    if catalog.whole is catalog or month is None:
        return None
    found = catalog.out_of_effect(label)
    if found is None:
        match = label_index(catalog.whole).match(typed)  # type: ignore[arg-type]
        found = match.indicator if match.indicator is not None and match.indicator.code not in {
            i.code for i in catalog.indicators} else None
    return found


def _merged_down(sheet: SheetGrid, column: int) -> dict[int, int]:
    """Each row under the top of a range merged down the value column, with the top's row (the grid copies
    the top's value there)."""
    return {r: r1 for r1, c1, r2, _ in sheet.merged if c1 == column and r2 > r1 for r in range(r1 + 1, r2 + 1)}


def _merged_over_rows(sheet: SheetGrid, top: int, r: int, column: int, catalog: Catalog, top_code: str | None,
                      code: str | None) -> Problem:
    """A number in a cell merged over two indicators' rows: whose it is is a guess."""
    names = "」「".join(catalog.get(c).name_zh if c else f"第{row + 1}行" for c, row in ((top_code, top), (code, r)))
    first = cell_address(top, column)
    return error(f"与{cell_address(r, column)}合并为一格，一个数跨了「{names}」两行，无法确定是哪一项的，"
                 "请取消合并，每项分别填写", sheet.file_name, sheet.name, first)


def _formula_nothing(sheet: SheetGrid, r: int, c: int, raw: object) -> bool:
    """Whether the cell is a formula whose result is 0 or blank: computed from blanks, it reports nothing."""
    return bool(sheet.formulas) and (r, c) in sheet.formulas and (raw == 0 or not str(raw).strip())


def _stated_ytd(sheet: SheetGrid, r: int, columns: Columns, unit: str | None, indicator: Indicator,
                reading: FormReading) -> None:
    """Keep the row's 本年累计 for the cross-check; one that can't be read is a warning, not an error."""
    column = columns.ytd
    raw = sheet.value(r, column)  # type: ignore[arg-type]
    if raw is None or (isinstance(raw, str) and not raw.strip()) or indicator.code in reading.stated_ytd:
        return
    cell = cell_address(r, column)  # type: ignore[arg-type]
    shown = sheet.formats.get((r, column)) if sheet.formats else None  # type: ignore[arg-type]
    try:
        if type(raw) is float and shown is None and unit in (None, indicator.unit_zh):
            stated = checked_number(raw, indicator)  # the usual case: a typed number on a plain row
        else:
            stated = read_number(raw, indicator, unit, cell_format=shown).value
    except ValueProblem as exc:
        reading.problems.append(warning(f"本年累计无法核对：{exc}", sheet.file_name, sheet.name, cell))
        return
    if stated is not None:
        reading.stated_ytd[indicator.code] = ReportedValue(indicator.code, stated, sheet.name, cell)


def _is_footer(row: list[object]) -> bool:
    return any(isinstance(v, str) and v.lstrip().startswith(layout.FOOTER_WORDS) for v in row)


def _row_value(
    sheet: SheetGrid, r: int, value_column: int, label: str, stated: str | None, indicator: Indicator | None,
    raw: object, blank: bool, kind: str | None, match: LabelMatch | None, columns: Columns, notes: list[Problem],
) -> ReportedValue | Problem | None:
    """The row's value, a problem, or None for a row that carries nothing to load; `stated` is the unit
    the row states."""
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
    shown = sheet.formats.get((r, value_column)) if sheet.formats else None
    try:
        if type(raw) is float and shown is None and stated in (None, indicator.unit_zh):  # a typed number, plain row
            return ReportedValue(indicator.code, checked_number(raw, indicator), sheet.name, cell)
        reading = read_number(raw, indicator, stated, cell_format=shown)
    except ValueProblem as exc:
        return error(str(exc), sheet.file_name, sheet.name, cell)
    if reading.note:
        notes.append(Problem(NOTE, reading.note, sheet.file_name, sheet.name, cell))
    return ReportedValue(indicator.code, reading.value, sheet.name, cell)


def _cell_number(sheet: SheetGrid, r: int, c: int, raw: object, indicator: Indicator,
                 stated: str | None) -> tuple[float | None, str | None]:
    """The cell's number and a note for the clerk; ValueProblem when it can't be trusted."""
    shown = sheet.formats.get((r, c)) if sheet.formats else None
    if type(raw) is float and shown is None and stated in (None, indicator.unit_zh):  # a typed number, plain row
        return checked_number(raw, indicator), None
    reading = read_number(raw, indicator, stated, cell_format=shown)
    return reading.value, reading.note


def _checked_against_villages(sheet: SheetGrid, r: int, columns: Columns, stated: str | None,
                              indicator: Indicator, total: ReportedValue) -> ReportedValue | Problem:
    """The 合计 cell, when the villages' cells add up to it; else the problem naming them all."""
    numbers: list[float] = []
    for c in columns.villages:
        raw = sheet.value(r, c)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        try:
            value = _cell_number(sheet, r, c, raw, indicator, stated)[0]
        except ValueProblem as exc:
            return error(str(exc), sheet.file_name, sheet.name, cell_address(r, c))
        if value is not None:
            numbers.append(value)
    if not numbers:
        return total  # only the township's total was filled in
    villages = sum((Decimal(str(n)) for n in numbers), Decimal(0))
    if total.value is not None and Decimal(str(total.value)) == villages:
        return total
    cells = "、".join(cell_address(r, c) for c in columns.villages)
    shown = "未填写" if total.value is None else f"为{_plain(Decimal(str(total.value)))}"
    return error(f"「{indicator.name_zh}」合计{total.cell}{shown}，与各村（{cells}）之和{_plain(villages)}不符，"
                 "请核对合计与各村的数后重新报送", sheet.file_name, sheet.name, total.cell)


def _plain(number: Decimal) -> str:
    return f"{number.normalize():f}"


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
