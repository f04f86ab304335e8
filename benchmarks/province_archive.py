"""A province-size archive of filled standard forms, generated fast and cached on disk.

`province_archive(units, months)` returns the forms of `units` units (30 per county: 24 townships and
6 county departments) for `months` months from January 2019, one xlsx per unit and month, with
their units.csv. The values are the demo's (`demo_forms.filled_form`), so every form is what
`filled_workbook` would write for that unit and month.

openpyxl takes tens of ms per workbook, too slow for tens of thousands of forms, so only one real
form per unit kind (township, department; with and without the hidden `countystat` sheet) is
written with openpyxl. Every other file is that workbook's zip with the form sheet's and the hidden
sheet's XML re-rendered: the value cells (本月, 本年累计), the title, the 填报单位 and 填报日期
lines, the footer names and the hidden sheet's unit code, name and month substituted cell by cell.
openpyxl writes strings inline (no sharedStrings part), so the strings are substituted in the
sheets themselves. tests/test_benchmark_archive.py checks the re-rendered sheets against
openpyxl's own output and reads generated files back with the real reader.

The archive is cached under benchmarks/.cache/ (git-ignored), keyed by the generator's
parameters, its version, the catalog version and the template forms, so re-runs skip generation.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import random
import re
import shutil
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from countystat.sources.catalog import Catalog, load_catalog
from countystat.sources.demo_forms import DEADLINE_DAY, FilledForm, demo_file_name, filled_form, filled_workbook
from countystat.sources.form_layout import DATE_LINE_PREFIX, FORM_SHEET, META_SHEET, UNIT_LINE_PREFIX, form_title
from countystat.sources.form_template import indicator_rows
from countystat.sources.units import Unit, UnitRegistry, parse_units

GENERATOR_VERSION = 1  # bump when the generated files change for the same parameters
CACHE_ROOT = Path(__file__).resolve().parent / ".cache"
FIRST_MONTH = date(2019, 1, 1)
UNITS_PER_COUNTY = 30
META_DROPPED_EVERY = 7  # as in benchmarks/ingest.py: every 7th file lacks the hidden sheet
ZIP_TIME = (2020, 1, 1, 0, 0, 0)

# 100 county names from two syllables (a third for more counties), 24 townships and 6 departments
# per county. Every unit's names start with its county's name, so no name is inside another unit's
# (check_unit_names makes sure): the reader finds a unit by its name in titles and file names.
COUNTY_FIRST = "青白黄红清长安平永新"
COUNTY_SECOND = "山河川阳丰宁和城水林"
COUNTY_THIRD = "东西南北中上下前后左"
TOWNSHIPS = (
    "城关镇", "青石镇", "柳河镇", "白马镇", "黄土岭镇", "三合镇", "龙泉镇", "新集镇", "石桥乡", "杨庄乡",
    "东岗乡", "西坪乡", "南湾乡", "北山乡", "高庙乡", "红旗乡", "桃园镇", "李集镇", "马店镇", "双河镇",
    "清水乡", "大营乡", "金山镇", "太平乡",
)
DEPARTMENTS = (  # the demo county's departments with their short names (FOCUS finds 人防 in 县人防办)
    ("县委办公室", "县委办"), ("县委组织部", "组织部"), ("县委宣传部", "宣传部"), ("县纪委监委", "县纪委"),
    ("县委巡察工作领导小组办公室", "县委巡察办"), ("县人民防空办公室", "县人防办"),
)
assert len(TOWNSHIPS) + len(DEPARTMENTS) == UNITS_PER_COUNTY

CELL = re.compile(r'<c r="([A-Z]+[0-9]+)"[^>]*?(?:/>|>.*?</c>)', re.S)


# ---------------------------------------------------------------------------------------------
# units


def county_stem(index: int) -> str:
    """The index-th county's name without 县, e.g. 青山 (青山县)."""
    stem = COUNTY_FIRST[index % 10] + COUNTY_SECOND[index // 10 % 10]
    if index >= 100:
        stem += COUNTY_THIRD[index // 100 % 10] * (1 + index // 1000)
    return stem


def province_units(count: int) -> str:
    """units.csv text for `count` units, 30 per county: 24 townships (青山县城关镇), then 6
    departments (青山县委组织部, alias 青山县组织部)."""
    rows = ["code,name_zh,kind,aliases"]
    for i in range(count):
        county, slot = divmod(i, UNITS_PER_COUNTY)
        stem = county_stem(county)
        if slot < len(TOWNSHIPS):
            rows.append(f"T{county:03d}{slot:02d},{stem}县{TOWNSHIPS[slot]},township,")
        else:
            name, alias = DEPARTMENTS[slot - len(TOWNSHIPS)]
            alias = alias if alias.startswith("县") else f"县{alias}"
            rows.append(f"D{county:03d}{slot:02d},{stem}{name},department,{stem}{alias}")
    return "\n".join(rows) + "\n"


def check_unit_names(registry: UnitRegistry) -> None:
    """Raise unless no unit's name or alias is found inside another unit's name or alias."""
    owner = {name: unit.code for unit in registry.units for name in unit.names}
    for name, code in owner.items():
        for i in range(len(name)):
            for j in range(i + 1, len(name) + 1):
                other = owner.get(name[i:j])
                if other is not None and other != code:
                    raise ValueError(f"unit name {name[i:j]!r} ({other}) is inside {name!r} ({code})")


def archive_months(count: int, first: date = FIRST_MONTH) -> list[date]:
    """`count` consecutive months from `first`."""
    return [date(first.year + (first.month - 1 + k) // 12, (first.month - 1 + k) % 12 + 1, 1) for k in range(count)]


# ---------------------------------------------------------------------------------------------
# the template forms and their re-rendering


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


# ---------------------------------------------------------------------------------------------
# the archive


@dataclass(frozen=True)
class ArchivedForm:
    """One generated file: where it is (relative to the forms folder), whose and which month."""

    path: str
    unit_code: str
    period: str  # YYYY-MM


@dataclass(frozen=True)
class ProvinceArchive:
    """A generated archive: its folder, units.csv and every form."""

    root: Path
    units: int
    months: list[date]
    forms: list[ArchivedForm]

    @property
    def forms_dir(self) -> Path:
        """Where the forms are, one subfolder per month."""
        return self.root / "forms"

    @property
    def units_csv(self) -> Path:
        """The units.csv of the province's units."""
        return self.root / "units.csv"

    def paths(self) -> list[Path]:
        """Every form's path."""
        return [self.forms_dir / f.path for f in self.forms]

    def month_paths(self, month: date) -> list[Path]:
        """The forms of one month."""
        return [self.forms_dir / f.path for f in self.forms if f.period == f"{month:%Y-%m}"]


def cache_key(units: int, months: list[date], catalog: Catalog, templates: dict[tuple[str, bool], FormTemplate]) -> str:
    """The cache key of an archive: the generator's parameters, its version, catalog and templates."""
    params = {
        "generator": GENERATOR_VERSION, "units": units, "months": [f"{m:%Y-%m}" for m in months],
        "per_county": UNITS_PER_COUNTY, "meta_dropped_every": META_DROPPED_EVERY,
        "catalog": catalog.version,
        "templates": sorted(f"{k}|{v}|{t.digest()}" for (k, v), t in templates.items()),
        "units_csv": hashlib.sha256(province_units(units).encode()).hexdigest(),
    }
    return hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest()[:16]


def form_file_name(unit: Unit, period: date, index: int) -> str:
    """The file name a clerk saved the form under (the demo's four styles)."""
    return demo_file_name(unit, period, style=index)


def _write_units(units_text: str, first: int, last: int, months: list[date],
                 templates: dict[tuple[str, bool], FormTemplate], forms_dir: str) -> list[ArchivedForm]:
    """Write the forms of units[first:last] for every month (one process's share)."""
    catalog, registry = load_catalog(), parse_units(units_text)
    written = []
    for u in range(first, last):
        unit = registry.units[u]
        for m, period in enumerate(months):
            index = u * len(months) + m
            form = filled_form(unit, period, catalog)
            template = templates[(unit.kind, index % META_DROPPED_EVERY != 0)]
            relative = f"{period:%Y-%m}/{form_file_name(unit, period, index)}"
            path = Path(forms_dir) / relative
            path.write_bytes(template.xlsx(form))
            stamp = datetime.combine(filling_date(period), datetime.min.time()).timestamp() + u * 10
            os.utime(path, (stamp, stamp))
            written.append(ArchivedForm(relative, unit.code, f"{period:%Y-%m}"))
    return written


def generate(root: Path, units: int, months: list[date], workers: int | None = None,
             templates: dict[tuple[str, bool], FormTemplate] | None = None) -> ProvinceArchive:
    """Write the archive into `root` (new or empty): units.csv, forms/<YYYY-MM>/…, manifest.json."""
    catalog = load_catalog()
    templates = templates or build_templates(catalog)
    units_text = province_units(units)
    check_unit_names(parse_units(units_text))
    root.mkdir(parents=True, exist_ok=True)
    (root / "units.csv").write_text(units_text, encoding="utf-8")
    forms_dir = root / "forms"
    for month in months:
        (forms_dir / f"{month:%Y-%m}").mkdir(parents=True, exist_ok=True)
    workers = workers or os.cpu_count() or 1
    step = max(1, -(-units // (workers * 8)))
    shares = [(first, min(units, first + step)) for first in range(0, units, step)]
    if workers == 1 or len(shares) == 1:
        done = [_write_units(units_text, a, b, months, templates, str(forms_dir)) for a, b in shares]
    else:
        with ProcessPoolExecutor(workers) as pool:
            done = list(pool.map(_write_units, *zip(*[(units_text, a, b, months, templates, str(forms_dir))
                                                     for a, b in shares])))
    forms = [f for share in done for f in share]
    manifest = {"units": units, "months": [f"{m:%Y-%m}" for m in months],
                "forms": [[f.path, f.unit_code, f.period] for f in forms]}
    (root / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return ProvinceArchive(root, units, months, forms)


def load_archive(root: Path) -> ProvinceArchive:
    """An archive generated earlier, from its manifest."""
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    months = [date.fromisoformat(f"{m}-01") for m in manifest["months"]]
    return ProvinceArchive(root, manifest["units"], months, [ArchivedForm(*f) for f in manifest["forms"]])


def province_archive(units: int, months: int, cache_root: Path = CACHE_ROOT, log=print) -> ProvinceArchive:
    """The cached archive for these parameters, generated first if it is not cached yet."""
    catalog = load_catalog()
    templates = build_templates(catalog)
    month_list = archive_months(months)
    root = cache_root / f"province-u{units}-m{months}-{cache_key(units, month_list, catalog, templates)}"
    if (root / "manifest.json").exists():
        log(f"archive: {units * months} forms cached in {root}")
        return load_archive(root)
    partial = root.with_name(f"{root.name}.partial-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    log(f"archive: generating {units * months} forms ({units} units x {months} months) into {root} ...")
    start = time.perf_counter()
    generate(partial, units, month_list, templates=templates)
    partial.rename(root)
    seconds = time.perf_counter() - start
    log(f"archive: generated in {seconds:.1f} s ({units * months / seconds:.0f} forms/s)")
    return load_archive(root)


def read_back(archive: ProvinceArchive, sample: int, seed: int = 0) -> list[str]:
    """Read a sample of the archive with the real reader; the differences from the values written."""
    from countystat.sources.inbox import file_sha256
    from countystat.sources.intake import read_submissions

    catalog, registry = load_catalog(), parse_units(archive.units_csv.read_text(encoding="utf-8"))
    picked = random.Random(seed).sample(archive.forms, min(sample, len(archive.forms)))
    problems = []
    for f in picked:
        path = archive.forms_dir / f.path
        unit, period = registry.get(f.unit_code), date.fromisoformat(f"{f.period}-01")
        expected = filled_form(unit, period, catalog)  # type: ignore[arg-type]
        subs = read_submissions(path, path.name, file_sha256(path), catalog, registry, date.today())
        if len(subs) != 1:
            problems.append(f"{f.path}: {len(subs)} submissions")
            continue
        sub = subs[0]
        got = {v.indicator_code: v.value for v in sub.values}
        if (sub.status, sub.unit_code, sub.period) != ("accepted", f.unit_code, period):
            problems.append(f"{f.path}: read as {sub.status} {sub.unit_code} {sub.period}: {sub.messages()[:2]}")
        elif got != expected.month_values:
            diff = {k: (got.get(k), expected.month_values.get(k)) for k in set(got) | set(expected.month_values)
                    if got.get(k) != expected.month_values.get(k)}
            problems.append(f"{f.path}: values differ (read, written): {diff}")
    return problems
