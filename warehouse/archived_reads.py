"""Archived files read in batches: what collect and backfill both hand to their read tasks."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TypeVar

from countystat.sources.home import Home, reference
from countystat.sources.inbox import ReceivedFile
from countystat.sources.intake import read_submissions

from .load import ReadFile

BATCH_SIZE = 200   # files per read task: Prefect's ~10 ms per task run stays small beside it
READ_WORKERS = 2   # calamine releases the GIL, so two read tasks use this machine's two cores
T = TypeVar("T")

Batch = list[tuple[ReceivedFile, Path]]  # archived files: as received, and where archived


def batches(items: list[T], workers: int = READ_WORKERS, size: int = BATCH_SIZE) -> list[list[T]]:
    """Split items into batches of at most `size`, and into at least `workers` when there are enough."""
    if not items:
        return []
    per_batch = max(1, min(size, -(-len(items) // workers)))
    return [items[i:i + per_batch] for i in range(0, len(items), per_batch)]


def read_archived(batch: Batch, home: Home, today: date) -> list[ReadFile]:
    """Read and validate archived files with the home's catalog (approved labels too) and registry."""
    catalog, registry = reference(home)
    return [
        ReadFile(f, str(path), read_submissions(path, f.name, f.sha256, catalog, registry, today))
        for f, path in batch
    ]
