"""Golden files: compare with the stored expectation, or rewrite it when asked to on purpose."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
REGENERATE = "COUNTYSTAT_REGENERATE_GOLDEN"


def assert_golden(name: str, actual: str) -> None:
    """Equal to tests/golden/<name>; with COUNTYSTAT_REGENERATE_GOLDEN=1 the file is rewritten."""
    path = GOLDEN / name
    if os.environ.get(REGENERATE) == "1":
        path.write_text(actual, encoding="utf-8")
        pytest.skip(f"regenerated {path}")
    assert path.exists(), f"no golden file {path}: run with {REGENERATE}=1 once and review it"
    assert actual == path.read_text(encoding="utf-8"), f"differs from {path} (regenerate with {REGENERATE}=1)"
