"""How the office writes numbers in the summary: 230余, 12.5%, 同比增长12.5%, 上升2.3个百分点, 【缺数：…】,
and whether a figure goes the way its sentence claims (【请核对：…】).

Every function is pure and takes a plain number; rounding is half away from zero on the printed digits
(12.45 -> 12.5, -12.45 -> -12.5), and a value that prints as zero never prints with a minus sign.
"""
from __future__ import annotations

import math
from typing import Literal

from countystat.sources.number_text import plain_number

Direction = Literal["rise", "fall", "zero"]

# An approximate figure keeps this many significant figures (236 -> 230余), but never finer than tens;
# a count under APPROX_FROM is written exactly.
APPROX_SIGNIFICANT = 2
APPROX_FROM = 20

# The falling word that answers each rising word in a year-on-year phrase.
FALLING_WORD: dict[str, str] = {"增长": "下降", "上升": "下降", "增加": "减少", "提高": "降低"}

# Shown instead of a year-on-year phrase when last year's figure is missing or zero.
NO_BASE_MARKER = "【缺数：上年同期】"


# The words a sentence may claim a direction with: rising, falling, none at all.
CLAIM_WORDS: dict[str, Direction] = {
    **dict.fromkeys(FALLING_WORD, "rise"), **dict.fromkeys(FALLING_WORD.values(), "fall"), "零": "zero", "持平": "zero",
}


def approx_figure(n: float) -> str:
    """The `XX余` figure, two significant figures: 17 -> '17', 34 -> '30余', 284 -> '280余', 4544 -> '4500余'.

    The count is rounded down (never up: 余 means "and more"); a round figure stays exact (30 -> '30').
    """
    whole = math.floor(_finite(n))
    if whole < 0:
        raise ValueError(f"an approximate figure is for counts, not {n!r}")
    if whole < APPROX_FROM:
        return str(whole)
    step = max(10, 10 ** (len(str(whole)) - APPROX_SIGNIFICANT))
    round_figure = whole // step * step
    return str(round_figure) if round_figure == whole else f"{round_figure}余"


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


def year_on_year(x: float, unit: str = "%") -> str:
    """A change against last year as a clause: '同比下降3.3个百分点', '同比增长5.0%', '与去年同期持平'."""
    phrase = change_phrase(x, unit)
    return "与去年同期持平" if phrase == "持平" else f"同比{phrase}"


def claimed_direction(claim: str) -> Direction:
    """The direction a claim word states: '上升'/'增长'/'增加'/'提高' rise, '下降'/'减少'/'降低' fall, '零'/'持平' zero."""
    if claim not in CLAIM_WORDS:
        raise ValueError(f"a claim must be one of {'、'.join(CLAIM_WORDS)}, not {claim!r}")
    return CLAIM_WORDS[claim]


def printed_direction(x: float, decimals: int) -> Direction:
    """Which way x goes as printed with `decimals` decimals: 0.04 at one decimal is zero, -3.3 a fall."""
    text = plain_number(x, decimals)
    if not text.strip("-0."):
        return "zero"
    return "fall" if text.startswith("-") else "rise"


def contradicts(claim: str, x: float | None, decimals: int) -> bool:
    """Whether the figure, as printed, goes against the claim; a missing figure has its own marker."""
    return x is not None and printed_direction(x, decimals) != claimed_direction(claim)


def review_marker(claim: str, actual: str) -> str:
    """The mark on a sentence whose figure goes against it: '【请核对：该句按“上升”撰写，实际同比下降3.3个百分点】'."""
    return f"【请核对：该句按“{claim}”撰写，实际{actual}】"


def missing_marker(label: str, half: str, reason: str = "") -> str:
    """The visible marker for a number that cannot be computed: '【缺数：90后干部 2019H1】', with the reason when
    the catalog did not ask for it then: '【缺数：90后干部 2019H1（2019年无此指标）】'."""
    return f"【缺数：{label} {half}{f'（{reason}）' if reason else ''}】"


def _finite(x: float) -> float:
    """The number itself; ValueError for NaN or infinity, which have no wording."""
    if not math.isfinite(x):
        raise ValueError(f"cannot word the number {x!r}")
    return x
