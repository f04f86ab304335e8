"""Prefect flows and the countystat command line: they sequence sources, warehouse and reports."""
