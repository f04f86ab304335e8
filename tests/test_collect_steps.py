"""The collect steps that add to read files copy only what they change, and a collect's old objects are
left out of the garbage collector's walks for its length only (pipeline level, no flow run)."""
from __future__ import annotations

import gc
from datetime import date, datetime
from pathlib import Path

from countystat.sources.inbox import ReceivedFile
from countystat.sources.submission import Submission
from countystat.warehouse.collect_steps import hold_locked_months
from countystat.warehouse.heap import objects_frozen
from countystat.warehouse.load import ReadFile
from countystat.warehouse.locks import lock_periods
from countystat.warehouse.publish import Build
from countystat.warehouse.store import open_warehouse


def read_file(name: str, period: date) -> ReadFile:
    received = ReceivedFile(Path(name), name, f"sha-{name}", 1, datetime(2020, 5, 1))
    return ReadFile(received, f"archive/{name}", [Submission(name, f"sha-{name}", "T01", period)])


def test_a_file_with_no_locked_month_is_handed_on_as_it_is_and_a_held_one_is_a_copy(tmp_path):
    build = Build(tmp_path, tmp_path / "v-000001")
    with open_warehouse(build.db) as con:
        lock_periods(con, [date(2020, 1, 1)], "ops", "半年报已报出")
    january, february = read_file("jan.xlsx", date(2020, 1, 1)), read_file("feb.xlsx", date(2020, 2, 1))
    held = hold_locked_months(build, [january, february])
    assert held[1] is february and february.submissions[0].status == "accepted"
    assert held[0] is not january and january.submissions[0].status == "accepted"  # the given file as it was
    assert held[0].submissions[0].status == "held" and held[0].received == january.received
    assert hold_locked_months(build, []) == []


def test_objects_are_frozen_for_the_block_only():
    """objects_frozen: the collector skips the process's old objects during the block, and walks them again after."""
    assert gc.get_freeze_count() == 0
    with objects_frozen():
        assert gc.get_freeze_count() > 1000  # the modules imported, at least
    assert gc.get_freeze_count() == 0
