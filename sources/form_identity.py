"""Whose form it is and for which month: from the hidden meta sheet, the heading, the sheet and file names.

Every place that names a unit or a month is a clue; the clues must agree, and a form with no clue,
or with clues that disagree, is rejected naming them.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from . import form_layout as layout
from .form_periods import month_in_text, no_single_month, period_in_text, year_in_text
from .grid import SheetGrid, WorkbookGrid, cell_address
from .problems import Problem, error
from .units import Unit, UnitRegistry

COVER_MAX_TEXTS = 12  # a cover sheet (封面) holds a few lines: unit, month, title, stamp
INSTRUCTION_LINE = re.compile(r"^[（(【\[]?\s*(?:请|注[:：]|说明[:：]|填报说明|报送要求)")
AMBIGUOUS_NUMBER = re.compile(r"^\d{4}\.1$")  # a typed 2020.10 is stored as 2020.1: October or January?
MONTH_SHEET = re.compile(r"^(\d{1,2}|十[一二]?|[一二三四五六七八九])月(?:份)?$")


TITLE, UNIT_LINE, FILLING_DATE = "title", "unit line", "filling date"


@dataclass(frozen=True)
class Heading:
    """What the lines above the header say: (cell, text, kind) of each text, kind being TITLE, UNIT_LINE
    (text: what follows 填报单位) or FILLING_DATE; and (cell, date) of each typed month."""

    texts: list[tuple[str, str, str]]
    months: list[tuple[str, date]]
    titles: list[tuple[str, str]] = field(default_factory=list)  # (cell, text) of the TITLE texts


def agreed(values: dict[str, object]) -> tuple[object | None, bool]:
    """The single value all clues agree on (None if no clue), and whether they agreed."""
    distinct = set(values.values())
    if len(distinct) == 1:
        return next(iter(distinct)), True
    return None, not distinct


def compact(text: str) -> str:
    """Text with all whitespace removed."""
    return "".join(text.split())


def meta_values(book: WorkbookGrid) -> dict[str, str]:
    """The template's hidden metadata (unit_code, period …), or nothing when the sheet is not ours."""
    meta = book.sheet(layout.META_SHEET)
    if meta is None:
        return {}
    pairs = {meta.text(r, 0): meta.text(r, 1) for r in range(len(meta.rows))}
    return pairs if pairs.get("form") == layout.FORM_ID else {}


def heading(sheet: SheetGrid, header_row: int) -> Heading:
    """The texts above the header row, except instructions to the clerk, and the typed month cells.

    A line like （请于2020年7月5日前报县委组织部） names the deadline and the recipient, not the form's
    month and unit. A date cell is a month when a 统计月份-like label precedes it or it is the first
    of a month (Excel turns a typed 2020年3月 into 2020-03-01); after 填报日期 it never is.
    """
    texts: list[tuple[str, str, str]] = []
    months: list[tuple[str, date]] = []
    for r in range(header_row):
        before = ""
        for c, value in enumerate(sheet.rows[r]):
            if value is None or value == "":
                continue
            if isinstance(value, (date, datetime)):
                day = value.date() if isinstance(value, datetime) else value
                label = compact(before).rstrip(":：")
                if not _names_filling_date(label) and (day.day == 1 or label.endswith(layout.PERIOD_WORDS)):
                    months.append((cell_address(r, c), day.replace(day=1)))
                before = ""
                continue
            text = value.strip() if isinstance(value, str) else str(value)
            ambiguous = type(value) is float and AMBIGUOUS_NUMBER.match(text)
            if text and not INSTRUCTION_LINE.match(text) and not ambiguous:
                texts.append((cell_address(r, c), *_kind(text, before)))
            before = text
    return Heading(texts, months, [(address, text) for address, text, kind in texts if kind == TITLE])


def _kind(text: str, before: str) -> tuple[str, str]:
    """(text, kind) of a heading text; a unit line's text is the unit it names, a text in the cell
    after a 填报日期 label is a filling date."""
    line = compact(text)
    if line.startswith(layout.UNIT_LINE_PREFIX):
        return line[len(layout.UNIT_LINE_PREFIX):].lstrip(":：").split(layout.DATE_LINE_PREFIX)[0], UNIT_LINE
    if line.startswith(layout.FILLING_DATE_WORDS) or (before and _names_filling_date(compact(before).rstrip(":："))):
        return text, FILLING_DATE
    return text, TITLE


def _names_filling_date(label: str) -> bool:
    """Whether a label (填报日期, or 填报单位：城关镇 填报日期) introduces the filling date."""
    return label.startswith(layout.FILLING_DATE_WORDS) or label.endswith(layout.FILLING_DATE_WORDS)


def cover_texts(book: WorkbookGrid, form_sheets: list[SheetGrid]) -> list[tuple[str, str]]:
    """(where, text) of each line on the short visible sheets beside the form that hold no table (a 封面).

    They speak for the form only when the form itself names no unit or month, before the file name does.
    """
    found: list[tuple[str, str]] = []
    for sheet in book.visible_sheets():
        if sheet in form_sheets or sheet.name == layout.META_SHEET:
            continue
        texts = [(cell_address(r, c), text) for r, row in enumerate(sheet.rows) for c in range(len(row))
                 if (text := sheet.text(r, c)) and not INSTRUCTION_LINE.match(text)]
        if len(texts) <= COVER_MAX_TEXTS:
            found += [(f"工作表「{sheet.name}」{address}「{text}」", text) for address, text in texts]
    return found


def identify_unit(book: WorkbookGrid, sheet: SheetGrid, head: Heading, meta: dict[str, str],
                  registry: UnitRegistry, problems: list[Problem],
                  cover: Sequence[tuple[str, str]] = ()) -> Unit | None:
    """The unit the form is from; a problem when no clue names a registered unit, or clues disagree."""
    named: dict[str, Unit] = {}
    seen: list[str] = []
    several: dict[str, list[Unit]] = {}
    if meta.get("unit_code"):
        unit = registry.get(meta["unit_code"])
        if unit is None:
            problems.append(error(
                f"表内单位代码「{meta['unit_code']}」未在单位名册中登记，请联系县委办核实",
                book.file_name, layout.META_SHEET, "B3",
            ))
            return None
        named[f"隐藏信息表（{meta['unit_code']}）"] = unit
    for address, text, kind in head.texts:
        if kind == FILLING_DATE:
            continue
        where, words = (f"{address}“填报单位”「{text}」" if kind == UNIT_LINE else f"{address}标题「{text}」"), text
        if not words:
            continue
        seen.append(words)
        _clue(registry.find_in_text(words), where, named, several)
    for where, text in cover if not named and not several else ():
        _clue(registry.find_in_text(text), where, named, several)
    if not named and not several:
        _clue(registry.find_in_text(book.file_name), f"文件名「{book.file_name}」", named, several)
    if several:
        where, units = next(iter(several.items()))
        names = "、".join(f"「{u.name_zh}」" for u in units)
        problems.append(error(f"无法确定填报单位：{where}中有{names}多个单位，请在“填报单位”栏只填写本单位全称",
                              book.file_name, sheet.name))
        return None
    unit, ok = agreed(named)
    if not ok:
        problems.append(disagreement("填报单位", {w: u.name_zh for w, u in named.items()}, sheet))
        return None
    if unit is None:
        saw = "、".join(f"「{s}」" for s in seen) or "无"
        problems.append(error(
            f"无法确定填报单位：表中未写明已登记的单位名称（看到的是：{saw}），请在“填报单位”栏填写单位全称",
            book.file_name, sheet.name,
        ))
    return unit  # type: ignore[return-value]


def _clue(found: list[Unit], where: str, named: dict[str, Unit], several: dict[str, list[Unit]]) -> None:
    """Note what one place names: one unit, or several (which can't be told apart)."""
    if len(found) > 1:
        several[where] = found
    elif found:
        named[where] = found[0]


def disagreement(what: str, stated: dict[str, str], sheet: SheetGrid) -> Problem:
    """The problem when places on the form name different units or months."""
    listing = "；".join(f"{where}为{value}" for where, value in stated.items())
    return error(f"{what}不一致（{listing}），请核实后重新报送", sheet.file_name, sheet.name)


def identify_period(book: WorkbookGrid, sheet: SheetGrid, head: Heading, meta: dict[str, str], today: date,
                    problems: list[Problem], column: tuple[str, int, int | None] | None = None,
                    cover: Sequence[tuple[str, str]] = ()) -> date | None:
    """The month the form reports; a problem when no clue names one, clues disagree or it is no month.

    `column` is (cell, month, year or None) of a value column headed with its month (6月, 2020年6月);
    `cover` the lines of a cover sheet (cover_texts), used when the form itself names no month."""
    refusal = _no_month(book, sheet, head)
    if refusal is not None:
        problems.append(refusal)
        return None
    stated: dict[str, date] = {}
    if meta.get("period"):
        period = period_in_text(meta["period"])
        if period:
            stated[f"隐藏信息表（{meta['period']}）"] = period
    year = year_hint(book, sheet, head, meta)
    for address, text in head.titles:  # the filling date is never the period
        period = period_in_text(text)
        if period is None and year is not None and (month := month_in_text(text)) is not None:
            period = date(year, month, 1)  # 3月份 in the title, the year stated elsewhere
        if period:
            stated[f"{address}标题「{text}」"] = period
    for address, period in head.months:
        stated[f"{address}「{period.year}年{period.month}月」"] = period
    if column is not None and (column[2] or year) is not None:
        named = date(column[2] or year, column[1], 1)  # type: ignore[arg-type]
        stated[f"{column[0]}表头「{f'{column[2]}年' if column[2] else ''}{column[1]}月」"] = named
    sheet_month = _sheet_month(sheet.name, year)
    if sheet_month is not None:
        stated[f"工作表名「{sheet.name}」"] = sheet_month
    for where, text in cover if not stated else ():
        if (period := period_in_text(text)) is not None:
            stated[where] = period
    if not stated and period_in_text(book.file_name):
        stated[f"文件名「{book.file_name}」"] = period_in_text(book.file_name)  # type: ignore[assignment]
    period, ok = agreed(stated)
    if not ok:
        problems.append(disagreement("报表月份", {w: f"{p.year}年{p.month}月" for w, p in stated.items()}, sheet))
        return None
    if period is None:
        problems.append(error(
            "无法确定报表月份：标题中未写明“××××年×月”，请按模板填写标题", book.file_name, sheet.name
        ))
        return None
    return checked_future(period, today, book, sheet, problems)  # type: ignore[arg-type]


def _no_month(book: WorkbookGrid, sheet: SheetGrid, head: Heading) -> Problem | None:
    """A refusal when the title or sheet name speaks of a quarter or a year, or of a month that isn't one."""
    texts = [(f"{address}标题", text) for address, text in head.titles]
    for where, text in [*texts, ("工作表名", sheet.name)]:
        found = no_single_month(text)
        if found is None and where == "工作表名" and _bad_month_name(text):
            found = ("invalid", compact(text))
        if found is not None and found[0] == "not monthly":
            return error(f"{where}「{text}」写的是“{found[1]}”，不是月报；请按月填报，每月一张表",
                         book.file_name, sheet.name)
        if found is not None:
            return error(f"{where}「{text}」中的“{found[1]}”不是有效月份，请填写1至12月中的报表月份",
                         book.file_name, sheet.name)
    return None


def _bad_month_name(name: str) -> bool:
    match = re.fullmatch(r"(\d{1,3})月(?:份)?", compact(name))
    return match is not None and not 1 <= int(match.group(1)) <= 12


def checked_future(period: date, today: date, book: WorkbookGrid, sheet: SheetGrid,
                   problems: list[Problem]) -> date | None:
    """The period, or None with a problem when the month has not come yet."""
    if period > today.replace(day=1):
        problems.append(error(
            f"报表月份{period.year}年{period.month}月尚未到来，请核实标题中的月份", book.file_name, sheet.name
        ))
        return None
    return period


def year_hint(book: WorkbookGrid, sheet: SheetGrid, head: Heading, meta: dict[str, str]) -> int | None:
    """The year the form speaks of: from the metadata, the title, a typed month, the sheet or file name."""
    texts = [meta.get("period", "").replace("-", "年")]
    texts += [text for _, text, kind in head.texts if kind != FILLING_DATE]
    texts += [f"{p.year}年" for _, p in head.months]
    texts += [sheet.name, book.file_name]
    for text in texts:
        year = year_in_text(text)
        if year is not None:
            return year
    return None


def _sheet_month(name: str, year: int | None) -> date | None:
    """The month a sheet's name states: 2020年3月, 2020.03, or 3月 / 三月 with the year from elsewhere."""
    full = period_in_text(name)
    if full is not None:
        return full
    if year is not None and MONTH_SHEET.match(compact(name)):
        month = month_in_text(compact(name))
        if month is not None:
            return date(year, month, 1)
    return None
