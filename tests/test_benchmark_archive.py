"""The backfill benchmark's generated archive: real xlsx files the real reader reads back exactly."""
from __future__ import annotations

import io
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from countystat.sources.demo_forms import filled_form, filled_workbook
from countystat.sources.inbox import file_sha256
from countystat.sources.intake import read_submissions
from countystat.sources.units import parse_units

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import province_archive as pa  # noqa: E402


@pytest.fixture(scope="module")
def templates(catalog):
    return pa.build_templates(catalog)


def test_generated_forms_read_back_with_the_values_written(tmp_path: Path, catalog, templates) -> None:
    # 3 townships and the county's 6 departments (each kind, each department's own figures), 2 months;
    # every 7th file lacks the hidden sheet, so the reader must find unit and month in the title.
    archive = pa.generate(tmp_path / "archive", units=30, months=pa.archive_months(2), workers=1,
                          templates=templates)
    registry = parse_units(archive.units_csv.read_text(encoding="utf-8"))
    picked = [f for f in archive.forms if f.unit_code[-2:] in ("00", "01", "02") or f.unit_code.startswith("D")]
    assert len(archive.forms) == 60 and len(picked) == 18
    without_meta = 0
    for f in picked:
        path = archive.forms_dir / f.path
        unit, period = registry.get(f.unit_code), date.fromisoformat(f"{f.period}-01")
        written = filled_form(unit, period, catalog)
        with zipfile.ZipFile(path) as book:
            assert book.testzip() is None
            without_meta += "xl/worksheets/sheet2.xml" not in book.namelist()
        subs = read_submissions(path, path.name, file_sha256(path), catalog, registry, date(2026, 1, 1))
        assert len(subs) == 1, f.path
        sub = subs[0]
        assert (sub.status, sub.unit_code, sub.period) == ("accepted", unit.code, period), sub.messages()
        assert {v.indicator_code: v.value for v in sub.values} == written.month_values
        assert sub.stated_ytd and all(v.value == written.ytd_values[v.indicator_code] for v in sub.stated_ytd)
    assert without_meta >= 1
    assert len({file_sha256(archive.forms_dir / f.path) for f in archive.forms}) == 60
    assert pa.read_back(pa.load_archive(archive.root), sample=10) == []


@pytest.mark.parametrize("keep_meta", [True, False])
def test_rendered_sheets_are_what_openpyxl_writes(catalog, templates, keep_meta: bool) -> None:
    registry = parse_units(pa.province_units(60))
    for code in ("T00000", "T00123", "D00024", "D00025", "D00027", "D00028", "D00029", "D00129"):
        unit = registry.get(code)
        for period in (date(2019, 1, 1), date(2019, 7, 1), date(2020, 12, 1)):
            form = filled_form(unit, period, catalog)
            buffer = io.BytesIO()
            filled_workbook(form, catalog, keep_meta=keep_meta).save(buffer)
            real = zipfile.ZipFile(buffer)
            mine = zipfile.ZipFile(io.BytesIO(templates[(unit.kind, keep_meta)].xlsx(form)))
            assert mine.namelist() == real.namelist()
            for name in real.namelist():
                if name != "docProps/core.xml":  # its creation time
                    assert mine.read(name) == real.read(name), (code, period, name)


def test_unit_names_are_never_inside_another_units_name() -> None:
    registry = parse_units(pa.province_units(3000))
    assert len(registry.units) == 3000
    pa.check_unit_names(registry)
    for unit in registry.units[::97]:
        title = f"{unit.name_zh}2019年3月党建工作统计月报表"
        assert registry.find_in_text(title) == [unit]
    with pytest.raises(ValueError, match="is inside"):
        pa.check_unit_names(parse_units("code,name_zh,kind,aliases\nT1,城关镇,township,\nT2,新城关镇,township,\n"))
