"""The galleries of real files: each small file, read by the real reader, gives what its expected.toml says.

Every folder under tests/gallery with an expected.toml is a gallery: `messy/` (issue 3's messy files) and
`reading/` (issue 10: what a careful clerk reads, and what must be refused). The files are committed (each
folder's make_gallery.py rebuilds them, LibreOffice included); the expected outcomes are written by hand
from what a careful person reading the file would say. benchmarks/gallery_report.py prints the same
checks as a table.
"""
from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from countystat.sources.intake import read_submissions
from countystat.sources.sendback import SENDBACK_SHEET, write_sendback
from countystat.sources.submission import Submission

GALLERIES = sorted(p.parent for p in (Path(__file__).parent / "gallery").glob("*/expected.toml"))
NOT_DATA = (".py", ".md", ".toml")  # the folder's own script, README and expectations
MAX_BYTES = 30 * 1024
CLI = str(Path(sys.executable).with_name("countystat"))
TODAY = date(2026, 11, 25)  # the day the galleries are read on: every month in them but 2030-06 has passed


def cases_of(gallery: Path) -> list[dict]:
    """The files a gallery describes, in expected.toml's order."""
    return tomllib.loads((gallery / "expected.toml").read_text(encoding="utf-8"))["file"]


CASES = [(gallery, case) for gallery in GALLERIES for case in cases_of(gallery)]
CASE_IDS = [f"{gallery.name}/{case['name']}" for gallery, case in CASES]


def read(gallery: Path, name: str, catalog, registry) -> list[Submission]:
    path = gallery / name
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    return read_submissions(path, name, sha256, catalog, registry, TODAY)


def month(text: str) -> date:
    year, number = text.split("-")
    return date(int(year), int(number), 1)


def names_cell(message: str, cell: str) -> bool:
    """Whether the message names the cell (D4, not as part of D41)."""
    return re.search(rf"(?<![A-Z]){cell}(?!\d)", message) is not None


def matching(problems, expected: dict, file_name: str) -> list:
    """The problems whose message has every expected fragment and names the expected cell and sheet."""
    found = []
    for problem in problems:
        message = problem.message()
        if (f"文件「{file_name}」" in message
                and all(fragment in message for fragment in expected.get("text", []))
                and ("cell" not in expected or names_cell(message, expected["cell"]))
                and ("sheet" not in expected or f"工作表「{expected['sheet']}」" in message)):
            found.append(problem)
    return found


def differences(case: dict, submissions: list[Submission]) -> list[str]:
    """Every way the submissions differ from what the case expects (empty when the file gives its outcome)."""
    name = case["name"]
    said = [f"{s.status} {s.unit_code} {s.period}: {s.messages()}" for s in submissions]
    if len(submissions) != len(case["submission"]):
        return [f"{len(submissions)} submissions, expected {len(case['submission'])}: {said}"]
    found: list[str] = []
    for sub, expected in zip(submissions, case["submission"]):
        where = f"{name} {expected.get('unit')} {expected.get('period')}: {sub.messages()}"
        if sub.status != expected["status"]:
            found.append(f"{sub.status}, expected {expected['status']} — {where}")
            continue
        if "unit" in expected and sub.unit_code != expected["unit"]:
            found.append(f"unit {sub.unit_code}, expected {expected['unit']} — {where}")
        if "period" in expected and sub.period != month(expected["period"]):
            found.append(f"period {sub.period}, expected {expected['period']} — {where}")
        if sub.status == "accepted":
            found += _accepted_differences(sub, expected, where)
        for kind in ("note", "error"):
            for problem in expected.get(kind, []):
                pool = [p for p in sub.problems if p.blocking] if kind == "error" else sub.problems
                if not matching(pool, problem, name):
                    found.append(f"expected {kind} {problem} — {where}")
        if sub.status == "rejected":
            blocking = [p.message() for p in sub.problems if p.blocking]
            if len(blocking) != len(expected.get("error", [])):
                found.append(f"{len(blocking)} errors, expected {len(expected.get('error', []))} — {where}")
    return found


def _accepted_differences(sub: Submission, expected: dict, where: str) -> list[str]:
    found = []
    loaded = {v.indicator_code: v.value for v in sub.values if v.value is not None}
    wanted = expected.get("values", {})
    if loaded != wanted:  # never a number more, less or different
        wrong = {c: (v, wanted.get(c)) for c, v in loaded.items() if c in wanted and wanted[c] != v}
        found.append(f"values differ: extra {sorted(set(loaded) - set(wanted))}, missing "
                     f"{sorted(set(wanted) - set(loaded))}, wrong (loaded, expected) {wrong} — {where}")
    reported = {v.indicator_code: v for v in sub.values}
    for code in expected.get("blank", []):
        if code not in reported or reported[code].value is not None:
            found.append(f"{code} should be on the form, blank — {where}")
    for code, cell in expected.get("cells", {}).items():
        if code not in reported or reported[code].cell != cell:
            found.append(f"{code} from {reported[code].cell if code in reported else None}, expected {cell} — {where}")
    if "sheet" in expected and {v.sheet for v in sub.values} != {expected["sheet"]}:
        found.append(f"sheets {sorted({v.sheet for v in sub.values})}, expected {expected['sheet']} — {where}")
    if len(sub.problems) != len(expected.get("note", [])):
        found.append(f"unexpected problems — {where}")
    return found


@pytest.mark.parametrize("gallery", GALLERIES, ids=[g.name for g in GALLERIES])
def test_every_gallery_file_is_described_and_small(gallery):
    data = [p for p in gallery.iterdir() if p.is_file() and p.suffix not in NOT_DATA]
    described = sorted(case["name"] for case in cases_of(gallery))
    assert sorted(p.name for p in data) == described
    assert len(set(described)) == len(described)
    assert [p.name for p in data if p.stat().st_size > MAX_BYTES] == []


def test_both_galleries_are_found():
    assert {"messy", "reading"} <= {g.name for g in GALLERIES}


@pytest.mark.parametrize(("gallery", "case"), CASES, ids=CASE_IDS)
def test_gallery_file_gives_its_expected_outcome(gallery, case, catalog, registry):
    found = differences(case, read(gallery, case["name"], catalog, registry))
    if "reader_gap" in case:  # a known gap of the reader, reported: expected to fail until it is fixed
        assert found, f"{case['name']} now gives its expected outcome: remove its reader_gap"
        pytest.xfail(case["reader_gap"])
    assert not found, "\n".join(found)


REJECTED = [(gallery, case["name"]) for gallery, case in CASES
            if any(s["status"] == "rejected" for s in case["submission"])]


@pytest.mark.parametrize(("gallery", "name"), REJECTED, ids=[f"{g.name}/{n}" for g, n in REJECTED])
def test_a_rejected_gallery_file_gets_a_sendback_listing_every_problem(gallery, name, tmp_path, catalog, registry):
    for sub in read(gallery, name, catalog, registry):
        if sub.status != "rejected":
            continue
        target = write_sendback(gallery / name, sub, tmp_path / str(sub.part))
        book = openpyxl.load_workbook(target)
        explained = "\n".join(str(v) for row in book[SENDBACK_SHEET].iter_rows(values_only=True) for v in row if v)
        for problem in sub.problems:
            assert problem.text in explained, name
        for problem in (p for p in sub.problems if p.blocking and p.sheet and p.cell):
            sheet = book[problem.sheet] if problem.sheet in book.sheetnames else None
            if sheet is not None and re.fullmatch(r"[A-Z]+\d+", problem.cell):
                assert sheet[problem.cell].fill.patternType == "solid", f"{name} {problem.cell} not marked"


@pytest.mark.parametrize("gallery", GALLERIES, ids=[g.name for g in GALLERIES])
def test_validate_gives_every_gallery_file_a_verdict_without_a_traceback(gallery):
    cases = cases_of(gallery)
    files = [gallery / case["name"] for case in cases]
    done = subprocess.run([CLI, "validate", *map(str, files)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr  # each gallery holds rejections
    assert "Traceback" not in done.stdout + done.stderr
    for case in cases:  # which verdict is right is test_gallery_file_gives_its_expected_outcome's business
        assert f"通过 {case['name']}" in done.stdout or f"需修改 {case['name']}" in done.stdout, case["name"]
