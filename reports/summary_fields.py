"""The half's figures as the placeholders an office types in its Word template: `{{ 立案 }}`, `{{ 立案.同比 }}`.

Every indicator and derived figure is a field named by its Chinese name (`立案`, `第一种形态占比`);
a name that is no Jinja name (`90后干部`, `其中：乡科级干部`) is written `{{ 指标["90后干部"] }}`, and
any field can be named by its code there too (`{{ 指标["cases_filed"] }}`). A field reads:

    {{ 立案 }}          the number as the summary writes it: 25, 12.35, 12.5%
    {{ 立案.余 }}       two significant figures and 余 for a count: 280余, 4500余 (under 20: exact)
    {{ 立案.同比 }}     the change on the same half a year before: 同比增长12.5%, 同比下降1.2个百分点
    {{ 立案.上年 }}     the same half a year before, as the number reads

A reading may state the direction its sentence assumes, `应` and a claim word after it:
`{{ 第一二种形态占比.同比应上升 }}` (上升/增长/增加/提高, 下降/减少/降低, 持平) or `{{ 确诊感染病例.应为零 }}`
(a level can only claim zero; it then reads 零). A figure going the other way keeps its number and its
sentence is marked 【请核对：…】 (reports/wording.py decides). `{{ 同比分别(指标["90后干部"], 大学本科学历干部, "增长") }}`
writes two changes as 同比分别增长20.9%、7.3%. The plan's figures are `{{ 计划.key }}` ([facts] of plan.toml),
`{{ 目标.key }}` ([targets]) and `{{ 县名 }}`.

A number that cannot be computed reads as the visible marker 【缺数：…】. Every reading is recorded
with its expression and source cells, as the default template's numbers are.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from .data import PeriodData
from .derived import base_inputs
from .halves import Half
from .plan import Plan
from .wording import (CLAIM_WORDS, FALLING_WORD, NO_BASE_MARKER, approx_figure, claimed_direction, contradicts,
                      growth_phrase, missing_marker, percent, plain_number, printed_direction, year_on_year)

BY_NAME_OR_CODE = "指标"
READINGS: dict[str, str] = {
    "": "the number as the summary writes it",
    "余": "two significant figures and 余 (counts; under 20 exact)",
    "同比": "the change on the same half a year before",
    "上年": "the same half a year before",
}
PERCENT_UNITS = ("%", "％")
CLAIM = "应"  # `.同比应上升`: the reading, then the direction its sentence claims
PLAN_SECTIONS = {"计划": "facts", "目标": "targets"}
COUNTY = "县名"


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
    gaps: tuple[tuple[str, str], ...] = ()  # (half label, why the catalog did not ask for it throughout)

    @property
    def placeholder(self) -> str:
        """How a template writes it (single quotes around a name with “”: docxtpl makes those plain)."""
        if self.name.isidentifier():
            return self.name
        return f"{BY_NAME_OR_CODE}['{self.name}']" if "“" in self.name else f'{BY_NAME_OR_CODE}["{self.name}"]'


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
    claim: str = ""  # the direction its sentence claims, when the figure goes the other way
    actual: str = ""  # and how the figure actually goes ('同比下降3.3个百分点')
    cited: tuple[str, ...] = ()  # sources that are no form cell (plan.toml)


class UnknownField(ValueError):
    """A placeholder names no field, or a field has no such reading (not a LookupError: Jinja would hide it)."""


def summary_fields(data: PeriodData) -> dict[str, Field]:
    """Every indicator and derived figure of the half, by name and by code."""
    fields: dict[str, Field] = {}
    for indicator in data.catalog.indicators:  # in the form's order
        code, figure = indicator.code, data.county[indicator.code]
        fields[code] = Field(indicator.name_zh, code, indicator.unit_zh, figure.value, figure.prev_value,
                             indicator.value_type == "int", (code,),
                             f"Σ单位 {indicator.aggregation}({code}, {data.period.label})", _gaps(data, (code,)))
    definitions = {code: derived.definition for code, derived in data.derived.items()}
    for code, derived in data.derived.items():
        definition = derived.definition
        fields[code] = Field(definition.name_zh, code, definition.unit_zh, derived.value, derived.prev_value,
                             definition.unit_zh not in (*PERCENT_UNITS, "个百分点"),
                             tuple(dict.fromkeys(c for c, _ in base_inputs(code, definitions))), f"{code} = {definition.expression}",
                             _gaps(data, (code,)))
    return {**{f.name: f for f in fields.values()}, **fields}


def _gaps(data: PeriodData, codes: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Why the field is not whole in this half or the one a year before, by half label (none: ())."""
    halves = (data.period, data.period.previous_year)
    return tuple((half.label, reason) for half in halves if (reason := data.gap(half, codes)))


def read_field(field: Field, reading: str, half: Half) -> Reading:
    """One reading of a field ('' for the number itself), with the claim after 应 checked against the
    figure; UnknownField names the readings there are."""
    base, claim = _claim_of(field, reading)
    read = replace(_read(field, base, half), placeholder=f"{field.placeholder}.{reading}" if reading else field.placeholder)
    return _claimed(read, claim, base) if claim else read


def read_pair(first: Field, second: Field, claim: str, half: Half) -> tuple[str, Reading, str, Reading]:
    """Two changes in one phrase, 同比分别增长20.9%、7.3% when they go the same way, else
    分别同比增长20.9%、同比下降1.0%: the words around them and the two readings (claim checked)."""
    if claimed_direction(claim) == "zero":
        raise UnknownField(f"「同比分别(…, \"{claim}\")」：同比分别只能写上升、增长、下降等方向")
    a, b = (_claimed(read_field(f, "同比", half), claim, "同比") for f in (first, second))
    if (a.value is not None and b.value is not None and (a.value > 0) == (b.value > 0)
            and round(a.value, 1) and round(b.value, 1)):
        kind = claim if claim in FALLING_WORD else "增长"
        word = kind if a.value > 0 else FALLING_WORD[kind]
        units = [("个百分点" if f.unit in PERCENT_UNITS else "%") for f in (first, second)]
        a, b = (replace(r, text=plain_number(abs(r.value), 1) + unit) for r, unit in ((a, units[0]), (b, units[1])))
        return f"同比分别{word}", a, "、", b
    return "分别", a, "、", b


def plan_reading(plan: Plan, name: str, key: str, half: Half) -> Reading:
    """`{{ 计划.key }}`, `{{ 目标.key }}` or `{{ 县名 }}` (name COUNTY): the plan's value, or a marker naming where it goes."""
    section, key = ("county", "name") if name == COUNTY else (PLAN_SECTIONS[name], key)
    table = {"name": plan.county_name} if name == COUNTY else (plan.facts if section == "facts" else plan.targets)
    where = f"{plan.source} [{section}] {key}"
    placeholder = COUNTY if name == COUNTY else f"{name}.{key}"
    value = table.get(key)
    if value is None:
        return Reading(placeholder, missing_marker(where, half.label), None, where, (), ())
    text = plain_number(value) if isinstance(value, (int, float)) else str(value)
    return Reading(placeholder, text, value, where, (), (), None, cited=(where,))  # type: ignore[arg-type]


def _claim_of(field: Field, reading: str) -> tuple[str, str]:
    """The reading and the claim word of `同比应上升` ('同比', '上升'); a level can only claim zero."""
    if CLAIM not in reading:
        return reading, ""
    base, claim = reading.split(CLAIM, 1)
    claim = claim.removeprefix("为")
    if claim not in CLAIM_WORDS:
        raise UnknownField(f"「{field.placeholder}.{reading}」：“{CLAIM}”后面应是 " + "、".join(CLAIM_WORDS))
    if base != "同比" and claimed_direction(claim) != "zero":
        raise UnknownField(f"「{field.placeholder}.{reading}」：一个数本身只能“应为零”，"
                           f"升降请写在同比上，如 {field.placeholder}.同比应{claim}")
    return base, claim


def _claimed(read: Reading, claim: str, base: str) -> Reading:
    """The reading with its claim: marked when the figure, as printed, goes the other way; a level
    claimed zero that is zero reads 零."""
    if read.value is None:
        return read
    decimals = 1 if base == "同比" else (read.decimals or 0)
    if base != "同比" and printed_direction(read.value, decimals) == "zero":
        return replace(read, text="零")
    if contradicts(claim, read.value, decimals):
        return replace(read, claim=claim, actual=read.text if base == "同比" else "为" + read.text)
    return read


def _read(field: Field, reading: str, half: Half) -> Reading:
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
                      else missing_marker(field.name, missing.label, dict(field.gaps).get(missing.label, "")))
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


def plan_readings(plan: Plan, half: Half) -> Iterator[Reading]:
    """Every placeholder plan.toml offers: 县名, then 计划.key for each fact and 目标.key for each target."""
    yield plan_reading(plan, COUNTY, "", half)
    for name, section in PLAN_SECTIONS.items():
        for key in (plan.facts if section == "facts" else plan.targets):
            yield plan_reading(plan, name, key, half)


def _reading(placeholder: str, field: Field, value: float | None, render: Callable[[Field, float], str],
             half: Half, halves: tuple[Half, ...]) -> Reading:
    if value is None:
        return Reading(placeholder, missing_marker(field.name, half.label, dict(field.gaps).get(half.label, "")), None,
                       field.expression, field.codes, halves)
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
