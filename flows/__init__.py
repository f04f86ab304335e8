"""Prefect flows (thin wrappers running the pipelines of warehouse/ and reports/ as tasks), their ops plumbing (ops/) and the countystat command line (cli/)."""
