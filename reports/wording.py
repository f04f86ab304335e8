"""How the office writes numbers in the summary: 30余, 12.5%, 同比增长12.5%, 上升2.3个百分点, 【缺数：…】.

Every function is pure and takes a plain number; rounding is half away from zero on the printed digits
(12.45 -> 12.5, -12.45 -> -12.5), and a value that prints as zero never prints with a minus sign.
"""
from __future__ import annotations

import math

from countystat.sources.number_text import plain_number

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


def percent(x: float) -> str:
    """A percentage with one decimal, rounded half up: 12.46 -> '12.5%', -0.04 -> '0.0%'."""
    return plain_number(x, 1) + "%"


def change_phrase(x: float | None, unit: str = "%", up: str = "上升", down: str = "下降") -> str:
    """A change with one decimal that follows the sign: '上升2.3个百分点', '下降1.0%', '持平' at 0.0."""
    if x is None:
        return NO_BASE_MARKER
    amount = plain_number(abs(x), 1)  # rounding is symmetric: the sign only picks the word
    if amount == "0.0":
        return "持平"
    return f"{up if x > 0 else down}{amount}{unit}"


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
