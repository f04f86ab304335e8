"""The parts of an xlsx/xlsm zip: each sheet's worksheet part, found through the workbook part and its
relationships (strict OOXML and absolute or backslashed targets included), and small XML parts as trees."""
from __future__ import annotations

import posixpath
import zipfile
from xml.etree import ElementTree

from .zip_package import read_part

MAX_META_BYTES = 4 * 1024 * 1024    # workbook.xml and .rels parts are a few KB


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """Sheet name -> its worksheet part, via the workbook part and its relationships."""
    entries = {part_name(info.filename): info for info in archive.infolist()}
    package_rels = _relationships(archive, entries, "")
    workbook = next((target for kind, target in package_rels.values() if kind.endswith("/officedocument")),
                    "xl/workbook.xml")
    book_rels = _relationships(archive, entries, workbook)
    root = xml_part(archive, entries.get(workbook))
    parts: dict[str, zipfile.ZipInfo] = {}
    if root is None:
        return parts
    for element in root.iter():
        if local_name(element.tag) != "sheet":
            continue
        name = element.get("name")
        rel_id = next((v for k, v in element.attrib.items() if k.endswith("}id")), None)
        kind, target = book_rels.get(rel_id or "", ("", ""))
        info = entries.get(target)
        if name and info is not None and kind.endswith("/worksheet"):
            parts[name] = info
    return parts


def _relationships(archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo],
                   source: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (lower-case type, lower-case part name) for the part `source` ('' = package)."""
    folder, base = posixpath.split(source)
    root = xml_part(archive, entries.get(posixpath.join(folder, "_rels", f"{base}.rels")))
    found: dict[str, tuple[str, str]] = {}
    for element in root.iter() if root is not None else ():
        target = element.get("Target")
        if local_name(element.tag) != "Relationship" or not target or element.get("TargetMode") == "External":
            continue
        path = target.replace("\\", "/")
        path = path.lstrip("/") if path.startswith("/") else posixpath.join(folder, path)
        found[element.get("Id", "")] = (element.get("Type", "").lower(), part_name(posixpath.normpath(path)))
    return found


def xml_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo | None) -> ElementTree.Element | None:
    """A small XML part as a tree; None when absent, too big, or declaring a DTD (OOXML has none)."""
    if info is None or info.file_size > MAX_META_BYTES:
        return None
    data = read_part(archive, info)
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        return None
    return ElementTree.fromstring(data)


def part_name(name: str) -> str:
    """A zip member name as a part name: forward slashes, no leading slash, lower case."""
    return name.replace("\\", "/").lstrip("/").lower()


def local_name(tag: object) -> str:
    """An element tag without its namespace ('' for a comment or processing instruction)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
