"""A costly check's verdict is remembered across calls by its input and the files it depends on, never reused
for another input or after a file it depends on changed."""
from __future__ import annotations

import pytest

from countystat.sources import check_memo
from countystat.sources.catalog import CatalogError, parse_catalog
from countystat.sources.check_memo import remembered

CALLS: list[str] = []


def long_labels(text: str) -> str | None:
    CALLS.append(text)
    return f"「{text}」太长" if len(text) > 3 else None


def test_a_verdict_is_remembered_by_input_and_files(tmp_path, monkeypatch):
    monkeypatch.setenv("COUNTYSTAT_CACHE", str(tmp_path / "cache"))
    rules = tmp_path / "rules.toml"
    rules.write_text("a = 1\n", encoding="utf-8")
    CALLS.clear()
    assert remembered(long_labels, "立案数量", [rules]) == "「立案数量」太长"
    assert remembered(long_labels, "立案数量", [rules]) == "「立案数量」太长"
    assert remembered(long_labels, "立案", [rules]) is None
    assert remembered(long_labels, "立案", [rules]) is None
    assert CALLS == ["立案数量", "立案"]  # each input checked once
    rules.write_text("a = 2\n", encoding="utf-8")
    assert remembered(long_labels, "立案", [rules]) is None
    assert CALLS == ["立案数量", "立案", "立案"]  # a changed rules file: checked afresh


def test_an_unwritable_store_only_means_the_check_runs(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("COUNTYSTAT_CACHE", str(blocker / "cache"))
    CALLS.clear()
    assert remembered(long_labels, "立案数量", []) == "「立案数量」太长"
    assert remembered(long_labels, "立案数量", []) == "「立案数量」太长"
    assert CALLS == ["立案数量", "立案数量"]


def test_a_colliding_catalog_is_refused_whether_checked_or_remembered(tmp_path, monkeypatch):
    monkeypatch.setenv("COUNTYSTAT_CACHE", str(tmp_path / "cache"))
    header = "code,name_zh,unit_zh,aggregation,value_type,reported_by,section,summary_phrase,aliases\n"
    text = header + "a,立案,件,sum,int,both,一、,,\nb,立案数,件,sum,int,both,一、,,\n"
    for _ in range(2):
        with pytest.raises(CatalogError, match="立案数"):
            parse_catalog(text)
    assert len(list(check_memo.cache_folder().iterdir())) == 1
