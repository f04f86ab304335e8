"""The archive's own record: an append-only log of every file received and every office decision.

`archive/receipts.jsonl` holds one JSON object a line, in the order things happened:

    {"event": "received", "sha256": …, "name": …, "inbox_path": …, "size": …, "modified_at": …,
     "received_at": …, "run": …, "logged_at": …, "held": ["2020-06"]}   (held: its months locked when it came)
    {"event": "lock" | "unlock", "period": "2020-06", "at": …, "by": …, "reason": …}
    {"event": "backfill", "first": "2020-01", "last": "2020-06", "include_locked": false, "at": …, "run": …}
    {"event": "label_approved", "label": …, "indicator_code": …, "by": …, "at": …}

Lines are only ever appended, each written whole and fsync'ed before the run that wrote it
publishes. A line that is not a whole JSON object (a run killed while appending) is ignored on
read, and the next append starts on a fresh line after it, so it is never rewritten either.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .archive import fsync_path
from .inbox import ReceivedFile

FILE_NAME = "receipts.jsonl"
RECEIVED, LOCK, UNLOCK, BACKFILL, LABEL_APPROVED = "received", "lock", "unlock", "backfill", "label_approved"


@dataclass(frozen=True)
class ArchiveLog:
    """The events of a log, in order, and how many torn lines were skipped."""

    events: tuple[dict[str, Any], ...]
    torn_lines: int


def log_path(archive: Path) -> Path:
    """Where an archive keeps its log."""
    return archive / FILE_NAME


def parse_log(text: str) -> ArchiveLog:
    """The events of a log's text; a line that is not a whole JSON object with an event is skipped."""
    events, torn = [], 0
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            event = json.loads(line)
        except ValueError:
            torn += 1
            continue
        if isinstance(event, dict) and isinstance(event.get("event"), str):
            events.append(event)
        else:
            torn += 1
    return ArchiveLog(tuple(events), torn)


def read_log(archive: Path) -> ArchiveLog | None:
    """The archive's log, or None when the archive has none (a home from before the log)."""
    path = log_path(archive)
    if not path.exists():
        return None
    return parse_log(path.read_bytes().decode("utf-8", errors="replace"))


def append_events(archive: Path, events: Iterable[dict[str, Any]]) -> int:
    """Append events to the log, each a whole line, and fsync it; return how many were written."""
    lines = [json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in events]
    if not lines:
        return 0
    path = log_path(archive)
    archive.mkdir(parents=True, exist_ok=True)
    created = not path.exists()
    with path.open("ab+") as handle:
        handle.seek(0, os.SEEK_END)
        if handle.tell():
            handle.seek(-1, os.SEEK_END)
            if handle.read(1) != b"\n":  # a torn last line: leave it, start on a fresh line
                lines.insert(0, "\n")
        handle.write("".join(lines).encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())
    if created:
        fsync_path(archive)
    return len(lines)


def receipt(received: ReceivedFile, inbox: Path, received_at: datetime, run: str) -> dict[str, Any]:
    """The log line of a file received by a run (its inbox path relative to the inbox)."""
    try:
        where = received.path.relative_to(inbox).as_posix()
    except ValueError:
        where = str(received.path)
    return {
        "event": RECEIVED, "sha256": received.sha256, "name": received.name, "inbox_path": where,
        "size": received.size, "modified_at": _iso(received.modified_at), "received_at": _iso(received_at),
        "run": run, "logged_at": _iso(datetime.now()),
    }


def lock_event(period: date, lock: bool, at: datetime, by: str, reason: str) -> dict[str, Any]:
    """The log line of a month locked or unlocked."""
    return {"event": LOCK if lock else UNLOCK, "period": f"{period:%Y-%m}", "at": _iso(at), "by": by,
            "reason": reason}


def backfill_event(first: date, last: date, include_locked: bool, run: str) -> dict[str, Any]:
    """The log line of a backfill that rebuilt months (it loads the forms held there)."""
    return {"event": BACKFILL, "first": f"{first:%Y-%m}", "last": f"{last:%Y-%m}",
            "include_locked": include_locked, "at": _iso(datetime.now()), "run": run}


def label_event(label: str, indicator_code: str, by: str, at: str) -> dict[str, Any]:
    """The log line of a label the office approved as naming an indicator."""
    return {"event": LABEL_APPROVED, "label": label, "indicator_code": indicator_code, "by": by, "at": at}


def month_of(text: str) -> date:
    """The first day of a logged YYYY-MM month."""
    year, month = text.split("-")
    return date(int(year), int(month), 1)


def _iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat()

