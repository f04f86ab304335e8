"""Find the files dropped in the inbox and identify each by the SHA-256 of its content."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from stat import S_ISREG

from .inbox_memo import HashMemo

IGNORED_PREFIXES = ("~$", ".~lock", ".")  # Excel/LibreOffice lock files and hidden files
CHUNK = 1 << 20


@dataclass(frozen=True)
class ReceivedFile:
    """A file found in the inbox: where it is, its original name, content hash and mtime."""

    path: Path
    name: str
    sha256: str
    size: int
    modified_at: datetime


def file_sha256(path: Path) -> str:
    """The hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def received_file(path: Path, stat: os.stat_result | None = None, sha256: str | None = None) -> ReceivedFile:
    """Describe one file as received (its stat and hash computed unless given)."""
    stat = stat or path.stat()
    return ReceivedFile(
        path=path, name=path.name, sha256=sha256 or file_sha256(path), size=stat.st_size,
        modified_at=datetime.fromtimestamp(stat.st_mtime).replace(microsecond=0),
    )


def scan_inbox(inbox: Path, memo: HashMemo | None = None) -> list[ReceivedFile]:
    """Every file under the inbox (any subfolder), oldest first; lock and hidden files skipped. With a
    memo, a file is hashed only when its stat changed since a run hashed it (the memo is saved)."""
    if not inbox.exists():
        return []
    listed = inbox_files(inbox)
    files = [received_file(path, stat, memo.sha256(path, key, stat, file_sha256) if memo else None)
             for path, key, stat in listed]
    if memo:
        memo.keep_only({key for _, key, _ in listed})
        memo.save()
    return sorted(files, key=lambda f: (f.modified_at, str(f.path)))


def inbox_files(inbox: Path) -> list[tuple[Path, str, os.stat_result]]:
    """Each file under the inbox with its path relative to it and its stat; folders and names starting
    with an ignored prefix (and all they hold) left out."""
    found = []
    for folder, dirs, names in os.walk(inbox):
        dirs[:] = [d for d in dirs if not d.startswith(IGNORED_PREFIXES)]
        base = Path(folder)
        prefix = "" if base == inbox else f"{base.relative_to(inbox).as_posix()}/"
        for name in names:
            if name.startswith(IGNORED_PREFIXES):
                continue
            try:
                stat = os.stat(os.path.join(folder, name))
            except OSError:  # a broken link, or gone since listed
                continue
            if S_ISREG(stat.st_mode):
                found.append((base / name, prefix + name, stat))
    return found


def distinct_new(files: list[ReceivedFile], known_sha256: set[str]) -> list[ReceivedFile]:
    """Files whose content was never seen before, each content once (its first copy)."""
    seen = set(known_sha256)
    fresh = []
    for received in files:
        if received.sha256 not in seen:
            seen.add(received.sha256)
            fresh.append(received)
    return fresh
