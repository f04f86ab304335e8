"""Check that the archive still is the record: every file's bytes match its name and the log, and
every accepted value comes from a file archived and logged. One line per problem."""
from __future__ import annotations

from pathlib import Path

import duckdb

from countystat.sources.archive import archive_path
from countystat.sources.inbox import file_sha256
from countystat.sources.receipts import FILE_NAME, RECEIVED, ArchiveLog

from .sql import statement


def archived_files(archive: Path) -> dict[str, Path]:
    """Every file stored in the archive (archive/ab/abcd….ext), by the hash its name claims."""
    if not archive.is_dir():
        return {}
    return {
        path.name.split(".", 1)[0]: path
        for folder in sorted(archive.iterdir()) if folder.is_dir() and len(folder.name) == 2
        for path in sorted(folder.iterdir()) if path.is_file() and not path.name.endswith(".partial")
    }


def archive_problems(archive: Path, log: ArchiveLog | None) -> list[str]:
    """Archived files whose bytes no longer match their name, logged files missing from the archive,
    archived files the log does not know, and a missing log (where anything is archived)."""
    stored = archived_files(archive)
    problems = [
        f"{path}: content does not match its name (SHA-256 now {actual[:12]}…): the file was altered or damaged"
        for sha, path in stored.items() if (actual := file_sha256(path)) != sha
    ]
    if log is None:
        if stored:  # a home from before the log (with nothing archived there is nothing to record)
            problems.append(f"{archive / FILE_NAME}: no log: this home predates it; the next `countystat collect` "
                            "writes it from the warehouse's record of received files")
        return problems
    logged = {e["sha256"]: e for e in log.events if e["event"] == RECEIVED}
    for sha, event in logged.items():
        if sha not in stored:
            expected = archive_path(archive, sha, Path(event["name"]).suffix)
            problems.append(f"{expected}: logged as received (「{event['name']}」, {event['received_at']}) "
                            "but missing from the archive")
    problems += [f"{path}: archived but not in the log (a run stopped before publishing archives first: the "
                 "next collect logs the file if it is still in the inbox)" for sha, path in stored.items()
                 if sha not in logged]
    return problems


def warehouse_problems(con: duckdb.DuckDBPyConnection, archive: Path, log: ArchiveLog | None) -> list[str]:
    """Accepted values whose source file is not archived, or not in the log."""
    stored = archived_files(archive)
    logged = {e["sha256"] for e in log.events if e["event"] == RECEIVED} if log is not None else None
    problems = []
    for sha, name, _ in con.execute(statement("accepted_sources")).fetchall():
        if sha not in stored:
            problems.append(f"「{name}」 (SHA-256 {sha[:12]}…): its values are accepted but the file is not archived")
        elif logged is not None and sha not in logged:
            problems.append(f"「{name}」 ({stored[sha]}): its values are accepted but the file is not in the log")
    return problems
