"""How numbers are written in the summary: 余 figures, plain numbers, percentages, changes, markers."""
from __future__ import annotations

import math

import pytest

from countystat.reports.wording import (
    NO_BASE_MARKER,
    approx_figure,
    change_phrase,
    claimed_direction,
    contradicts,
    growth_phrase,
    missing_marker,
    percent,
    printed_direction,
    review_marker,
    year_on_year,
)
from countystat.sources.number_text import plain_number, plain_or_none, short_number, typed_number


@pytest.mark.parametrize("n, text", [
    (0, "0"),
    (7, "7"),
    (17, "17"),
    (19, "19"),
    (19.9, "19"),          # floor first: still under 20
    (20, "20"),            # exactly round: no 余
    (21, "20余"),
    (34, "30余"),          # tens are the finest step: never '34余'
    (30, "30"),
    (30.5, "30"),          # floor first, then 30 is exact
    (99, "90余"),
    (100, "100"),
    (105, "100余"),
    (199, "190余"),
    (200, "200"),
    (201, "200余"),
    (236, "230余"),        # two significant figures, rounded down: 余 means "and more"
    (284, "280余"),        # not '200余' (30 % low)
    (999, "990余"),
    (1999, "1900余"),
    (2000, "2000"),
    (2001, "2000余"),
    (2300, "2300"),        # a round figure stays exact
    (2345, "2300余"),
    (4544, "4500余"),      # not '4000余'
    (12345, "12000余"),    # no thousands separator
    (99999, "99000余"),
])
def test_approx_figure(n, text):
    assert approx_figure(n) == text


@pytest.mark.parametrize("n", [-1, -0.5, math.nan, math.inf])
def test_approx_figure_refuses_what_is_not_a_count(n):
    with pytest.raises(ValueError):
        approx_figure(n)


@pytest.mark.parametrize("x, decimals, text", [
    (12, 0, "12"),
    (12.0, 0, "12"),
    (12.5, 2, "12.50"),
    (12.5, 0, "13"),       # half away from zero
    (-12.5, 0, "-13"),
    (2.675, 2, "2.68"),    # the decimal spelling counts, not the binary 2.67499…
    (12345, 0, "12345"),   # no thousands separator, ever
    (1234567.891, 1, "1234567.9"),
    (0, 2, "0.00"),
    (-0.004, 2, "0.00"),   # never '-0.00'
    (-0.0, 0, "0"),
])
def test_plain_number(x, decimals, text):
    assert plain_number(x, decimals) == text


def test_plain_number_refuses_negative_decimals():
    with pytest.raises(ValueError):
        plain_number(1.0, -1)


def test_a_table_shows_a_dash_for_a_figure_nobody_reported():
    assert plain_or_none(None, 2) == "—"
    assert plain_or_none(1.005, 2) == "1.01" and plain_or_none(0.0) == "0"


@pytest.mark.parametrize("x, places, text", [
    (12.0, 6, "12"),
    (12.5, 6, "12.5"),
    (0.1 + 0.2, 6, "0.3"),          # float noise never shows in a message
    (1 / 3, 6, "0.333333"),
    (1 / 3, 2, "0.33"),
    (1.5, 0, "2"),
    (120.0, 0, "120"),              # no decimal point: its zeros stay
    (1e20, 6, "100000000000000000000"),
    (-1e-7, 6, "0"),                # never '-0'
    (-2.5, 2, "-2.5"),
])
def test_short_number(x, places, text):
    assert short_number(x, places) == text


@pytest.mark.parametrize("x, text", [
    (12.0, "12"),
    (12.5, "12.5"),
    (0.1234567, "0.1234567"),       # what the clerk typed: not rounded
    (0.1 + 0.2, "0.30000000000000004"),
    (-3.0, "-3"),
])
def test_typed_number(x, text):
    assert typed_number(x) == text


@pytest.mark.parametrize("x, text", [
    (12.46, "12.5%"),
    (12.45, "12.5%"),      # half up
    (12.44, "12.4%"),
    (-12.45, "-12.5%"),    # half away from zero
    (0, "0.0%"),
    (0.04, "0.0%"),
    (0.05, "0.1%"),
    (-0.04, "0.0%"),       # never '-0.0%'
    (100, "100.0%"),
    (-3.14, "-3.1%"),
])
def test_percent(x, text):
    assert percent(x) == text


@pytest.mark.parametrize("x", [math.nan, math.inf, -math.inf])
def test_percent_refuses_non_finite(x):
    with pytest.raises(ValueError):
        percent(x)


@pytest.mark.parametrize("pct, kind, text", [
    (12.5, "增长", "同比增长12.5%"),
    (12.45, "增长", "同比增长12.5%"),
    (-3.1, "增长", "同比下降3.1%"),
    (-3.14, "增长", "同比下降3.1%"),
    (0, "增长", "与去年同期持平"),
    (0.04, "增长", "与去年同期持平"),
    (-0.04, "增长", "与去年同期持平"),
    (0.05, "增长", "同比增长0.1%"),
    (250, "增长", "同比增长250.0%"),
    (5, "上升", "同比上升5.0%"),
    (-5, "上升", "同比下降5.0%"),
    (-2, "增加", "同比减少2.0%"),
    (-2, "提高", "同比降低2.0%"),
    (None, "增长", NO_BASE_MARKER),
])
def test_growth_phrase(pct, kind, text):
    assert growth_phrase(pct, kind) == text


def test_growth_phrase_knows_its_rising_words():
    with pytest.raises(ValueError, match="kind must be one of"):
        growth_phrase(1.0, "飙升")


@pytest.mark.parametrize("x, kwargs, text", [
    (2.3, {"unit": "个百分点"}, "上升2.3个百分点"),
    (-1, {"unit": "个百分点"}, "下降1.0个百分点"),
    (0.04, {"unit": "个百分点"}, "持平"),
    (-0.04, {"unit": "个百分点"}, "持平"),
    (0.05, {"unit": "个百分点"}, "上升0.1个百分点"),
    (2.3, {}, "上升2.3%"),
    (-12.45, {}, "下降12.5%"),
    (3, {"unit": "个百分点", "up": "提高", "down": "降低"}, "提高3.0个百分点"),
    (None, {"unit": "个百分点"}, NO_BASE_MARKER),
])
def test_change_phrase(x, kwargs, text):
    assert change_phrase(x, **kwargs) == text


@pytest.mark.parametrize("label, half, text", [
    ("90后干部", "2019H1", "【缺数：90后干部 2019H1】"),
    ("培训人次", "2020H1", "【缺数：培训人次 2020H1】"),
])
def test_missing_marker(label, half, text):
    assert missing_marker(label, half) == text


def test_the_no_base_marker_is_a_missing_marker():
    assert NO_BASE_MARKER.startswith("【缺数：") and NO_BASE_MARKER.endswith("】")


@pytest.mark.parametrize("claim, x, decimals, contradicted", [
    ("上升", 2.3, 1, False),     # rise claimed, rise found
    ("上升", -3.3, 1, True),     # rise claimed, fall found
    ("上升", 0.04, 1, True),     # prints 持平: no rise to boast of
    ("增长", 20.9, 1, False),
    ("增长", -0.05, 1, True),    # prints 下降0.1%
    ("提高", 0.05, 1, False),
    ("下降", -1.0, 1, False),    # fall claimed, fall found
    ("下降", 1.0, 1, True),      # fall claimed, rise found
    ("减少", 0.0, 1, True),
    ("降低", -0.05, 1, False),
    ("零", 0, 0, False),         # zero claimed, zero found
    ("零", 0.4, 0, False),       # prints 0
    ("零", 3, 0, True),          # zero claimed, non-zero found
    ("零", 0.4, 1, True),        # prints 0.4
    ("零", -2, 0, True),
    ("持平", 0.04, 1, False),
    ("持平", -0.5, 1, True),
    ("上升", None, 1, False),    # no figure: the 缺数 marker says so, not a review
])
def test_a_claim_is_contradicted_only_by_a_figure_going_the_other_way(claim, x, decimals, contradicted):
    assert contradicts(claim, x, decimals) is contradicted


@pytest.mark.parametrize("x, decimals, direction", [
    (3.3, 1, "rise"), (-3.3, 1, "fall"), (0.0, 1, "zero"), (-0.04, 1, "zero"), (0.004, 2, "zero"),
    (0.005, 2, "rise"), (-0.5, 0, "fall"), (12, 0, "rise"),
])
def test_printed_direction(x, decimals, direction):
    assert printed_direction(x, decimals) == direction


@pytest.mark.parametrize("claim, direction", [
    ("上升", "rise"), ("增长", "rise"), ("增加", "rise"), ("提高", "rise"),
    ("下降", "fall"), ("减少", "fall"), ("降低", "fall"), ("零", "zero"), ("持平", "zero"),
])
def test_claimed_direction(claim, direction):
    assert claimed_direction(claim) == direction


def test_an_unknown_claim_word_is_refused():
    with pytest.raises(ValueError, match="a claim must be one of"):
        claimed_direction("飙升")


@pytest.mark.parametrize("claim, actual, text", [
    ("上升", year_on_year(-3.3, "个百分点"), "【请核对：该句按“上升”撰写，实际同比下降3.3个百分点】"),
    ("下降", year_on_year(1.25), "【请核对：该句按“下降”撰写，实际同比上升1.3%】"),
    ("增长", year_on_year(0.01), "【请核对：该句按“增长”撰写，实际与去年同期持平】"),
    ("零", "为3", "【请核对：该句按“零”撰写，实际为3】"),
])
def test_review_marker(claim, actual, text):
    assert review_marker(claim, actual) == text
