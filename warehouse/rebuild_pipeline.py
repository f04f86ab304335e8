"""`countystat rebuild` and `countystat verify`: the warehouse from the archive and its log alone,
and the check that the archive still is the record. Plain functions: no Prefect on these paths; the
caller holds the home's run lock for a rebuild (the command does)."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from countystat.sources.archive import archive_path
from countystat.sources.home import Home, reference
from countystat.sources.inbox import file_sha256
from countystat.sources.intake import read_submissions
from countystat.sources.labels import label_index
from countystat.sources.receipts import FILE_NAME, ArchiveLog, read_log

from .archived_reads import BATCH_SIZE, READ_WORKERS
from .compare import Differences, compare_with
from .load import ReadFile
from .publish import begin_build, building, commit_build
from .reread import RereadBatch, reread_batch
from .restore import History, LoggedFile, history, restore_warehouse
from .store import open_warehouse, read_only_warehouse
from .verify import archive_problems, warehouse_problems


class NoArchiveLog(Exception):
    """The home's archive has no log (it predates it): nothing to rebuild from."""


@dataclass(frozen=True)
class RebuildOutcome:
    """What a rebuild read, refused and found, and whether it published."""

    files_logged: int
    files_read: int
    refused: tuple[str, ...]              # one line per logged file not read (altered or missing)
    submissions: int
    differences: Differences | None       # None: no warehouse in use to compare with
    unopenable: str | None                # why the warehouse in use could not be opened, if so
    approvals_missing: tuple[str, ...]    # approved labels the log has and label_mappings.csv lacks
    published: bool


def rebuild_home(home: Home, publish: bool = False, deadline_day: int | None = None) -> RebuildOutcome:
    """Build a new warehouse from the archive's log and files with today's code and configuration (and
    the office's deadline day, from plan.toml); compare it with the one in use; publish it when asked or
    when there is none."""
    catalog, registry = reference(home)
    log = read_log(home.archive)
    if log is None:
        raise NoArchiveLog(f"{home.archive / FILE_NAME} does not exist: this home predates the archive's log, "
                           "so the archive alone cannot say what was received as what; run `countystat collect` "
                           "once (it writes the log from the warehouse's record of received files), then rebuild")
    past = history(log, home.inbox)
    readable, refused = _checked(home.archive, past)
    read = _read_all(readable, home)
    with building(home.root, lambda root: begin_build(root, empty=True)) as build:
        with open_warehouse(build.db) as con:
            changes = restore_warehouse(con, build.parquet, readable, read, past.locks, catalog, registry,
                                        deadline_day)
            differences, unopenable = _compare(con, home.warehouse)
        published = publish or not home.warehouse.exists()
        if published:
            commit_build(build)
    index = label_index(catalog)
    missing = tuple(f"「{label}」 = {code}" for label, code in past.approvals
                    if (meaning := index.match(label).indicator) is None or meaning.code != code)
    return RebuildOutcome(len(past.files), len(readable), tuple(refused), changes.submissions, differences,
                          unopenable, missing, published)


def verify_home(home: Home) -> list[str]:
    """Every problem found, one line each: archived bytes against their names and the log, and the
    accepted values' source files against the archive and the log."""
    log = read_log(home.archive)
    problems = archive_problems(home.archive, log)
    if home.warehouse.exists():
        try:
            with read_only_warehouse(home.warehouse) as con:
                problems += warehouse_problems(con, home.archive, log)
        except duckdb.Error as exc:
            problems.append(f"{home.warehouse}: cannot be opened ({exc}); `countystat rebuild --publish` makes "
                            "a new one from the archive")
    return problems


def torn_lines(home: Home) -> int:
    """How many lines of the log are torn (runs killed while appending; ignored)."""
    log: ArchiveLog | None = read_log(home.archive)
    return log.torn_lines if log else 0


def _checked(archive: Path, past: History) -> tuple[list[tuple[LoggedFile, str]], list[str]]:
    """The logged files whose archived bytes still match their hash, and a line for each other one."""
    readable, refused = [], []
    for logged in past.files:
        received = logged.received
        path = archive_path(archive, received.sha256, Path(received.name).suffix)
        if not path.exists():
            refused.append(f"「{received.name}」 (received {logged.received_at:%Y-%m-%d %H:%M}): {path} is missing "
                           "from the archive; not read")
        elif file_sha256(path) != received.sha256:
            refused.append(f"「{received.name}」 (received {logged.received_at:%Y-%m-%d %H:%M}): {path} no longer "
                           "matches its hash (altered or damaged); not read: restore it from a backup")
        else:
            readable.append((logged, str(path)))
    return readable, refused


def _read_all(files: list[tuple[LoggedFile, str]], home: Home) -> list[RereadBatch]:
    """Read every file in batches on two threads, holding the forms the log says were held."""
    batches = [files[i:i + BATCH_SIZE] for i in range(0, len(files), BATCH_SIZE)]
    with ThreadPoolExecutor(READ_WORKERS) as pool:
        return list(pool.map(lambda batch: _read_batch(batch, home, date.today()), batches))


def _read_batch(batch: list[tuple[LoggedFile, str]], home: Home, today: date) -> RereadBatch:
    catalog, registry = reference(home)
    read = []
    for logged, path in batch:
        received = logged.received
        subs = read_submissions(Path(path), received.name, received.sha256, catalog, registry, today)
        for sub in subs:
            sub.hold(set(logged.held))
        read.append(ReadFile(received, path, subs))
    return reread_batch(read)


def _compare(con: duckdb.DuckDBPyConnection, published: Path) -> tuple[Differences | None, str | None]:
    if not published.exists():
        return None, None
    try:
        return compare_with(con, published.resolve()), None
    except duckdb.Error as exc:
        return None, f"{published}: cannot be opened ({exc})"
