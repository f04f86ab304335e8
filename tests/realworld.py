"""The real office spreadsheets of ../shared/realworld-xlsx, which some tests read when they are beside the checkout."""
from __future__ import annotations

from pathlib import Path

import pytest

REALWORLD = Path(__file__).resolve().parents[2] / "shared" / "realworld-xlsx"


def realworld(name: str) -> Path:
    """The named real-world file; the test skips, saying where it looked, when the folder isn't there."""
    path = REALWORLD / name
    if not path.exists():
        pytest.skip(f"the real-world spreadsheets are not beside this checkout ({REALWORLD})")
    return path
