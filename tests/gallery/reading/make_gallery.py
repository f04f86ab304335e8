"""Rebuild the reading gallery: one small real file per class of issue 10 (what a careful clerk reads).

Run from the repository root:

    .venv/bin/python tests/gallery/reading/make_gallery.py

Standard forms are the real template (tests/forms.py), filled as a clerk does; retyped tables are
written with openpyxl. Almost every workbook then goes through LibreOffice (`soffice --headless
--convert-to xlsx|xls|ods`), so its styles, number formats, merged ranges, cached formula results and
BIFF/ODF structure are what a real office program writes. LibreOffice 7 cannot write Excel 95 (BIFF5)
any more: that file is written by Gnumeric's ssconvert under a GBK locale. Text exports (Unicode
text, tab-separated, HTML tables saved as .xls) are written byte by byte the way Excel and government
web systems write them. The .xlsb is written with pyxlsbwriter when it is importable (neither
LibreOffice nor Gnumeric writes .xlsb). A step whose tool is missing is skipped and its committed file
kept.

What each file must give is written by hand in expected.toml, not generated from the reader.

The cases are in reading_labels_and_cells.py, reading_identity_and_headers.py and
reading_text_exports.py, the helpers they share in reading_files.py.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from tests.gallery import gallery_files  # noqa: E402
from tests.gallery.reading.reading_files import OFFICE_JOBS, SCRATCH  # noqa: E402
from tests.gallery.reading.reading_identity_and_headers import header_shapes, identity, the_rest  # noqa: E402
from tests.gallery.reading.reading_labels_and_cells import cell_formats, empty_forms, labels  # noqa: E402
from tests.gallery.reading.reading_text_exports import text_exports  # noqa: E402


def main() -> None:
    """Write every file of the reading gallery here, run LibreOffice's saves, then list the sizes."""
    labels()
    cell_formats()
    empty_forms()
    identity()
    header_shapes()
    text_exports()
    the_rest()
    gallery_files.run_office_jobs(OFFICE_JOBS, SCRATCH, HERE)
    shutil.rmtree(SCRATCH, ignore_errors=True)
    for path in sorted(HERE.iterdir()):
        if path.suffix not in (".py", ".md", ".toml"):
            print(f"{path.stat().st_size:>7}  {path.name}")


if __name__ == "__main__":
    main()
