"""One real filled form per unit kind, written by openpyxl and cut into a template whose sheets are
re-rendered cell by cell for every other unit and month (see province_archive.py)."""
from __future__ import annotations

import hashlib
import io
import random
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from countystat.sources.catalog import Catalog
from countystat.sources.demo_forms import DEADLINE_DAY, FilledForm, filled_form, filled_workbook
from countystat.sources.form_layout import DATE_LINE_PREFIX, FORM_SHEET, META_SHEET, UNIT_LINE_PREFIX, form_title
from countystat.sources.form_template import indicator_rows
from countystat.sources.units import Unit

from .units import FIRST_MONTH

ZIP_TIME = (2020, 1, 1, 0, 0, 0)
CELL = re.compile(r'<c r="([A-Z]+[0-9]+)"[^>]*?(?:/>|>.*?</c>)', re.S)


def _next_month(period: date) -> date:
    return date(period.year + period.month // 12, period.month % 12 + 1, 1)


def filling_date(period: date) -> date:
    """The day the clerk fills the form in (as demo_forms does)."""
    return _next_month(period).replace(day=1 + (period.month * 7 + period.year) % DEADLINE_DAY)


def footer_names(unit: Unit) -> tuple[str, str, str]:
    """The clerk, reviewer and telephone on the unit's footer (as demo_forms.filled_workbook does)."""
    rng = random.Random(f"clerk|{unit.code}")
    clerk = rng.choice(["王丽", "张伟", "李娜", "刘洋", "陈静", "杨帆", "赵磊"])
    reviewer = rng.choice(["李建国", "周明", "吴强", "郑华"])
    return clerk, reviewer, f"0371-{rng.randint(6000000, 6999999)}"


@dataclass(frozen=True)
class SheetTemplate:
    """A sheet's XML cut at the cells that change: literal chunks around named slots."""

    chunks: tuple[str, ...]   # len(slots) + 1 literal pieces
    slots: tuple[str, ...]    # the slot name of each cut (a cell reference)
    opens: tuple[str, ...]    # each slot cell's opening tag, e.g. <c r="D5" s="9" t="n">

    @classmethod
    def cut(cls, xml: str, refs: list[str]) -> SheetTemplate:
        """Cut the sheet XML at each of the cells `refs` (each must occur exactly once)."""
        found = {m.group(1): m for m in CELL.finditer(xml)}
        missing = [r for r in refs if r not in found]
        if missing:
            raise ValueError(f"template sheet has no cells {missing}")
        cuts = sorted((found[r].start(), found[r].end(), r) for r in refs)
        chunks, opens, at = [], [], 0
        for start, end, ref in cuts:
            chunks.append(xml[at:start])
            element = xml[start:end]
            opens.append(element[:-2] + ">" if element.endswith("/>") else element[:element.index(">") + 1])
            at = end
        chunks.append(xml[at:])
        return cls(tuple(chunks), tuple(r for _, _, r in cuts), tuple(opens))

    def render(self, values: dict[str, object]) -> bytes:
        """The sheet XML with each slot cell holding values[slot] (str, number or None = empty)."""
        parts = [self.chunks[0]]
        for open_tag, slot, chunk in zip(self.opens, self.slots, self.chunks[1:]):
            parts.append(open_tag)
            value = values[slot]
            if isinstance(value, str):
                parts.append(f"<is><t>{escape(value)}</t></is>")
            elif value is not None:
                parts.append(f"<v>{'%.16g' % value}</v>")
            parts.append("</c>")
            parts.append(chunk)
        return "".join(parts).encode("ascii", "xmlcharrefreplace")


@dataclass(frozen=True)
class FormTemplate:
    """One real filled form of a unit kind as a zip, its two sheets cut into templates."""

    kind: str
    keep_meta: bool
    members: tuple[tuple[str, bytes | None], ...]  # zip member name, its bytes (None: rendered)
    form_sheet: str
    meta_sheet: str | None
    form: SheetTemplate
    meta: SheetTemplate | None
    rows: tuple[tuple[str, int], ...]  # indicator code, row on the form
    footer_row: int

    def slot_values(self, form: FilledForm) -> tuple[dict[str, object], dict[str, object]]:
        """The values of the form sheet's and the hidden sheet's slots for this filled form."""
        unit, period = form.unit, form.period
        filled_on = filling_date(period)
        clerk, reviewer, phone = footer_names(unit)
        cells: dict[str, object] = {
            "A1": form_title(unit.name_zh, period),
            "A2": f"{UNIT_LINE_PREFIX}：{unit.name_zh}",
            "D2": f"{DATE_LINE_PREFIX}：{filled_on.year}年{filled_on.month}月{filled_on.day}日",
            f"B{self.footer_row}": clerk, f"D{self.footer_row}": reviewer, f"F{self.footer_row}": phone,
        }
        for code, row in self.rows:
            cells[f"D{row}"] = _typed(form.month_values.get(code))
            cells[f"E{row}"] = _typed(form.ytd_values.get(code))
        meta = {"B3": unit.code, "B4": unit.name_zh, "B5": f"{period:%Y-%m}"}
        return cells, meta

    def sheets(self, form: FilledForm) -> dict[str, bytes]:
        """The re-rendered sheet parts of this filled form, by zip member name."""
        cells, meta = self.slot_values(form)
        parts = {self.form_sheet: self.form.render(cells)}
        if self.meta is not None and self.meta_sheet is not None:
            parts[self.meta_sheet] = self.meta.render(meta)
        return parts

    def xlsx(self, form: FilledForm) -> bytes:
        """The whole xlsx file of this filled form."""
        if form.unit.kind != self.kind:
            raise ValueError(f"{form.unit.code} is a {form.unit.kind}, this template is for a {self.kind}")
        rendered = self.sheets(form)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
            for name, data in self.members:
                info = zipfile.ZipInfo(name, ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o600 << 16
                book.writestr(info, rendered[name] if data is None else data)
        return buffer.getvalue()

    def digest(self) -> str:
        """A hash of everything the template writes (not the workbook's creation time)."""
        h = hashlib.sha256(f"{self.kind}|{self.keep_meta}|{self.rows}|{self.footer_row}".encode())
        for name, data in self.members:
            h.update(name.encode())
            if name != "docProps/core.xml":
                h.update(data or b"")
        for sheet in (self.form, self.meta):
            if sheet is not None:
                h.update(repr(sheet).encode())
        return h.hexdigest()


def _typed(value: object) -> object:
    if value is None or isinstance(value, str):
        return value
    return int(value) if value == int(value) else value  # type: ignore[arg-type]


def _sheet_parts(book: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> zip member of its XML, from the workbook and its relationships."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
    rid_attr = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.findall("p:Relationship", ns)}
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    parts = {}
    for sheet in workbook.findall("m:sheets/m:sheet", ns):
        target = targets[sheet.get(rid_attr)]
        parts[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return parts


def build_template(kind: str, keep_meta: bool, catalog: Catalog) -> FormTemplate:
    """Write one real filled form of this kind with openpyxl and cut it into a template."""
    unit = Unit("T99999" if kind == "township" else "D99999", "模板单位", kind)
    form = filled_form(unit, FIRST_MONTH, catalog)
    buffer = io.BytesIO()
    filled_workbook(form, catalog, keep_meta=keep_meta).save(buffer)
    rows = indicator_rows(catalog, kind)
    footer = max(rows.values()) + 2
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as book:
        parts = _sheet_parts(book)
        form_part, meta_part = parts[FORM_SHEET], parts.get(META_SHEET)
        if "xl/sharedStrings.xml" in book.namelist():
            raise ValueError("the template uses shared strings; province_archive renders inline strings only")
        form_refs = ["A1", "A2", "D2", f"B{footer}", f"D{footer}", f"F{footer}"]
        form_refs += [f"{col}{row}" for row in rows.values() for col in "DE"]
        form_sheet = SheetTemplate.cut(book.read(form_part).decode("utf-8"), form_refs)
        meta_sheet = SheetTemplate.cut(book.read(meta_part).decode("utf-8"), ["B3", "B4", "B5"]) if meta_part else None
        members = tuple(
            (info.filename, None if info.filename in (form_part, meta_part) else book.read(info.filename))
            for info in book.infolist()
        )
    return FormTemplate(kind, keep_meta, members, form_part, meta_part, form_sheet, meta_sheet,
                        tuple(rows.items()), footer)


def build_templates(catalog: Catalog) -> dict[tuple[str, bool], FormTemplate]:
    """A template for each unit kind, with and without the hidden sheet."""
    return {(kind, keep): build_template(kind, keep, catalog)
            for kind in ("township", "department") for keep in (True, False)}
