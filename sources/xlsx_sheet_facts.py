"""One xlsx worksheet part's facts, read from its bytes: hidden rows and columns, formulas (and those
without a cached value), error values and the cells of telling number formats.

Sheet XML is never parsed as a tree: byte searches decide whether a sheet hides anything or holds a
formula at all (most don't), then regexes read only the `<row>`/`<col>` start tags, or the cells
around each `<f>`, under the prefix the sheet's root element uses (`<worksheet>`, `<x:worksheet>`,
`<ns2:worksheet>`). Only a sheet whose bytes mention one of the telling `s="N"` styles is walked cell
by cell.

A formula is uncached when its cell has no `<v>`, or an empty one (what openpyxl writes), unless
t="str" (a formula that returned ''). A cell with t="e" holds an error value (`#DIV/0!`, `#N/A`), which
calamine also reads as ''.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .sheet_facts import MAX_COLS, MAX_ROWS, NO_FACTS, SheetFacts
from .xlsx_styles import mentions_style

_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?worksheet[\s/>]")
_ATTR = re.compile(rb"""(?:^|\s)([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_R_ATTR = re.compile(rb"""(?:^|\s)r\s*=\s*["']([^"']*)["']""")
_STRING_TYPE = re.compile(rb"""(?:^|\s)t\s*=\s*["']str["']""")
_ERROR_TYPE = re.compile(rb"""(?:^|\s)t\s*=\s*["']e["']""")
ERROR_MARK = re.compile(rb"""\st\s*=\s*["']e["']""")
_HIDDEN = re.compile(rb"""hidden\s*=\s*["']\s*(?:1|true)\s*["']""")
_S_ATTR = re.compile(rb"""(?:^|\s)s\s*=\s*["']\s*([0-9]{1,9})\s*["']""")
_CELL_REF = re.compile(rb"\s*\$?([A-Za-z]{1,3})\$?([0-9]{1,7})\s*")
_TRUE = (b"1", b"true")


@dataclass(frozen=True)
class _Tags:
    """Patterns for the sheet's tags under its own namespace prefix (b'' or e.g. b'x:').

    Each starts with a literal (`<x:row`), which `re` finds far faster than an optional prefix.
    """

    row: re.Pattern[bytes]
    col: re.Pattern[bytes]
    formula: re.Pattern[bytes]
    cell_start: re.Pattern[bytes]
    cell_end: re.Pattern[bytes]
    value: re.Pattern[bytes]
    placing: re.Pattern[bytes]  # every tag that places a formula: row, c, f, v (open or close)
    cells: re.Pattern[bytes]    # row and cell start tags, to place every cell


FORMULA_MARK = re.compile(rb"<(?:[A-Za-z0-9_]+:)?f[\s>/]")
_PLAIN_F = re.compile(rb"<f[\s>/]")     # FORMULA_MARK without a prefix: starts with a literal, found fast
_PREFIXED_F = re.compile(rb":f[\s>/]")  # what FORMULA_MARK's prefixed form must hold


@lru_cache(maxsize=16)
def _tags(prefix: bytes) -> _Tags:
    p = re.escape(prefix)
    return _Tags(
        row=re.compile(b"<" + p + rb"row(?=[\s/>])([^<>]*)>"),
        col=re.compile(b"<" + p + rb"col(?=[\s/>])([^<>]*)>"),
        formula=re.compile(b"<" + p + rb"f[\s/>]"),
        cell_start=re.compile(b"<" + p + rb"c(?=[\s/>])([^<>]*)>\s*"),
        cell_end=re.compile(b"</" + p + rb"c\s*>"),
        value=re.compile(b"<" + p + rb"v(?=[\s/>])[^<>]*?(/?)>([^<]*)"),
        placing=re.compile(b"<(/?)" + p + rb"(row|c|f|v)(?=[\s/>])([^<>]*)>"),
        cells=re.compile(b"<" + p + rb"(row|c)(?=[\s/>])([^<>]*)>"),
    )


def sheet_facts(xml: bytes, styles: dict[int, str] | None = None) -> SheetFacts:
    """Scan one worksheet part's XML for hidden rows/columns, formulas (with or without a cached
    value), error values and cells whose style (one of `styles`, index -> kind) is telling."""
    root = _ROOT.search(xml)
    if root is None:
        raise ValueError("no <worksheet> root element")
    tags = _tags(root.group(1) or b"")
    hidden_rows: frozenset[int] = frozenset()
    hidden_cols: frozenset[int] = frozenset()
    uncached: frozenset[tuple[int, int]] = frozenset()
    formulas: frozenset[tuple[int, int]] = frozenset()
    if b"hidden" in xml and _HIDDEN.search(xml):  # a plain byte search first: most sheets hide nothing
        hidden_rows = _hidden_rows(xml, tags)
        hidden_cols = _hidden_cols(xml, tags)
    if b"f>" in xml:  # every formula has a closing </f> (a shared formula's first cell, at least)
        starts = [m.start() for m in tags.formula.finditer(xml)]
        if starts:
            found = _formulas_near(xml, starts, tags)
            formulas, uncached = found if found is not None else _formulas_by_scan(xml, tags)
    errors = _error_cells(xml, tags) if has_error_cell(xml) else ()
    formats = _formatted_cells(xml, tags, styles) if styles and mentions_style(xml, styles) else ()
    if not (hidden_rows or hidden_cols or uncached or errors or formulas or formats):
        return NO_FACTS
    return SheetFacts(hidden_rows, hidden_cols, uncached, errors, formulas, formats)


def _formatted_cells(xml: bytes, tags: _Tags, styles: dict[int, str]) -> tuple[tuple[tuple[int, int], str], ...]:
    """Cells whose style is one of `styles`, with its kind; a cell without r follows the one before it."""
    found = []
    row, ref, since = -1, b"", -1
    for match in tags.cells.finditer(xml):
        tag, attrs = match.groups()
        if tag == b"row":
            row, ref, since = _row_index(attrs, row), b"", -1
            continue
        named = _R_ATTR.search(attrs)
        ref, since = (named.group(1), 0) if named else (ref, since + 1)
        style = _S_ATTR.search(attrs) if b"s" in attrs else None
        kind = styles.get(int(style.group(1))) if style else None
        if kind is not None:
            position = _cell_position(row, ref, since)
            if 0 <= position[0] < MAX_ROWS and 0 <= position[1] < MAX_COLS:
                found.append((position, kind))
    return tuple(found)


def has_formula(xml: bytes) -> bool:
    """Whether the sheet holds a formula tag (FORMULA_MARK), found by its literal forms first: a
    `<` leads every tag, so FORMULA_MARK alone tries each one (four times slower on a filled form)."""
    return _PLAIN_F.search(xml) is not None or (
        _PREFIXED_F.search(xml) is not None and FORMULA_MARK.search(xml) is not None)


def has_error_cell(xml: bytes) -> bool:
    """Whether a cell is typed t="e" (plain byte searches first: most sheets have none, and most quote
    attributes with " alone, which one memchr for ' rules out)."""
    return (b'"e"' in xml or (b"'" in xml and b"'e'" in xml)) and ERROR_MARK.search(xml) is not None


def _error_cells(xml: bytes, tags: _Tags) -> tuple[tuple[tuple[int, int], str], ...]:
    """Cells typed t="e" with their error text; a cell without an r attribute can't be placed and is left."""
    found = []
    for cell in tags.cell_start.finditer(xml):
        attrs = cell.group(1)
        named = _R_ATTR.search(attrs)
        if not _ERROR_TYPE.search(attrs) or named is None or attrs.endswith(b"/"):
            continue
        end = tags.cell_end.search(xml, cell.end())
        value = tags.value.search(xml, cell.end(), end.start() if end else len(xml))
        text = value.group(2).decode("utf-8", "replace").strip() if value else ""
        row, col = _cell_position(-1, named.group(1), 0)
        if 0 <= row < MAX_ROWS and 0 <= col < MAX_COLS:
            found.append(((row, col), text or "#错误"))
    return tuple(found)


def _hidden_rows(xml: bytes, tags: _Tags) -> frozenset[int]:
    hidden: set[int] = set()
    row = -1
    for match in tags.row.finditer(xml):
        attrs = match.group(1)
        row = _row_index(attrs, row)
        if b"hidden" in attrs and _HIDDEN.search(attrs) and row < MAX_ROWS:
            hidden.add(row)
    return frozenset(hidden)


def _hidden_cols(xml: bytes, tags: _Tags) -> frozenset[int]:
    hidden: set[int] = set()
    for match in tags.col.finditer(xml):
        attrs = _attributes(match.group(1))
        if attrs.get(b"hidden", b"").strip() not in _TRUE:
            continue
        first = int(attrs[b"min"])
        last = min(int(attrs.get(b"max", attrs[b"min"])), MAX_COLS)
        hidden.update(range(max(first, 1) - 1, last))
    return frozenset(hidden)

Cells = frozenset[tuple[int, int]]


def _formulas_near(xml: bytes, formulas: list[int], tags: _Tags) -> tuple[Cells, Cells] | None:
    """Formula cells, and those with no result, looking only at the cell around each <f> (a cell's first child).

    None when a formula cell has no r attribute: then only a scan of every cell can place it.
    """
    found: set[tuple[int, int]] = set()
    every: set[tuple[int, int]] = set()
    cell_end = -1
    for n, at in enumerate(formulas):
        cell = tags.cell_start.match(xml, max(xml.rfind(b"<", 0, at), 0), at)
        if cell is None or cell.end() != at or cell.group(1).endswith(b"/"):
            continue  # not a cell's formula
        named = _R_ATTR.search(cell.group(1))
        if named is None or not named.group(1).strip():
            return None
        if cell_end < at:
            end = tags.cell_end.search(xml, at)
            cell_end = end.start() if end else len(xml)
        stop = min(cell_end, formulas[n + 1] if n + 1 < len(formulas) else cell_end)
        position = _cell_position(-1, named.group(1), 0)
        every.add(position)
        if not _cached(tags.value.search(xml, at, stop), cell.group(1)):
            found.add(position)
    return _on_sheet(every), _on_sheet(found)


def _on_sheet(cells: set[tuple[int, int]]) -> Cells:
    return frozenset(p for p in cells if 0 <= p[0] < MAX_ROWS and 0 <= p[1] < MAX_COLS)


def _formulas_by_scan(xml: bytes, tags: _Tags) -> tuple[Cells, Cells]:
    """Cells holding an <f>, and those with no result, walking every cell; one without r follows the one before it."""
    found: set[tuple[int, int]] = set()
    every: set[tuple[int, int]] = set()
    row, ref, since = -1, b"", -1  # the last cell reference in this row, and cells since it
    in_cell = has_formula = has_value = False
    cell_attrs = b""
    for match in tags.placing.finditer(xml):
        closing, tag, attrs = match.groups()
        if tag == b"c":
            if in_cell and has_formula:
                every.add(_cell_position(row, ref, since))
                if not has_value:
                    found.add(_cell_position(row, ref, since))
            in_cell = has_formula = has_value = False
            if closing:
                continue
            cell_attrs = attrs
            named = _R_ATTR.search(attrs)
            ref, since = (named.group(1), 0) if named else (ref, since + 1)
            in_cell = not attrs.endswith(b"/")
        elif tag == b"row":
            if not closing:
                row, ref, since = _row_index(attrs, row), b"", -1
            in_cell = False
        elif in_cell and not closing:
            has_formula |= tag == b"f"
            has_value |= tag == b"v" and _cached(tags.value.match(xml, match.start()), cell_attrs)
    if in_cell and has_formula:  # a last cell left open by a truncated part
        every.add(_cell_position(row, ref, since))
        if not has_value:
            found.add(_cell_position(row, ref, since))
    return _on_sheet(every), _on_sheet(found)


def _cached(value: re.Match[bytes] | None, cell_attrs: bytes) -> bool:
    """Whether a formula cell's <v> holds a result: openpyxl writes an empty <v></v> for none."""
    if value is None:
        return False
    return bool(not value.group(1) and value.group(2).strip()) or bool(_STRING_TYPE.search(cell_attrs))


def _cell_position(row: int, ref: bytes, since: int) -> tuple[int, int]:
    """0-based (row, col) of a cell `since` places after the cell `ref` ('' = the row's start)."""
    if not ref:
        return row, since
    parsed = _CELL_REF.fullmatch(ref)
    if parsed is None:
        raise ValueError(f"odd cell reference {ref!r}")
    return int(parsed.group(2)) - 1, _column_index(parsed.group(1)) + since


def _row_index(attrs: bytes, previous: int) -> int:
    """A row's 0-based index: its r attribute, else the row after the previous one."""
    named = _R_ATTR.search(attrs)
    return int(named.group(1)) - 1 if named and named.group(1).strip().isdigit() else previous + 1


def _attributes(text: bytes) -> dict[bytes, bytes]:
    return {m.group(1): m.group(2) if m.group(2) is not None else m.group(3) for m in _ATTR.finditer(text)}


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters.upper():
        index = index * 26 + letter - 64
    return index - 1
