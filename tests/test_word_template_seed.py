"""The seed text as the default Word template: the committed .docx is what the generator writes, it
fills for 2020H1 into the golden draft, and `report` fills the home's template for the half."""
from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import docx
import duckdb
import pytest
from docx.oxml.ns import qn

from countystat.reports import report_pipeline
from countystat.reports.data import read_period
from countystat.reports.halves import parse_half
from countystat.reports.official_docx import FACES
from countystat.reports.plan import load_plan
from countystat.reports.seed_template import packaged_template, seed_text, write_seed_template
from countystat.reports.word_draft import summary_template, word_draft
from countystat.sources.home import Home

PLACEHOLDER = re.compile(r"\{\{.*?\}\}")
PERIOD_WORDS = {"{{ 期间 }}", "{{ 本期 }}", "{{ 下一期间 }}", "{{ 年份 }}"}  # words of the period, not traced figures


def texts(path) -> list[str]:
    """Every paragraph's text of a .docx, the footer's too."""
    document = docx.Document(str(path))
    return [p.text for p in document.paragraphs] + [p.text for p in document.sections[0].footer.paragraphs]


def test_the_committed_template_is_the_generated_one(tmp_path):
    fresh = write_seed_template(tmp_path / "summary.docx")
    assert texts(packaged_template()) == texts(fresh)
    title, paragraphs = seed_text()
    assert texts(fresh)[: 1 + len(paragraphs)] == [title, *paragraphs]
    committed = [PLACEHOLDER.findall(t) for t in texts(packaged_template())]
    assert committed == [PLACEHOLDER.findall(t) for t in texts(fresh)] and sum(map(len, committed)) > 60


def test_the_template_is_laid_out_as_an_official_document():
    document = docx.Document(str(packaged_template()))
    section = document.sections[0]
    assert [round(m.cm, 2) for m in (section.top_margin, section.bottom_margin,
                                     section.left_margin, section.right_margin)] == [3.7, 3.5, 2.8, 2.6]
    title = document.paragraphs[0]
    assert title.text == "{{ 期间 }}党的建设工作总结暨{{ 下一期间 }}工作谋划"
    assert all(r._element.rPr.rFonts.get(qn("w:eastAsia")) == FACES["title"].east_asian for r in title.runs)
    headings = [p.runs[0].text for p in document.paragraphs
                if p.runs and p.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"]
    assert [h[:2] for h in headings] == ["一、", "二、", "三、", "四、", "五、", "六、"]


@pytest.fixture(scope="module")
def data(demo_home, catalog):
    con = duckdb.connect(str(demo_home.warehouse), read_only=True)
    yield read_period(con, parse_half("2020H1"), catalog)
    con.close()


@pytest.fixture(scope="module")
def draft(data, demo_home):
    return word_draft(packaged_template(), data, load_plan(demo_home.plan_toml))


def test_filled_for_2020h1_it_reads_as_the_golden_draft(draft):
    golden = (Path(__file__).parent / "golden" / "2020H1_summary.md").read_text(encoding="utf-8")
    assert draft.markdown() == golden  # the sentences and numbers of the Jinja draft it replaces
    written = [p.text for p in docx.Document(io.BytesIO(draft.document)).paragraphs]
    assert written == [draft.title, *draft.paragraphs] == golden.removeprefix("# ").strip().split("\n\n")


def test_every_placeholder_filled_is_traced(draft):
    used = [p for t in texts(packaged_template()) for p in PLACEHOLDER.findall(t) if p not in PERIOD_WORDS]
    pairs = [p for p in used if "同比分别" in p]  # one placeholder, two figures
    assert len(draft.trace) == len(used) + len(pairs)
    traced = [e.expression.split(": ")[0] for e in draft.trace]
    assert "{{ 计划.county_committee_term }}" in traced and "{{ 第一二种形态占比.同比应上升 }}" in traced
    assert all(e.text in e.sentence for e in draft.trace)
    assert [e.expression for e in draft.trace if not e.sources] == ["{{ 建党周年 }}: 2020 - 1921"]  # a figure of no cell
    [review] = draft.reviews
    assert review.marker == "【请核对：该句按“上升”撰写，实际同比下降3.3个百分点】"


def test_the_marker_is_a_red_bold_run_of_its_own(draft):
    document = docx.Document(io.BytesIO(draft.document))
    [marker] = [r for p in document.paragraphs for r in p.runs if "请核对" in r.text]
    assert marker.text == draft.reviews[0].marker and marker.font.bold and str(marker.font.color.rgb) == "FF0000"


@pytest.fixture
def office(tmp_path, demo_home) -> Home:
    """A home of its own over the demo's warehouse, with the office's templates in HOME/summary/."""
    home = Home(tmp_path / "home")
    home.root.mkdir()
    shutil.copy(demo_home.warehouse, home.warehouse)
    shutil.copy(demo_home.plan_toml, home.plan_toml)
    return home


def one_paragraph_template(path, title: str, sentence: str):
    document = docx.Document()
    document.add_paragraph(title)
    document.add_paragraph(sentence)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def test_a_report_fills_the_homes_template_for_the_half_else_its_default(office):
    half = parse_half("2020H1")
    assert summary_template(office, half) == packaged_template()  # a home without summary/
    default = one_paragraph_template(office.summary_templates / "summary.docx", "{{ 期间 }}总结", "立案{{ 立案 }}件。")
    assert summary_template(office, half) == default
    own = one_paragraph_template(office.summary_templates / "2020H1.docx", "{{ 期间 }}工作总结",
                                 "{{ 县名 }}立案{{ 立案 }}件，{{ 立案.同比 }}。")
    assert summary_template(office, half) == own
    assert summary_template(office, parse_half("2020H2")) == default
    assert summary_template(office, half, default) == default  # report --template

    files = report_pipeline.report(office, half, load_plan(office.plan_toml))
    written = [p.text for p in docx.Document(str(files.docx)).paragraphs]
    assert written[0] == "2020年上半年工作总结" and re.fullmatch(r"青山县立案\d+件，同比(增长|下降)\d+\.\d%。", written[1])
    assert files.markdown.read_text(encoding="utf-8") == f"# {written[0]}\n\n{written[1]}\n"
    rows = list(csv.DictReader(files.trace.open(encoding="utf-8-sig")))
    assert [r["表达式"].split(": ")[0] for r in rows] == ["{{ 县名 }}", "{{ 立案 }}", "{{ 立案.同比 }}"]
    assert all(r["句子"] == written[1] for r in rows) and rows[1]["数值"] == rows[1]["文本"]


def test_report_refuses_a_template_it_cannot_fill_in_one_line_before_starting_prefect(office):
    from click.testing import CliRunner

    from countystat.flows.cli import main

    one_paragraph_template(office.summary_templates / "2020H1.docx", "{{ 期间 }}总结", "立案{{ 立按 }}件。")
    refused = CliRunner().invoke(main, ["report", "--home", str(office.root), "--half", "2020H1"])
    assert refused.exit_code == 1
    assert refused.output.strip() == ("Error: summary/2020H1.docx：「{{ 立按 }}」不是可用的占位符，最接近的是 立案、"
                                      "扫黑除恶惩腐打伞立案、扶贫领域腐败和作风问题立案（`countystat fields` 列出全部）")  # as check says it
    assert not office.reports.exists() and not (office.root / ".prefect").exists()
