"""The summary draft as an official-document .docx: page, fonts, headings, markers, page numbers, PDF."""
from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from countystat.reports.official_docx import Span, styled_spans, write_official_docx
from countystat.reports.wording import missing_marker, review_marker
from tests.libreoffice import missing
from tests.libreoffice import soffice as libreoffice_command

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "2020H1_party_building_summary.txt"
MARKER = missing_marker("90后干部", "2019H1")
REVIEW = review_marker("上升", "同比下降3.3个百分点")


def east_asian(run) -> str | None:
    """The run's own east-asian font name."""
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


@pytest.fixture(scope="module")
def seed() -> tuple[str, list[str]]:
    """The seed summary's title and paragraphs, one number in section 四 replaced by a missing marker."""
    if not SEED.exists():
        pytest.skip(f"seed summary not found: {SEED}")
    title, *paragraphs = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    paragraphs = [p.replace("同比分别增长XX%", f"同比分别增长{MARKER}", 1) if p.startswith("四、") else p
                  for p in paragraphs]
    assert any(MARKER in p for p in paragraphs)
    return title, paragraphs


@pytest.fixture(scope="module")
def written(seed, tmp_path_factory) -> Path:
    """The seed summary written as .docx."""
    title, paragraphs = seed
    path = tmp_path_factory.mktemp("docx") / "summary.docx"
    assert write_official_docx(path, title, paragraphs) == path
    return path


@pytest.fixture(scope="module")
def document(written):
    """The written .docx reopened."""
    return docx.Document(str(written))


def test_page_is_a4_with_official_margins(document):
    section = document.sections[0]
    assert (round(section.page_width.cm, 2), round(section.page_height.cm, 2)) == (21.0, 29.7)
    assert [round(m.cm, 2) for m in (section.top_margin, section.bottom_margin,
                                     section.left_margin, section.right_margin)] == [3.7, 3.5, 2.8, 2.6]


def test_title_is_centred_in_xiaobiaosong_erhao(document, seed):
    title = document.paragraphs[0]
    assert title.text == seed[0]
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all(r.font.size == Pt(22) and east_asian(r) == "方正小标宋简体" for r in title.runs)


def test_every_seed_paragraph_is_written_once(document, seed):
    assert [p.text for p in document.paragraphs[1:]] == seed[1]


def test_body_is_fangsong_sanhao_indented_on_fixed_lines(document):
    body = document.paragraphs[1]
    assert body.text.startswith("2020年上半年")
    fmt = body.paragraph_format
    assert fmt.first_line_indent == Pt(32)
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY and fmt.line_spacing == Pt(28)
    assert document.styles["Normal"].paragraph_format.widow_control is False  # full 22-line pages
    for run in body.runs:
        assert east_asian(run) == "仿宋_GB2312"
        assert run.font.name == "Times New Roman"
        assert run.font.size == Pt(16)


def test_first_level_heading_sentence_is_heiti_and_the_rest_fangsong(document):
    section_one = next(p for p in document.paragraphs if p.text.startswith("一、"))
    head, rest = section_one.runs[0], section_one.runs[1]
    assert head.text == "一、坚持党要管党、全面从严治党，切实发挥领导核心作用。"
    assert east_asian(head) == "黑体" and head.font.size == Pt(16)
    assert rest.text.startswith("县委始终坚持以党章为根本遵循")
    assert east_asian(rest) == "仿宋_GB2312"
    assert section_one.paragraph_format.first_line_indent == Pt(32)


def test_six_first_level_headings(document):
    headings = [p for p in document.paragraphs if east_asian(p.runs[0]) == "黑体"]
    assert [p.text[:2] for p in headings] == ["一、", "二、", "三、", "四、", "五、", "六、"]


def test_missing_marker_is_red_and_bold(document):
    markers = [r for p in document.paragraphs for r in p.runs if r.text.startswith("【缺数：")]
    assert [r.text for r in markers] == [MARKER]
    assert markers[0].font.bold is True
    assert markers[0].font.color.rgb == RGBColor(0xFF, 0x00, 0x00)
    bold = [r.text for p in document.paragraphs for r in p.runs if r.font.bold]
    assert bold == [MARKER]


def test_footer_has_a_centred_page_field_between_dashes(document):
    footer = document.sections[0].footer
    paragraph = footer.paragraphs[0]
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    instructions = [e.text for e in footer._element.iter(qn("w:instrText"))]
    simple = [e.get(qn("w:instr")) for e in footer._element.iter(qn("w:fldSimple"))]
    assert any("PAGE" in (i or "").split() for i in instructions + simple)
    assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")


@pytest.mark.parametrize("text, spans", [
    ("（一）加强平台建设。坚持学习制度。",
     [Span("（一）加强平台建设。", "heading2"), Span("坚持学习制度。", "body")]),
    ("(二)半角括号也算。正文", [Span("(二)半角括号也算。", "heading2"), Span("正文", "body")]),
    ("十、其他工作", [Span("十、其他工作", "heading1")]),
    ("一是高度重视。坚持把党的建设…", [Span("一是高度重视。坚持把党的建设…", "body")]),
    (f"二、人数{MARKER}。其余", [Span("二、人数", "heading1"), Span(MARKER, "heading1", marker=True),
                                Span("。", "heading1"), Span("其余", "body")]),
    (f"增长{MARKER}，", [Span("增长", "body"), Span(MARKER, "body", marker=True), Span("，", "body")]),
    ("\u3000\u3000正文", [Span("正文", "body")]),
    (f"拓展{REVIEW}。其余", [Span("拓展", "body"), Span(REVIEW, "body", marker=True), Span("。其余", "body")]),
    (f"一、标题{REVIEW}。其余", [Span("一、标题", "heading1"), Span(REVIEW, "heading1", marker=True),
                              Span("。", "heading1"), Span("其余", "body")]),
])
def test_styled_spans(text, spans):
    assert styled_spans(text) == spans


def test_second_level_heading_is_kaiti(tmp_path):
    path = write_official_docx(tmp_path / "h2.docx", "标题", ["（一）加强平台建设。坚持学习制度。"])
    runs = docx.Document(str(path)).paragraphs[1].runs
    assert [(r.text, east_asian(r)) for r in runs] == [("（一）加强平台建设。", "楷体_GB2312"),
                                                       ("坚持学习制度。", "仿宋_GB2312")]


def test_a_title_is_required(tmp_path):
    with pytest.raises(ValueError, match="title"):
        write_official_docx(tmp_path / "x.docx", "  ", ["正文"])


@pytest.mark.skipif(missing("writer"), reason=str(missing("writer")))
def test_libreoffice_converts_it_to_pdf(written, tmp_path):
    soffice = libreoffice_command()
    profile = (tmp_path / "lo-profile").as_uri()  # its own profile: no clash with another running office
    done = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), str(written)], capture_output=True, text=True, timeout=120)
    pdf = tmp_path / "summary.pdf"
    assert pdf.exists(), done.stdout + done.stderr
    assert pdf.stat().st_size > 0
    assert pdf.read_bytes().startswith(b"%PDF")
