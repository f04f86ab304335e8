"""Keep every received file untouched, stored by content hash; nothing is ever deleted."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from .inbox import ReceivedFile


def archive_path(archive: Path, sha256: str, suffix: str) -> Path:
    """Where a file with this content lives in the archive."""
    return archive / sha256[:2] / f"{sha256}{suffix.lower()}"


def archive_file(archive: Path, received: ReceivedFile) -> Path:
    """Copy the file into the archive (once per content) and return its archived path."""
    target = archive_path(archive, received.sha256, received.path.suffix)
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    shutil.copyfile(received.path, partial)
    mtime = received.modified_at.timestamp()
    os.utime(partial, (mtime, mtime))
    os.replace(partial, target)
    return target


def fsync_path(path: Path) -> None:
    """Flush a file or a folder (its entries: a rename, a new file) to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def link_or_copy(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """Hard-link a file nobody modifies in place (same bytes and times, no copy); copy it across file systems."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
