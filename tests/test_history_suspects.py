"""A backfill judges in Python only the submissions the warehouse finds the history rules might warn
about (history_suspects.sql): never one fewer than the rules themselves warn about."""
from __future__ import annotations

import itertools
from datetime import date

import pyarrow as pa

from countystat.sources.catalog import load_catalog
from countystat.sources.home import reference
from countystat.sources.history_rules import TOLERANCE, add_past_warnings
from countystat.sources.rules import SPIKE_FLOOR, SPIKE_TIMES
from countystat.sources.submission import ReportedValue, Submission
from countystat.warehouse import reread_history
from countystat.warehouse.backfill_pipeline import month_batches, read_in_process, stage
from countystat.warehouse.history import past_figures
from countystat.warehouse.publish import begin_build, building
from countystat.warehouse.rebuild import archived_files
from countystat.warehouse.history import MARGIN
from countystat.warehouse.sql import statement
from countystat.warehouse.staging import staged
from countystat.warehouse.store import open_warehouse, read_only_warehouse

JUNE = date(2020, 6, 1)
MONTH = JUNE.year * 12 + JUNE.month - 1  # history_figures.sql's month number
NEAR = (-1e-6, -1e-12, 0.0, 1e-12, 1e-6)  # around each threshold: just under, on it, just over
MEDIANS = [(1, 2.0, 2.0), (2, 2.0, 3.0), (3, 0.1, 0.1), (4, 2.2, 3.3), (12, 100.0, 100.0), (5, 0.0, 0.0)]


def spike_cases() -> list[tuple[tuple[int, float, float], float]]:
    """Histories (count, the two middle values) and June values around both spike thresholds."""
    cases = []
    for count, lower, upper in MEDIANS:
        median = lower if count % 2 else (lower + upper) / 2
        for edge, near in itertools.product((SPIKE_TIMES * median, SPIKE_FLOOR), NEAR):
            cases.append(((count, lower, upper), edge + near * max(1.0, edge)))
    return cases


def year_cases() -> list[tuple[float | None, float | None, float]]:
    """Sums of the earlier months (None: none reported), June values (None: blank) and stated 本年累计
    figures around the tolerance either side."""
    cases = []
    for before, june in itertools.product((None, 0.0, 12.0, 1234.56, 0.1 + 0.2), (None, 0.0, 3.0, 0.7)):
        total = (before or 0) + (june or 0.0)
        for side, near in itertools.product((-1, 1), NEAR):
            cases.append((before, june, total + side * (TOLERANCE + near)))
    return cases


def test_every_submission_the_rules_warn_about_is_a_suspect_and_hardly_any_other(tmp_path):
    catalog = load_catalog()
    code = next(i.code for i in catalog.in_effect(JUNE).indicators if i.aggregation == "sum")
    figures, subs = [], []
    for n, (middles, value) in enumerate(spike_cases()):
        unit = f"S{n:03d}"
        count, lower, upper = middles
        figures.append(("spike", unit, MONTH, [code], [count], [lower], [upper]))
        subs.append(Submission("s.xlsx", "sha", unit, JUNE, values=[ReportedValue(code, value, "表", "D5")]))
    for n, (before, june, stated) in enumerate(year_cases()):
        unit = f"Y{n:03d}"
        figures.append(("complete", unit, MONTH, None, None, None, None))
        if before is not None:
            figures.append(("year", unit, MONTH, [code], None, [before], None))
        subs.append(Submission("y.xlsx", "sha", unit, JUNE, values=[ReportedValue(code, june, "表", "D5")],
                               stated_ytd=[ReportedValue(code, stated, "表", "E5")]))
    suspects = _suspects(tmp_path, figures, subs)
    warned = {s.submission_id for s in subs if add_past_warnings([s], past_figures(figures), catalog)}
    for kind in ("S", "Y"):  # the cases straddle each rule's line: some warned, some not
        ids = {s.submission_id for s in subs if s.unit_code.startswith(kind)}
        assert ids & warned and ids - warned
    assert warned <= suspects
    near_a_threshold = {s.submission_id for s in subs if _near_a_threshold(s, figures)}
    assert suspects - warned <= near_a_threshold  # the margin lets in only what is within a hair of a rule's line


def _suspects(tmp_path, figures: list[tuple], subs: list[Submission]) -> set[str]:
    """history_suspects.sql over these figures and submissions."""
    def rows(items: list[tuple], names: tuple[str, ...], types: tuple[pa.DataType, ...]) -> pa.Table:
        columns = list(zip(*items)) if items else [[] for _ in names]
        return pa.table({n: pa.array(list(c), t) for n, c, t in zip(names, columns, types)})

    value_names, value_types = ("submission_id", "indicator_code", "value"), (pa.string(), pa.string(), pa.float64())
    with open_warehouse(tmp_path / "w.duckdb") as con, staged(
        con,
        history_figures=rows(figures, ("kind", "unit_code", "month", "codes", "counts", "lowers", "uppers"),
                             (pa.string(), pa.string(), pa.int64(), pa.list_(pa.string()), pa.list_(pa.int64()),
                              pa.list_(pa.float64()), pa.list_(pa.float64()))),
        judged_submissions=rows([(s.submission_id, s.unit_code, s.period, "accepted") for s in subs],
                                ("submission_id", "unit_code", "period", "status"),
                                (pa.string(), pa.string(), pa.date32(), pa.string())),
        judged_values=rows([(s.submission_id, v.indicator_code, v.value) for s in subs for v in s.values],
                           value_names, value_types),
        judged_ytd=rows([(s.submission_id, v.indicator_code, v.value) for s in subs for v in s.stated_ytd],
                        value_names, value_types),
    ):
        found = con.execute(statement("history_suspects"), {
            "margin": MARGIN, "floor": SPIKE_FLOOR, "times": SPIKE_TIMES, "tolerance": TOLERANCE}).fetchall()
    return {sid for (sid,) in found}


def _near_a_threshold(sub: Submission, figures: list[tuple]) -> bool:
    """Whether a figure of the submission lies within 1e-6 of a rule's threshold."""
    value = sub.values[0].value
    for kind, unit, _, _, counts, lowers, uppers in figures:
        if unit != sub.unit_code:
            continue
        if kind == "spike":
            count, lower, upper = counts[0], lowers[0], uppers[0]
            median = lower if count % 2 else (lower + upper) / 2
            return any(abs(value - edge) <= 1e-6 * max(1.0, edge) for edge in (SPIKE_TIMES * median, SPIKE_FLOOR))
    before = next((f[5][0] for f in figures if f[0] == "year" and f[1] == sub.unit_code), 0.0)
    return abs(abs(sub.stated_ytd[0].value - (before + (value or 0.0))) - TOLERANCE) <= 1e-6


def test_judging_the_suspects_alone_gives_what_judging_every_submission_gives(demo_home, monkeypatch):
    monkeypatch.setattr(reread_history, "UNITS_PER_SLICE", 3)  # several slices of the demo county's units
    with read_only_warehouse(demo_home.warehouse) as con:
        [(first, last)] = con.execute("SELECT min(period), max(period) FROM submissions").fetchall()
        files = archived_files(con, first, last)
    tables = stage(files, read_in_process(month_batches(files), demo_home, date.today()), first, last)
    catalog, _ = reference(demo_home)
    every: dict[str, list[str]] = {}
    suspects: list[str] = []
    with building(demo_home.root, begin_build) as build, open_warehouse(build.db) as con:  # nothing is committed
        judged = reread_history.with_history_warnings(con, tables, catalog, (first, last))
        for part in reread_history.unit_slices(tables):
            figures, found = reread_history.slice_figures_and_suspects(con, part, (first, last))
            every |= reread_history.judged_warnings(part, figures, catalog)  # every submission, not the suspects
            suspects += found.to_pylist()
    assert every and set(every) <= set(suspects)
    assert judged.submissions.equals(reread_history.with_messages(tables, every).submissions)
    added = [m for before, after in zip(tables.submissions.column("messages").to_pylist(),
                                        judged.submissions.column("messages").to_pylist()) for m in after[len(before):]]
    assert any("本年累计" in m for m in added)  # the rules did judge something
