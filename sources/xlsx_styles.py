"""The number-format kind (percentage, date, time, text) of each telling cell style of an xlsx file.

xl/styles.xml is read once per file (a few KB), and the cell styles (`<xf>` of `<cellXfs>`) whose format
is a percentage, date, time or text are noted. The standard template styles its value cells `0` and
`0.00`, so a filled form costs one small parse.
"""
from __future__ import annotations

import html
import re
import zipfile

from .cell_format import TEXT, builtin_format_kind, excel_format_kind
from .xlsx_parts import MAX_META_BYTES, local_name, part_name, xml_part
from .zip_package import read_part

MAX_STYLES_KEPT = 1024  # distinct styles parts remembered (one per template or office suite seen)
_STYLE_KINDS_SEEN: dict[tuple[int, int, int], dict[int, str]] = {}

_NUMFMT_ID = re.compile(rb"""numFmtId\s*=\s*["']\s*([0-9]{1,9})\s*["']""")
_FORMAT_CODE = re.compile(rb"""formatCode\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_QUOTE_PREFIX = re.compile(rb"""quotePrefix\s*=\s*["']\s*(?:1|true)\s*["']""")


def style_kinds(archive: zipfile.ZipFile) -> dict[int, str]:
    """Cell style index (a cell's s="N") -> the kind of its number format, for the telling ones only.

    Forms filled from one template share their styles part byte for byte, so the answer is kept by the
    part's CRC-32 and sizes from the zip directory, and the part is read once per template, not per form.
    """
    info = next((i for i in archive.infolist() if part_name(i.filename) == "xl/styles.xml"), None) or next(
        (i for i in archive.infolist() if part_name(i.filename).endswith("/styles.xml")), None)
    if info is None or info.file_size > MAX_META_BYTES:
        return {}
    key = (info.CRC, info.file_size, info.compress_size)
    kinds = _STYLE_KINDS_SEEN.get(key)
    if kinds is None:
        kinds = _read_style_kinds(archive, info)
        if len(_STYLE_KINDS_SEEN) < MAX_STYLES_KEPT:
            _STYLE_KINDS_SEEN[key] = kinds
    return kinds


def _read_style_kinds(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> dict[int, str]:
    """style_kinds for one styles part, read and parsed."""
    try:
        data = read_part(archive, info)
        if not _may_tell(data):
            return {}  # the usual form: plain number formats only; no tree needed
        root = xml_part(archive, info)
    except Exception:  # noqa: BLE001 - unreadable styles: no formats
        return {}
    if root is None:
        return {}
    codes = {}
    for element in root.iter():
        if local_name(element.tag) == "numFmt" and (element.get("numFmtId") or "").strip().isdigit():
            codes[int(element.get("numFmtId"))] = element.get("formatCode") or ""
    kinds: dict[int, str] = {}
    for element in root.iter():
        if local_name(element.tag) != "cellXfs":
            continue
        xfs = [child for child in element if local_name(child.tag) == "xf"]
        for index, xf in enumerate(xfs):
            number_format = (xf.get("numFmtId") or "0").strip()
            format_id = int(number_format) if number_format.isdigit() else 0
            kind = excel_format_kind(codes[format_id]) if format_id in codes else builtin_format_kind(format_id)
            if kind is None and (xf.get("quotePrefix") or "").strip() in ("1", "true"):
                kind = TEXT
            if kind is not None:
                kinds[index] = kind
        break
    return kinds


def _may_tell(styles_xml: bytes) -> bool:
    """Whether a styles part uses a telling builtin format, declares a telling format code or a text prefix."""
    if b"quotePrefix" in styles_xml and _QUOTE_PREFIX.search(styles_xml):
        return True
    if any(builtin_format_kind(int(found)) for found in set(_NUMFMT_ID.findall(styles_xml))):
        return True
    for found in _FORMAT_CODE.finditer(styles_xml):
        code = (found.group(1) if found.group(1) is not None else found.group(2)).decode("utf-8", "replace")
        if excel_format_kind(html.unescape(code)):
            return True
    return False


def mentions_style(xml: bytes, styles: dict[int, str]) -> bool:
    """Whether the sheet's bytes hold s="N" for one of the telling styles (false hits only cost a walk)."""
    return any(b's="%d"' % n in xml or b"s='%d'" % n in xml for n in styles)
