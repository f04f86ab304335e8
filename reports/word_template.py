"""Fill the office's own Word template: every `{{ 立案 }}`-style placeholder becomes its number, traced.

docxtpl joins a placeholder Word split into several runs before Jinja renders it, and leaves every
other run, paragraph and style as the office made them. Each reading is first written as a token;
once rendered, the tokens are replaced by their text run by run, so that each number learns the
sentence it stands in for the trace. A sentence whose figure goes against its claim gets the
【请核对：…】 marker before its stop (the default draft's rule, `summary.resolve_paragraph`); every
marker, and every 【缺数：…】, is a red bold run of its own.
"""
from __future__ import annotations

import copy
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from docxtpl import DocxTemplate
from rapidfuzz import process

from .data import PeriodData
from .official_docx import MARKER, MARKER_COLOR
from .plan import Plan
from .summary import PARTY_FOUNDED, Review, TraceEntry, next_period_name, resolve_paragraph
from .summary_fields import (BY_NAME_OR_CODE, COUNTY, PLAN_SECTIONS, Field, Reading, UnknownField, plan_reading,
                             read_field, read_pair, summary_fields)

TOKEN = re.compile("\ue000(\\d+)\ue001")
NEAREST = 3
REVIEW = re.compile(r"【请核对：[^】]*】")
# Words of the period, not figures: as the default draft, they are not traced.
PERIOD, SPAN, NEXT_PERIOD, YEAR = "期间", "本期", "下一期间", "年份"  # 2020年上半年, 上半年 (全年), 下半年, 2020
PAIR, ANNIVERSARY = "同比分别", "建党周年"


class TemplateError(ValueError):
    """The Word template cannot be filled: a placeholder it names is unknown, or written wrongly."""


@dataclass(frozen=True)
class FilledTemplate:
    """The filled document's path, the trace of every placeholder filled, and the markers left."""

    path: Path
    trace: list[TraceEntry]
    missing: list[str]
    reviews: list[Review] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)  # the body's paragraphs with text, as filled


def fill_word_template(template: Path, target: Path, data: PeriodData, plan: Plan = Plan()) -> FilledTemplate:
    """Fill the template with the half's figures and save it as target; TemplateError names what is wrong."""
    document, filled = filled_document(template, data, plan)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(document)
    return replace(filled, path=target)


def filled_document(template: Path, data: PeriodData, plan: Plan) -> tuple[bytes, FilledTemplate]:
    """The filled template as .docx bytes, and what filling it found (its path: the template's)."""
    document, trace, reviews = _filled(template, data, plan)
    out = io.BytesIO()
    document.save(out)
    paragraphs = [p.text for p in document.docx.paragraphs if p.text.strip()]
    return out.getvalue(), FilledTemplate(template, trace, [e.text for e in trace if e.value is None], reviews,
                                          paragraphs)


def _filled(template: Path, data: PeriodData, plan: Plan) -> tuple[DocxTemplate, list[TraceEntry], list[Review]]:
    document = DocxTemplate(str(template))
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
    readings: list[Reading] = []
    context = _context(data, plan, readings)
    try:
        _refuse_unknown(template, document.get_undeclared_template_variables(environment), context)
        document.render(context, environment)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(_syntax_message(template, exc)) from None
    except UnknownField as exc:
        raise TemplateError(f"{template.name}：{exc}") from None
    trace = [_trace_entry(reading, data) for reading in readings]
    reviews: list[Review] = []
    for paragraph in _paragraphs(document.docx):
        _fill_paragraph(paragraph, trace, reviews)
    return document, trace, reviews


# The names every template can use besides the fields' own: 指标[…], the plan's, the period's, the pair.
FIXED_NAMES = (BY_NAME_OR_CODE, *PLAN_SECTIONS, COUNTY, ANNIVERSARY, PAIR, PERIOD, SPAN, NEXT_PERIOD, YEAR)


def _context(data: PeriodData, plan: Plan, readings: list[Reading]) -> dict[str, object]:
    """What a template can name: every field, 指标[…], the plan's 计划/目标/县名, the period's words."""
    fields = summary_fields(data)
    period = data.period
    context: dict[str, object] = {name: _Figure(f, data, readings) for name, f in fields.items() if name.isidentifier()}
    context[BY_NAME_OR_CODE] = _Fields(fields, data, readings)
    context.update({name: _PlanTable(plan, name, data, readings) for name in PLAN_SECTIONS})
    context[COUNTY] = _Lazy(lambda: plan_reading(plan, COUNTY, "", period), readings)
    years = period.year - PARTY_FOUNDED
    context[ANNIVERSARY] = _Lazy(lambda: Reading(ANNIVERSARY, str(years), years, f"{period.year} - {PARTY_FOUNDED}",
                                                 (), ()), readings)
    context[PAIR] = _Pair(data, readings)
    context.update({PERIOD: period.name_zh, SPAN: period.span_zh, NEXT_PERIOD: next_period_name(period), YEAR: period.year})
    return context


def template_placeholders(template: Path) -> set[str]:
    """The top-level names a Word template uses (for checking it without data)."""
    return DocxTemplate(str(template)).get_undeclared_template_variables(
        jinja2.Environment(undefined=jinja2.StrictUndefined))


def check_placeholders(template: Path, names: set[str]) -> None:
    """TemplateError naming each placeholder of the template that is none of the field names (no data needed:
    what `fill_word_template` would refuse first, said the same way)."""
    try:
        _refuse_unknown(template, template_placeholders(template), dict.fromkeys([*sorted(names), *FIXED_NAMES]))
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(_syntax_message(template, exc)) from None
    except UnknownField as exc:
        raise TemplateError(f"{template.name}：{exc}") from None


def _syntax_message(template: Path, exc: jinja2.TemplateSyntaxError) -> str:
    return (f"{template.name}：占位符写法有误（{exc.message}）。名称不能直接写时请写成 "
            f'{{{{ {BY_NAME_OR_CODE}["名称"] }}}}')


class _Figure:
    """A field as Jinja sees it: printed, it is the number; `.余`, `.同比`, `.上年` are its other readings."""

    def __init__(self, field: Field, data: PeriodData, readings: list[Reading]) -> None:
        self.field, self._data, self._readings = field, data, readings

    def _token(self, reading: str) -> str:
        return _token(self._readings, read_field(self.field, reading, self._data.period))

    def __str__(self) -> str:
        return self._token("")

    def __getattr__(self, reading: str) -> str:
        if reading.startswith("_"):
            raise AttributeError(reading)
        return self._token(reading)


class _Lazy:
    """A placeholder that is read only where the template prints it."""

    def __init__(self, read: Callable[[], Reading], readings: list[Reading]) -> None:
        self._read, self._readings = read, readings

    def __str__(self) -> str:
        return _token(self._readings, self._read())


class _PlanTable:
    """`计划.key` and `目标.key`: a value of plan.toml's [facts] or [targets]."""

    def __init__(self, plan: Plan, name: str, data: PeriodData, readings: list[Reading]) -> None:
        self._plan, self._name, self._data, self._readings = plan, name, data, readings

    def __getattr__(self, key: str) -> str:
        if key.startswith("_"):
            raise AttributeError(key)
        return _token(self._readings, plan_reading(self._plan, self._name, key, self._data.period))

    __getitem__ = __getattr__


class _Pair:
    """`同比分别(甲, 乙, "增长")`: two changes in one phrase."""

    def __init__(self, data: PeriodData, readings: list[Reading]) -> None:
        self._data, self._readings = data, readings

    def __call__(self, first: _Figure, second: _Figure, claim: str = "增长") -> str:
        if not isinstance(first, _Figure) or not isinstance(second, _Figure):
            raise UnknownField(f"「{PAIR}(…)」：括号里应是两个指标，如 {PAIR}(指标[\"90后干部\"], 大学本科学历干部, \"增长\")")
        before, a, between, b = read_pair(first.field, second.field, claim, self._data.period)
        return before + _token(self._readings, a) + between + _token(self._readings, b)


def _token(readings: list[Reading], reading: Reading) -> str:
    readings.append(reading)
    return f"\ue000{len(readings) - 1}\ue001"


class _Fields:
    """`指标["90后干部"]` and `指标["cases_filed"]`: any field by its name or code."""

    def __init__(self, fields: dict[str, Field], data: PeriodData, readings: list[Reading]) -> None:
        self._fields, self._data, self._readings = fields, data, readings
        self._plain = {_plain_quotes(name): f for name, f in fields.items()}  # docxtpl makes “” plain

    def __getitem__(self, name: str) -> _Figure:
        if name not in self._fields and _plain_quotes(name) in self._plain:
            return _Figure(self._plain[_plain_quotes(name)], self._data, self._readings)
        if name not in self._fields:
            raise UnknownField(f"「{BY_NAME_OR_CODE}[\"{name}\"]」：没有这个指标；最接近的是 "
                               + "、".join(_nearest(name, self._fields)))
        return _Figure(self._fields[name], self._data, self._readings)


def _refuse_unknown(template: Path, used: set[str], context: dict[str, object]) -> None:
    unknown = sorted(used - set(context))
    if unknown:
        raise UnknownField("；".join(f"「{{{{ {name} }}}}」不是可用的占位符，最接近的是 "
                                    + "、".join(_nearest(name, context)) for name in unknown)
                           + "（`countystat fields` 列出全部）")


def _nearest(name: str, choices: dict[str, object]) -> list[str]:
    return [match for match, _score, _ in process.extract(name, list(choices), limit=NEAREST)]


def _paragraphs(document) -> Iterator[Paragraph]:  # type: ignore[no-untyped-def]
    """Every paragraph of the body, its tables (nested too), headers and footers."""
    def within(container) -> Iterator[Paragraph]:  # type: ignore[no-untyped-def]
        yield from container.paragraphs
        for table in container.tables:
            for row in table.rows:
                for cell in row.cells:
                    yield from within(cell)
    yield from within(document)
    for section in document.sections:
        for part in (section.header, section.footer):
            yield from within(part)


def _fill_paragraph(paragraph: Paragraph, trace: list[TraceEntry], reviews: list[Review]) -> None:
    """Put each reading's text where its token stands, each review marker before its sentence's stop,
    and every marker in a red bold run of its own; each entry learns its finished sentence."""
    runs = paragraph.runs
    text = "".join(run.text for run in runs)
    if "\ue000" not in text:
        return
    finished = resolve_paragraph(TOKEN.sub(lambda m: f"\x00{m.group(1)}\x00", text), trace, reviews)
    for run in runs:
        if "\ue000" in run.text:
            run.text = TOKEN.sub(lambda m: trace[int(m.group(1))].text, run.text)
    inserted = 0
    for review in REVIEW.finditer(finished):
        _insert_text(runs, review.start() - inserted, review.group())
        inserted += len(review.group())
    for run in runs:
        if MARKER.search(run.text):
            _redden_markers(run, paragraph)


def _insert_text(runs: list[Run], at: int, text: str) -> None:
    """Insert text at an offset of the runs' joined text, into the run holding the character there."""
    start = 0
    for run in runs:
        if at <= start + len(run.text) and (at < start + len(run.text) or run is runs[-1]):
            run.text = run.text[:at - start] + text + run.text[at - start:]
            return
        start += len(run.text)


def _redden_markers(run: Run, paragraph: Paragraph) -> None:
    """Split the run so that each marker in it is a run of its own, red and bold; the rest keeps its look."""
    pieces = [piece for piece in re.split(f"({MARKER.pattern})", run.text) if piece]
    split = [run]
    for _ in pieces[1:]:
        element = copy.deepcopy(run._r)
        split[-1]._r.addnext(element)
        split.append(Run(element, paragraph))
    for piece, piece_run in zip(pieces, split):
        piece_run.text = piece
        if MARKER.fullmatch(piece):
            piece_run.font.bold = True
            piece_run.font.color.rgb = MARKER_COLOR


def _plain_quotes(text: str) -> str:
    return text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")


def _trace_entry(reading: Reading, data: PeriodData) -> TraceEntry:
    cells = [cell.citation() for half in reading.halves for code in reading.codes
             for cell in data.sources.get((half.label, code), [])]
    return TraceEntry(reading.text, reading.value, f"{{{{ {reading.placeholder} }}}}: {reading.expression}",
                      list(reading.codes), [*reading.cited, *cells], decimals=reading.decimals,
                      claim=reading.claim, actual=reading.actual)
