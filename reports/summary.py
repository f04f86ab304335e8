"""The half-year summary draft: the seed text with every number bound to the warehouse, traced."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources

import jinja2

from .data import HalfYearData
from .halves import Half
from .plan import Plan
from countystat.sources.number_text import plain_number

from .wording import approx_figure, change_phrase, growth_phrase, missing_marker, percent

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

    def row(self) -> dict[str, object]:
        """The entry as a trace.csv row."""
        return {"句子": self.sentence, "文本": self.text, "数值": "" if self.value is None else self.value,
                "表达式": self.expression, "指标": ";".join(self.codes), "来源": "; ".join(self.sources)}


@dataclass
class Draft:
    """The drafted summary: title, paragraphs, the trace of every number, and what was missing."""

    title: str
    paragraphs: list[str]
    trace: list[TraceEntry]
    missing: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        """The draft as Markdown."""
        return f"# {self.title}\n\n" + "\n\n".join(self.paragraphs) + "\n"


class _Binder:
    """The functions the template calls; each returns a token that the trace resolves later."""

    def __init__(self, data: HalfYearData, plan: Plan) -> None:
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
        return f"Σ单位 {rule}({code}, {self.data.half.label})"

    def _sources(self, codes: list[str], halves: list[Half]) -> list[str]:
        cells = []
        for half in halves:
            for code in codes:
                for cell in self.data.sources.get((half.label, code), []):
                    cells.append(f"{cell.source_file}!{cell.source_sheet}!{cell.source_cell}"
                                 f"（{cell.unit_name}{cell.period:%Y-%m}={plain_number(cell.value, 2 if cell.value != int(cell.value) else 0)}）")
        return cells

    def _missing(self, label: str, half: Half, codes: list[str], expression: str) -> str:
        marker = missing_marker(label, half.label)
        return self._token(TraceEntry(marker, None, expression, codes, []))

    def _figure(self, code: str, render, with_previous: bool = False) -> str:  # type: ignore[no-untyped-def]
        value = self.data.value(code)
        codes = self._codes(code)
        if value is None:  # a derived figure whose own half is complete lacks last year's data
            complete = code in self.data.derived and all(self.data.value(c) is not None for c in codes)
            half = self.data.half.previous_year if complete else self.data.half
            return self._missing(self._label(code), half, codes, self._expression(code))
        halves = [self.data.half, self.data.half.previous_year] if with_previous else [self.data.half]
        return self._token(TraceEntry(render(value), value, self._expression(code), codes,
                                      self._sources(codes, halves)))

    def n(self, code: str, decimals: int = 0) -> str:
        return self._figure(code, lambda v: plain_number(v, decimals))

    def approx(self, code: str) -> str:
        return self._figure(code, approx_figure)

    def pct(self, code: str) -> str:
        return self._figure(code, percent)

    def change_pp(self, code: str) -> str:
        return self._figure(code, lambda v: change_phrase(v, unit="个百分点"), with_previous=True)

    def growth_pair(self, first: str, second: str) -> str:
        a, b = self.data.value(first), self.data.value(second)
        if a is not None and b is not None and (a > 0) == (b > 0) and round(a, 1) and round(b, 1):
            word = "增长" if a > 0 else "下降"
            return (f"同比分别{word}" + self._figure(first, lambda v: percent(abs(v)), True) + "、"
                    + self._figure(second, lambda v: percent(abs(v)), True))
        return "分别" + self._figure(first, growth_phrase, True) + "、" + self._figure(second, growth_phrase, True)

    def infections_outcome(self) -> str:
        value = self.data.value("infections")
        if value is None:
            return "确保了全县“零感染”目标（" + self._missing("确诊感染病例", self.data.half, ["infections"],
                                                      self._expression("infections")) + "）"
        if value == 0:
            return "确保了全县“" + self._token(TraceEntry("零", 0.0, self._expression("infections"), ["infections"],
                                                       self._sources(["infections"], [self.data.half]))) + "感染”目标"
        return "全县累计确诊感染病例" + self.n("infections") + "例"

    def fact(self, key: str, label: str) -> str:
        return self._plan_value(self.plan.facts, "facts", key, label)

    def target(self, key: str, label: str) -> str:
        return self._plan_value(self.plan.targets, "targets", key, label)

    def _plan_value(self, table: dict[str, object], section: str, key: str, label: str) -> str:
        where = f"{self.plan.source} [{section}] {key}"
        if key not in table:
            return self._missing(label, self.data.half, [], where)
        value = table[key]
        text = plain_number(value) if isinstance(value, (int, float)) else str(value)
        return self._token(TraceEntry(text, value, where, [], [where]))  # type: ignore[arg-type]

    def county(self) -> str:
        if not self.plan.county_name:
            return self._missing("县名", self.data.half, [], f"{self.plan.source} [county] name")
        where = f"{self.plan.source} [county] name"
        return self._token(TraceEntry(self.plan.county_name, self.plan.county_name, where, [], [where]))

    def party_anniversary(self) -> str:
        years = self.data.half.year - PARTY_FOUNDED
        return self._token(TraceEntry(str(years), years, f"{self.data.half.year} - {PARTY_FOUNDED}", [], []))


def draft_summary(data: HalfYearData, plan: Plan) -> Draft:
    """Render the summary template for the half and resolve every number and its trace."""
    binder = _Binder(data, plan)
    template = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False).from_string(
        (resources.files("countystat.reports") / "summary.md.j2").read_text("utf-8"))
    next_half = "下半年" if data.half.part == 1 else f"{data.half.year + 1}年上半年"
    text = template.render(
        half=data.half, next_half_name=next_half,
        **{name: getattr(binder, name) for name in (
            "n", "approx", "pct", "change_pp", "growth_pair", "infections_outcome", "fact", "target",
            "county", "party_anniversary")},
    ).strip()
    lines = [line for line in text.split("\n\n") if line.strip()]
    resolved = [_resolve(line, binder.entries) for line in lines]
    missing = [e.text for e in binder.entries if e.value is None]
    return Draft(resolved[0], resolved[1:], binder.entries, missing)


def _resolve(paragraph: str, entries: list[TraceEntry]) -> str:
    """Replace the tokens of a paragraph by their text; give each entry its finished sentence."""
    final = TOKEN.sub(lambda m: entries[int(m.group(1))].text, paragraph)
    for sentence in re.findall(rf"[^{SENTENCE_END}]*[{SENTENCE_END}]?", paragraph):
        finished = TOKEN.sub(lambda m: entries[int(m.group(1))].text, sentence).strip()
        for match in TOKEN.finditer(sentence):
            entries[int(match.group(1))].sentence = finished
    return final
