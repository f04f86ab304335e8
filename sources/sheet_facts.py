"""What a grid reader learns about a sheet beside its values, the same for every format (xlsx, xls, ods)."""
from __future__ import annotations

from dataclasses import dataclass

MAX_ROWS = 1_048_576
MAX_COLS = 16_384


@dataclass(frozen=True)
class SheetFacts:
    """Hidden rows and columns, formula cells (and those without a cached value), error values and
    number-format kinds of one sheet, 0-based like the grid."""

    hidden_rows: frozenset[int] = frozenset()
    hidden_cols: frozenset[int] = frozenset()
    uncached: frozenset[tuple[int, int]] = frozenset()
    errors: tuple[tuple[tuple[int, int], str], ...] = ()  # ((row, col), '#DIV/0!')
    formulas: frozenset[tuple[int, int]] = frozenset()
    formats: tuple[tuple[tuple[int, int], str], ...] = ()  # ((row, col), cell_format.PERCENT)
    merged: tuple[tuple[int, int, int, int], ...] = ()  # (r1, c1, r2, c2) where the reader gives none (.ods)

NO_FACTS = SheetFacts()
