"""The default summary template: the seed text (reports/seed_summary.txt) as a Word .docx laid out to GB/T 9704.

The text is the seed summary with the placeholders an office types in Word (`{{ 立案 }}`,
`{{ 第一二种形态占比.同比应上升 }}`, `{{ 计划.county_committee_term }}`: see summary_fields.py), a
paragraph per block, the title first. `write_seed_template` lays it out as reports/official_docx.py
lays out a draft (fonts, margins, title, 28 pt lines, page numbers); the result is committed as
reports/templates/summary.docx, which `countystat init` copies into HOME/summary/. After editing the
text, regenerate it with

    python -m countystat.reports.seed_template
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from .official_docx import write_official_docx

SEED_TEXT = "seed_summary.txt"
TEMPLATES = "templates"
DEFAULT_TEMPLATE = "summary.docx"  # the name a home's default template has too


def seed_text() -> tuple[str, list[str]]:
    """The seed template's title and paragraphs, placeholders and all."""
    text = (resources.files("countystat.reports") / SEED_TEXT).read_text("utf-8")
    title, *paragraphs = [block.strip() for block in text.split("\n\n") if block.strip()]
    return title, paragraphs


def packaged_template() -> Path:
    """The committed default template, reports/templates/summary.docx."""
    return Path(str(resources.files("countystat.reports") / TEMPLATES / DEFAULT_TEMPLATE))


def write_seed_template(path: Path) -> Path:
    """Write the seed text as the GB/T 9704 .docx template at path; return path."""
    title, paragraphs = seed_text()
    return write_official_docx(path, title, paragraphs)


if __name__ == "__main__":
    print(write_seed_template(packaged_template()))
