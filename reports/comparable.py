"""Which figures a period can compare with the year before: only where the catalog asked for the indicator
in every month of both periods (a half or a year). Otherwise the reason, for the draft's 【缺数：…】 marker."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from countystat.sources.catalog import Catalog, Indicator


def gap(indicator: Indicator, months: Sequence[date], catalog: Catalog) -> str:
    """Why the indicator's figure over these months is not whole: '2019年无此指标', '2019年3月起才有此指标',
    '2019年9月后无此指标', '2019年此指标为「旧名」'; '' when it is in effect in every month."""
    inside = [m for m in months if indicator.in_effect(m)]
    if len(inside) == len(months):
        return ""
    if not inside:
        year = months[0].year
        old = catalog.get(indicator.replaces) if indicator.replaces else None
        if old is not None and any(old.in_effect(m) for m in months):
            return f"{year}年此指标为「{old.name_zh}」"
        return f"{year}年无此指标"
    if not indicator.in_effect(months[0]):
        return f"{inside[0].year}年{inside[0].month}月起才有此指标"
    return f"{inside[-1].year}年{inside[-1].month}月后无此指标"


def period_gaps(catalog: Catalog, months: Sequence[date], label: str) -> dict[tuple[str, str], str]:
    """(period label, indicator code) -> gap, for every indicator not in effect throughout the months."""
    found = {}
    for indicator in catalog.indicators:
        if reason := gap(indicator, months, catalog):
            found[(label, indicator.code)] = reason
    return found
