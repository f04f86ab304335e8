"""Turn one cell into a number for an indicator, or say in Chinese why it can't be trusted.

Error policy: read every value a careful person could read with certainty, and raise
ValueProblem (its message tells the clerk what to do) for anything else. Never guess:
a silently wrong number is worse than a rejected form.

What is read:
- numbers, also typed as text: `12`, ` 12.0 `, full-width `１２．５`, `.5`, valid thousands
  separators `1,234` / `1，234`, Chinese numerals `十二`, `两千零三`, `壹佰零伍` (cn2an strict mode,
  两 only where it means 2: `两`, `两千`, not `十两`);
- a unit after the number when it agrees with the indicator's unit (`12人`, `十二 人次`;
  人, 名 and 位 all count people);
- for 万元 indicators: `3.5万元` and `3.5万` as they are; `35000元`, or any number when the
  row or column says 元 (`unit_hint='元'`), divided by 10,000 with a note for the clerk;
- zero: `0`, `无`, `没有`, a dash (`-`, `—`, `——`, `－`) or a slash (`/`, `／`);
- blank or whitespace-only: not reported (None).

The cell's number format counts as much as its value (cell_format, from SheetGrid.format_of): a
number shown as a percentage (a stored 1 shows `100%`) or as a date or time (Excel turns a typed
`3-5` into 3月5日) is refused whatever it stores, quoting it as the clerk sees it. A number stored as
text is a number: Excel's text prefix (`'12`), and stray spaces at either end (ordinary, no-break,
full-width, thin and the other Unicode spaces; zero-width ones anywhere) are dropped.

Everything else is a ValueProblem, notably: approximations (`约30`, `30余`, `30+`), ranges
(`20-30`), negatives, fractions of a whole-number indicator, NaN/inf, percentages, dates and
times, booleans, a unit that disagrees with the indicator (`12件` for a 人 indicator), `元` for
a non-money indicator, numbers scaled by 万/亿 for a count indicator (likely rounded), scientific
notation (`1.2E+04`, likely a rounded display), more than 15 significant digits (float cannot
hold them), a lone `一` (also typed for a dash: 1 or 0?), Chinese numerals with 万/亿 in a 万元
cell without a unit (`三万`: 3万元 or 30000万元?), an amount in 元 under 1 fen (it would round to
0万元), `12。5` (the Chinese full stop), and text such as `暂无数据` or `见附件` (0 or not reported?).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal


from .catalog import Indicator
from .cell_format import DATE, PERCENT, TIME
from .number_parts import (
    CHINESE_NUMBER, CHINESE_NUMERALS, YUAN, approximation_word, normalized_number_text, split_unit, stated_unit,
)
from .shown_values import clipped, plain_decimal, shown_date, shown_number, shown_percent, stored_date

MONEY_UNIT = "万元"
YUAN_PER_WAN = Decimal(10_000)
CONVERTED_PLACES = Decimal("0.000001")  # a value converted from 元 is rounded to 6 decimals
MAX_SIGNIFICANT_DIGITS = 15  # what a float holds exactly; longer numbers are refused

ZERO_WORDS = frozenset({"无", "没有", "/"})  # and "0", which reads as a number
DASHES = re.compile(r"^-+$")
PERSON_UNITS = frozenset({"人", "名", "位"})  # units that agree with one another
KNOWN_UNITS = frozenset({
    "人", "名", "位", "人次", "次", "个", "件", "项", "支", "处", "例", "篇", "批", "批次", "轮",
    "场", "期", "家", "户", "所", "座", "条", "份", "起", "名次", "天", "小时",
    YUAN, MONEY_UNIT, "千元", "亿元", "百万元",
})
SCALE_CHARACTERS = "十百千万亿"  # a unit starting with one of these scales the number

TWO_BEFORE_MAGNITUDE = re.compile("两(?=[百千万亿佰仟])")  # 两千 is 2000, 十两 is no number
PLAIN_NUMBER = re.compile(r"^(\d+(\.\d*)?|\.\d+)$")
GROUPED_NUMBER = re.compile(r"^[1-9]\d{0,2}(,\d{3})+(\.\d*)?$")
SCIENTIFIC = re.compile(r"^\d+(\.\d*)?[eE][+-]?\d+")
DIGIT = f"[0-9{CHINESE_NUMERALS}]"
RANGE = re.compile(rf"{DIGIT}[^-~至到0-9{CHINESE_NUMERALS}]*(-|~|至|到)\s*{DIGIT}")
NEGATIVE = re.compile(rf"^(-|负)\s*{DIGIT}")
DATE_OR_TIME = re.compile(
    r"^\d{4}[-/]\d{1,2}([-/]\d{1,2})?$|^\d{4}\.\d{1,2}\.\d{1,2}$|\d\s*[年月日时]|\d{1,2}:\d{2}"
)
PERCENT_SIGNS = ("%", "‰", "百分之", "千分之")
NO_DATA_HINTS = ("无", "没", "未", "暂", "缺", "待", "不详", "不清")
RATIO_UNITS = frozenset({"%", "百分比", "‰"})  # an indicator in these units may well be shown as a percentage


TEXT_MEMO_SIZE = 50_000  # distinct typed texts remembered (_read_text): a province's forms repeat a few thousand
_TEXT_READINGS: dict[tuple[str, str, str, str, str | None], Reading | str] = {}  # a Reading, or the problem's text


class ValueProblem(ValueError):
    """The cell holds something that is not a usable number; the message is for the clerk."""


@dataclass(frozen=True)
class Reading:
    """A cell's number (None: not reported), with a note for the clerk when countystat converted it."""

    value: float | None
    note: str | None = None


def parse_value(raw: object, indicator: Indicator) -> float | None:
    """The cell's number, None when blank (not reported); ValueProblem when unusable."""
    return read_number(raw, indicator).value


def read_number(raw: object, indicator: Indicator, unit_hint: str | None = None,
                cell_format: str | None = None) -> Reading:
    """Read a cell for an indicator; unit_hint is the unit its row or column states, if any,
    cell_format the kind of number format the cell is shown with (SheetGrid.format_of)."""
    hint = stated_unit(unit_hint)
    if raw is None:
        return Reading(None)
    if isinstance(raw, bool):
        raise ValueProblem(f"「{raw}」不是数字，请填写数字（单位：{indicator.unit_zh}）")
    if cell_format is not None and not isinstance(raw, str):
        _reject_shown_format(raw, cell_format, indicator)
    if isinstance(raw, (datetime, date, time, timedelta)):
        raise ValueProblem(f"「{shown_date(raw)}」是日期或时间，请填写{indicator.unit_zh}数")
    if isinstance(raw, str):
        return _read_text(raw, indicator, hint)
    if isinstance(raw, (int, float, Decimal)):
        return _read_typed_number(raw, indicator, hint)
    raise ValueProblem(f"「{clipped(repr(raw))}」不是数字，请填写数字（单位：{indicator.unit_zh}）")


def _reject_shown_format(raw: object, cell_format: str, indicator: Indicator) -> None:
    """Raise for a number the cell shows as a percentage, date or time, whatever it stores."""
    unit = indicator.unit_zh
    if cell_format == PERCENT and unit not in RATIO_UNITS and isinstance(raw, (int, float, Decimal)):
        raise ValueProblem(
            f"「{shown_percent(raw)}」是百分比，{indicator.name_zh}应填{unit}数，请把单元格格式改为“常规”后重新填写"
        )
    if cell_format in (DATE, TIME):
        shown = shown_date(stored_date(raw, cell_format))
        raise ValueProblem(
            f"「{shown}」是日期或时间，{indicator.name_zh}应填{unit}数，"
            "请把单元格格式改为“常规”后重新填写数字（如“3-5”会被Excel变成日期）"
        )


def checked_number(value: float, indicator: Indicator) -> float:
    """The value if it is a finite, non-negative number of the indicator's type."""
    if not math.isfinite(value):
        raise ValueProblem(f"「{value}」不是有效数字，请填写数字（单位：{indicator.unit_zh}）")
    if value < 0:
        raise ValueProblem(f"「{shown_number(value)}」是负数，{indicator.name_zh}不能小于0，请核实")
    if indicator.value_type == "int" and value != int(value):
        raise ValueProblem(
            f"「{shown_number(value)}」不是整数，{indicator.name_zh}应填整数（单位：{indicator.unit_zh}）"
        )
    return value + 0.0  # -0.0 becomes 0.0


def _read_typed_number(raw: int | float | Decimal, indicator: Indicator, hint: str | None) -> Reading:
    """A number the spreadsheet stored as a number, in the hinted unit if there is one."""
    if isinstance(raw, Decimal) and not raw.is_finite():
        raise ValueProblem(f"「{raw}」不是有效数字，请填写数字（单位：{indicator.unit_zh}）")
    if isinstance(raw, int) and raw.bit_length() > 64:
        raise ValueProblem(f"数字位数过多，无法准确读取，请核实（单位：{indicator.unit_zh}）")
    value = checked_number(float(raw), indicator)
    if hint is None or _unit_divisor(hint, indicator, shown_number(value), from_cell=False) == 1:
        return Reading(value)
    return _converted_from_yuan(Decimal(repr(value)), shown_number(value), indicator, stated_in_cell=False)


def _read_text(raw: str, indicator: Indicator, hint: str | None) -> Reading:
    """A number typed as text, read once per distinct text and what the reading depends on (the indicator's
    name, unit and type, the stated unit): forms repeat the same few numbers; the problem is raised anew."""
    key = (raw, indicator.name_zh, indicator.unit_zh, indicator.value_type, hint)
    found = _TEXT_READINGS.get(key)
    if found is None:
        try:
            found = _read_new_text(raw, indicator, hint)
        except ValueProblem as exc:
            found = str(exc)
        if len(_TEXT_READINGS) < TEXT_MEMO_SIZE:
            _TEXT_READINGS[key] = found
    if isinstance(found, str):
        raise ValueProblem(found)
    return found


def _read_new_text(raw: str, indicator: Indicator, hint: str | None) -> Reading:
    """A number typed as text: normalize, rule out what can't be read, then read the rest."""
    text = normalized_number_text(raw)
    if not text:
        return Reading(None)
    shown = clipped(raw.strip())
    if text in ZERO_WORDS or DASHES.match(text):
        return Reading(0.0)
    _reject_unreadable(text, shown, indicator)
    number, unit = split_unit(text)
    if not number or any(c.isdigit() for c in unit):
        raise _not_a_number(shown, indicator)
    if not unit and CHINESE_NUMBER.match(number):
        _reject_ambiguous_chinese(number, shown, indicator, hint)
    amount = _amount(number, shown, indicator)
    stated_in_cell = bool(unit)
    divisor = _unit_divisor(unit or hint or indicator.unit_zh, indicator, shown, from_cell=stated_in_cell)
    if divisor != 1:
        return _converted_from_yuan(amount, shown, indicator, stated_in_cell)
    return Reading(_checked_amount(amount, shown, indicator))


def _reject_unreadable(text: str, shown: str, indicator: Indicator) -> None:
    """Raise for approximations, percentages, dates, ranges, negatives and the like."""
    unit = indicator.unit_zh
    if SCIENTIFIC.match(text):
        raise ValueProblem(f"「{shown}」是科学计数法，可能已四舍五入，请填写完整的准确数字（单位：{unit}）")
    word = approximation_word(text)
    if word:
        raise ValueProblem(f"「{shown}」不是数字，而是约数（含“{word}”），请填写准确数字（单位：{unit}）")
    if any(sign in text for sign in PERCENT_SIGNS):
        raise ValueProblem(f"「{shown}」不是数字，而是百分比，请填写{unit}数，不要填比例")
    if DATE_OR_TIME.search(text):
        raise ValueProblem(f"「{shown}」是日期或时间，请填写{unit}数")
    if RANGE.search(text):
        raise ValueProblem(f"「{shown}」不是数字，而是一个范围，请填写准确数字（单位：{unit}）")
    if NEGATIVE.match(text):
        raise ValueProblem(f"「{shown}」是负数，{indicator.name_zh}不能小于0，请核实")
    if re.search(r"\d[。、]\d", text):
        raise ValueProblem(f"「{shown}」中有“。”或“、”，无法确定是多少，请填写准确数字，小数点用“.”")


def _amount(number: str, shown: str, indicator: Indicator) -> Decimal:
    """The exact value of the number part: Arabic digits (maybe grouped) or Chinese numerals."""
    if CHINESE_NUMBER.match(number):
        amount = _chinese_numeral(number, shown, indicator)
    elif PLAIN_NUMBER.match(number):
        amount = Decimal(number)
    elif GROUPED_NUMBER.match(number):
        amount = Decimal(number.replace(",", ""))
    elif "," in number and re.fullmatch(r"[0-9,]+(\.\d*)?", number):
        raise ValueProblem(f"「{shown}」的千分位逗号位置不对，无法确定是多少，请去掉逗号填写准确数字")
    else:
        raise _not_a_number(shown, indicator)
    if len(amount.normalize().as_tuple().digits) > MAX_SIGNIFICANT_DIGITS:
        raise ValueProblem(f"「{shown}」位数过多，无法准确读取，请核实（单位：{indicator.unit_zh}）")
    return amount


def _chinese_numeral(number: str, shown: str, indicator: Indicator) -> Decimal:
    """The value of a Chinese numeral by cn2an's strict mode (两 read as 二 where it means 2, 〇 as 零)."""
    import cn2an  # 0.3 s to import: only for a cell that holds a Chinese numeral

    strict = "二" if number == "两" else TWO_BEFORE_MAGNITUDE.sub("二", number)
    try:
        value = cn2an.cn2an(strict.replace("〇", "零"), "strict")
    except ValueError:
        raise _not_a_number(shown, indicator) from None
    return Decimal(value)


def _reject_ambiguous_chinese(number: str, shown: str, indicator: Indicator, hint: str | None) -> None:
    """Raise for a Chinese numeral with no unit that could mean two numbers."""
    if set(number) == {"一"}:  # 一 looks like the dash typed for "none"
        raise ValueProblem(f"「{shown}」可能是数字1，也可能是表示“无”的横线，请改填阿拉伯数字（1或0）")
    if indicator.unit_zh == MONEY_UNIT and hint != YUAN and any(c in number for c in "万亿"):
        raise ValueProblem(
            f"「{shown}」无法确定是多少万元，请用阿拉伯数字填写万元数（如35000元填3.5）"
        )


def _unit_divisor(unit: str, indicator: Indicator, shown: str, from_cell: bool) -> Decimal:
    """1 when the unit agrees with the indicator's, 10000 for 元 in a 万元 indicator; else raise."""
    expected = indicator.unit_zh
    if unit == expected or (unit in PERSON_UNITS and expected in PERSON_UNITS):
        return Decimal(1)
    if expected == MONEY_UNIT and unit == "万":
        return Decimal(1)
    if expected == MONEY_UNIT and unit == YUAN:
        return YUAN_PER_WAN
    where = f"「{shown}」的单位是“{unit}”" if from_cell else f"「{shown}」的计量单位写的是“{unit}”"
    if unit in (YUAN, "千元", "亿元", "百万元", MONEY_UNIT) and expected != MONEY_UNIT:
        raise ValueProblem(f"{where}，是金额，而{indicator.name_zh}的单位是“{expected}”，请核实后只填写数字")
    if from_cell and unit[0] in SCALE_CHARACTERS and unit not in KNOWN_UNITS:
        raise ValueProblem(
            f"「{shown}」用“{unit[0]}”表示，可能是约数，请填写完整的准确数字（单位：{expected}）"
        )
    if from_cell and unit not in KNOWN_UNITS:
        raise _not_a_number(shown, indicator)
    raise ValueProblem(f"{where}，而{indicator.name_zh}的单位是“{expected}”，请核实后只填写{expected}数")


def _converted_from_yuan(amount: Decimal, shown: str, indicator: Indicator, stated_in_cell: bool) -> Reading:
    """An amount in 元 as 万元, rounded to 6 decimals, with a note saying so."""
    if amount.adjusted() >= MAX_SIGNIFICANT_DIGITS:
        raise ValueProblem(f"「{shown}」位数过多，无法准确读取，请核实（单位：{YUAN}）")
    in_wan = (amount / YUAN_PER_WAN).quantize(CONVERTED_PLACES)
    if amount and not in_wan:
        raise ValueProblem(f"「{shown}」不足1分，请核实金额（单位：{indicator.unit_zh}）")
    value = _checked_amount(in_wan, shown, indicator)
    written = plain_decimal(in_wan)
    if stated_in_cell:
        return Reading(value, f"「{shown}」已按万元折算为{written}万元")
    return Reading(value, f"「{shown}」的计量单位为元，已按万元折算为{written}万元")


def _checked_amount(amount: Decimal, shown: str, indicator: Indicator) -> float:
    """The amount as a float if it is a whole number where the indicator needs one."""
    if indicator.value_type == "int" and amount != amount.to_integral_value():
        raise ValueProblem(
            f"「{shown}」不是整数，{indicator.name_zh}应填整数（单位：{indicator.unit_zh}）"
        )
    return float(amount) + 0.0


def _not_a_number(shown: str, indicator: Indicator) -> ValueProblem:
    """The problem with text that holds no number countystat can read."""
    if any(hint in shown for hint in NO_DATA_HINTS):
        return ValueProblem(f"「{shown}」不是数字：没有发生请填0，尚未统计请留空")
    return ValueProblem(f"「{shown}」不是数字，请只填写准确数字（单位：{indicator.unit_zh}）")






