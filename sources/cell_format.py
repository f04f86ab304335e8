"""The kinds of number format a cell can be shown with, as far as reading a count or amount cares.

`excel_format_kind` classifies an Excel number format (a builtin id or a format code such as
`0.00%`, `yyyy"年"m"月"`, `[$-804]h:mm`), the way xlsx and xls files store them; ods files state
the kind themselves (office:value-type).
"""
from __future__ import annotations

import re
from functools import lru_cache

PERCENT = "percent"  # 0%, 0.00%: a stored 1 shows as 100%
DATE = "date"        # yyyy-mm-dd, m月d日: a typed 3-5 becomes 3月5日
TIME = "time"        # h:mm
TEXT = "text"        # @: the cell holds text even when it looks like a number
KINDS = (PERCENT, DATE, TIME, TEXT)

# Excel's builtin format ids (ECMA-376 18.8.30, and the ids Chinese Excel gives its date formats)
BUILTIN_KINDS: dict[int, str] = {
    9: PERCENT, 10: PERCENT,
    **{n: DATE for n in (14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58)},
    **{n: TIME for n in (18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47, 55, 56)},
    49: TEXT,
}

_LITERALS = re.compile(r'"[^"]*"|\\.|_.|\*.')          # "年", \-, _) and *x show characters, not values
_ELAPSED = re.compile(r"\[(h+|m+|s+)\]", re.IGNORECASE)  # [h]:mm is a duration
_BRACKETS = re.compile(r"\[[^\]]*\]")                     # [Red], [$-804], [DBNum1], [>100]
_GENERAL = re.compile(r"general|g/通用格式|通用格式", re.IGNORECASE)
_EXPONENT = re.compile(r"e[+-]", re.IGNORECASE)
_AM_PM = re.compile(r"am/pm|a/p|上午/下午", re.IGNORECASE)


@lru_cache(maxsize=1024)
def excel_format_kind(code: str) -> str | None:
    """The kind of an Excel format code ('0%' -> PERCENT, 'yyyy/m/d' -> DATE, '@' -> TEXT); None for a plain number."""
    section = _first_section(code)
    if _ELAPSED.search(section):
        return TIME
    bare = _BRACKETS.sub("", _LITERALS.sub("", section))
    bare = _EXPONENT.sub("", _GENERAL.sub("", bare)).lower()
    if "%" in bare:
        return PERCENT
    timed = bool(_AM_PM.search(bare)) or "h" in bare or "s" in bare
    if any(letter in bare for letter in "ydeb"):  # year, day, era year, Buddhist year
        return DATE
    if "m" in bare:  # month on its own, minutes beside hours or seconds
        return TIME if timed else DATE
    if timed:
        return TIME
    if "@" in bare:
        return TEXT
    return None


def builtin_format_kind(format_id: int) -> str | None:
    """The kind of one of Excel's builtin number formats (9 -> PERCENT, 14 -> DATE, 49 -> TEXT)."""
    return BUILTIN_KINDS.get(format_id)


def _first_section(code: str) -> str:
    """The section of a format code for positive numbers (before the first `;` outside quotes)."""
    quoted = False
    for at, char in enumerate(code):
        if char == '"':
            quoted = not quoted
        elif char == ";" and not quoted:
            return code[:at]
    return code
