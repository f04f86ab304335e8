"""Everything a half-year or year report shows, read once from the warehouse."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

import duckdb

from countystat.sources.catalog import Catalog, Indicator
from countystat.sources.number_text import plain_number
from countystat.sources.preflight import PreflightError, begun

from .comparable import period_gaps
from .derived import Derived, DerivedFigure, base_inputs, evaluate_derived, load_derived
from .halves import Period, period_of
from .sql import statement


@dataclass(frozen=True)
class CountyFigure:
    """One indicator for the county: this period, the same period last year, and coverage."""

    indicator: Indicator
    value: float | None
    prev_value: float | None
    change: float | None
    change_pct: float | None
    units_reported: int
    units_expected: int


@dataclass(frozen=True)
class SourceCell:
    """A monthly cell that a half-year or year figure was added up from."""

    unit_code: str
    unit_name: str
    period: date
    value: float
    source_file: str
    source_sheet: str
    source_cell: str

    def citation(self) -> str:
        """How the trace cites it: `file!sheet!D36（城关镇2020-06=3）`."""
        shown = plain_number(self.value, 0 if self.value == int(self.value) else 2)
        return f"{self.source_file}!{self.source_sheet}!{self.source_cell}（{self.unit_name}{self.period:%Y-%m}={shown}）"


@dataclass(frozen=True)
class UnitMonthStatus:
    """A unit's status for one month: accepted, late, rejected or missing."""

    unit_code: str
    unit_name: str
    kind: str
    period: date
    deadline: date
    first_accepted_at: datetime | None
    status: str


@dataclass
class PeriodData:
    """The period's county table, unit table, monthly series, completeness, derived figures, sources."""

    period: Period
    catalog: Catalog
    county: dict[str, CountyFigure]
    derived: dict[str, DerivedFigure]
    units: list[tuple[str, str, str]]
    unit_values: dict[tuple[str, str], float]
    county_months: dict[tuple[date, str], float]
    completeness: list[UnitMonthStatus]
    sources: dict[tuple[str, str], list[SourceCell]]  # (period label, indicator code) -> cells
    gaps: dict[tuple[str, str], str] = field(default_factory=dict)  # (period label, code) -> why not in effect throughout

    def gap(self, period: Period, codes: list[str] | tuple[str, ...]) -> str:
        """Why the figures of these codes (derived ones through what they read) are not whole in the period
        because the catalog did not ask for them throughout ('2019年无此指标'), or ''."""
        definitions = {code: figure.definition for code, figure in self.derived.items()}
        bases = [base for code in codes for base, _ in base_inputs(code, definitions)]
        return next((reason for code in bases if (reason := self.gaps.get((period.label, code)))), "")

    def value(self, code: str) -> float | None:
        """This period's county value of an indicator or derived indicator."""
        if code in self.county:
            return self.county[code].value
        return self.derived[code].value

    def prev_value(self, code: str) -> float | None:
        """The same period a year earlier."""
        if code in self.county:
            return self.county[code].prev_value
        return self.derived[code].prev_value


def read_period(con: duckdb.DuckDBPyConnection, period: Period, catalog: Catalog,
                definitions: list[Derived] | None = None) -> PeriodData:
    """Read the half-year's or year's figures from the warehouse and compute the derived ones (the shipped
    derived.csv unless the home's `definitions` are given)."""
    params = {"period": period.label}
    span = {"first": period.months[0], "last": period.months[-1]}
    county = {}
    for code, *rest in con.execute(statement("county_period"), params).fetchall():
        county[code] = CountyFigure(catalog.get(code), *rest)
    for indicator in catalog.indicators:  # a period with no data at all still lists every indicator
        county.setdefault(indicator.code, CountyFigure(indicator, None, None, None, None, 0, 0))
    previous = period.previous_year
    gaps = period_gaps(catalog, period.months, period.label) | period_gaps(catalog, previous.months, previous.label)
    for code in {code for _, code in gaps}:  # compared with the year before only where both asked for it
        county[code] = replace(county[code], prev_value=None, change=None, change_pct=None)
    derived = evaluate_derived(
        load_derived() if definitions is None else definitions,
        {code: f.value for code, f in county.items()},
        {code: f.prev_value for code, f in county.items()},
    )
    unit_values = {
        (unit, code): value
        for unit, code, value, _months in con.execute(statement("unit_period"), params).fetchall()
    }
    county_months = {
        (period, code): value
        for period, code, value, _n in con.execute(statement("county_months"), span).fetchall()
    }
    completeness = [UnitMonthStatus(*row) for row in con.execute(statement("completeness"), span).fetchall()]
    sources: dict[tuple[str, str], list[SourceCell]] = defaultdict(list)
    rows = con.execute(statement("period_sources"),
                       {"period": period.label, "previous": period.previous_year.label}).fetchall()
    for label, code, *cell in rows:
        sources[(label, code)].append(SourceCell(*cell))
    units = [tuple(row) for row in con.execute(statement("units")).fetchall()]
    return PeriodData(period, catalog, county, derived, units, unit_values, county_months,  # type: ignore[arg-type]
                      completeness, dict(sources), gaps)


def require_data(warehouse: Path, period: Period, today: date) -> None:
    """Refuse (PreflightError, one line) a period not begun or without an accepted form; name the periods that have one."""
    what = period.name_zh if period.kind == "year" else f"{period.label}（{period.name_zh}）"
    begun(period.months[0], what, today, "年份" if period.kind == "year" else "半年")
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        months = [row[0] for row in con.execute(statement("accepted_months")).fetchall()]
    finally:
        con.close()
    if not set(months) & set(period.months):
        kind = "年份" if period.kind == "year" else "半年"
        having = "、".join(dict.fromkeys(period_of(m, period.kind).label for m in months)) or "没有"
        raise PreflightError(f"{what}在 {warehouse} 中没有任何已接收的报表：请换一个{kind}（有数据的{kind}：{having}）")
