"""Which month a text names: 2020年6月, 2020.06, 二〇二〇年三月, 3月份; and texts that name no single month."""
from __future__ import annotations

import re
from datetime import date

YEAR_MONTH = re.compile(r"(\d{4})\s*[年.\-/_]\s*(\d{1,2})(?!\d)\s*月?")
SHORT_YEAR_MONTH = re.compile(r"(?<!\d)(\d{2})\s*年\s*(\d{1,2})\s*月")  # 20年6月: the year's last two digits
STATED_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,3})\s*月")  # a month the text states outright
MONTH_ONLY = re.compile(r"(?<![\d年.\-/_~至到])(\d{1,2})\s*月(?:份)?(?![\d日号])")
CHINESE_DIGITS = "〇○零一二三四五六七八九"
CHINESE_YEAR = re.compile(f"([{CHINESE_DIGITS}]{{4}})\\s*年")
CHINESE_MONTH = re.compile(  # 三月; also the first month of 一至三月
    "(?<![一二三四五六七八九十])(十[一二]?|[一二三四五六七八九])\\s*(?=月|[-—–~～至到]\\s*(?:十[一二]?|[一二三四五六七八九])\\s*月)"
)
CHINESE_MONTH_NUMBERS = {"十": 10, "十一": 11, "十二": 12, **{d: i for i, d in enumerate("一二三四五六七八九", 1)}}
NOT_MONTHLY = re.compile(  # a quarter, a half-year, a year, or months 1-3月 / 1月至6月 / 1月-2020年6月
    r"第?[一二三四1-4]\s*季度|[上下]半年|全年|\d{4}\s*年度"
    r"|(?<!\d)\d{1,2}\s*月?\s*[-—–~～至到]\s*(?:\d{4}\s*年\s*)?\d{1,2}\s*月"
)
CHINESE_NUMERAL = re.compile("[〇○零一二三四五六七八九十]")
SUSPECT = re.compile(r"[季半全度\-—–~～至到〇○零一二三四五六七八九十]|(?<!\d)(?:0|1[3-9]|[2-9]\d|\d{3,})\s*月")
YEAR = re.compile(r"(\d{4})\s*年")
FIRST_YEAR, LAST_YEAR = 2000, 2100


def arabic_dates(text: str) -> str:
    """The text with a year or month written in Chinese numerals (二〇二〇年三月) in Arabic digits."""
    if not CHINESE_NUMERAL.search(text):
        return text
    text = CHINESE_YEAR.sub(lambda m: "".join(str(_digit(d)) for d in m.group(1)) + "年", text)
    return CHINESE_MONTH.sub(lambda m: str(CHINESE_MONTH_NUMBERS[m.group(1)]), text)


def _digit(character: str) -> int:
    return 0 if character in "〇○零" else "一二三四五六七八九".index(character) + 1


def period_in_text(text: str) -> date | None:
    """The first plausible year and month written in the text (2020年6月, 2020.06, 2020-06, 二〇二〇年六月, 20年6月)."""
    text = arabic_dates(text)
    for match in YEAR_MONTH.finditer(text):
        year, month = int(match.group(1)), int(match.group(2))
        if FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12:
            return date(year, month, 1)
    for match in SHORT_YEAR_MONTH.finditer(text):  # only with 年 and 月: 20.6 could be anything
        year, month = FIRST_YEAR + int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            return date(year, month, 1)
    return None


def month_in_text(text: str) -> int | None:
    """The month a text names without its year (3月, 3月份, 三月), when it names exactly one."""
    months = {int(m.group(1)) for m in MONTH_ONLY.finditer(arabic_dates(text))}
    if len(months) == 1 and 1 <= (month := months.pop()) <= 12:
        return month
    return None


def no_single_month(text: str) -> tuple[str, str] | None:
    """("not monthly" | "invalid", the words) when a text speaks of a quarter, a year, several months,
    or a month no calendar has; None for the usual title."""
    if not SUSPECT.search(text):
        return None
    words = not_monthly(text)
    if words is not None:
        rest = arabic_dates(text).replace(words, " ")
        if period_in_text(rest) is None and month_in_text(rest) is None:
            return "not monthly", words
        return None  # 2020年6月（含上半年累计）: the month is stated beside the cumulative words
    words = invalid_month(text)
    return ("invalid", words) if words is not None else None


def not_monthly(text: str) -> str | None:
    """The words that make a text speak of a quarter, a half-year, a year or several months, if any."""
    match = NOT_MONTHLY.search(arabic_dates(text))
    return match.group(0) if match else None


def invalid_month(text: str) -> str | None:
    """A month the text states that no calendar has (2020年13月, 0月), if any."""
    for match in STATED_MONTH.finditer(arabic_dates(text)):
        if not 1 <= int(match.group(2)) <= 12:
            return match.group(0)
    return None


def year_in_text(text: str) -> int | None:
    """The first plausible year written in the text (2020年, 二〇二〇年)."""
    for match in YEAR.finditer(arabic_dates(text)):
        if FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR:
            return int(match.group(1))
    return None
