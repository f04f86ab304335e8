"""Turn one cell into a number for an indicator, or say in Chinese why it can't be trusted."""
from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta

from .catalog import Indicator

PLAIN_NUMBER = re.compile(r"^\d+(\.\d+)?$")


class ValueProblem(ValueError):
    """The cell holds something that is not a usable number; the message is for the clerk."""


def parse_value(raw: object, indicator: Indicator) -> float | None:
    """The cell's number, None when blank (not reported); ValueProblem when unusable."""
    if type(raw) is float:  # what a typed number reads as: the usual case
        return checked_number(raw, indicator)
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueProblem(f"「{raw}」不是数字，请填写数字")
    if isinstance(raw, (datetime, date, time, timedelta)):
        raise ValueProblem(f"「{raw}」是日期或时间，请填写{indicator.unit_zh}数")
    if isinstance(raw, str):
        text = raw.strip()
        if not text:
            return None
        if not PLAIN_NUMBER.match(text):
            raise ValueProblem(f"「{text}」不是数字，请填写准确数字（单位：{indicator.unit_zh}）")
        return checked_number(float(text), indicator)
    if isinstance(raw, (int, float)):
        return checked_number(float(raw), indicator)
    raise ValueProblem(f"「{raw}」不是数字，请填写数字")


def checked_number(value: float, indicator: Indicator) -> float:
    """The value if it is a finite, non-negative number of the indicator's type."""
    if not math.isfinite(value):
        raise ValueProblem("不是有效数字，请填写数字")
    if value < 0:
        raise ValueProblem(f"「{_shown(value)}」是负数，{indicator.name_zh}不能小于0，请核实")
    if indicator.value_type == "int" and value != int(value):
        raise ValueProblem(
            f"「{_shown(value)}」不是整数，{indicator.name_zh}应填整数（单位：{indicator.unit_zh}）"
        )
    return value


def _shown(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)
