"""The backfill benchmark's home: collected once month by month, snapshotted, restored between rounds."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from job_process import Measured, log_tail, measure

SETUP_RECORD = "setup.json"  # in --keep DIR: the collected home's archive and its collect measurement
KEPT_IN_HOME = ("archive", "inbox")  # not snapshotted/restored between runs: the archive is immutable


def warehouse_facts(warehouse: Path) -> dict[str, object]:
    """What a backfill with today's code must leave as the collect left it."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        row = con.execute("""
            SELECT (SELECT count(*) FROM submissions WHERE status = 'accepted'),
                   (SELECT count(*) FROM submissions WHERE status = 'rejected'),
                   (SELECT count(*) FROM monthly_values),
                   (SELECT count(value) FROM monthly_values),
                   (SELECT round(sum(value), 4) FROM monthly_values)
        """).fetchone()
    return dict(zip(("accepted", "rejected", "monthly_values", "values_reported", "values_sum"), row))


def copy_entry(source: Path, target: Path) -> None:
    """Copy a file, a folder or a symlink as it is (a published home links to its current version)."""
    if source.is_symlink():
        os.symlink(os.readlink(source), target)
    elif source.is_dir():
        shutil.copytree(source, target, symlinks=True)
    else:
        shutil.copy2(source, target)


def snapshot(home: Path, keep: Path) -> None:
    """Copy everything in the home but the archive and inbox (the warehouse, Parquet, reports)."""
    keep.mkdir(parents=True)
    for entry in home.iterdir():
        if entry.name not in KEPT_IN_HOME:
            copy_entry(entry, keep / entry.name)


def restore(home: Path, keep: Path) -> None:
    """Put the home back as the snapshot left it (the archive and inbox are not touched)."""
    for entry in home.iterdir():
        if entry.name not in KEPT_IN_HOME:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    for entry in keep.iterdir():
        copy_entry(entry, home / entry.name)


def archived_files(home: Path) -> list[Path]:
    """Every archived form of the home (not the archive's receipt log)."""
    from countystat.sources.receipts import log_path

    log = log_path(home / "archive")
    return sorted(p for p in (home / "archive").rglob("*") if p.is_file() and p != log)


def set_up(work: Path, home: Path, keep: Path, archive) -> tuple[Measured, dict, str | None]:
    """Collect the archive into a new home month by month, check it, snapshot it and record the setup."""
    home.mkdir(parents=True)
    shutil.copy2(archive.units_csv, home / "units.csv")
    print(f"setup: the collect flow, once per month, on {home} ...", flush=True)
    job = {"kind": "collect", "home": str(home),
           "months": [[f"{m:%Y-%m}", [str(p) for p in archive.month_paths(m)]] for m in archive.months]}
    collected = measure(job, work, "collect")
    if not collected.ok:
        return collected, {}, f"FAILED: setup collect: {collected.result['error']}\n{log_tail(collected.log)}"
    facts = warehouse_facts(home / "warehouse.duckdb")
    if facts["accepted"] != len(archive.forms):
        return collected, facts, (f"FAILED: after collect the warehouse holds {facts}, expected"
                                  f" {len(archive.forms)} accepted submissions\n{log_tail(collected.log)}")
    snapshot(home, keep)
    record = {"archive": str(archive.root), "facts": facts,
              "collected": {k: v for k, v in vars(collected).items() if k != "log"}}
    (work / SETUP_RECORD).write_text(json.dumps(record), encoding="utf-8")
    return collected, facts, None


def load_setup(work: Path, archive_root: Path) -> tuple[Measured, dict] | None:
    """The collected home of an earlier run in this work folder with the same archive, if any."""
    record_file = work / SETUP_RECORD
    if not record_file.exists() or not (work / "post-collect").is_dir() or not (work / "home").is_dir():
        return None
    record = json.loads(record_file.read_text(encoding="utf-8"))
    if record["archive"] != str(archive_root):
        return None
    fields = record["collected"]
    fields["at_peak"] = [tuple(x) for x in fields["at_peak"]]
    return Measured(**fields), record["facts"]
