"""Some of a county's workbooks opened and saved by LibreOffice as .xls or .ods (skipped without soffice)."""
from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

from .county import Truth

OFFICE_MESSES = ("template", "retyped", "labels", "numbers_as_text", "two_row_header", "percent_cell", "date_cell",
                 "blank_template", "formulas_over_blanks")
NO_THUMBNAIL = ('<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" '
                'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                '<item oor:path="/org.openoffice.Office.Common/Save/Document"><prop oor:name="GenerateThumbnail" '
                'oor:op="fuse"><value>false</value></prop></item></oor:items>')


def through_office(folder: Path, truths: list[Truth], count: int, rng: random.Random) -> None:
    """Have LibreOffice open some xlsx files and save them as .xls or .ods instead (skipped without soffice).

    LibreOffice keeps what the file says (values, number formats, merges, hidden sheets, cached formula
    results), so each file's truth holds; its mess is marked with the new container.
    """
    program = shutil.which("soffice")
    candidates = [t for t in truths if t.mess in OFFICE_MESSES and t.file.endswith(".xlsx")]
    if program is None or count <= 0 or not candidates:
        return
    messy = [t for t in candidates if t.mess != "template"]  # two thirds messy files, the rest templates
    chosen = rng.sample(messy, min(len(messy), count * 2 // 3))
    plain_templates = [t for t in candidates if t.mess == "template"]
    chosen += rng.sample(plain_templates, min(len(plain_templates), count - len(chosen)))
    profile = folder / "_office_profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(NO_THUMBNAIL, encoding="utf-8")
    for suffix, group in (("xls", chosen[::2]), ("ods", chosen[1::2])):
        out = folder / f"_office_{suffix}"
        subprocess.run([program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", suffix,
                        "--outdir", str(out), *(str(folder / t.file) for t in group)],
                       check=True, capture_output=True, timeout=600)
        for truth in group:
            made = out / Path(truth.file).with_suffix(f".{suffix}").name
            (folder / truth.file).unlink()
            shutil.move(made, folder / made.name)
            truth.file, truth.mess = made.name, f"{truth.mess}.{suffix}"
        out.rmdir()
    shutil.rmtree(profile)
