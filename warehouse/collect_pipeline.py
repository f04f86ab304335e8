"""The collect pipeline: inbox -> archive -> read and validate -> warehouse -> Parquet -> status.

`collect` runs the steps of `collect_steps` in order, as plain functions unless given `CollectSteps`
that run them otherwise (the flow passes them as Prefect tasks): one sequence, wherever it runs.
It takes no run lock: its caller holds the home (the flow does).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from countystat.sources.catalog import Catalog
from countystat.sources.home import Home, reference
from countystat.sources.inbox import ReceivedFile
from countystat.sources.problems import WARNING
from countystat.sources.submission import ACCEPTED, HELD, REJECTED

from . import collect_steps
from .archived_reads import Batch, batches, read_archived
from .backfill_pipeline import BackfillSummary, backfill, published_files
from .heap import objects_frozen
from .load import LoadResult, ReadFile
from .publish import Build, begin_build, building, commit_build
from .status import UnattributedFile, UnitStatus

ReadBatches = Callable[[list[Batch], Home, date], list[ReadFile]]  # the files of every batch, in order
Backfill = Callable[[Home, date, date], BackfillSummary]


@dataclass(frozen=True)
class ApprovedReread:
    """Months re-read because an approved label now resolves rejections there, and what it changed."""

    months: tuple[date, ...]          # re-read (rebuilt by backfill) in this run
    newly_accepted: tuple[str, ...]   # "file (unit, YYYY-MM)" accepted now, rejected before
    locked: tuple[date, ...]          # not re-read: locked (unlock, then backfill them)


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
    sendbacks: tuple[Path, ...] = ()  # the send-back workbooks written, one per rejected form
    published: tuple[Path, ...] = ()  # the warehouse and the Parquet months published (none: nothing new)
    problem_report: Path | None = None  # every problem of the run by unit and cell (reports/runs/*.csv)


def read_in_process(files: list[Batch], home: Home, today: date) -> list[ReadFile]:
    """Read the batches one after another, in this process."""
    return [r for batch in files for r in read_archived(batch, home, today)]


def backfill_in_process(home: Home, first: date, last: date) -> BackfillSummary:
    """Rebuild months first..last with the plain backfill pipeline."""
    return backfill(home, first, last, date.today())


@dataclass(frozen=True)
class CollectSteps:
    """How each step of a collect runs: the plain functions, unless replaced (by Prefect tasks)."""

    start_build: Callable[[Path], Build] = begin_build
    find_new_files: Callable[[Home, Build], tuple[int, list[ReceivedFile]]] = collect_steps.find_new_files
    archive_files: Callable[[Home, list[ReceivedFile]], Batch] = collect_steps.archive_files
    read_batches: ReadBatches = read_in_process
    check_against_history: Callable[[Build, list[ReadFile], Catalog], list[ReadFile]] = (
        collect_steps.check_against_history)
    hold_locked_months: Callable[[Build, list[ReadFile]], list[ReadFile]] = collect_steps.hold_locked_months
    load_warehouse: Callable[..., LoadResult] = collect_steps.load_warehouse
    export_parquet: Callable[[Build, tuple[date, ...]], int] = collect_steps.export_parquet
    write_sendbacks: Callable[..., list[Path]] = collect_steps.write_sendbacks
    log_receipts: Callable[..., int] = collect_steps.log_receipts
    write_problem_report: Callable[..., Path | None] = collect_steps.write_problem_report
    publish: Callable[[Build], Any] = commit_build
    backfill: Backfill = backfill_in_process
    completeness: Callable[[Home, date], tuple[list[UnitStatus], list[UnattributedFile]]] = collect_steps.completeness


def collect(home: Home, month: date, received_at: datetime, today: date, run: str = "collect",
            steps: CollectSteps = CollectSteps()) -> CollectSummary:
    """Collect every new inbox file into the warehouse and report the month's completeness.

    received_at is when the files arrived (the demo replays history); run names the run in the
    archive's log. The new warehouse and Parquet are published together, atomically, or not at all.
    """
    catalog, registry = reference(home)
    with objects_frozen(), building(home.root, steps.start_build) as build:
        seen, new = steps.find_new_files(home, build)
        archived = steps.archive_files(home, new)
        read_files = steps.read_batches(batches(archived), home, today)
        read_files = steps.check_against_history(build, read_files, catalog)
        read_files = steps.hold_locked_months(build, read_files)
        result = steps.load_warehouse(build, read_files, received_at, catalog, registry)
        steps.export_parquet(build, result.touched_periods)
        sendbacks = steps.write_sendbacks(home, read_files, registry)
        steps.log_receipts(home, read_files, received_at, run)
        problem_report = steps.write_problem_report(home, read_files, registry, run)
        publishing = bool(read_files) or not home.warehouse.exists()  # nothing new: the published version stays
        if publishing:
            steps.publish(build)
    reread = reread_approved(home, catalog, steps.backfill)
    statuses, unattributed = steps.completeness(home, month)
    summary = collect_summary(month, seen, new, result, read_files, statuses, unattributed, reread)
    published = published_files(home, result.touched_periods) if publishing else ()
    return replace(summary, sendbacks=tuple(sendbacks), published=published, problem_report=problem_report)


def reread_approved(home: Home, catalog: Catalog, rebuild: Backfill = backfill_in_process) -> ApprovedReread:
    """Rebuild, by backfill, the unlocked months whose rejected submissions a label approved since
    (`countystat labels approve`) now resolves, so that the office never chases that wording again."""
    open_months, locked = collect_steps.months_to_reread(home, catalog)
    accepted: list[str] = []
    for first, last in collect_steps.month_runs(open_months):
        accepted += rebuild(home, first, last).changes.newly_accepted
    return ApprovedReread(tuple(open_months), tuple(accepted), tuple(locked))


def collect_summary(month: date, seen: int, new: list[ReceivedFile], result: LoadResult, read_files: list[ReadFile],
                    statuses: list[UnitStatus], unattributed: list[UnattributedFile],
                    reread: ApprovedReread) -> CollectSummary:
    """The run's counts, its rejected, warned and held files with their messages, and the month's units."""
    subs = [s for r in read_files for s in r.submissions]
    return CollectSummary(
        month=month, files_in_inbox=seen, new_files=len(new), load=result,
        rejected_files=[(s.source_file, s.messages()) for s in subs if s.status == REJECTED],
        warned_files=[
            (s.source_file, [p.message() for p in s.problems if p.level == WARNING])
            for s in subs if s.status == ACCEPTED and any(p.level == WARNING for p in s.problems)
        ],
        held_files=[(s.source_file, s.messages()[0]) for s in subs if s.status == HELD],
        statuses=statuses, unattributed=unattributed, reread=reread,
    )
