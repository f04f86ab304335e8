"""The half's figures as the placeholders an office types in its Word template: `{{ 立案 }}`, `{{ 立案.同比 }}`.

Every indicator and derived figure is a field named by its Chinese name (`立案`, `第一种形态占比`);
a name that is no Jinja name (`90后干部`, `其中：乡科级干部`) is written `{{ 指标["90后干部"] }}`, and
any field can be named by its code there too (`{{ 指标["cases_filed"] }}`). A field reads:

    {{ 立案 }}          the number as the summary writes it: 25, 12.35, 12.5%
    {{ 立案.余 }}       two significant figures and 余 for a count: 280余, 4500余 (under 20: exact)
    {{ 立案.同比 }}     the change on the same half a year before: 同比增长12.5%, 同比下降1.2个百分点
    {{ 立案.上年 }}     the same half a year before, as the number reads

A number that cannot be computed reads as the visible marker 【缺数：…】. Every reading is recorded
with its expression and source cells, as the default template's numbers are.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .data import PeriodData
from .derived import base_inputs
from .halves import Half
from .wording import (NO_BASE_MARKER, approx_figure, growth_phrase, missing_marker, percent, plain_number,
                      year_on_year)

BY_NAME_OR_CODE = "指标"
READINGS: dict[str, str] = {
    "": "the number as the summary writes it",
    "余": "two significant figures and 余 (counts; under 20 exact)",
    "同比": "the change on the same half a year before",
    "上年": "the same half a year before",
}
PERCENT_UNITS = ("%", "％")


@dataclass(frozen=True)
class Field:
    """One figure a template can name: its names, unit, this half's and last year's value."""

    name: str
    code: str
    unit: str
    value: float | None
    prev_value: float | None
    whole: bool       # a count: no decimals, and 余 applies
    codes: tuple[str, ...]  # the catalog indicators it is computed from
    expression: str

    @property
    def placeholder(self) -> str:
        """How a template writes it."""
        return self.name if self.name.isidentifier() else f'{BY_NAME_OR_CODE}["{self.name}"]'


@dataclass(frozen=True)
class Reading:
    """What one placeholder became: its text, value, and what it was computed from."""

    placeholder: str
    text: str
    value: float | None
    expression: str
    codes: tuple[str, ...]
    halves: tuple[Half, ...]  # whose source cells stand behind it
    decimals: int | None = None  # the decimals the text prints the value with


class UnknownField(ValueError):
    """A placeholder names no field, or a field has no such reading (not a LookupError: Jinja would hide it)."""


def summary_fields(data: PeriodData) -> dict[str, Field]:
    """Every indicator and derived figure of the half, by name and by code."""
    fields: dict[str, Field] = {}
    for indicator in data.catalog.indicators:  # in the form's order
        code, figure = indicator.code, data.county[indicator.code]
        fields[code] = Field(indicator.name_zh, code, indicator.unit_zh, figure.value, figure.prev_value,
                             indicator.value_type == "int", (code,),
                             f"Σ单位 {indicator.aggregation}({code}, {data.period.label})")
    definitions = {code: derived.definition for code, derived in data.derived.items()}
    for code, derived in data.derived.items():
        definition = derived.definition
        fields[code] = Field(definition.name_zh, code, definition.unit_zh, derived.value, derived.prev_value,
                             definition.unit_zh not in (*PERCENT_UNITS, "个百分点"),
                             tuple(dict.fromkeys(c for c, _ in base_inputs(code, definitions))), f"{code} = {definition.expression}")
    return {**{f.name: f for f in fields.values()}, **fields}


def read_field(field: Field, reading: str, half: Half) -> Reading:
    """One reading of a field ('' for the number itself); UnknownField names the readings there are."""
    if reading not in READINGS:
        raise UnknownField(f"「{field.placeholder}.{reading}」：没有这种写法，可用 "
                           + "、".join(f"{field.placeholder}.{r}" if r else field.placeholder for r in READINGS))
    placeholder = f"{field.placeholder}.{reading}" if reading else field.placeholder
    this, both = (half,), (half, half.previous_year)
    if reading == "上年":
        return _reading(placeholder, field, field.prev_value, _number_text, half.previous_year, (half.previous_year,))
    if reading == "同比":
        change = _change(field)
        if change is None:
            missing = half.previous_year if field.value is not None else half
            marker = (NO_BASE_MARKER if field.value is not None and field.prev_value == 0
                      else missing_marker(field.name, missing.label))
            return Reading(placeholder, marker, None, field.expression, field.codes, both)
        text = year_on_year(change, "个百分点") if field.unit in PERCENT_UNITS else growth_phrase(change)
        return Reading(placeholder, text, change, field.expression, field.codes, both, 1)
    if reading == "余":
        return _reading(placeholder, field, field.value, _approx_text, half, this)
    return _reading(placeholder, field, field.value, _number_text, half, this)


def field_list(data: PeriodData) -> Iterator[Reading]:
    """Every placeholder available for the half, each reading once, in the catalog's order."""
    seen: set[str] = set()
    for field in summary_fields(data).values():
        if field.code in seen:
            continue
        seen.add(field.code)
        for reading in READINGS:
            if reading == "余" and not field.whole:
                continue
            yield read_field(field, reading, data.period)


def _reading(placeholder: str, field: Field, value: float | None, render: Callable[[Field, float], str],
             half: Half, halves: tuple[Half, ...]) -> Reading:
    if value is None:
        return Reading(placeholder, missing_marker(field.name, half.label), None, field.expression, field.codes,
                       halves)
    return Reading(placeholder, render(field, value), value, field.expression, field.codes, halves,
                   _decimals(field, value))


def _number_text(field: Field, value: float) -> str:
    if field.unit in PERCENT_UNITS:
        return percent(value)
    return plain_number(value, _decimals(field, value))


def _approx_text(field: Field, value: float) -> str:
    if not field.whole:
        raise UnknownField(f"「{field.placeholder}.余」：{field.name}不是计数，不能写成“余”，请用 {field.placeholder}")
    return approx_figure(value)


def _change(field: Field) -> float | None:
    """Percentage points for a share, else the percent change; None without a usable base."""
    if field.value is None or field.prev_value is None:
        return None
    if field.unit in PERCENT_UNITS:
        return field.value - field.prev_value
    if field.prev_value == 0:
        return None
    return (field.value / field.prev_value - 1) * 100


def _decimals(field: Field, value: float) -> int:
    """The decimals a field's number prints with (a count and a whole amount: none)."""
    if field.unit in (*PERCENT_UNITS, "个百分点"):
        return 1
    return 0 if field.whole or value == int(value) else 2
