"""The LibreOffice check tests skip by: a machine with Calc but no Writer is told apart."""
from __future__ import annotations

from tests.libreoffice import missing


def _office(tmp_path, *libraries: str) -> str:
    program = tmp_path / "program"
    program.mkdir()
    (program / "soffice.bin").write_bytes(b"")
    for name in libraries:
        (program / f"{name}.so").write_bytes(b"")
    (tmp_path / "soffice").symlink_to(program / "soffice.bin")
    return str(tmp_path / "soffice")


def test_calc_without_writer_is_a_reason_to_skip_the_docx_tests(tmp_path):
    office = _office(tmp_path, "libsclo")
    assert "Writer" in missing("writer", command=office)
    assert missing("calc", command=office) is None


def test_both_installed_is_no_reason(tmp_path):
    assert missing("writer", "calc", command=_office(tmp_path, "libsclo", "libswlo")) is None


def test_neither_names_both(tmp_path):
    reason = missing("writer", "calc", command=_office(tmp_path))
    assert "Writer" in reason and "Calc" in reason
