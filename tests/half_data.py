"""A half's data with some figures changed, for wording tests (the default draft's and the Word template's)."""
from __future__ import annotations

from dataclasses import replace

from countystat.reports.data import PeriodData


def with_values(data: PeriodData, **values: float | None) -> PeriodData:
    """The half's data with some figures (catalog or derived) set to other values."""
    county, derived = dict(data.county), dict(data.derived)
    for code, value in values.items():
        if code in derived:
            derived[code] = replace(derived[code], value=value)
        else:
            county[code] = replace(county[code], value=value)
    return replace(data, county=county, derived=derived)
