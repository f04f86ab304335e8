"""The gallery of messy files: each small real file, read by the real reader, gives what expected.toml says.

The files are committed (tests/gallery/messy/make_gallery.py rebuilds them, LibreOffice included); the
expected outcomes are written by hand from what a careful person reading the file would say.
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

GALLERY = Path(__file__).parent / "gallery" / "messy"
CASES = tomllib.loads((GALLERY / "expected.toml").read_text(encoding="utf-8"))["file"]
SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
MAX_BYTES = 30 * 1024
CLI = str(Path(sys.executable).with_name("countystat"))
TODAY = date(2026, 11, 25)  # the day the gallery is read on: every month in it but 2030-06 has passed


def read(name: str, catalog, registry) -> list[Submission]:
    path = GALLERY / name
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


def test_every_gallery_file_is_described_and_small():
    on_disk = sorted(p.name for p in GALLERY.iterdir() if p.suffix in SPREADSHEETS)
    described = sorted(case["name"] for case in CASES)
    assert on_disk == described
    assert len(set(described)) == len(described)
    assert [p.name for p in GALLERY.iterdir() if p.suffix in SPREADSHEETS and p.stat().st_size > MAX_BYTES] == []


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_gallery_file_gives_its_expected_outcome(case, catalog, registry):
    name = case["name"]
    submissions = read(name, catalog, registry)
    said = [f"{s.status} {s.unit_code} {s.period}: {s.messages()}" for s in submissions]
    assert len(submissions) == len(case["submission"]), said
    for sub, expected in zip(submissions, case["submission"]):
        where = f"{name} {expected.get('unit')} {expected.get('period')}: {sub.messages()}"
        assert sub.status == expected["status"], where
        if "unit" in expected:
            assert sub.unit_code == expected["unit"], where
        if "period" in expected:
            assert sub.period == month(expected["period"]), where
        if sub.status == "accepted":
            _check_accepted(sub, expected, where)
        for kind in ("note", "error"):
            for problem in expected.get(kind, []):
                pool = [p for p in sub.problems if p.blocking] if kind == "error" else sub.problems
                assert matching(pool, problem, name), f"expected {kind} {problem} — {where}"
        if sub.status == "rejected":
            blocking = [p.message() for p in sub.problems if p.blocking]
            assert len(blocking) == len(expected.get("error", [])), f"unexpected errors — {where}"


def _check_accepted(sub: Submission, expected: dict, where: str) -> None:
    loaded = {v.indicator_code: v.value for v in sub.values if v.value is not None}
    assert loaded == expected.get("values", {}), where  # never a number more, less or different
    reported = {v.indicator_code: v for v in sub.values}
    for code in expected.get("blank", []):
        assert code in reported and reported[code].value is None, f"{code} should be on the form, blank — {where}"
    for code, cell in expected.get("cells", {}).items():
        assert reported[code].cell == cell, f"{code} — {where}"
    if "sheet" in expected:
        assert {v.sheet for v in sub.values} == {expected["sheet"]}, where
    assert len(sub.problems) == len(expected.get("note", [])), f"unexpected problems — {where}"


REJECTED = [case["name"] for case in CASES if any(s["status"] == "rejected" for s in case["submission"])]


@pytest.mark.parametrize("name", REJECTED)
def test_a_rejected_gallery_file_gets_a_sendback_listing_every_problem(name, tmp_path, catalog, registry):
    for sub in read(name, catalog, registry):
        if sub.status != "rejected":
            continue
        target = write_sendback(GALLERY / name, sub, tmp_path / str(sub.part))
        book = openpyxl.load_workbook(target)
        explained = "\n".join(str(v) for row in book[SENDBACK_SHEET].iter_rows(values_only=True) for v in row if v)
        for problem in sub.problems:
            assert problem.text in explained, name
        for problem in (p for p in sub.problems if p.blocking and p.sheet and p.cell):
            sheet = book[problem.sheet] if problem.sheet in book.sheetnames else None
            if sheet is not None and re.fullmatch(r"[A-Z]+\d+", problem.cell):
                assert sheet[problem.cell].fill.patternType == "solid", f"{name} {problem.cell} not marked"


def test_validate_gives_every_gallery_file_a_verdict_without_a_traceback():
    files = [GALLERY / case["name"] for case in CASES]
    done = subprocess.run([CLI, "validate", *map(str, files)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr  # the gallery holds rejections
    assert "Traceback" not in done.stdout + done.stderr
    for case in CASES:  # which verdict is right is test_gallery_file_gives_its_expected_outcome's business
        assert f"通过 {case['name']}" in done.stdout or f"需修改 {case['name']}" in done.stdout, case["name"]
