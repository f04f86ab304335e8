"""From a received file to its submissions: open it, read the form, never raise on bad input."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from .catalog import Catalog
from .grid import UnreadableFile, read_workbook
from .problems import error
from .standard_form import read_forms
from .submission import Submission
from .units import UnitRegistry


def read_submissions(
    path: Path, file_name: str, sha256: str, catalog: Catalog, registry: UnitRegistry,
    today: date,
) -> list[Submission]:
    """The submissions a file holds; an unreadable file gives one rejected submission."""
    try:
        book = read_workbook(path, file_name)
    except UnreadableFile as exc:
        return [Submission(file_name, sha256, problems=[error(exc.message_zh)])]
    return [
        Submission(
            source_file=file_name, sha256=sha256,
            unit_code=reading.unit.code if reading.unit else None,
            period=reading.period, values=reading.values, problems=reading.problems, part=part,
        )
        for part, reading in enumerate(read_forms(book, catalog, registry, today))
    ]
