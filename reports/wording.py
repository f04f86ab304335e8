"""How the office writes numbers in the summary: 30余, 12.5%, 同比增长12.5%, 上升2.3个百分点, 【缺数：…】.

Every function is pure and takes a plain number; rounding is half away from zero on the printed digits
(12.45 -> 12.5, -12.45 -> -12.5), and a value that prints as zero never prints with a minus sign.
"""
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

# Where an approximate figure switches to a coarser round step: (lowest value, step).
APPROX_STEPS: tuple[tuple[int, int], ...] = ((2000, 1000), (200, 100), (20, 10))

# The falling word that answers each rising word in a year-on-year phrase.
FALLING_WORD: dict[str, str] = {"增长": "下降", "上升": "下降", "增加": "减少", "提高": "降低"}

# Shown instead of a year-on-year phrase when last year's figure is missing or zero.
NO_BASE_MARKER = "【缺数：上年同期】"


def approx_figure(n: float) -> str:
    """The `XX余` figure: 17 -> '17', 34 -> '30余', 236 -> '200余', 2345 -> '2000余', 30 -> '30'."""
    whole = math.floor(_finite(n))
    if whole < 0:
        raise ValueError(f"an approximate figure is for counts, not {n!r}")
    for lowest, step in APPROX_STEPS:
        if whole >= lowest:
            round_figure = whole // step * step
            return str(round_figure) if round_figure == whole else f"{round_figure}余"
    return str(whole)


def plain_number(x: float, decimals: int = 0) -> str:
    """The number with exactly `decimals` decimals and no thousands separator: 12345, 12.50."""
    if decimals < 0:
        raise ValueError(f"decimals must be 0 or more, not {decimals}")
    return _format(_rounded(x, decimals), decimals)


def percent(x: float) -> str:
    """A percentage with one decimal, rounded half up: 12.46 -> '12.5%', -0.04 -> '0.0%'."""
    return plain_number(x, 1) + "%"


def change_phrase(x: float | None, unit: str = "%", up: str = "上升", down: str = "下降") -> str:
    """A change with one decimal that follows the sign: '上升2.3个百分点', '下降1.0%', '持平' at 0.0."""
    if x is None:
        return NO_BASE_MARKER
    amount = _rounded(x, 1)
    if amount == 0:
        return "持平"
    word = up if amount > 0 else down
    return f"{word}{_format(abs(amount), 1)}{unit}"


def growth_phrase(pct: float | None, kind: str = "增长") -> str:
    """Year-on-year wording: 12.5 -> '同比增长12.5%', -3.1 -> '同比下降3.1%', 0.0 -> '与去年同期持平'.

    `kind` is the rising word ('增长', '上升', '增加' or '提高'); the falling word follows from it.
    None (no usable figure for last year) gives the visible marker NO_BASE_MARKER.
    """
    if kind not in FALLING_WORD:
        raise ValueError(f"kind must be one of {', '.join(FALLING_WORD)}, not {kind!r}")
    if pct is None:
        return NO_BASE_MARKER
    phrase = change_phrase(pct, "%", up=kind, down=FALLING_WORD[kind])
    return "与去年同期持平" if phrase == "持平" else f"同比{phrase}"


def missing_marker(label: str, half: str) -> str:
    """The visible marker for a number that cannot be computed: '【缺数：90后干部 2019H1】'."""
    return f"【缺数：{label} {half}】"


def _finite(x: float) -> float:
    """The number itself; ValueError for NaN or infinity, which have no wording."""
    if not math.isfinite(x):
        raise ValueError(f"cannot word the number {x!r}")
    return x


def _rounded(x: float, decimals: int) -> Decimal:
    """x rounded half away from zero to `decimals` places, from its shortest decimal spelling."""
    exact = Decimal(repr(float(_finite(x))))  # repr: 12.45 is read as 12.45, not 12.4499999…
    magnitude = abs(exact).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return magnitude if exact >= 0 or magnitude == 0 else -magnitude


def _format(value: Decimal, decimals: int) -> str:
    """The rounded value printed with exactly `decimals` decimals, never '-0'."""
    if value == 0:
        value = abs(value)
    return f"{value:.{decimals}f}"
