"""The summary draft of a half-year or year: the seed text with every number bound to the warehouse, traced."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources

import jinja2

from .data import PeriodData
from .derived import base_inputs
from .halves import Period
from .plan import Plan
from countystat.sources.number_text import plain_number

from .wording import (
    approx_figure,
    change_phrase,
    claimed_direction,
    contradicts,
    growth_phrase,
    missing_marker,
    percent,
    review_marker,
    year_on_year,
)

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
    """The drafted summary: title, paragraphs, the trace of every number, what was missing, what to review."""

    title: str
    paragraphs: list[str]
    trace: list[TraceEntry]
    missing: list[str] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)

    def markdown(self) -> str:
        """The draft as Markdown."""
        return f"# {self.title}\n\n" + "\n\n".join(self.paragraphs) + "\n"


class _Binder:
    """The functions the template calls; each returns a token that the trace resolves later."""

    def __init__(self, data: PeriodData, plan: Plan) -> None:
        self.data, self.plan, self.entries = data, plan, []  # type: list[TraceEntry]

    def _token(self, entry: TraceEntry) -> str:
        self.entries.append(entry)
        return f"\x00{len(self.entries) - 1}\x00"

    def _label(self, code: str) -> str:
        if code in self.data.county:
            return self.data.county[code].indicator.name_zh
        return self.data.derived[code].definition.name_zh

    def _codes(self, code: str) -> list[str]:
        return self.data.derived[code].definition.codes() if code in self.data.derived else [code]

    def _expression(self, code: str) -> str:
        if code in self.data.derived:
            return f"{code} = {self.data.derived[code].definition.expression}"
        rule = self.data.county[code].indicator.aggregation
        return f"Σ单位 {rule}({code}, {self.data.period.label})"

    def _sources(self, code: str) -> list[str]:
        """Every monthly cell the figure is computed from: derived codes expanded, prev() a year back."""
        definitions = {c: figure.definition for c, figure in self.data.derived.items()}
        cells = []
        for base, years_back in sorted(base_inputs(code, definitions), key=lambda pair: pair[1]):
            period = self.data.period.previous_year if years_back else self.data.period
            for cell in self.data.sources.get((period.label, base), []):
                cells.append(cell.citation())
        return cells

    def _missing(self, label: str, period: Period, codes: list[str], expression: str) -> str:
        marker = missing_marker(label, period.label)
        return self._token(TraceEntry(marker, None, expression, codes, []))

    def _figure(self, code: str, render: Callable[[float], str], decimals: int,
                claims: str | None = None, actual: Callable[[float], str] | None = None) -> str:
        """The figure's token; with `claims`, a figure going the other way (as printed) is marked for review."""
        value = self.data.value(code)
        codes = self._codes(code)
        if value is None:  # a derived figure whose own period is complete lacks last year's data
            complete = code in self.data.derived and all(self.data.value(c) is not None for c in codes)
            period = self.data.period.previous_year if complete else self.data.period
            return self._missing(self._label(code), period, codes, self._expression(code))
        entry = TraceEntry(render(value), value, self._expression(code), codes, self._sources(code), decimals=decimals)
        if claims is not None and contradicts(claims, value, decimals):
            entry.claim, entry.actual = claims, (actual or (lambda v: "为" + render(v)))(value)
        return self._token(entry)

    def n(self, code: str, decimals: int = 0, claims: str | None = None) -> str:
        return self._figure(code, lambda v: plain_number(v, decimals), decimals, _zero_claim(claims))

    def approx(self, code: str, claims: str | None = None) -> str:
        return self._figure(code, approx_figure, 0, _zero_claim(claims))

    def pct(self, code: str, claims: str | None = None) -> str:
        return self._figure(code, percent, 1, _zero_claim(claims))

    def change_pp(self, code: str, claims: str | None = None) -> str:
        return self._figure(code, lambda v: change_phrase(v, unit="个百分点"), 1, claims,
                            lambda v: year_on_year(v, "个百分点"))

    def growth_pair(self, first: str, second: str, claims: str | None = None) -> str:
        a, b = self.data.value(first), self.data.value(second)
        if a is not None and b is not None and (a > 0) == (b > 0) and round(a, 1) and round(b, 1):
            word = "增长" if a > 0 else "下降"
            return (f"同比分别{word}" + self._figure(first, lambda v: percent(abs(v)), 1, claims, growth_phrase)
                    + "、" + self._figure(second, lambda v: percent(abs(v)), 1, claims, growth_phrase))
        return ("分别" + self._figure(first, growth_phrase, 1, claims, growth_phrase) + "、"
                + self._figure(second, growth_phrase, 1, claims, growth_phrase))

    def infections_outcome(self) -> str:
        value = self.data.value("infections")
        if value is None:
            return "确保了全县“零感染”目标（" + self._missing("确诊感染病例", self.data.period, ["infections"],
                                                      self._expression("infections")) + "）"
        if value == 0:
            return "确保了全县“" + self._token(TraceEntry("零", 0.0, self._expression("infections"), ["infections"],
                                                       self._sources("infections"), decimals=0)) + "感染”目标"
        return "全县累计确诊感染病例" + self.n("infections") + "例"

    def fact(self, key: str, label: str) -> str:
        return self._plan_value(self.plan.facts, "facts", key, label)

    def target(self, key: str, label: str) -> str:
        return self._plan_value(self.plan.targets, "targets", key, label)

    def _plan_value(self, table: dict[str, object], section: str, key: str, label: str) -> str:
        where = f"{self.plan.source} [{section}] {key}"
        if key not in table:
            return self._missing(label, self.data.period, [], where)
        value = table[key]
        text = plain_number(value) if isinstance(value, (int, float)) else str(value)
        return self._token(TraceEntry(text, value, where, [], [where]))  # type: ignore[arg-type]

    def county(self) -> str:
        if not self.plan.county_name:
            return self._missing("县名", self.data.period, [], f"{self.plan.source} [county] name")
        where = f"{self.plan.source} [county] name"
        return self._token(TraceEntry(self.plan.county_name, self.plan.county_name, where, [], [where]))

    def party_anniversary(self) -> str:
        years = self.data.period.year - PARTY_FOUNDED
        return self._token(TraceEntry(str(years), years, f"{self.data.period.year} - {PARTY_FOUNDED}", [], []))


def default_template() -> str:
    """The shipped summary template (reports/summary.md.j2)."""
    return (resources.files("countystat.reports") / "summary.md.j2").read_text("utf-8")


def draft_summary(data: PeriodData, plan: Plan, template_text: str | None = None) -> Draft:
    """Render the summary template (the shipped one unless given) for the half-year or year; resolve every
    number and its trace. The template names the period as `period` (`period.name_zh` 2020年上半年 / 2020年,
    `period.span_zh` 上半年 / 全年) and the one after it as `next_period_name` (下半年, 2021年上半年, 2021年)."""
    binder = _Binder(data, plan)
    template = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False).from_string(
        default_template() if template_text is None else template_text)
    following = data.period.following
    text = template.render(
        period=data.period, next_period_name=following.span_zh if following.year == data.period.year else following.name_zh,
        **{name: getattr(binder, name) for name in (
            "n", "approx", "pct", "change_pp", "growth_pair", "infections_outcome", "fact", "target",
            "county", "party_anniversary")},
    ).strip()
    lines = [line for line in text.split("\n\n") if line.strip()]
    reviews: list[Review] = []
    resolved = [_resolve(line, binder.entries, reviews) for line in lines]
    missing = [e.text for e in binder.entries if e.value is None]
    return Draft(resolved[0], resolved[1:], binder.entries, missing, reviews)


def _zero_claim(claims: str | None) -> str | None:
    """A level (a count, a share) can only claim zero: a rise or a fall is a change_pp or growth_pair claim."""
    if claims is not None and claimed_direction(claims) != "zero":
        raise ValueError(f"only a change (change_pp, growth_pair) can claim {claims!r}; a figure itself claims '零'")
    return claims


def _resolve(paragraph: str, entries: list[TraceEntry], reviews: list[Review]) -> str:
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
