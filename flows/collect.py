"""The collect flow: inbox -> archive -> read and validate -> warehouse -> Parquet -> status."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from countystat.sources.archive import archive_file
from countystat.sources.catalog import Catalog
from countystat.sources.history_rules import add_history_warnings, months_on_record
from countystat.sources.inbox import ReceivedFile, distinct_new, scan_inbox
from countystat.sources.intake import read_submissions
from countystat.sources.problems import WARNING
from countystat.sources.receipts import append_events, receipt
from countystat.sources.sendback import write_sendback
from countystat.sources.submission import HELD
from countystat.sources.units import UnitRegistry
from countystat.warehouse.history import unit_months
from countystat.warehouse.load import LoadResult, ReadFile, in_received_order, load_read_files
from countystat.warehouse.locks import locked_periods
from countystat.warehouse.parquet_export import export_months
from countystat.warehouse.past_log import ensure_log
from countystat.warehouse.publish import Build, begin_build, building, commit_build
from countystat.warehouse.status import UnattributedFile, UnitStatus, month_status, unattributed_rejections
from countystat.warehouse.unresolved_labels import months_now_resolved, unresolved_labels
from countystat.warehouse.store import known_sha256, open_warehouse, read_only_warehouse, refresh_reference

from .home import Home
from .reference import reference
from .months import parse_month, previous_month
from .prefect_env import IO_RETRIES
from .run_lock import SCHEDULED_WAIT, run_lock
from .summary import collect_markdown

BATCH_SIZE = 200   # files per read task: Prefect's ~10 ms per task run stays small beside it
# Large task arguments (the files read, the catalog, the registry) are passed quote()d: Prefect
# would otherwise walk every object in them on each task run, looking for futures.
READ_WORKERS = 2   # calamine releases the GIL, so two read tasks use this machine's two cores
T = TypeVar("T")


@dataclass(frozen=True)
class CollectSummary:
    """What a collect run did and the month's completeness afterwards."""

    month: date
    files_in_inbox: int
    new_files: int
    load: LoadResult
    rejected_files: list[tuple[str, list[str]]]
    warned_files: list[tuple[str, list[str]]]
    held_files: list[tuple[str, str]]
    statuses: list[UnitStatus]
    unattributed: list[UnattributedFile]
    reread: ApprovedReread = field(default_factory=lambda: ApprovedReread((), (), ()))


@dataclass(frozen=True)
class ApprovedReread:
    """Months re-read because an approved label now resolves rejections there, and what it changed."""

    months: tuple[date, ...]          # re-read (rebuilt by backfill) in this run
    newly_accepted: tuple[str, ...]   # "file (unit, YYYY-MM)" accepted now, rejected before
    locked: tuple[date, ...]          # not re-read: locked (unlock, then backfill them)


def batches(items: list[T], workers: int = READ_WORKERS, size: int = BATCH_SIZE) -> list[list[T]]:
    """Split items into batches of at most `size`, and into at least `workers` when there are enough."""
    if not items:
        return []
    per_batch = max(1, min(size, -(-len(items) // workers)))
    return [items[i:i + per_batch] for i in range(0, len(items), per_batch)]


@task(cache_policy=NONE, **IO_RETRIES)
def start_build(root: Path) -> Build:
    """A new warehouse version to write, copied from the published one."""
    return begin_build(root)


@task(cache_policy=NONE, **IO_RETRIES)
def find_new_files(home: Home, build: Build) -> tuple[int, list[ReceivedFile]]:
    """Every inbox file whose content the warehouse has not received before (a home from before the
    archive's log first has it written from the warehouse's record)."""
    files = scan_inbox(home.inbox)
    with open_warehouse(build.db) as con:
        ensure_log(home.archive, con, home.inbox)
        known = known_sha256(con)
    return len(files), distinct_new(files, known)


@task(cache_policy=NONE, **IO_RETRIES)
def archive_files(home: Home, files: list[ReceivedFile]) -> list[tuple[ReceivedFile, Path]]:
    """Copy each new file into the archive, untouched."""
    return [(f, archive_file(home.archive, f)) for f in files]


@task(cache_policy=NONE)
def read_batch(batch: list[tuple[ReceivedFile, Path]], home: Home, today: date) -> list[ReadFile]:
    """Read and validate a batch of archived files (deterministic: no retries)."""
    return read_archived(batch, home, today)


def read_archived(batch: list[tuple[ReceivedFile, Path]], home: Home, today: date) -> list[ReadFile]:
    """Read and validate archived files with the home's catalog (approved labels too) and registry."""
    catalog, registry = reference(home)
    return [
        ReadFile(f, str(path), read_submissions(path, f.name, f.sha256, catalog, registry, today))
        for f, path in batch
    ]


@task(cache_policy=NONE)
def check_against_history(build: Build, read_files: list[ReadFile], catalog: Catalog) -> int:
    """Warn where a month is far above the unit's own recent months (the spike rule), or where its
    本年累计 differs from the months on record; return how many warnings were added."""
    subs = [s for r in in_received_order(read_files) for s in r.submissions]
    wanted = sorted({(s.unit_code, s.period) for s in subs if s.status == "accepted"})
    with open_warehouse(build.db) as con:
        stored = unit_months(con, wanted)  # type: ignore[arg-type]
    return add_history_warnings(subs, months_on_record(stored, subs), catalog)


@task(cache_policy=NONE)
def hold_locked_months(build: Build, read_files: list[ReadFile]) -> int:
    """Hold the accepted submissions for locked months: archived and recorded, not loaded."""
    with open_warehouse(build.db) as con:
        locked = locked_periods(con)
    return sum(s.hold(locked) for r in read_files for s in r.submissions)


@task(cache_policy=NONE)
def load_warehouse(
    build: Build, read_files: list[ReadFile], received_at: datetime, catalog: Catalog, registry: UnitRegistry,
) -> LoadResult:
    """Load every read file in one transaction and refresh the reference tables."""
    with open_warehouse(build.db) as con:
        refresh_reference(con, catalog, registry)
        return load_read_files(con, read_files, received_at)


@task(cache_policy=NONE, **IO_RETRIES)
def export_parquet(build: Build, periods: tuple[date, ...]) -> int:
    """Rewrite the Parquet partitions of the months this run changed, in the new version."""
    with open_warehouse(build.db) as con:
        return len(export_months(con, build.parquet, list(periods)))


@task(cache_policy=NONE)
def log_receipts(home: Home, read_files: list[ReadFile], received_at: datetime) -> int:
    """Append a line per new file to the archive's log, with the months held for it (locked), fsync'ed,
    before the run publishes."""
    run = f"collect {flow_run.id or ''}".strip()
    return append_events(home.archive, [
        receipt(r.received, home.inbox, received_at, run)
        | {"held": sorted({f"{s.period:%Y-%m}" for s in r.submissions if s.status == HELD})}
        for r in read_files
    ])


@task(cache_policy=NONE, **IO_RETRIES)
def publish(build: Build) -> None:
    """Make the new version the one readers open: one atomic rename."""
    commit_build(build)


@task(cache_policy=NONE, **IO_RETRIES)
def write_sendbacks(home: Home, read_files: list[ReadFile], registry: UnitRegistry) -> list[Path]:
    """A send-back workbook for each rejected submission, in reports/sendback/<YYYY-MM>/<unit>/."""
    written = []
    for read in read_files:
        for sub in read.submissions:
            if sub.status != "rejected":
                continue
            month = f"{sub.period:%Y-%m}" if sub.period else "unknown"
            unit = registry.get(sub.unit_code) if sub.unit_code else None
            folder = home.reports / "sendback" / month / (unit.name_zh if unit else "未识别单位")
            written.append(write_sendback(Path(read.archive_path), sub, folder, unit.name_zh if unit else None))
    return written


@task(cache_policy=NONE)
def completeness(home: Home, month: date) -> tuple[list[UnitStatus], list[UnattributedFile]]:
    """Each unit's status for the month, and rejected files tied to no unit, as published."""
    if not home.warehouse.exists():
        return [], []
    with read_only_warehouse(home.warehouse) as con:
        return month_status(con, month), unattributed_rejections(con, month)


def reread_approved(home: Home, catalog: Catalog, wait_for_lock: float) -> ApprovedReread:
    """Rebuild, by backfill, the unlocked months whose rejected submissions a label approved since
    (`countystat labels approve`) now resolves, so that the office never chases that wording again."""
    if not home.warehouse.exists():
        return ApprovedReread((), (), ())
    with read_only_warehouse(home.warehouse) as con:
        months = months_now_resolved(unresolved_labels(con), catalog)
        locked = locked_periods(con) if months else set()
    if not months:
        return ApprovedReread((), (), ())
    from .backfill import backfill

    open_months = [m for m in months if m not in locked]
    accepted: list[str] = []
    for first, last in month_runs(open_months):
        summary = backfill(home=str(home.root), first=f"{first:%Y-%m}", last=f"{last:%Y-%m}",
                           wait_for_lock=wait_for_lock)
        accepted += summary.changes.newly_accepted
    return ApprovedReread(tuple(open_months), tuple(accepted), tuple(m for m in months if m in locked))


def month_runs(months: list[date]) -> list[tuple[date, date]]:
    """Sorted months as (first, last) runs of consecutive months: 2020-01, 02, 05 -> (01, 02), (05, 05)."""
    runs: list[tuple[date, date]] = []
    for month in months:
        if runs and (runs[-1][1].year * 12 + runs[-1][1].month + 1) == month.year * 12 + month.month:
            runs[-1] = (runs[-1][0], month)
        else:
            runs.append((month, month))
    return runs


@flow(name="collect", task_runner=ThreadPoolTaskRunner(max_workers=READ_WORKERS))
def collect(
    home: str, month: str | None = None, received_at: datetime | None = None,
    wait_for_lock: float = SCHEDULED_WAIT,
) -> CollectSummary:
    """Collect every new inbox file into the warehouse and report the month's completeness.

    received_at is when the files arrived: now, unless history is being replayed (the demo).
    The run holds the home's run lock (waiting up to wait_for_lock seconds for another run) and
    publishes the new warehouse and Parquet together, atomically, or not at all.
    """
    where = Home(Path(home))
    period = parse_month(month) if month else previous_month(date.today())
    catalog, registry = reference(where)
    received_at = (received_at or datetime.now()).replace(microsecond=0)
    with run_lock(where.root, "collect", wait_for_lock):
        with building(where.root, start_build) as build:
            seen, new = find_new_files(where, build)
            archived = archive_files(where, quote(new))
            futures = [read_batch.submit(b, where, date.today()) for b in batches(archived)]
            read_files = [r for future in futures for r in future.result()]
            check_against_history(build, quote(read_files), quote(catalog))
            hold_locked_months(build, quote(read_files))
            result = load_warehouse(build, quote(read_files), received_at, quote(catalog), quote(registry))
            export_parquet(build, result.touched_periods)
            write_sendbacks(where, quote(read_files), quote(registry))
            log_receipts(where, quote(read_files), received_at)
            if read_files or not where.warehouse.exists():  # nothing new: the published version stays
                publish(build)
        reread = reread_approved(where, catalog, wait_for_lock)
    statuses, unattributed = completeness(where, period)
    summary = CollectSummary(
        month=period, files_in_inbox=seen, new_files=len(new), load=result,
        rejected_files=[
            (s.source_file, s.messages()) for r in read_files for s in r.submissions
            if s.status == "rejected"
        ],
        warned_files=[
            (s.source_file, [p.message() for p in s.problems if p.level == WARNING])
            for r in read_files for s in r.submissions
            if s.status == "accepted" and any(p.level == WARNING for p in s.problems)
        ],
        held_files=[(s.source_file, s.messages()[0]) for r in read_files for s in r.submissions if s.status == "held"],
        statuses=statuses, unattributed=unattributed, reread=reread,
    )
    create_markdown_artifact(collect_markdown(summary), key=f"collect-{period:%Y-%m}",
                             description="countystat collect summary")
    return summary
