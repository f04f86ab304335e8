"""Find the files dropped in the inbox and identify each by the SHA-256 of its content."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

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


def received_file(path: Path) -> ReceivedFile:
    """Describe one file as received."""
    stat = path.stat()
    return ReceivedFile(
        path=path, name=path.name, sha256=file_sha256(path), size=stat.st_size,
        modified_at=datetime.fromtimestamp(stat.st_mtime).replace(microsecond=0),
    )


def scan_inbox(inbox: Path) -> list[ReceivedFile]:
    """Every file under the inbox (any subfolder), oldest first; lock and hidden files skipped."""
    if not inbox.exists():
        return []
    files = [
        received_file(p) for p in inbox.rglob("*")
        if p.is_file() and not any(
            part.startswith(IGNORED_PREFIXES) for part in p.relative_to(inbox).parts
        )
    ]
    return sorted(files, key=lambda f: (f.modified_at, str(f.path)))


def distinct_new(files: list[ReceivedFile], known_sha256: set[str]) -> list[ReceivedFile]:
    """Files whose content was never seen before, each content once (its first copy)."""
    seen = set(known_sha256)
    fresh = []
    for received in files:
        if received.sha256 not in seen:
            seen.add(received.sha256)
            fresh.append(received)
    return fresh
