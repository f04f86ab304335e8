"""Remember a costly pure check's verdict across processes, by the hash of everything it depends on.

The catalog's label check (every label and affixed variant against every other indicator's core)
costs about a tenth of a second, more than reading a form: `countystat validate` would pay it on every
call for the same catalog. Its verdict (None, or the problem in words) is stored under a key hashed
from its input, the rules file and the source of the code that decides it, so a changed catalog,
label rule or check is checked afresh, and the same ones are never checked twice. The store is a
folder of small files ($COUNTYSTAT_CACHE, else ~/.cache/countystat); a store that can't be read
or written only means the check runs.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
NONE = "\0none"  # the stored verdict "no problem"


def cache_folder() -> Path:
    """Where verdicts are stored: $COUNTYSTAT_CACHE, else ~/.cache/countystat/checks."""
    chosen = os.environ.get("COUNTYSTAT_CACHE")
    return Path(chosen) if chosen else Path.home() / ".cache" / "countystat" / "checks"


def remembered(check: Callable[[T], str | None], argument: T, depends_on: Sequence[Path]) -> str | None:
    """check(argument), or its verdict stored by an earlier call with the same argument and files."""
    try:
        digest = hashlib.sha256(f"{check.__module__}.{check.__qualname__}\n{argument!r}".encode())
        for path in depends_on:
            digest.update(path.read_bytes())
        stored = cache_folder() / digest.hexdigest()
    except (OSError, ValueError):
        return check(argument)
    try:
        text = stored.read_text(encoding="utf-8")
        if text:
            return None if text == NONE else text
    except (OSError, UnicodeDecodeError):
        pass
    verdict = check(argument)
    try:
        stored.parent.mkdir(parents=True, exist_ok=True)
        partial = stored.with_name(f"{stored.name}.{os.getpid()}.partial")
        partial.write_text(NONE if verdict is None else verdict, encoding="utf-8")
        partial.replace(stored)
    except OSError:
        pass
    return verdict
