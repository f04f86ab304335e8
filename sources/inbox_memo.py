"""The SHA-256 of each inbox file remembered between runs, by what stat says of the file.

Files stay in the inbox, so a collect that hashed every file would hash every form ever dropped there
(a province's tenth month: 30,000 files for 3,000 new). A file is hashed again only when stat reports a
change: its size, inode, modification time or inode change time, in nanoseconds (the change time moves
on every write, rename or new link, and cannot be set back). A file changed less than RACY_NS before it
was hashed is not remembered, as a second write in the same clock tick could leave all of them equal;
nor is one whose stat changed while it was hashed. The memo (`HOME/.inbox-sha256.json`, relative paths
to their stat and hash) is only a cache: missing, unreadable or from an older format, every file is
hashed, as without it.
"""
from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

MEMO_NAME = ".inbox-sha256.json"
FORMAT = 1
RACY_NS = 2_000_000_000  # 2 s: coarser than any file system's clock tick for the change time

Stamp = tuple[int, int, int, int]  # size, inode, mtime_ns, ctime_ns


def stamp(stat: os.stat_result) -> Stamp:
    """What a file's stat must still say for its remembered hash to hold."""
    return (stat.st_size, stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns)


class HashMemo:
    """The remembered hashes of one inbox: ask for a file's, save what changed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, list] = {}  # relative path -> [*stamp, sha256], as stored
        self.changed = False
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            if stored.get("format") == FORMAT and isinstance(stored["files"], dict):
                self.entries = stored["files"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.entries = {}

    def sha256(self, path: Path, key: str, stat: os.stat_result, digest: Callable[[Path], str]) -> str:
        """The file's hash: remembered while its stat is unchanged, else computed (and remembered if safe)."""
        seen = stamp(stat)
        known = self.entries.get(key)
        if isinstance(known, list) and len(known) == 5 and tuple(known[:4]) == seen:
            return known[4]
        started = time.time_ns()
        sha = digest(path)
        if started - stat.st_ctime_ns > RACY_NS and stamp(path.stat()) == seen:
            self.entries[key] = [*seen, sha]
            self.changed = True
        elif key in self.entries:
            del self.entries[key]
            self.changed = True
        return sha

    def keep_only(self, keys: set[str]) -> None:
        """Forget the files no longer in the inbox."""
        gone = self.entries.keys() - keys
        for key in gone:
            del self.entries[key]
        self.changed = self.changed or bool(gone)

    def save(self) -> None:
        """Write the memo if it changed (whole, then renamed over the old one); a failure only costs hashing."""
        if not self.changed:
            return
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.partial")
        try:
            partial.write_text(json.dumps({"format": FORMAT, "files": self.entries}), encoding="utf-8")
            partial.replace(self.path)
        except OSError:
            partial.unlink(missing_ok=True)
