"""Where a sheet's header is and which column holds what: one recogniser per layout shape.

- standard: 指标名称 (or 项目, 指标 …) with one 本月 column (or 当月, 本期数, 本月完成 …);
- two-row header: 本月 merged over sub-columns (数量 | 其中：新增): the total sub-column is the month;
- catch-up: one column per month (1月, 2月 …); a lone month column (6月) is the standard layout's 本月;
- by village: one column per village (…村, …社区) and a 合计 column, which is the unit's value;
- lone quantity: no 本月 but one 数量 column, on a form whose title names its month.
Columns such as 上年同期, 上月, 累计, 1-6月累计 or 同比 are never the month.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import form_layout as layout
from .form_periods import arabic_dates
from .grid import SheetGrid, cell_address

HEADER_SEARCH_ROWS = 40
MONTH_HEADER = re.compile(r"^(\d{1,2})月(?:份)?$")
DATED_HEADER = re.compile(r"^(\d{4})年(\d{1,2})月(?:份)?$")
LABEL_HEADERS = frozenset(layout.LABEL_HEADERS)
MONTH_HEADERS = frozenset(layout.MONTH_HEADERS)
TRAILING_BRACKET = re.compile(r"[（(][^（()）]*[）)]$")


@dataclass(frozen=True)
class Columns:
    """Where the header row is and which column holds what.

    The standard layout has one value column (本月); the catch-up layout has one per month; the
    by-village layout reads its 合计 column (`month`) and checks it against `villages`.
    """

    header_row: int
    label: int
    month: int | None
    unit: int | None
    remark: int | None = None
    ytd: int | None = None  # 本年累计: a cross-check, never loaded
    month_columns: tuple[tuple[int, int], ...] = ()  # (column, month number) of the catch-up layout
    month_named: int | None = None  # the month a lone month column is headed with (6月), a clue to the period
    year_named: int | None = None   # and its year, when the heading states one (2020年6月)
    header_rows: int = 1  # 2 when 本月 is merged over sub-columns named in the row below
    villages: tuple[int, ...] = ()  # the villages' columns, whose sum must be the 合计 column
    doubt: str = ""  # why the columns can't be told with certainty: the form is refused with it

    @property
    def body(self) -> int:
        """The first row below the header."""
        return self.header_row + self.header_rows


def normalized(text: str) -> str:
    """A header or label with all whitespace removed."""
    return "".join(text.split())


def header_text(text: str) -> str:
    """A heading without spaces or a trailing bracket: 本月（人） and 本月 are the same heading."""
    compact = normalized(text)
    if compact.endswith((")", "）")):
        compact = TRAILING_BRACKET.sub("", compact) or compact
    return compact


def find_columns(sheet: SheetGrid) -> Columns | None:
    """The layout of the first row that holds a label heading and a layout's value columns."""
    hidden = sheet.hidden_cols
    for r, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        texts = ["".join(v.split()) if isinstance(v, str) and c not in hidden else "" for c, v in enumerate(row)]
        texts = [header_text(t) if t.endswith((")", "）")) else t for t in texts]
        if LABEL_HEADERS.isdisjoint(texts):
            continue
        label = next(c for c, t in enumerate(texts) if t in LABEL_HEADERS)
        for recognise in RECOGNISERS:
            columns = recognise(sheet, r, texts, label)
            if columns is not None:
                return columns
    return None


def _side_columns(texts: list[str]) -> dict[str, int | None]:
    """The unit, remark and 本年累计 columns of a header row."""
    return {
        "unit": next((texts.index(h) for h in layout.UNIT_HEADERS if h in texts), None),
        "remark": texts.index(layout.REMARK_HEADER) if layout.REMARK_HEADER in texts else None,
        "ytd": next((texts.index(h) for h in layout.YTD_HEADERS if h in texts), None),
    }


def standard(sheet: SheetGrid, r: int, texts: list[str], label: int) -> Columns | None:
    """One 本月 column, its header on one row or merged over sub-columns named in the row below."""
    months = [c for c, t in enumerate(texts) if t in MONTH_HEADERS]
    if not months:
        return None
    side = _side_columns(texts)
    if len(months) > 1:
        named = "、".join(f"{cell_address(r, c)}「{texts[c]}」" for c in months)
        return Columns(r, label, None, side["unit"], doubt=(
            f"表头有多列像是本月数（{named}），无法确定读哪一列，请只保留一列“本月”"))
    month = months[0]
    total = _total_sub_column(sheet, r, texts, month)
    if total is None:
        return Columns(r, label, month, **side)
    if isinstance(total, str):
        return Columns(r, label, None, side["unit"], doubt=total)
    ytd = side["ytd"]
    ytd_total = _total_sub_column(sheet, r, texts, ytd) if ytd is not None else None
    side["ytd"] = ytd_total if isinstance(ytd_total, int) else (None if isinstance(ytd_total, str) else ytd)
    return Columns(r, label, total, side["unit"], side["remark"], side["ytd"], header_rows=2)


def _total_sub_column(sheet: SheetGrid, r: int, texts: list[str], column: int) -> int | str | None:
    """Under a header merged over sub-columns: the total sub-column, or why none is certain (a message);
    None when the header has no sub-columns."""
    first = sheet.value(r + 1, column)
    if not (isinstance(first, str) and first.strip()):
        return None  # the usual case: a section row or a value below a one-row header
    merged_end = next((c2 for r1, c1, r2, c2 in sheet.merged if r1 == r == r2 and c1 == column), None)
    below = [normalized(v) if isinstance(v, str) else "" for v in sheet.rows[r + 1]]  # r + 1 exists: it has `first`
    first = below[column] if column < len(below) else ""
    if not first or (merged_end is None and first not in layout.SUBTOTAL_HEADERS
                     and not first.startswith(layout.PART_OF_HEADER)):
        return None
    group = [column]
    end = merged_end if merged_end is not None else len(below) - 1
    for c in range(column + 1, end + 1):
        if c >= len(below) or not below[c] or (merged_end is None and texts[c]):
            break
        group.append(c)
    named = [c for c in group if below[c] in layout.SUBTOTAL_HEADERS]
    if len(named) == 1:
        return named[0]
    parts = [below[c].startswith(layout.PART_OF_HEADER) for c in group]
    if not named and not parts[0] and all(parts[1:]):
        return column  # the first sub-column is the total, the others (其中…) its parts
    listed = "、".join(f"{cell_address(r + 1, c)}「{below[c]}」" for c in group)
    return (f"{cell_address(r, column)}「{texts[column]}」下分为{listed}，无法确定哪一列是本月合计数，"
            "请把本月数填在一列中")


def catch_up(sheet: SheetGrid, r: int, texts: list[str], label: int) -> Columns | None:
    """One column per month (1月, 2月 …): a form that catches up on several months; a lone month
    column (6月) is the month's column, its heading a clue to the period."""
    months = tuple((c, int(m.group(1))) for c, t in enumerate(texts) if (m := MONTH_HEADER.match(arabic_dates(t)))
                   and 1 <= int(m.group(1)) <= 12)  # 6月, and 六月 as documents write it
    dated = [(c, int(m.group(1)), int(m.group(2))) for c, t in enumerate(texts) if (m := DATED_HEADER.match(t))]
    if not months and len(dated) == 1 and 1 <= dated[0][2] <= 12:  # a lone 2020年6月 column
        column, year, month = dated[0]
        return Columns(r, label, column, **_side_columns(texts), month_named=month, year_named=year)
    if not months or dated:
        return None
    side = _side_columns(texts)
    if len(months) == 1:
        return Columns(r, label, months[0][0], **side, month_named=months[0][1])
    return Columns(r, label, None, side["unit"], side["remark"], month_columns=months)


def by_village(sheet: SheetGrid, r: int, texts: list[str], label: int) -> Columns | None:
    """One column per village (…村, …社区) and the township's 合计 column."""
    villages = tuple(c for c, t in enumerate(texts) if c != label and t.endswith(layout.VILLAGE_SUFFIXES)
                     and t not in layout.VILLAGE_SUFFIXES and t not in layout.VILLAGE_TOTAL_HEADERS)
    if not villages:
        return None
    totals = [c for c, t in enumerate(texts) if t in layout.VILLAGE_TOTAL_HEADERS]
    side = _side_columns(texts)
    if len(totals) != 1:
        why = "没有" if not totals else "有多个"
        return Columns(r, label, None, side["unit"], villages=villages, doubt=(
            f"按村分列的报表{why}“合计”列，无法确定本单位的数，请保留一列“合计”"))
    return Columns(r, label, totals[0], side["unit"], side["remark"], villages=villages)


def lone_quantity(sheet: SheetGrid, r: int, texts: list[str], label: int) -> Columns | None:
    """A monthly form whose one value column is headed 数量 (or 数值, 完成数) with no 本月: that column
    is the month's, as a person reads it; the title still has to name one month."""
    found = [c for c, t in enumerate(texts) if t in layout.QUANTITY_HEADERS]
    return Columns(r, label, found[0], **_side_columns(texts)) if len(found) == 1 else None


RECOGNISERS: tuple[Callable[[SheetGrid, int, list[str], int], Columns | None], ...] = (
    standard, catch_up, by_village, lone_quantity,
)
