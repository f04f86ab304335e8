"""Which parts of LibreOffice this machine has, so a test skips only for a reason it checked.

`soffice` on PATH is not enough: Debian and Ubuntu split LibreOffice into packages, and a machine
with only libreoffice-calc has `soffice` but fails every .docx with `source file could not be loaded`.
Each component is a library in LibreOffice's program folder (Writer: libswlo, Calc: libsclo).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

COMPONENTS = {"writer": ("libswlo", "LibreOffice Writer (apt-get install libreoffice-writer)"),
              "calc": ("libsclo", "LibreOffice Calc (apt-get install libreoffice-calc)")}


def soffice() -> str | None:
    """The soffice (or libreoffice) command on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def missing(*components: str, command: str | None = None) -> str | None:
    """Why these components can't be used here, or None when they can (or when the layout is unknown)."""
    found = command or soffice()
    if found is None:
        return "LibreOffice is not installed: no soffice or libreoffice on PATH"
    program = Path(os.path.realpath(found)).parent
    if not (program / "soffice.bin").exists():
        return None  # not the Linux layout this knows: run the test, which then fails in its own words
    names = {p.name.split(".")[0] for p in program.iterdir()}
    lacking = [COMPONENTS[c][1] for c in components if COMPONENTS[c][0] not in names]
    return f"{' and '.join(lacking)} not installed beside {found}" if lacking else None
