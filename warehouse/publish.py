"""Publish the warehouse and its Parquet tree together, atomically, for readers who never wait.

Analysts open `warehouse.duckdb` and read `parquet/` while runs write. DuckDB lets a writer shut
readers out, so a run never writes what readers open. It builds a new version in
`.published/v-…/` (a copy of the current DuckDB file, the current Parquet files hard-linked), and
commits it by swapping one symlink, `.published/current`, with rename(2). The published names are
symlinks through it:

    warehouse.duckdb -> .published/current/warehouse.duckdb
    parquet          -> .published/current/parquet
    .published/current -> v-000042

A reader that has the old file open keeps reading it; a new connection sees the new version. A run
killed at any moment leaves `current` as it was: the half-built version is removed by the next run.
"""
from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from countystat.sources.archive import fsync_path, link_or_copy

PUBLISHED = ".published"
CURRENT = "current"
DB_NAME = "warehouse.duckdb"
PARQUET_NAME = "parquet"
VERSION = re.compile(r"v-\d{6,}")
KEEP_VERSIONS = 3  # the current one and two before it, for readers still holding them open


@dataclass(frozen=True)
class Build:
    """A version being built: write `db` and `parquet`, then commit it."""

    root: Path      # the home
    version: Path   # .published/v-…

    @property
    def db(self) -> Path:
        """The DuckDB file of this version."""
        return self.version / DB_NAME

    @property
    def parquet(self) -> Path:
        """The Parquet tree of this version."""
        return self.version / PARQUET_NAME


def current_version(root: Path) -> Path | None:
    """The published version's folder, or None before the first commit."""
    link = root / PUBLISHED / CURRENT
    return link.resolve() if link.is_symlink() else None


def begin_build(root: Path, empty: bool = False) -> Build:
    """A new version holding a copy of the current one (nothing when empty: a rebuild); stale builds
    of killed runs are removed first.

    Call it while holding the run lock: builds of a live run would look stale too.
    """
    published = root / PUBLISHED
    published.mkdir(parents=True, exist_ok=True)
    current = _adopt_unpublished(root) or current_version(root)
    _remove_stale(published, current)
    version = published / f"v-{(_number(current) if current else 0) + 1:06d}"
    version.mkdir()
    if empty:
        return Build(root, version)
    if current is not None and (current / DB_NAME).exists():
        shutil.copyfile(current / DB_NAME, version / DB_NAME)
    if current is not None and (current / PARQUET_NAME).is_dir():
        # Parquet writers replace files, never modify them: the new version hard-links the unchanged ones
        shutil.copytree(current / PARQUET_NAME, version / PARQUET_NAME, copy_function=link_or_copy)
    return Build(root, version)


def commit_build(build: Build) -> None:
    """Make the build the published version in one rename, then prune old versions."""
    for path in [build.db, *build.parquet.rglob("*")] if build.db.exists() else build.parquet.rglob("*"):
        if path.is_file():
            fsync_path(path)
    fsync_path(build.version)
    published = build.root / PUBLISHED
    _swap_symlink(published / CURRENT, build.version.name)
    fsync_path(published)
    _ensure_symlink(build.root / DB_NAME, f"{PUBLISHED}/{CURRENT}/{DB_NAME}")
    _ensure_symlink(build.root / PARQUET_NAME, f"{PUBLISHED}/{CURRENT}/{PARQUET_NAME}")
    fsync_path(build.root)
    _prune(published, build.version)


def abandon_build(build: Build) -> None:
    """Throw a build away; the published version is untouched."""
    shutil.rmtree(build.version, ignore_errors=True)


@contextmanager
def building(root: Path, begin: Callable[[Path], Build] = begin_build) -> Iterator[Build]:
    """A new version for the block: thrown away at its end unless the block committed it."""
    build = begin(root)
    try:
        yield build
    finally:
        current = current_version(root)
        if current is None or current.name != build.version.name:
            abandon_build(build)


def _adopt_unpublished(root: Path) -> Path | None:
    """Move a warehouse written before versioned publishing (plain file and folder) into a version."""
    db, parquet = root / DB_NAME, root / PARQUET_NAME
    if db.is_symlink() or not (db.exists() or parquet.is_dir()) or current_version(root) is not None:
        return None
    version = root / PUBLISHED / "v-000000"
    version.mkdir(parents=True, exist_ok=True)
    for path in (db, parquet):
        if path.exists() and not path.is_symlink():
            os.replace(path, version / path.name)
    _swap_symlink(root / PUBLISHED / CURRENT, version.name)
    _ensure_symlink(db, f"{PUBLISHED}/{CURRENT}/{DB_NAME}")
    _ensure_symlink(parquet, f"{PUBLISHED}/{CURRENT}/{PARQUET_NAME}")
    return version


def _remove_stale(published: Path, current: Path | None) -> None:
    """Remove versions newer than the current one: builds that never committed."""
    for version in _versions(published):
        if current is not None and _number(version) <= _number(current):
            continue
        shutil.rmtree(version, ignore_errors=True)


def _prune(published: Path, current: Path) -> None:
    """Keep the current version and the few before it; a reader of a removed one keeps its open file."""
    older = [v for v in _versions(published) if _number(v) < _number(current)]
    for version in older[:max(0, len(older) - (KEEP_VERSIONS - 1))]:
        shutil.rmtree(version, ignore_errors=True)


def _versions(published: Path) -> list[Path]:
    """Every version folder, oldest first."""
    found = [p for p in published.iterdir() if VERSION.fullmatch(p.name) and p.is_dir() and not p.is_symlink()]
    return sorted(found, key=_number)


def _number(version: Path) -> int:
    return int(version.name[2:])


def _swap_symlink(link: Path, target: str) -> None:
    temporary = link.with_name(f".{link.name}.{os.getpid()}.new")
    temporary.unlink(missing_ok=True)
    os.symlink(target, temporary)
    os.replace(temporary, link)


def _ensure_symlink(link: Path, target: str) -> None:
    if link.is_symlink() and os.readlink(link) == target:
        return
    if link.exists() and not link.is_symlink():
        raise FileExistsError(f"{link} is a real file or folder; countystat publishes it as a link")
    _swap_symlink(link, target)
