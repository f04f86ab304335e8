"""Fill the office's own Word template: every `{{ 立案 }}`-style placeholder becomes its number, traced.

docxtpl joins a placeholder Word split into several runs before Jinja renders it, and leaves every
other run, paragraph and style as the office made them. Each reading is first written as a token;
once rendered, the tokens are replaced by their text run by run, so that each number learns the
sentence it stands in for the trace.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate
from rapidfuzz import process

from .data import PeriodData
from .summary import SENTENCE_END, TraceEntry
from .summary_fields import BY_NAME_OR_CODE, Field, Reading, UnknownField, read_field, summary_fields

TOKEN = re.compile("\ue000(\\d+)\ue001")
NEAREST = 3


class TemplateError(ValueError):
    """The Word template cannot be filled: a placeholder it names is unknown, or written wrongly."""


@dataclass(frozen=True)
class FilledTemplate:
    """The filled document's path, the trace of every placeholder filled, and the markers left."""

    path: Path
    trace: list[TraceEntry]
    missing: list[str]


def fill_word_template(template: Path, target: Path, data: PeriodData) -> FilledTemplate:
    """Fill the template with the half's figures and save it as target; TemplateError names what is wrong."""
    fields = summary_fields(data)
    document = DocxTemplate(str(template))
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
    readings: list[Reading] = []
    context = {name: _Figure(field, data, readings) for name, field in fields.items() if name.isidentifier()}
    context[BY_NAME_OR_CODE] = _Fields(fields, data, readings)
    try:
        _refuse_unknown(template, document.get_undeclared_template_variables(environment), context)
        document.render(context, environment)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{template.name}：占位符写法有误（{exc.message}）。名称不能直接写时请写成 "
                            f'{{{{ {BY_NAME_OR_CODE}["名称"] }}}}') from None
    except UnknownField as exc:
        raise TemplateError(f"{template.name}：{exc}") from None
    sentences = _replace_tokens(document.docx, readings)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    trace = [_trace_entry(reading, sentences.get(n, ""), data) for n, reading in enumerate(readings)]
    return FilledTemplate(target, trace, [r.text for r in readings if r.value is None])


def template_placeholders(template: Path) -> set[str]:
    """The top-level names a Word template uses (for checking it without data)."""
    return DocxTemplate(str(template)).get_undeclared_template_variables(
        jinja2.Environment(undefined=jinja2.StrictUndefined))


class _Figure:
    """A field as Jinja sees it: printed, it is the number; `.余`, `.同比`, `.上年` are its other readings."""

    def __init__(self, field: Field, data: PeriodData, readings: list[Reading]) -> None:
        self._field, self._data, self._readings = field, data, readings

    def _token(self, reading: str) -> str:
        self._readings.append(read_field(self._field, reading, self._data.period))
        return f"\ue000{len(self._readings) - 1}\ue001"

    def __str__(self) -> str:
        return self._token("")

    def __getattr__(self, reading: str) -> str:
        if reading.startswith("_"):
            raise AttributeError(reading)
        return self._token(reading)


class _Fields:
    """`指标["90后干部"]` and `指标["cases_filed"]`: any field by its name or code."""

    def __init__(self, fields: dict[str, Field], data: PeriodData, readings: list[Reading]) -> None:
        self._fields, self._data, self._readings = fields, data, readings

    def __getitem__(self, name: str) -> _Figure:
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


def _replace_tokens(document, readings: list[Reading]) -> dict[int, str]:  # type: ignore[no-untyped-def]
    """Put each reading's text where its token stands; give back each reading's finished sentence."""
    sentences: dict[int, str] = {}
    for paragraph in _paragraphs(document):
        text = paragraph.text
        if "\ue000" not in text:
            continue
        for sentence in re.findall(rf"[^{SENTENCE_END}]*[{SENTENCE_END}]?", text):
            finished = TOKEN.sub(lambda m: readings[int(m.group(1))].text, sentence).strip()
            for match in TOKEN.finditer(sentence):
                sentences[int(match.group(1))] = finished
        for run in paragraph.runs:
            if "\ue000" in run.text:
                run.text = TOKEN.sub(lambda m: readings[int(m.group(1))].text, run.text)
    return sentences


def _trace_entry(reading: Reading, sentence: str, data: PeriodData) -> TraceEntry:
    cells = [cell.citation() for half in reading.halves for code in reading.codes
             for cell in data.sources.get((half.label, code), [])]
    return TraceEntry(reading.text, reading.value, f"{{{{ {reading.placeholder} }}}}: {reading.expression}",
                      list(reading.codes), cells, sentence, reading.decimals)
