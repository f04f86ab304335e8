"""Derived indicators are data: expressions over county figures, evaluated safely."""
from __future__ import annotations

import pytest

from countystat.reports.derived import Derived, DerivedError, _check, base_inputs, evaluate_derived, load_derived

FORMS = {"form1_cases": 60.0, "form2_cases": 25.0, "form3_cases": 10.0, "form4_cases": 5.0}


def test_the_shipped_definitions_cover_the_summary():
    codes = [d.code for d in load_derived()]
    for code in ("form1_share", "form4_share", "form12_share", "form12_share_change",
                 "cadres_post90_growth", "cadres_bachelor_growth"):
        assert code in codes


def test_shares_change_and_growth(catalog):
    now = {i.code: None for i in catalog.indicators} | FORMS | {"cadres_post90": 110.0, "cadres_bachelor": 440.0}
    before = {i.code: None for i in catalog.indicators} | {
        "form1_cases": 50.0, "form2_cases": 30.0, "form3_cases": 15.0, "form4_cases": 5.0,
        "cadres_post90": 100.0, "cadres_bachelor": None}
    figures = evaluate_derived(load_derived(), now, before)
    assert figures["form1_share"].value == pytest.approx(60.0)
    assert figures["form12_share"].value == pytest.approx(85.0)
    assert figures["form12_share"].prev_value == pytest.approx(80.0)
    assert figures["form12_share_change"].value == pytest.approx(5.0)
    assert figures["cadres_post90_growth"].value == pytest.approx(10.0)
    assert figures["cadres_bachelor_growth"].value is None  # no figure last year: never invented


def test_a_zero_divisor_or_a_missing_input_gives_none():
    definitions = [Derived("share", "占比", "%", "a / b * 100")]
    assert evaluate_derived(definitions, {"a": 1.0, "b": 0.0}, {})["share"].value is None
    assert evaluate_derived(definitions, {"a": None, "b": 2.0}, {})["share"].value is None


@pytest.mark.parametrize("expression", ["__import__('os')", "a ** 2", "a.b", "max(a, b)", "prev(a + b)", "'x'"])
def test_only_arithmetic_over_codes_is_allowed(expression):
    import ast

    with pytest.raises(DerivedError):
        _check(ast.parse(expression, mode="eval").body, "bad")


def test_an_unknown_code_is_a_clear_error():
    with pytest.raises(DerivedError, match="指标「nope」不在统计指标目录中"):
        evaluate_derived([Derived("x", "x", "%", "nope * 2")], {"a": 1.0}, {})


def test_base_inputs_expand_derived_codes_and_read_prev_a_year_back():
    definitions = {d.code: d for d in load_derived()}
    forms = ["form1_cases", "form2_cases", "form3_cases", "form4_cases"]
    assert base_inputs("form12_share_change", definitions) == [(c, 0) for c in forms] + [(c, 1) for c in forms]
    assert base_inputs("form1_share", definitions) == [(c, 0) for c in forms]
    assert base_inputs("cadres_post90_growth", definitions) == [("cadres_post90", 0), ("cadres_post90", 1)]
    assert base_inputs("cases_filed", definitions) == [("cases_filed", 0)]  # a catalog indicator is itself


def test_base_inputs_of_a_prev_inside_a_prev_go_two_years_back():
    definitions = {"growth": Derived("growth", "增长", "%", "a - prev(a)"),
                   "acceleration": Derived("acceleration", "加速", "%", "growth - prev(growth) + -b * 2")}
    assert base_inputs("acceleration", definitions) == [("a", 0), ("a", 1), ("a", 2), ("b", 0)]
