"""Read the monthly forms of a workbook: find each sheet's layout (form_layouts), whose month it is
(form_identity), its values (form_values), join a long form's parts (form_parts), refuse what can't be trusted."""
from __future__ import annotations

from datetime import date

from . import form_layout as layout
from .catalog import Catalog
from .form_identity import (checked_future, cover_texts, heading, identify_period, identify_unit, meta_values,
                            year_hint)
from .form_layouts import Columns, find_columns, normalized
from .form_parts import joined_parts
from .form_reading import FormReading
from .form_values import read_values
from .grid import SheetGrid, WorkbookGrid, cell_address
from .problems import NOTE, Problem, error
from .units import UnitRegistry

__all__ = ["FormReading", "normalized", "read_forms"]

EMPTY_FORM = "表中未填写任何数据"
EXAMPLE_SHEET_WORDS = ("示例", "样例", "范例", "样表", "填表说明", "填报说明")  # a sheet showing how to fill the form


def read_forms(book: WorkbookGrid, catalog: Catalog, registry: UnitRegistry, today: date) -> list[FormReading]:
    """Every form in the workbook: one per form sheet (or per long form in parts), or one per month column
    of a catch-up sheet."""
    found = [(sheet, columns) for sheet in book.visible_sheets() if (columns := find_columns(sheet))]
    if not found and not any(s.text(r, c) for s in book.sheets for r, row in enumerate(s.rows)
                             for c in range(len(row))):
        return [FormReading(problems=[error("文件是空表，没有填写任何内容，请填写报表后重新报送", book.file_name)])]
    if not found:
        return [FormReading(problems=[error(
            f"未找到报表表头（应有“{layout.LABEL_HEADER}”和“本月”两列，或“1月”“2月”……各月一列），"
            "请使用下发的报表模板填报", book.file_name,
        )])]
    found, examples = _without_examples(found)
    meta = meta_values(book) if len(found) == 1 else {}  # the template's metadata speaks for one sheet
    cover = cover_texts(book, [found[0][0]]) if len(found) == 1 else []  # and so does a cover sheet
    readings: list[FormReading] = []
    for sheet, columns in found:
        readings += _sheet_forms(book, sheet, columns, meta, cover, catalog, registry, today)
    if examples and readings:
        names = "、".join(f"「{name}」" for name in examples)
        readings[0].problems.append(Problem(NOTE, f"工作表{names}是填报示例，未读取", book.file_name))
    hidden = [s.name for s in book.sheets if s.hidden and s.name != layout.META_SHEET and find_columns(s)]
    if hidden and readings:
        names = "、".join(f"「{name}」" for name in hidden)
        readings[0].problems.append(Problem(NOTE, f"工作表{names}已隐藏，未读取；如需报送请取消隐藏", book.file_name))
    readings = joined_parts(readings, catalog, book.file_name)
    readings = _without_repeats(_without_blank_sheets(readings, book.file_name), book.file_name)
    for reading in readings:
        if reading.filled is False:
            reading.problems.append(_empty(book.file_name, reading.sheet))
    return readings


def _without_examples(found: list[tuple[SheetGrid, Columns]]) -> tuple[list[tuple[SheetGrid, Columns]], list[str]]:
    """Beside a form sheet, a sheet named as an example (填报示例, 样表) shows how to fill it: not read.
    A workbook whose only form sheets are so named keeps them (the clerk may have filled the 样表)."""
    examples = [sheet.name for sheet, _ in found if any(word in sheet.name for word in EXAMPLE_SHEET_WORDS)]
    if not examples or len(examples) == len(found):
        return found, []
    return [(sheet, columns) for sheet, columns in found if sheet.name not in examples], examples


def _without_blank_sheets(readings: list[FormReading], file_name: str) -> list[FormReading]:
    """Beside a filled form, a form sheet left blank (next month's, prepared in advance) is no submission:
    a note says it was not read. A file whose forms are all blank keeps them, to be refused."""
    if not any(r.filled for r in readings) or all(r.filled is not False for r in readings):
        return readings
    kept = [r for r in readings if r.filled is not False]
    blank = "、".join(f"「{r.sheet}」" for r in readings if r.filled is False)
    kept[0].problems.append(Problem(NOTE, f"工作表{blank}未填写任何数据，不作为报表读取", file_name))
    return kept


def _empty(file_name: str, sheet: str) -> Problem:
    return error(f"{EMPTY_FORM}（空白报表不算报送），请在“本月”栏填写本月的数后重新报送；确实为零的请填0",
                 file_name, sheet)


def _sheet_forms(
    book: WorkbookGrid, sheet: SheetGrid, columns: Columns, meta: dict[str, str], cover: list[tuple[str, str]],
    catalog: Catalog, registry: UnitRegistry, today: date,
) -> list[FormReading]:
    head = heading(sheet, columns.header_row)
    problems: list[Problem] = _hidden_column_notes(sheet, columns)
    unit = identify_unit(book, sheet, head, meta, registry, problems, cover)
    kind = unit.kind if unit else None
    if not columns.month_columns:
        named = columns.month_named
        column = ((cell_address(columns.header_row, columns.month), named, columns.year_named)
                  if named and columns.month is not None else None)
        period = identify_period(book, sheet, head, meta, today, problems, column, cover)
        titles = head.titles
        reading = FormReading(unit, period, problems=problems, sheet=sheet.name, title=titles[0][1] if titles else "")
        if columns.doubt:
            problems.append(error(columns.doubt, book.file_name, sheet.name))
        else:
            read_values(sheet, columns, columns.month, catalog, kind, reading)  # type: ignore[arg-type]
        return [reading]
    year = year_hint(book, sheet, head, meta)
    if year is None:
        problems.append(error("无法确定年份：各月一列的报表须在标题中写明年份（如“2020年”）", book.file_name, sheet.name))
    readings = []
    merged = _merged_across_months(sheet, columns)
    for column, month in columns.month_columns:
        reading = FormReading(unit, None, problems=[*problems, *merged.get(column, ())], sheet=sheet.name)
        if year is not None:
            reading.period = checked_future(date(year, month, 1), today, book, sheet, reading.problems)
        read_values(sheet, columns, column, catalog, kind, reading)
        if reading.filled or any(p.blocking for p in reading.problems):
            readings.append(reading)  # a month column left empty is no submission
    if not readings:  # every month column left empty: the sheet is a blank form
        return [FormReading(unit, None, problems=problems, sheet=sheet.name, filled=False)]
    return readings


def _merged_across_months(sheet: SheetGrid, columns: Columns) -> dict[int, list[Problem]]:
    """A number typed once in cells merged across month columns: whose month it is is a guess, for each
    month it covers (the grid would read it as the first month's only)."""
    months = dict(columns.month_columns)
    found: dict[int, list[Problem]] = {}
    for r1, c1, r2, c2 in sheet.merged:
        covered = [c for c in range(c1, c2 + 1) if c in months]
        if r1 < columns.body or len(covered) < 2 or not sheet.text(r1, c1):
            continue
        problem = error(f"与{cell_address(r2, c2)}合并为一格，一个数跨了{'、'.join(f'{months[c]}月' for c in covered)}，"
                        "无法确定是哪个月的，请取消合并，每月分别填写", sheet.file_name, sheet.name, cell_address(r1, c1))
        for c in covered:
            found.setdefault(c, []).append(problem)
    return found


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


def _hidden_column_notes(sheet: SheetGrid, columns: Columns) -> list[Problem]:
    """A note naming the hidden columns below the header that hold something: they are not read."""
    filled = sorted(c for c in sheet.hidden_cols
                    if any(sheet.text(r, c) for r in range(columns.header_row, len(sheet.rows))))
    if not filled:
        return []
    letters = "、".join(cell_address(0, c)[:-1] for c in filled)
    return [Problem(NOTE, f"第{letters}列已隐藏，其中的内容未读取；如需报送请取消隐藏", sheet.file_name, sheet.name)]
