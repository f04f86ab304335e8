"""The inbox's hashes remembered between runs: a file is read again exactly when stat says it changed."""
from __future__ import annotations

import os

import pytest

from countystat.sources import inbox_memo
from countystat.sources.inbox import file_sha256, scan_inbox
from countystat.sources.inbox_memo import HashMemo


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    (folder / "2020-06").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    (folder / "2020-06" / "a.xlsx").write_bytes(b"form a")
    (folder / "b.csv").write_bytes(b"form b")
    (folder / ".hidden" / "c.xlsx").write_bytes(b"skipped")
    (folder / "~$a.xlsx").write_bytes(b"lock")
    return folder


def scan(inbox, memo_path, reads):
    """scan_inbox with the memo, counting the files it read to hash."""
    def counting(path):
        reads.append(path.name)
        return file_sha256(path)

    memo = HashMemo(memo_path)
    original = HashMemo.sha256
    memo.sha256 = lambda path, key, stat, digest: original(memo, path, key, stat, counting)  # type: ignore[method-assign]
    return scan_inbox(inbox, memo)


def test_an_unchanged_file_is_not_read_again_and_a_changed_one_is(inbox, tmp_path, monkeypatch):
    monkeypatch.setattr(inbox_memo, "RACY_NS", -1)  # the files were written just now
    memo, reads = tmp_path / "memo.json", []
    first = scan(inbox, memo, reads)
    assert sorted(reads) == ["a.xlsx", "b.csv"] and [f.name for f in first] == [f.name for f in scan_inbox(inbox)]
    reads.clear()
    assert scan(inbox, memo, reads) == first and reads == []
    target = inbox / "2020-06" / "a.xlsx"
    before = target.stat()
    target.write_bytes(b"form A")  # same size, its times set back: only the change time tells
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    found = {f.name: f.sha256 for f in scan(inbox, memo, reads)}
    assert reads == ["a.xlsx"]
    assert found["a.xlsx"] == file_sha256(target) != {f.name: f.sha256 for f in first}["a.xlsx"]
    assert found == {f.name: f.sha256 for f in scan_inbox(inbox)}


def test_a_file_changed_just_before_it_was_hashed_is_not_remembered(inbox, tmp_path):
    memo, reads = tmp_path / "memo.json", []
    scan(inbox, memo, reads)
    reads.clear()
    scan(inbox, memo, reads)  # written within RACY_NS of the first scan: hashed again
    assert sorted(reads) == ["a.xlsx", "b.csv"]


def test_a_removed_file_is_forgotten_and_a_broken_memo_means_hashing_everything(inbox, tmp_path, monkeypatch):
    monkeypatch.setattr(inbox_memo, "RACY_NS", -1)
    memo, reads = tmp_path / "memo.json", []
    scan(inbox, memo, reads)
    (inbox / "b.csv").unlink()
    scan(inbox, memo, reads)
    assert list(HashMemo(memo).entries) == ["2020-06/a.xlsx"]
    memo.write_text("{not json", encoding="utf-8")
    reads.clear()
    assert [f.name for f in scan(inbox, memo, reads)] == ["a.xlsx"] and reads == ["a.xlsx"]
