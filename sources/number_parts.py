"""Number text as a clerk types it, made ready to read: normalized, cut into its number and unit parts.

Full-width characters become ASCII, look-alike dashes '-' and waves '~', zero-width characters and
Excel's text prefix (`'12`) go; `split_unit` cuts the leading digits or Chinese numerals from the unit
after them, and `approximation_word` finds what makes the text an approximation (约, 余, 左右, 30+).
"""
from __future__ import annotations

import re
from functools import lru_cache

YUAN = "元"
CHINESE_NUMERALS = "零一二两三四五六七八九十百千万亿〇壹贰叁肆伍陆柒捌玖拾佰仟"
CHINESE_NUMBER = re.compile(f"^[{CHINESE_NUMERALS}]+")
ARABIC_NUMBER = re.compile(r"^[0-9.,]+")
APPROXIMATION_WORDS = (
    "大约", "大概", "约", "余", "多", "左右", "上下", "将近", "接近", "近", "以上", "以下", "以内",
    "不到", "不足", "不少于", "不超过", "超过", "至少", "最多", "逾", "几", "若干", "许", "来",
    "数十", "数百", "数千", "数万", "上百", "上千", "上万", "估计", "预计", "大于", "小于",
    "≈", ">", "<", "≥", "≤",
)

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # ！…～ → !…~
_LOOK_ALIKES = {
    0x3000: " ",  # ideographic space
    **{code: "-" for code in (0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63)},
    0x301C: "~", 0x223C: "~",  # wave dash, tilde operator
}
_ZERO_WIDTH = {code: None for code in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)}  # typed or pasted, invisible
_TO_ASCII = {**_FULL_WIDTH, **{code: ord(c) for code, c in _LOOK_ALIKES.items()}, **_ZERO_WIDTH}
TEXT_PREFIX = "'"  # Excel's mark for "keep this as text", kept by some exports


def normalized_number_text(text: str) -> str:
    """The text stripped (Excel's text prefix and zero-width characters too), full-width characters
    made ASCII, dashes made '-' and waves '~'."""
    text = text.translate(_TO_ASCII).strip()
    return text[1:].strip() if text.startswith(TEXT_PREFIX) else text


def split_unit(text: str) -> tuple[str, str]:
    """(number, unit) of normalized text: the leading digits or Chinese numerals, and the rest."""
    found = ARABIC_NUMBER.match(text) or CHINESE_NUMBER.match(text)
    if found is None:
        return "", text
    number, unit = found.group(), without_brackets(text[found.end():])
    if CHINESE_NUMBER.match(number) and len(number) > 1 and number.endswith("万") and unit == YUAN:
        return number[:-1], "万" + unit  # 五万元 is 五 万元
    return number, unit


def approximation_word(text: str) -> str | None:
    """The word or sign that makes normalized text an approximation (约, 余, 多, 左右, a trailing +)."""
    for word in APPROXIMATION_WORDS:
        if word in text:
            return word
    if "+" in text.lstrip("+"):
        return "+"
    if text.startswith("~"):
        return "~"
    return None


@lru_cache(maxsize=4096)  # every row of a form states its unit, the same few words on every form
def stated_unit(unit_hint: str | None) -> str | None:
    """The stated unit, normalized; None when nothing is stated."""
    if unit_hint is None:
        return None
    return without_brackets(normalized_number_text(unit_hint)) or None


def without_brackets(unit: str) -> str:
    """A unit with its surrounding brackets and spaces removed: (人) → 人."""
    unit = unit.strip()
    bracketed = re.fullmatch(r"\((.*)\)", unit)
    return bracketed.group(1).strip() if bracketed else unit
