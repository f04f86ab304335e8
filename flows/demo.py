"""The demo home: sample forms for 2019-01..2020-06, each month collected as it would have arrived.

Import it after Prefect's environment is set (it imports the collect flow)."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from importlib import resources

from countystat.sources.catalog import Catalog
from countystat.sources.demo_forms import collection_time, write_demo_month
from countystat.sources.home import Home
from countystat.sources.units import UnitRegistry
from countystat.warehouse.collect_pipeline import CollectSummary

from .collect import collect
from countystat.sources.months import month_range

DEMO_FIRST, DEMO_LAST = date(2019, 1, 1), date(2020, 6, 1)
QUERY = ("SELECT unit_name, sum(value) AS cases FROM monthly_values "
         "WHERE indicator_code = 'cases_filed' AND period BETWEEN '2020-01-01' AND '2020-06-01' "
         "GROUP BY ALL ORDER BY cases DESC")  # what the demo suggests trying on the warehouse


@dataclass(frozen=True)
class DemoMonth:
    """One month of the demo: how many files arrived, and what collecting them did."""

    period: date
    files: int
    summary: CollectSummary


def build_demo(home: Home, catalog: Catalog, registry: UnitRegistry) -> Iterator[DemoMonth]:
    """Write each demo month's forms into the inbox and collect them (as received then), month by month."""
    home.root.mkdir(parents=True, exist_ok=True)
    # the demo county's plan, in place of the commented one `countystat init` writes
    home.plan_toml.write_text((resources.files("countystat.reports") / "demo_plan.toml").read_text("utf-8"),
                              encoding="utf-8")
    for period in month_range(DEMO_FIRST, DEMO_LAST):
        files = write_demo_month(home.inbox, registry, catalog, period)
        summary = collect(home=str(home.root), month=f"{period:%Y-%m}", received_at=collection_time(period),
                          wait_for_lock=0)
        yield DemoMonth(period, len(files), summary)
