"""The summary draft a report writes: the office's Word template for the period, filled.

Which template: the one given (`report --template F`), else HOME/summary/<period>.docx (`2021H1.docx`,
the summary the office wrote for that period), else HOME/summary/summary.docx (the office's default,
the seed text as `countystat init` writes it), else the packaged seed template (a home made before
HOME/summary/ existed).
"""
from __future__ import annotations

from pathlib import Path

from countystat.sources.home import Home

from .data import PeriodData
from .halves import Period
from .plan import Plan
from .seed_template import DEFAULT_TEMPLATE, packaged_template
from .summary import Draft
from .word_template import TemplateError, filled_document


def summary_template(home: Home, period: Period, chosen: Path | None = None) -> Path:
    """The Word template a report of the period fills (see the module's docstring for the order)."""
    if chosen is not None:
        return chosen
    for name in (f"{period.label}.docx", DEFAULT_TEMPLATE):
        if (home.summary_templates / name).is_file():
            return home.summary_templates / name
    return packaged_template()


def word_draft(template: Path, data: PeriodData, plan: Plan) -> Draft:
    """The template filled for the period: its first paragraph the title, the filled .docx, trace, markers."""
    document, filled = filled_document(template, data, plan)
    if not filled.paragraphs:
        raise TemplateError(f"{template.name}：模板里没有文字，第一段应是总结的标题")
    title, *paragraphs = filled.paragraphs
    return Draft(title, paragraphs, filled.trace, document, filled.missing, filled.reviews)
