"""Rebuild the messy gallery: one small real spreadsheet per kind of mess a township sends.

Run from the repository root:

    .venv/bin/python tests/gallery/messy/make_gallery.py

Forms based on the standard template are made with tests/forms.py (the real template, filled as a
clerk does); retyped tables with openpyxl; CSV files with the csv module; the LibreOffice files with
`soffice --headless --convert-to` (so their cached formula values, error values and BIFF/ODF
structure are what a real office program writes); the encrypted .xls through LibreOffice's own
Python (UNO, `Password` on store) and the encrypted .xlsx with msoffcrypto-tool when it is
importable. A step whose tool is missing is skipped and its committed file kept.

What each file must give is written by hand in expected.toml, not generated from the reader.

The cases are in messy_accepted.py and messy_rejected.py, the helpers in messy_files.py and
messy_locked_files.py (password-protected saves).
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from tests.gallery.messy.messy_accepted import formats, hidden_and_merged, layouts  # noqa: E402
from tests.gallery.messy.messy_files import SCRATCH  # noqa: E402
from tests.gallery.messy.messy_rejected import label_shapes, rejections  # noqa: E402


def main() -> None:
    """Write every file of the messy gallery here, then list their sizes."""
    formats()
    layouts()
    hidden_and_merged()
    rejections()
    label_shapes()
    shutil.rmtree(SCRATCH, ignore_errors=True)
    for path in sorted(HERE.iterdir()):
        if path.suffix in (".xlsx", ".xls", ".ods", ".csv"):
            print(f"{path.stat().st_size:>7}  {path.name}")


if __name__ == "__main__":
    main()
