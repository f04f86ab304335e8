"""Numbers as text shown to people. Three ways, each for its own readers:

- `plain_number` — the report (summary, its tables): exactly N decimals, rounded half away from zero,
  as the office writes figures;
- `short_number` — messages to clerks about figures countystat computed (sums, medians): rounded to
  the places the check works to, trailing zeros dropped, so float noise never shows;
- `typed_number` — quoting a value a clerk typed: every digit it has, never rounded.

None of them prints '-0'. `NO_FIGURE` stands in a table for a figure nobody reported.
"""
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

NO_FIGURE = "—"


def plain_number(x: float, decimals: int = 0) -> str:
    """The number with exactly `decimals` decimals and no thousands separator: 12345, 12.50.

    Rounding is half away from zero on the number's shortest decimal spelling (12.45 -> 12.5,
    -12.45 -> -12.5); NaN and infinity raise ValueError (they have no wording).
    """
    if decimals < 0:
        raise ValueError(f"decimals must be 0 or more, not {decimals}")
    if not math.isfinite(x):
        raise ValueError(f"cannot word the number {x!r}")
    exact = Decimal(repr(float(x)))  # repr: 12.45 is read as 12.45, not 12.4499999…
    rounded = abs(exact).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if exact < 0 and rounded != 0:
        rounded = -rounded
    return f"{rounded:.{decimals}f}"


def plain_or_none(x: float | None, decimals: int = 0) -> str:
    """plain_number, or NO_FIGURE for a figure nobody reported (a table cell)."""
    return NO_FIGURE if x is None else plain_number(x, decimals)


def short_number(x: float, places: int) -> str:
    """x rounded to `places` decimals with trailing zeros dropped: 12, 12.5, 0.333333 (places=6).

    The places are those the check that computed x works to: rules.py's sums 6, the 本年累计 check
    of history_rules.py 2 (money has two decimals).
    """
    text = f"{x:.{places}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text == "-0" else text


def typed_number(x: float) -> str:
    """A float as the clerk typed it, every digit kept: 12, 12.5, 0.1234567."""
    return str(int(x)) if x == int(x) else repr(x)
