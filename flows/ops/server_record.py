"""The Prefect server `countystat serve` runs for a home, recorded in the home so that every command finds it.

Serve writes HOME/.prefect/server.json (the API's URL and serve's pid) once its server answers, and
removes it when it stops. A command that needs Prefect uses the recorded server if serve still runs
and the server answers its health check; else it runs on Prefect's ephemeral API, as without serve.
An exported PREFECT_API_URL wins over the record. Nothing here imports Prefect: the URL must be in
the environment before Prefect reads its settings.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from countystat.sources.home import Home

from .local_server import api_healthy

RECORD_NAME = "server.json"
HEALTH_TIMEOUT = 2.0  # seconds: a server on this machine answers in milliseconds
STALE = "the server recorded by serve no longer answers; using Prefect's ephemeral API"


@dataclass(frozen=True)
class ServerRecord:
    """What serve recorded: the API's URL (ending in /api) and serve's pid."""

    url: str
    pid: int


def record_path(home: Home) -> Path:
    """Where serve records its server for the home: HOME/.prefect/server.json."""
    return home.prefect_home / RECORD_NAME


def write_record(home: Home, url: str, pid: int) -> None:
    """Record the server serve uses for the home, atomically (a reader sees the old record or the new one)."""
    path = record_path(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(f".{RECORD_NAME}.{pid}")
    scratch.write_text(json.dumps({"url": url, "pid": pid}), "utf-8")
    os.replace(scratch, path)


def remove_record(home: Home, pid: int) -> None:
    """Remove the home's record if it is still this serve's (another serve may have recorded its own since)."""
    path = record_path(home)
    record = read_record(path)
    if record is not None and record.pid == pid:
        path.unlink(missing_ok=True)


def read_record(path: Path) -> ServerRecord | None:
    """The record at path, or None if there is none or it cannot be read."""
    try:
        data = json.loads(path.read_text("utf-8"))
        return ServerRecord(str(data["url"]), int(data["pid"]))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists (one of another user's counts)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def live_server(home: Home) -> tuple[str | None, str | None]:
    """(the recorded server's API URL if serve runs and it answers, else None; the one line to say, if any)."""
    record = read_record(record_path(home))
    if record is None:
        return None, None
    if pid_alive(record.pid) and api_healthy(record.url, timeout=HEALTH_TIMEOUT):
        return record.url, None
    return None, STALE


def use_recorded_server(home: Home) -> str | None:
    """Point PREFECT_API_URL at the server serve runs for the home, unless the user set it; the line to say, if any."""
    if os.environ.get("PREFECT_API_URL"):
        return None
    url, note = live_server(home)
    if url:
        os.environ["PREFECT_API_URL"] = url
    return note
