"""Gallery report: every gallery file, pass or fail, with the first difference from its expected outcome.

Usage: python benchmarks/gallery_report.py [GALLERY ...] [--all]

Reads every file of tests/gallery/*/expected.toml (or only the named galleries, e.g. `reading`) with the
same reader and the same checks as tests/test_gallery.py, and prints one line per file: PASS, or FAIL
with the first difference (--all: every difference). Ends with the count per gallery. Exits 1 when any
file fails, so it can gate a merge the way the test does, at a glance.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="countystat-prefect-"))  # importing tests.* loads flows

from countystat.sources.catalog import load_catalog  # noqa: E402
from countystat.sources.units import load_units  # noqa: E402
from tests.test_gallery import GALLERIES, cases_of, differences, read  # noqa: E402


def report(galleries: list[Path], every: bool) -> bool:
    """Print each file's verdict; True when every file gives its expected outcome."""
    catalog, registry = load_catalog(), load_units(None)
    all_passed = True
    for gallery in galleries:
        passed = failed = 0
        for case in cases_of(gallery):
            try:
                found = differences(case, read(gallery, case["name"], catalog, registry))
            except Exception as exc:  # a traceback is itself a difference: the reader must never raise
                found = [f"the reader raised {type(exc).__name__}: {exc}"]
            if found:
                failed += 1
                gap = f"  (known reader gap: {case['reader_gap']})" if "reader_gap" in case else ""
                print(f"FAIL {gallery.name}/{case['name']}{gap}")
                for line in found if every else found[:1]:
                    print(f"       {line}")
            else:
                passed += 1
                print(f"PASS {gallery.name}/{case['name']}")
        print(f"== {gallery.name}: {passed} passed, {failed} failed of {passed + failed}\n")
        all_passed = all_passed and not failed
    return all_passed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("galleries", nargs="*", help="gallery folder names (default: every gallery)")
    parser.add_argument("--all", action="store_true", help="print every difference, not only the first")
    args = parser.parse_args()
    chosen = [g for g in GALLERIES if not args.galleries or g.name in args.galleries]
    unknown = set(args.galleries) - {g.name for g in GALLERIES}
    if unknown:
        parser.error(f"no such gallery: {', '.join(sorted(unknown))} (have {', '.join(g.name for g in GALLERIES)})")
    sys.exit(0 if report(chosen, args.all) else 1)


if __name__ == "__main__":
    main()
