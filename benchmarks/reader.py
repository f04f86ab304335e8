"""Reader benchmark: what reading and validating one form costs, against a raw calamine read of it.

Usage: python benchmarks/reader.py [N] [--rounds R] [--dir DIR] [--hostile]

Generates N filled standard forms and a messy mix of the same unit-months (benchmarks/ingest.py's
generator; kept in DIR when given, so two checkouts can be timed on the very same files), then for R
rounds, on one thread:
  raw:    python_calamine alone opens each file and reads every worksheet;
  reader: sources/intake.read_submissions, exactly as collect calls it (grid, layout, identity,
          labels, values, rules), on the same files.
The catalog's one-off caches (label index, rules) are built before the clock starts: a run pays
them once, not per form. With --hostile it also times the xlsx sheet scan on hostile XML at 100k and 400k repetitions (a ratio
near 4 is linear, near 16 quadratic) and reading each of ../shared/realworld-xlsx's files.
Prints medians in ms per form and the ratio reader / raw, which stays comparable across checkouts
and across a noisy machine's drift because both are measured in the same round.
"""
from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import generate_inbox, read_one  # noqa: E402

from countystat.sources.catalog import load_catalog  # noqa: E402
from countystat.sources.grid import UnreadableFile, read_workbook  # noqa: E402
from countystat.sources.intake import read_submissions  # noqa: E402
from countystat.sources.units import parse_units  # noqa: E402

TODAY = date(2026, 11, 25)
REALWORLD = Path(__file__).resolve().parents[2] / "shared" / "realworld-xlsx"
HOSTILE = {  # sheet XML bodies that a quadratic scan would choke on
    "unclosed formulas": b'<c r="A1"><f>',
    "cells without refs": b"<c><f>",
    "broken tags": b"<c <f>",
    "hidden rows": b'<row hidden="1">',
    "open row tags": b"<row ",
}


def forms(work: Path, count: int, messy: bool) -> tuple[list[Path], str]:
    """The benchmark's forms under `work`, generated on first use and reused after."""
    folder = work / ("generated-messy" if messy else "generated")
    units_file = work / "units.csv"
    if folder.exists() and units_file.exists():
        return sorted(folder.rglob("*.*")), units_file.read_text(encoding="utf-8")
    paths, units_text = generate_inbox(work, count, messy=messy)
    units_file.write_text(units_text, encoding="utf-8")
    return sorted(paths), units_text


def time_raw(paths: list[Path]) -> float:
    """Seconds for calamine alone to read every worksheet of every file (xlsx only; CSV is text)."""
    start = time.perf_counter()
    for path in paths:
        if path.suffix != ".csv":
            read_one(path)
        else:
            path.read_bytes().decode("gb18030")
    return time.perf_counter() - start


def time_reader(paths: list[Path], units_text: str) -> tuple[float, int]:
    """Seconds for read_submissions over every file, and how many submissions were accepted."""
    catalog, registry = load_catalog(), parse_units(units_text)
    data = [(path, hashlib.sha256(path.read_bytes()).hexdigest()) for path in paths]
    read_submissions(paths[0], paths[0].name, data[0][1], catalog, registry, TODAY)  # the per-catalog caches
    start = time.perf_counter()
    accepted = 0
    for path, sha256 in data:
        for submission in read_submissions(path, path.name, sha256, catalog, registry, TODAY):
            accepted += submission.status == "accepted"
    return time.perf_counter() - start, accepted


def seconds(action) -> float:
    """Wall seconds of one call; exceptions count as finishing (the reader refuses such input)."""
    start = time.perf_counter()
    try:
        action()
    except (ValueError, UnreadableFile):
        pass
    return time.perf_counter() - start


def hostile_scaling() -> None:
    """Print the xlsx sheet scan's time on hostile XML at two sizes, and each real-world file's read time."""
    from countystat.sources.xlsx_sheet_facts import sheet_facts

    for name, piece in HOSTILE.items():
        small, large = (seconds(lambda n=n: sheet_facts(b"<worksheet>" + piece * n)) for n in (100_000, 400_000))
        print(f"hostile xml {name:20} 100k {small * 1000:7.1f} ms   400k {large * 1000:7.1f} ms   ratio {large / small:.1f}")
    times = sorted((seconds(lambda p=p: read_workbook(p)), p.name) for p in REALWORLD.glob("*.*")
                   if p.suffix in (".xlsx", ".xlsm", ".xls", ".ods"))
    if times:
        print(f"realworld files: {len(times)}, median {statistics.median(t for t, _ in times) * 1000:.1f} ms, "
              f"slowest {times[-1][1]} {times[-1][0] * 1000:.1f} ms")


def main() -> None:
    """Run the rounds and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--hostile", action="store_true", help="also time hostile XML and the real-world files")
    args = parser.parse_args()
    if args.hostile:
        hostile_scaling()
    work = args.dir or Path(tempfile.mkdtemp(prefix="countystat-reader-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"{args.count} forms, {args.rounds} rounds, one thread; files in {work}")
    for messy in (False, True):
        paths, units_text = forms(work, args.count, messy)
        raw, reader, accepted = [], [], 0
        for _ in range(args.rounds):
            raw.append(time_raw(paths) / len(paths) * 1000)
            seconds, accepted = time_reader(paths, units_text)
            reader.append(seconds / len(paths) * 1000)
        ratios = [r / b for r, b in zip(reader, raw)]
        name = "messy mix" if messy else "standard forms"
        print(f"{name:15} raw {statistics.median(raw):.3f} ms/form   reader {statistics.median(reader):.3f} ms/form"
              f"   reader/raw {statistics.median(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f})"
              f"   accepted {accepted}/{len(paths)}")


if __name__ == "__main__":
    main()
