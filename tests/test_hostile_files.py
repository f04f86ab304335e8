"""Files that are no form, or are hostile: each gets a clear rejection, fast, with bounded memory."""
from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from countystat.sources.grid import MAX_FILE_BYTES, MAX_SHEETS, MAX_UNPACKED_BYTES
from countystat.sources.intake import read_submissions
from tests.conftest import TODAY

REALWORLD = Path(__file__).resolve().parents[2] / "shared" / "realworld-xlsx"
CLI = str(Path(sys.executable).with_name("countystat"))
MEMORY_LIMIT = 2 * 1024 ** 3


SUFFIXES = [".xlsx", ".xls", ".ods", ".xlsm", ".xlsb", ".csv", ".txt"]


def realworld_files() -> list[Path]:
    return sorted(p for p in REALWORLD.glob("*.*") if p.suffix in (".xlsx", ".xls", ".ods"))


def reject_message(path: Path, catalog, registry) -> str:
    [sub] = read_submissions(path, path.name, "0" * 64, catalog, registry, TODAY)
    assert sub.status == "rejected" and sub.values == []
    return sub.messages()[0]


def test_validate_gives_every_real_world_file_a_clear_outcome():
    files = realworld_files()
    if not files:
        pytest.skip(f"the real-world spreadsheets are not beside this checkout ({REALWORLD})")
    limit = lambda: resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))  # noqa: E731
    done = subprocess.run([CLI, "validate", *map(str, files)], capture_output=True, text=True, timeout=120,
                          preexec_fn=limit)
    assert done.returncode == 1, done.stderr  # none is a countystat form
    assert "Traceback" not in done.stdout + done.stderr
    for path in files:
        assert f"需修改 {path.name}" in done.stdout
    assert "cal__pass_protected.xlsx」已加密" in done.stdout


@pytest.mark.usefixtures("prefect_server")
def test_collect_rejects_every_real_world_file_and_finishes(home):
    files = realworld_files()
    if not files:
        pytest.skip(f"the real-world spreadsheets are not beside this checkout ({REALWORLD})")
    from tests.pipelines import collect  # the collect pipeline itself: Prefect is not the subject here

    home.inbox.mkdir(parents=True)
    for path in files:
        shutil.copy(path, home.inbox / path.name)
    summary = collect(home=str(home.root), month="2020-06")
    assert (summary.new_files, summary.load.accepted) == (len(files), 0)
    assert len(summary.rejected_files) == len(files)
    assert all(reasons for _, reasons in summary.rejected_files)


def test_an_empty_file(tmp_path, catalog, registry):
    path = tmp_path / "空.xlsx"
    path.write_bytes(b"")
    assert "是空文件" in reject_message(path, catalog, registry)


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_an_oversized_file_is_refused_without_reading_it(tmp_path, catalog, registry, suffix):
    path = tmp_path / f"大{suffix}"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used
    assert "过大" in reject_message(path, catalog, registry)


@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory) -> bytes:
    """A small zip whose one sheet unpacks to more than the reader allows (compressed once per module)."""
    path = tmp_path_factory.mktemp("bomb") / "炸弹.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as entry:
            chunk = b"\0" * (1 << 20)
            for _ in range(MAX_UNPACKED_BYTES // len(chunk) + 1):
                entry.write(chunk)
    return path.read_bytes()


@pytest.mark.parametrize("suffix", SUFFIXES)  # the content decides: a zip is a zip whatever its name
def test_a_zip_bomb_is_refused_before_unpacking(tmp_path, catalog, registry, suffix, zip_bomb):
    path = tmp_path / f"炸弹{suffix}"
    path.write_bytes(zip_bomb)
    assert path.stat().st_size < MAX_FILE_BYTES
    assert "解压后异常庞大" in reject_message(path, catalog, registry)


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".csv"])
def test_thousands_of_sheets_are_refused(tmp_path, catalog, registry, suffix):
    path = tmp_path / f"多表{suffix}"
    with zipfile.ZipFile(path, "w") as archive:
        for n in range(MAX_SHEETS * 10):
            archive.writestr(f"xl/worksheets/sheet{n + 1}.xml", "<worksheet/>")
    assert f"有{MAX_SHEETS * 10}个工作表" in reject_message(path, catalog, registry)


def test_a_truncated_workbook(tmp_path, catalog, registry):
    from countystat.sources.form_template import write_form

    whole = write_form(registry.get("T01"), date(2020, 6, 1), catalog, tmp_path)
    cut = tmp_path / "截断.xlsx"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert "无法打开" in reject_message(cut, catalog, registry)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES), zipped=st.booleans())
def test_random_bytes_never_crash_the_reader(tmp_path, catalog, registry, content, suffix, zipped):
    path = tmp_path / f"random{suffix}"
    if zipped:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("xl/worksheets/sheet1.xml", content)
            archive.writestr("[Content_Types].xml", content[:100])
    else:
        path.write_bytes(content)
    reject_message(path, catalog, registry)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=2048), prefix=st.sampled_from([
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"PK\x03\x04", b"<html><table><tr><td>", b"\xff\xfe", b"<?xml version='1.0'?>",
    b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row>']),
    suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_behind_a_container_signature_never_crash_the_reader(tmp_path, catalog, registry, content,
                                                                          prefix, suffix):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(prefix + content)
    reject_message(path, catalog, registry)


def test_a_deeply_spanned_html_table_is_bounded(tmp_path, catalog, registry):
    path = tmp_path / "跨行.xls"
    cells = "".join(f'<td rowspan="99999" colspan="99999">{n}</td>' for n in range(200))
    path.write_text(f"<html><table>{'<tr>' + cells + '</tr>' * 50}</table></html>", encoding="utf-8")
    assert "行列过多" in reject_message(path, catalog, registry)
