"""The summary draft of a half-year or year as a report writes it: title, paragraphs, the trace of every number in it,
the markers left, and how a paragraph's tokens become its sentences (marked 【请核对：…】 where a figure
goes against its sentence). reports/word_draft.py makes it by filling a Word template."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from countystat.sources.number_text import plain_number

from .halves import Period
from .wording import review_marker

TOKEN = re.compile(r"\x00(\d+)\x00")
SENTENCE_END = "。；！？"
PARTY_FOUNDED = 1921


@dataclass
class TraceEntry:
    """One number in the draft: its sentence, how it reads, its value and where it came from."""

    text: str
    value: float | str | None
    expression: str
    codes: list[str]
    sources: list[str]
    sentence: str = ""
    decimals: int | None = None  # the decimals the text prints a number with; None: not a printed number
    claim: str = ""  # the direction its sentence claims, when the figure goes the other way
    actual: str = ""  # and how the figure actually goes ('同比下降3.3个百分点')

    @property
    def review(self) -> str:
        """The 【请核对：…】 marker when the figure goes against its sentence, else ''."""
        return review_marker(self.claim, self.actual) if self.claim else ""

    def row(self) -> dict[str, object]:
        """The entry as a trace.csv row; 数值 rounded as the text prints it."""
        return {"句子": self.sentence, "文本": self.text, "数值": self.printed_value(), "表达式": self.expression,
                "指标": ";".join(self.codes), "来源": "; ".join(self.sources), "核对": self.review}

    def printed_value(self) -> object:
        """The value rounded as the draft prints it (134.52, not 134.51999999999998); '' when missing."""
        if self.value is None:
            return ""
        if isinstance(self.value, float) and self.decimals is not None:
            text = plain_number(self.value, self.decimals)
            return int(text) if self.decimals == 0 else float(text)
        return self.value


@dataclass(frozen=True)
class Review:
    """A sentence whose figure goes against the direction it was written for, and its marker."""

    marker: str
    sentence: str


@dataclass
class Draft:
    """The drafted summary: title, paragraphs, the trace of every number, the filled .docx, what was
    missing, what to review."""

    title: str
    paragraphs: list[str]
    trace: list[TraceEntry]
    document: bytes  # the filled Word template
    missing: list[str] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)

    def markdown(self) -> str:
        """The draft as Markdown."""
        return f"# {self.title}\n\n" + "\n\n".join(self.paragraphs) + "\n"


def next_period_name(period: Period) -> str:
    """How the summary names the period after this one: '下半年', '2021年上半年', '2021年'."""
    following = period.following
    return following.span_zh if following.year == period.year else following.name_zh


def resolve_paragraph(paragraph: str, entries: list[TraceEntry], reviews: list[Review]) -> str:
    """Replace the tokens of a paragraph by their text; mark each sentence whose figures go against it
    before its closing stop (one marker per claim) and add it to `reviews`; give each entry its sentence."""
    finished_sentences = []
    for sentence in re.findall(rf"[^{SENTENCE_END}]*[{SENTENCE_END}]?", paragraph):
        ids = [int(match.group(1)) for match in TOKEN.finditer(sentence)]
        actuals: dict[str, list[str]] = {}
        for i in ids:
            if entries[i].claim:
                actuals.setdefault(entries[i].claim, []).append(entries[i].actual)
        markers = [review_marker(claim, "、".join(found)) for claim, found in actuals.items()]
        if markers:
            stop = sentence[-1] if sentence[-1] in SENTENCE_END else ""
            sentence = sentence.removesuffix(stop).rstrip() + "".join(markers) + stop
        finished = TOKEN.sub(lambda m: entries[int(m.group(1))].text, sentence)
        for i in ids:
            entries[i].sentence = finished.strip()
        reviews.extend(Review(marker, finished.strip()) for marker in markers)
        finished_sentences.append(finished)
    return "".join(finished_sentences)
