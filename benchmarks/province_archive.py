"""A province-size archive of filled standard forms, generated fast and cached on disk.

`province_archive(units, months)` returns the forms of `units` units (30 per county: 24 townships and
6 county departments) for `months` months from January 2019, one xlsx per unit and month, with
their units.csv. The values are the demo's (`demo_forms.filled_form`), so every form is what
`filled_workbook` would write for that unit and month.

openpyxl takes tens of ms per workbook, too slow for tens of thousands of forms, so only one real
form per unit kind (township, department; with and without the hidden `countystat` sheet) is
written with openpyxl (province/templates.py; the units are province/units.py's). Every other file is that workbook's zip with the form sheet's and the hidden
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
import json
import os
import random
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from countystat.sources.catalog import Catalog, load_catalog
from countystat.sources.demo_forms import demo_file_name, filled_form
from countystat.sources.units import Unit, parse_units

from province.templates import FormTemplate, build_templates, filling_date
from province.units import UNITS_PER_COUNTY, archive_months, check_unit_names, province_units

GENERATOR_VERSION = 1  # bump when the generated files change for the same parameters
CACHE_ROOT = Path(__file__).resolve().parent / ".cache"
META_DROPPED_EVERY = 7  # as in benchmarks/ingest.py: every 7th file lacks the hidden sheet


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
