"""One writing run at a time per home: a second run waits for the first, or fails fast saying why.

The lock is flock(2) on `<home>/.countystat.lock`, so the kernel drops it when its process ends,
however it ends (kill -9 included): a crashed run never leaves a stale lock behind.
"""
from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

LOCK_FILE = ".countystat.lock"
SCHEDULED_WAIT = 30 * 60  # a scheduled run waits this long for an ops run to finish
POLL_SECONDS = 0.2


class RunLocked(Exception):
    """Another run holds the home; the message says which and since when."""


@contextmanager
def run_lock(root: Path, run: str, wait_seconds: float = 0) -> Iterator[None]:
    """Hold the home's run lock for the block, waiting up to wait_seconds for another run to end.

    The flows take it (a scheduled run calls the flow directly); the command line only starts them.
    """
    root.mkdir(parents=True, exist_ok=True)
    path = root / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, path, wait_seconds)
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"run": run, "pid": os.getpid(),
                                  "since": datetime.now().isoformat(timespec="seconds")}).encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def refuse_if_busy(root: Path) -> None:
    """RunLocked if another run holds the home's lock now; a probe that never waits and never keeps the lock.

    Commands call it before starting Prefect, so a busy home is refused at once; the flow still takes
    the lock itself. The probe holds the lock for the instant of the test, as any failed attempt would."""
    path = root / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return  # no run ever took it
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        raise RunLocked(_busy_message(path, 0)) from None
    finally:
        os.close(fd)


def _acquire(fd: int, path: Path, wait_seconds: float) -> None:
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise RunLocked(_busy_message(path, wait_seconds)) from None
            time.sleep(POLL_SECONDS)


def _busy_message(path: Path, wait_seconds: float) -> str:
    try:
        holder = json.loads(path.read_text() or "{}")
    except (OSError, ValueError):
        holder = {}
    who = f"{holder.get('run', 'another run')} (pid {holder.get('pid', '?')}, since {holder.get('since', '?')})"
    waited = f" after waiting {wait_seconds:.0f} s" if wait_seconds else ""
    return f"{who} is writing to {path.parent}; gave up{waited}: try again when it ends, or pass --wait SECONDS"
