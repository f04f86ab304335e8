"""The office's deadline day, which completeness is judged by, as the published warehouse holds it."""
from __future__ import annotations

from pathlib import Path

from .publish import building, commit_build
from .store import deadline_day, open_warehouse, read_only_warehouse, set_deadline_day


def published_deadline_day(warehouse: Path) -> int | None:
    """The deadline day the published warehouse holds, if any."""
    with read_only_warehouse(warehouse) as con:
        return deadline_day(con)


def publish_deadline_day(root: Path, day: int) -> None:
    """Publish a new warehouse version holding this deadline day (the caller holds the run lock)."""
    with building(root) as build:
        with open_warehouse(build.db) as con:
            set_deadline_day(con, day)
        commit_build(build)
