"""ARCHITECTURE.md stays true: every file it names exists and every `file.py:function` it names is there."""
from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAP = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
FOLDERS = ("sources", "warehouse", "reports", "flows", "tests", "benchmarks")
PATHS = sorted({p for p in re.findall(r"`((?:%s)/[\w/.]+?)(?::[\w.]+)?`" % "|".join(FOLDERS), MAP)
                if "*" not in p and "NNN" not in p and "<" not in p})
FUNCTIONS = sorted(set(re.findall(r"`(\w+)/(\w+)\.py:([\w.]+)`", MAP)))


def test_the_map_names_the_steps():
    assert len(PATHS) > 30 and len(FUNCTIONS) > 30


@pytest.mark.parametrize("path", PATHS)
def test_every_file_named_exists(path):
    assert (ROOT / path).exists(), path


@pytest.mark.parametrize("folder, module, name", FUNCTIONS)
def test_every_function_named_is_in_its_module(folder, module, name):
    found = importlib.import_module(f"countystat.{folder}.{module}")
    for part in name.split("."):
        found = getattr(found, part, None)
        assert found is not None, f"{folder}/{module}.py:{name}"


def test_the_readme_links_the_map():
    assert "(ARCHITECTURE.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
