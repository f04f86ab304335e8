"""Rebuild the variants gallery: forms of issue 10's classes in shapes the team did not design for.

Run from the repository root:

    .venv/bin/python tests/gallery/variants/make_variants.py

Each file is a plausible variant of what a township sends: a table retyped with openpyxl and then
opened and saved by LibreOffice (`soffice --headless --convert-to xlsx|xls|ods`), or a text export
(CSV, HTML, SpreadsheetML 2003) written byte by byte the way web systems and Excel write them.
What each file must give is written by hand in expected.toml from issue 10's rules, never from
the reader's output. A missing soffice skips the LibreOffice files and keeps the committed ones.

The cases are in one module per theme (variant_labels, variant_headers, variant_formats,
variant_identity, variant_containers, variant_refusals), the helpers they share in variant_files;
main() runs them in the order they were written, rounds one to eleven.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from tests.gallery import gallery_files  # noqa: E402
from tests.gallery.variants import (  # noqa: E402
    variant_containers, variant_formats, variant_headers, variant_identity, variant_labels, variant_refusals,
)
from tests.gallery.variants.variant_files import OFFICE_JOBS, SCRATCH  # noqa: E402


def main() -> None:
    """Write every file of the variants gallery here, run LibreOffice's saves and renames, then check the sizes."""
    variant_labels.labels()
    variant_headers.headers()
    variant_formats.formats()
    variant_identity.identity()
    variant_containers.containers()
    variant_refusals.refusals()
    variant_labels.labels_further()
    variant_headers.headers_further()
    variant_formats.formats_further()
    variant_identity.identity_further()
    variant_containers.containers_further()
    variant_refusals.refusals_further()
    variant_refusals.traps()
    variant_formats.column_formats()
    variant_identity.around_the_table()
    variant_formats.spreadsheetml_formats()
    variant_containers.seventh()
    variant_refusals.merged_values()
    variant_refusals.blanks()
    variant_containers.spans()
    variant_refusals.two_units()
    gallery_files.run_office_jobs(OFFICE_JOBS, SCRATCH, HERE, thumbnail=True)  # these files were saved with one
    (HERE / "v_xlsx_named_xlsx.xls").unlink(missing_ok=True)
    (HERE / "v_xlsx_named_xls.xlsx").replace(HERE / "v_xlsx_named_xls.xls")
    (HERE / "v_xls_named_xlsx.xls").replace(HERE / "v_xls_named_xlsx.xlsx")
    shutil.rmtree(SCRATCH, ignore_errors=True)
    big = [p.name for p in HERE.iterdir() if p.suffix not in (".py", ".toml", ".md") and p.stat().st_size > 30 * 1024]
    print("written;", "too big: " + ", ".join(big) if big else "every file under 30 KB")


if __name__ == "__main__":
    main()
