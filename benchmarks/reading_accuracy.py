"""Reading accuracy: fictional counties' monthly files, messy as townships send them, read with ground truth.

Usage: python benchmarks/reading_accuracy.py [--counties 3] [--seed N] [--months 6] [--office 10] [--keep DIR]

Each fictional county (its own unit registry: townships and departments) sends one file per unit and
month. A seeded share of the files is the standard template as sent; the rest carry one mess each, the
classes of issue 10: label variants, numbers typed as text, two-row headers, village columns with 合计,
columns beside 本月, text exports (UTF-16 .txt/.csv, HTML and tab-separated text saved as .xls, GBK CSV),
typed date cells and other ways of writing the month and the unit, other headings, a form split over two
sheets, all zeros — and traps a careful clerk refuses: percent- or date-formatted count cells, blank
templates, formulas over blanks, only 上年同期/累计 columns, quarterly forms, 13月, a village 合计 that
disagrees, a label naming two indicators, an unknown label, only a 填报日期. The ground truth of every
file is known by construction. Files are written with openpyxl, csv and plain text (fast); --office N of
each county's workbooks (default 10) are then opened and saved by LibreOffice as .xls or .ods when soffice
is installed. They are read with sources/intake.read_submissions and scored per county:

  accepted      files a careful clerk accepts that were accepted (one submission, right unit and month)
  value recall  of the values a careful clerk reads, those loaded, exactly
  wrong values  values loaded that are not in the file's truth (must be 0)
  refused-but-accepted  files that must be refused but were accepted (must be 0)

then the false rejections grouped by their first message (file, sheet, cell and quoted text blanked out),
and the outcome per kind of mess. Exits 0: it measures, it does not judge.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy.county import COUNTIES, TODAY, YEAR, county_registry, figures  # noqa: E402
from accuracy.messes import make_file, pick_mess  # noqa: E402
from accuracy.office import through_office  # noqa: E402
from accuracy.scoring import Score, print_county, print_messes, score_file, write_manifest  # noqa: E402

from countystat.sources.catalog import Catalog, load_catalog  # noqa: E402
from countystat.sources.intake import read_submissions  # noqa: E402


def run_county(index: int, seed: int, months: int, office: int, folder: Path,
               catalog: Catalog) -> tuple[str, Score, float, float]:
    name, messy_share = COUNTIES[index % len(COUNTIES)]
    rng = random.Random(f"{seed}|{index}")
    registry = county_registry(rng, townships=rng.randint(10, 16))
    folder.mkdir(parents=True)
    started = time.perf_counter()
    truths = []
    number = 0
    for month in range(1, months + 1):
        period = date(YEAR, month, 1)
        for unit in registry.units:
            number += 1
            mess = pick_mess(rng, messy_share, unit)
            values = figures(rng, catalog, unit.kind)
            truths.append(make_file(mess, folder, number, catalog, unit, period, values, rng))
    through_office(folder, truths, office, rng)
    written = time.perf_counter() - started
    write_manifest(folder / "truth.csv", truths)
    started = time.perf_counter()
    score = Score()
    for truth in truths:
        path = folder / truth.file
        sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
        score_file(truth, read_submissions(path, truth.file, sha256, catalog, registry, TODAY), score)
    return name, score, written, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counties", type=int, default=3)
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--months", type=int, default=6, help="months of 2020 from January (1-12)")
    parser.add_argument("--office", type=int, default=10,
                        help="files per county LibreOffice saves as .xls/.ods (0: none; skipped without soffice)")
    parser.add_argument("--keep", type=Path, help="write the files here and keep them (default: a temporary folder)")
    args = parser.parse_args()
    if not 1 <= args.months <= 12 or args.counties < 1:
        parser.error("--months must be 1-12 and --counties at least 1")
    root = args.keep or Path(tempfile.mkdtemp(prefix="reading-accuracy-"))
    if args.keep and root.exists() and any(root.iterdir()):
        parser.error(f"{root} is not empty")
    catalog = load_catalog()
    started = time.perf_counter()
    scores = []
    try:
        for index in range(args.counties):
            name, score, written, read = run_county(index, args.seed, args.months, args.office,
                                               root / f"county{index + 1}", catalog)
            print_county(name, score, written, read)
            scores.append(score)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    print_messes(scores)
    office = f"{args.office} files a county saved by LibreOffice" if shutil.which("soffice") and args.office \
        else "no file saved by LibreOffice"
    print(f"\nseed {args.seed}, {args.counties} counties, {args.months} months, {office}, "
          f"{time.perf_counter() - started:.1f} s in all" + (f"; files kept in {root}" if args.keep else ""))


if __name__ == "__main__":
    main()
