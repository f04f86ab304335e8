"""A zip package (xlsx, xlsb, ods) read from disk once: its directory parsed from the bytes in memory, and
its parts inflated straight from them.

A filled form is a few dozen KB. zipfile over the file itself seeks and reads the file again for every
part and builds a reader object each time; over the bytes held in memory, a part is a slice and one
inflate (its CRC-32 and size checked as zipfile checks them). Calamine opens the same bytes
(grid_calamine), so the form is read from disk once.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib

LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # a member's local file header (zipfile's structFileHeader)
LOCAL_SIGNATURE = b"PK\x03\x04"
ENCRYPTED = 0x1  # general purpose flag bit 0


class ZipPackage(zipfile.ZipFile):
    """A zipfile.ZipFile over a file's bytes (`data`), held in memory."""

    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data))
        self.data = data


def read_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes: from a ZipPackage's bytes directly when it is plainly stored or deflated (size
    and CRC-32 checked), else, and on anything unexpected, through zipfile (which raises what it raises)."""
    if isinstance(archive, ZipPackage) and not info.flag_bits & ENCRYPTED:
        data = _inflated(archive.data, info)
        if data is not None:
            return data
    return archive.read(info)


def _inflated(data: bytes, info: zipfile.ZipInfo) -> bytes | None:
    """The member's bytes from the package's bytes, or None when they are not plainly there."""
    start = info.header_offset
    header = data[start:start + LOCAL_HEADER.size]
    if len(header) != LOCAL_HEADER.size or header[:4] != LOCAL_SIGNATURE:
        return None
    fields = LOCAL_HEADER.unpack(header)
    body = start + LOCAL_HEADER.size + fields[10] + fields[11]  # past the name and the extra field
    packed = data[body:body + info.compress_size]
    if len(packed) != info.compress_size:
        return None
    try:
        if info.compress_type == zipfile.ZIP_DEFLATED:
            inflater = zlib.decompressobj(-15)
            part = inflater.decompress(packed, info.file_size + 1)
        elif info.compress_type == zipfile.ZIP_STORED:
            part = packed
        else:
            return None
    except zlib.error:
        return None
    if len(part) != info.file_size or zlib.crc32(part) != info.CRC:
        return None
    return part
