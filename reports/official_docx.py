"""Write a summary draft to .docx in the layout of a Chinese official document (GB/T 9704-2012).

A4 page, 3.7/3.5/2.8/2.6 cm margins; title in 方正小标宋简体 二号, centred; body in 仿宋_GB2312 三号 with a
two-character first-line indent and fixed 28 pt lines; a paragraph that starts with `一、` has its heading
sentence (up to the first `。`) in 黑体, one that starts with `（一）` in 楷体_GB2312, the rest in 仿宋;
every `【缺数：…】` and `【请核对：…】` marker in red bold; page numbers '— 1 —' centred in the footer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

Role = Literal["title", "heading1", "heading2", "body"]


@dataclass(frozen=True)
class Face:
    """The font of one role: east-asian face, western face and size in points."""

    east_asian: str
    latin: str
    size_pt: float


# Font faces by role (GB/T 9704-2012 7.3.1, 7.3.3, 9.1). Word and LibreOffice substitute a face that is not
# installed (方正小标宋简体 usually falls back to 宋体 or a serif CJK face).
FACES: dict[Role, Face] = {
    "title": Face("方正小标宋简体", "Times New Roman", 22),    # 二号
    "heading1": Face("黑体", "Times New Roman", 16),          # 三号
    "heading2": Face("楷体_GB2312", "Times New Roman", 16),
    "body": Face("仿宋_GB2312", "Times New Roman", 16),
}
PAGE_NUMBER_FACE = Face("宋体", "宋体", 14)                   # 四号 半角宋体阿拉伯数字

PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Cm(3.7), Cm(3.5), Cm(2.8), Cm(2.6)
# The page number sits about 7 mm below the text area: 3.5 cm margin - 0.7 cm - one 四号 line (~0.5 cm).
FOOTER_DISTANCE = Cm(2.3)
LINE_PITCH = Pt(28)           # fixed line spacing: 22 lines of 三号 in the 22.5 cm text area
FIRST_LINE_INDENT = Pt(32)    # two characters of 三号
MARKER_COLOR = RGBColor(0xFF, 0x00, 0x00)

MARKER = re.compile(r"【(?:缺数|请核对)：[^】]*】")  # a missing figure; a sentence to review
HEADING1 = re.compile(r"^[一二三四五六七八九十]+、")
HEADING2 = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")


@dataclass(frozen=True)
class Span:
    """One stretch of a paragraph in one role; `marker` when it is a `【缺数：…】` or `【请核对：…】` marker."""

    text: str
    role: Role
    marker: bool = False


def write_official_docx(path: Path, title: str, paragraphs: list[str]) -> Path:
    """Write the title and body paragraphs as an official-document .docx at path; return path."""
    if not title.strip():
        raise ValueError("the document needs a title")
    document = Document()
    _lay_out_page(document)
    _set_normal_style(document)
    document.core_properties.title = title.strip()

    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.space_after = LINE_PITCH  # one empty line between title and body
    _add_spans(heading, _marked(title.strip(), "title"))

    for text in paragraphs:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = FIRST_LINE_INDENT
        _fix_line_pitch(paragraph)
        _add_spans(paragraph, styled_spans(text))

    _add_page_number(document)
    path = Path(path)
    document.save(str(path))
    return path


def styled_spans(paragraph: str) -> list[Span]:
    """The paragraph cut into spans: heading sentence (to the first `。`) in its role, rest body, markers apart."""
    text = paragraph.strip()
    role: Role | None = "heading1" if HEADING1.match(text) else "heading2" if HEADING2.match(text) else None
    if role is None:
        return _marked(text, "body")
    end = _first_full_stop(text)
    head, rest = (text, "") if end is None else (text[: end + 1], text[end + 1:])
    return _marked(head, role) + _marked(rest, "body")


def _marked(text: str, role: Role) -> list[Span]:
    """Text in one role, with every marker as a span of its own."""
    spans: list[Span] = []
    at = 0
    for found in MARKER.finditer(text):
        if found.start() > at:
            spans.append(Span(text[at:found.start()], role))
        spans.append(Span(found.group(), role, marker=True))
        at = found.end()
    if at < len(text):
        spans.append(Span(text[at:], role))
    return spans


def _first_full_stop(text: str) -> int | None:
    """Index of the first `。` outside a marker, or None."""
    inside = [range(m.start(), m.end()) for m in MARKER.finditer(text)]
    for index, char in enumerate(text):
        if char == "。" and not any(index in span for span in inside):
            return index
    return None


def _add_spans(paragraph: Paragraph, spans: list[Span]) -> None:
    """One run per span, in the span's face; markers red and bold."""
    for span in spans:
        run = paragraph.add_run(span.text)
        _set_face(run, FACES[span.role])
        if span.marker:
            run.font.bold = True
            run.font.color.rgb = MARKER_COLOR


def _set_face(run: Run, face: Face) -> None:
    """Set the run's western and east-asian font names and its size."""
    run.font.name = face.latin                     # w:ascii and w:hAnsi
    run.font.size = Pt(face.size_pt)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face.east_asian)


def _fix_line_pitch(paragraph: Paragraph) -> None:
    """Exactly 28 pt per line, no space before or after."""
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)


def _lay_out_page(document: DocxDocument) -> None:
    """A4 portrait with the GB/T 9704 margins."""
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.footer_distance = FOOTER_DISTANCE


def _set_normal_style(document: DocxDocument) -> None:
    """The Normal style in the body face, Chinese language, no paragraph spacing, every page filled."""
    normal = document.styles["Normal"]
    body = FACES["body"]
    normal.font.name = body.latin
    normal.font.size = Pt(body.size_pt)
    rpr = normal.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), body.east_asian)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.widow_control = False  # the 22-line page grid: no lines pushed to the next page


def _add_page_number(document: DocxDocument) -> None:
    """'— N —' centred in the footer, N a PAGE field."""
    footer = document.sections[0].footer
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    _set_face(paragraph.add_run("— "), PAGE_NUMBER_FACE)
    for piece in _page_field():
        run = paragraph.add_run()
        _set_face(run, PAGE_NUMBER_FACE)
        run._element.append(piece)
    _set_face(paragraph.add_run(" —"), PAGE_NUMBER_FACE)


def _page_field() -> list:
    """The run contents of a complex PAGE field: begin, instruction, separate, shown '1', end."""
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    return [begin, instruction, separate, shown, end]
