"""Reading any number: properties over every spelling, and the cell's number format."""
from __future__ import annotations

import math
from datetime import date, datetime, time
from decimal import Decimal

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from countystat.sources.cell_format import DATE, KINDS, PERCENT, TEXT, TIME
from countystat.sources.number_parts import APPROXIMATION_WORDS
from countystat.sources.numbers import Reading, ValueProblem, read_number
from tests.number_cases import ATTENDANCE, COUNTS, FUNDS, full_width

# --- properties ---------------------------------------------------------------------------

def spellings_of(number: str, unit: str) -> st.SearchStrategy[str]:
    """Every accepted way to write an ASCII number with an agreeing unit."""
    with_unit = st.sampled_from(["", unit, " " + unit, f"({unit})"]).map(lambda u: number + u)
    padded = st.tuples(st.sampled_from(["", " ", "\u3000"]), with_unit, st.sampled_from(["", " ", "\u3000"]))
    written = padded.map("".join)
    return st.one_of(written, written.map(full_width))


def grouped(number: str, comma: str) -> str:
    """The number with thousands separators: 1234567.5 → 1,234,567.5."""
    whole, dot, fraction = number.partition(".")
    return f"{int(whole):,}".replace(",", comma) + dot + fraction


@given(
    st.sampled_from(COUNTS), st.integers(min_value=0, max_value=10**12),
    st.sampled_from(["plain", "point_zero", "grouped", "grouped_full_width"]), st.data(),
)
def test_any_whole_number_in_any_accepted_spelling_reads_back(indicator, n, form, data):
    number = {
        "plain": str(n), "point_zero": f"{n}.0",
        "grouped": grouped(str(n), ","), "grouped_full_width": grouped(str(n), "，"),
    }[form]
    typed = data.draw(spellings_of(number, indicator.unit_zh))
    assert read_number(typed, indicator) == Reading(float(n), None)


@given(
    st.decimals(min_value=0, max_value=10**8, places=6, allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "万元", "万"]), st.booleans(), st.data(),
)
def test_any_decimal_in_any_accepted_spelling_reads_back(amount, unit, with_commas, data):
    number = format(amount, "f")
    if with_commas:
        number = grouped(number, data.draw(st.sampled_from([",", "，"])))
    typed = data.draw(spellings_of(number, unit))
    assert read_number(typed, FUNDS) == Reading(float(amount), None)


@given(st.integers(min_value=0, max_value=10**12).filter(lambda n: n != 1), st.sampled_from(COUNTS))
def test_any_whole_number_in_chinese_numerals_reads_back(n, indicator):
    assert read_number(cn2an.an2cn(n), indicator).value == n
    assert read_number(cn2an.an2cn(n) + indicator.unit_zh, indicator).value == n


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_any_amount_in_yuan_reads_back_as_wan_yuan(amount):
    reading = read_number(f"{amount}元", FUNDS)
    assert reading.value == float(amount / 10_000)
    assert reading.note is not None and "万元" in reading.note


MESSY = "0123456789.,，．。、 -－—~～/／+%％EeA万元人次名件例约余多左右十百千万亿两一二三零〇壹无没有nan-inf"
ANYTHING = st.one_of(
    st.text(), st.text(alphabet=MESSY, max_size=12),
    st.binary().map(lambda b: b.decode("utf-8", errors="replace")),
    st.binary().map(lambda b: b.decode("gb18030", errors="ignore")),
    st.none(), st.booleans(), st.integers(), st.floats(), st.decimals(), st.fractions(),
    st.complex_numbers(), st.datetimes(), st.dates(), st.times(), st.timedeltas(),
    st.lists(st.integers(), max_size=3), st.builds(object),
)
HINTS = st.one_of(st.none(), st.sampled_from(["元", "万元", "万", "人", "名", "人次", "", " "]), st.text(max_size=4))


@settings(max_examples=500, deadline=None)
@given(ANYTHING, st.sampled_from([*COUNTS, FUNDS]), HINTS, st.one_of(st.none(), st.sampled_from(KINDS)))
def test_anything_is_read_or_refused_and_never_negative_or_not_finite(raw, indicator, hint, cell_format):
    try:
        reading = read_number(raw, indicator, hint, cell_format)
    except ValueProblem as problem:
        assert str(problem)
        return
    assert isinstance(reading, Reading)
    if reading.value is not None:
        assert isinstance(reading.value, float)
        assert math.isfinite(reading.value)
        assert math.copysign(1.0, reading.value) == 1.0  # not negative, not even -0.0
        if indicator.value_type == "int":
            assert reading.value == int(reading.value)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=MESSY, max_size=6), st.sampled_from(APPROXIMATION_WORDS),
    st.text(alphabet=MESSY, max_size=6), st.sampled_from([*COUNTS, FUNDS]), HINTS,
)
def test_text_with_an_approximation_word_never_yields_a_value(before, word, after, indicator, hint):
    with pytest.raises(ValueProblem):
        read_number(before + word + after, indicator, hint)


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["+", "＋"]), st.sampled_from(COUNTS))
def test_a_trailing_plus_is_an_approximation(n, plus, indicator):
    with pytest.raises(ValueProblem, match="约数"):
        read_number(f"{n}{plus}", indicator)


# --- the cell's number format ---------------------------------------------------------------

@pytest.mark.parametrize("stored, shown", [(1, "100%"), (1.0, "100%"), (0.5, "50%"), (3, "300%"), (0.123, "12.3%"),
                                           (0, "0%"), (12, "1200%"), (Decimal("0.25"), "25%")])
@pytest.mark.parametrize("indicator", [ATTENDANCE, FUNDS], ids=["人次", "万元"])
def test_a_percent_formatted_number_is_refused_as_the_clerk_sees_it(stored, shown, indicator):
    with pytest.raises(ValueProblem) as problem:
        read_number(stored, indicator, cell_format=PERCENT)
    assert str(problem.value) == (f"「{shown}」是百分比，{indicator.name_zh}应填{indicator.unit_zh}数，"
                                  "请把单元格格式改为“常规”后重新填写")


@pytest.mark.parametrize("stored, cell_format, shown", [
    (46086.0, DATE, "2026年3月5日"),              # a typed 3-5, as some readers hand it back: a serial
    (datetime(2026, 3, 5), DATE, "2026年3月5日"),  # … and as calamine does: a datetime
    (date(2020, 6, 1), DATE, "2020年6月1日"),
    (0.5, TIME, "12:00"), (time(8, 30), TIME, "8:30"),
    (46086.5, DATE, "2026年3月5日 12:00"),
])
def test_a_date_or_time_formatted_number_is_refused_as_the_clerk_sees_it(stored, cell_format, shown):
    with pytest.raises(ValueProblem) as problem:
        read_number(stored, ATTENDANCE, cell_format=cell_format)
    assert str(problem.value).startswith(f"「{shown}」是日期") and "人次" in str(problem.value)


@pytest.mark.parametrize("raw, cell_format", [(12, TEXT), (12.0, TEXT), ("12", TEXT), ("12", PERCENT), ("12", DATE),
                                              (12, None)])
def test_text_format_and_text_in_any_format_read_as_typed(raw, cell_format):
    assert read_number(raw, ATTENDANCE, cell_format=cell_format) == Reading(12.0)


@pytest.mark.parametrize("typed", [
    "'12", "' 12", "'１２", " 12 ", "\u00a012\u00a0", "\u300012\u3000", "12\u2009", "\u202f12", "\u200b12",
    "1\u200b2", "\ufeff12", "\t12\n", "\u2007 12", "'12人次",
])
def test_a_number_stored_as_text_with_a_prefix_or_stray_spaces_is_a_number(typed):
    assert read_number(typed, ATTENDANCE) == Reading(12.0)


STRAY = st.sampled_from([" ", "\u00a0", "\u3000", "\u2002", "\u2009", "\u202f", "\u200b", "\ufeff", "\t"])


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(COUNTS), st.lists(STRAY, max_size=3),
       st.lists(STRAY, max_size=3), st.booleans(), st.booleans(), st.one_of(st.none(), st.just(TEXT)))
def test_any_whole_number_typed_with_stray_spaces_full_width_or_text_prefix_reads_as_itself(
        n, indicator, before, after, wide, prefixed, cell_format):
    number = full_width(str(n)) if wide else str(n)
    typed = ("'" if prefixed else "") + "".join(before) + number + "".join(after)
    assert read_number(typed, indicator, cell_format=cell_format) == Reading(float(n))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.integers(min_value=0, max_value=10**9), st.floats(min_value=0, max_value=1e9),
                 st.decimals(min_value=0, max_value=10**9, allow_nan=False, allow_infinity=False)),
       st.sampled_from([*COUNTS, FUNDS]), HINTS)
def test_any_percent_formatted_number_is_refused(stored, indicator, hint):
    with pytest.raises(ValueProblem, match="是百分比，.*应填"):
        read_number(stored, indicator, hint, cell_format=PERCENT)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.integers(min_value=0, max_value=10**7), st.floats(min_value=0, max_value=1e7), st.datetimes(),
                 st.dates(), st.times()),
       st.sampled_from([DATE, TIME]), st.sampled_from([*COUNTS, FUNDS]))
def test_any_date_or_time_formatted_number_is_refused(stored, cell_format, indicator):
    with pytest.raises(ValueProblem, match="是日期"):
        read_number(stored, indicator, cell_format=cell_format)
