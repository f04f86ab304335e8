"""A zip package read from memory gives every part exactly as zipfile does, and leaves anything odd to zipfile."""
from __future__ import annotations

import io
import zipfile

import pytest

from countystat.sources.zip_package import ZipPackage, read_part


def _package(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


MEMBERS = {"xl/worksheets/sheet1.xml": b"<worksheet>" + b"<c r='A1'><v>3</v></c>" * 500 + b"</worksheet>",
           "xl/styles.xml": b"<styleSheet/>", "empty": b""}


@pytest.mark.parametrize("compression", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
def test_every_part_reads_as_zipfile_reads_it(compression: int) -> None:
    data = _package(MEMBERS, compression)
    with ZipPackage(data) as package, zipfile.ZipFile(io.BytesIO(data)) as plain:
        for info in package.infolist():
            assert read_part(package, info) == plain.read(info.filename) == MEMBERS[info.filename]


def test_a_plain_zipfile_is_read_through_zipfile() -> None:
    with zipfile.ZipFile(io.BytesIO(_package(MEMBERS))) as plain:
        assert read_part(plain, plain.getinfo("xl/styles.xml")) == b"<styleSheet/>"


def test_a_damaged_part_is_left_to_zipfile_which_refuses_it() -> None:
    data = bytearray(_package(MEMBERS, zipfile.ZIP_STORED))
    at = data.find(b"<c r='A1'><v>3")
    data[at + 11] = ord("4")  # the bytes no longer match the directory's CRC-32
    with ZipPackage(bytes(data)) as package, pytest.raises(zipfile.BadZipFile):
        read_part(package, package.getinfo("xl/worksheets/sheet1.xml"))
