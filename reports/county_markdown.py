"""The county table as Markdown, for the report run's Prefect artifact."""
from __future__ import annotations

from .data import PeriodData
from countystat.sources.number_text import NO_FIGURE, plain_or_none

from .wording import percent


def county_markdown(data: PeriodData) -> str:
    """Every indicator by section: this period, the same period last year, the change, coverage."""
    lines = [f"# {data.period.name_zh}党建工作主要指标（全县）", ""]
    section = None
    for indicator in data.catalog.indicators:
        figure = data.county[indicator.code]
        if indicator.section != section:
            section = indicator.section
            lines += ["", f"## {section}", "", "| 指标 | 单位 | 本期 | 去年同期 | 增减% | 报送 |", "|---|---|---:|---:|---:|---:|"]
        decimals = 2 if indicator.value_type == "decimal" else 0
        lines.append(
            f"| {indicator.name_zh} | {indicator.unit_zh} | {plain_or_none(figure.value, decimals)} | "
            f"{plain_or_none(figure.prev_value, decimals)} | "
            f"{percent(figure.change_pct) if figure.change_pct is not None else NO_FIGURE} | "
            f"{figure.units_reported}/{figure.units_expected} |"
        )
    return "\n".join(lines) + "\n"
