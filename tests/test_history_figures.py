"""The history rules' figures computed in the warehouse match those of the months on record in Python."""
from __future__ import annotations

import copy
import random
from datetime import date

import pyarrow as pa
import pytest

from countystat.sources.catalog import load_catalog
from countystat.sources.history_rules import add_past_warnings
from countystat.sources.problems import error
from countystat.sources.submission import ReportedValue, Submission
from countystat.warehouse.history import figures_and_suspects, judged_tables, past_figures_of, suspects_on_record
from countystat.warehouse.store import open_warehouse
from tests.history_oracle import batch_months, months_on_record, past_figures, stored_months

UNITS = ("T01", "T02", "D03")
STORED = [date(2019 + (m - 1) // 12, (m - 1) % 12 + 1, 1) for m in range(1, 16)]  # 2019-01 .. 2020-03


def month_values(rng: random.Random, codes: list[str]) -> dict[str, float | None]:
    """Some of the codes with a value (a few blank, now and then a spike or a decimal)."""
    chosen = rng.sample(codes, rng.randint(0, len(codes)))
    return {c: rng.choice([None, 0.0, float(rng.randint(1, 20)), 250.0, round(rng.uniform(0, 99), 2)])
            for c in chosen}


def submission(unit: str, period: date, values: dict[str, float | None], stated: dict[str, float], n: int,
               rejected: bool = False) -> Submission:
    return Submission(
        f"f{n}.xlsx", f"sha{n}", unit, period,
        values=[ReportedValue(c, v, "月报表", f"D{i + 5}") for i, (c, v) in enumerate(values.items())],
        stated_ytd=[ReportedValue(c, v, "月报表", f"E{i + 5}") for i, (c, v) in enumerate(stated.items())],
        problems=[error("坏表")] if rejected else [],
    )


@pytest.fixture
def warehouse(tmp_path):
    """A warehouse holding three units' months 2019-01..2020-03 (gaps, blank months, superseded forms)."""
    rng, codes = random.Random(13), [i.code for i in load_catalog().indicators][:8]
    submissions, values = [], []
    for u, unit in enumerate(UNITS):
        for m, period in enumerate(STORED):
            if (u, m) in {(1, 13), (2, 4)}:  # T02 lacks 2020-02, D03 2019-05
                continue
            for status in ("superseded", "accepted"):
                sid = f"{unit}-{period}-{status}"
                submissions.append((sid, unit, period, status))
                values += [(sid, code, value) for code, value in month_values(rng, codes).items()]
    with open_warehouse(tmp_path / "w.duckdb") as con:
        con.register("stored", pa.table(dict(zip(("sid", "unit", "period", "status"), map(list, zip(*submissions))))))
        con.register("stored_values", pa.table({"sid": [v[0] for v in values], "code": [v[1] for v in values],
                                                "value": pa.array([v[2] for v in values], pa.float64())}))
        con.execute("INSERT INTO submissions SELECT sid, 'x.xlsx', 'sha', unit, period, status, [], "
                    "'2020-05-01', '2020-05-01' FROM stored")
        con.execute("INSERT INTO submission_values SELECT sid, code, value, '月报表', 'D5' FROM stored_values")
        yield con, rng, codes


def batch(rng: random.Random, codes: list[str]) -> list[Submission]:
    """Several months of one unit (one over a stored month, one corrected later in the batch), a January,
    a month after a gap in its year, a blank form, a rejected one."""
    wanted = [("T01", date(2020, 2, 1)), ("T01", date(2020, 3, 1)), ("T01", date(2020, 4, 1)),
              ("T01", date(2020, 4, 1)), ("T02", date(2020, 1, 1)), ("T02", date(2020, 4, 1)),
              ("D03", date(2019, 12, 1)), ("D03", date(2020, 4, 1)), ("T02", date(2020, 5, 1))]
    subs = []
    for n, (unit, period) in enumerate(wanted):
        values = month_values(rng, codes) if n != 5 else {}
        stated = {c: rng.choice([float(rng.randint(0, 120)), round(rng.uniform(0, 300), 2)]) for c in codes[:5]}
        subs.append(submission(unit, period, values, stated, n, rejected=n == 8))
    return subs


@pytest.mark.parametrize("excluded", [None, (date(2020, 1, 1), date(2020, 2, 1))])
def test_the_warehouse_figures_are_the_months_on_records(warehouse, excluded):
    con, rng, codes = warehouse
    subs = batch(rng, codes)
    on_record = batch_months(subs)
    stored = stored_months(con, UNITS, STORED[0], STORED[-1], excluded)
    in_python = past_figures(months_on_record(stored, subs), on_record)
    in_warehouse = past_figures_of(figures_and_suspects(con, *judged_tables(subs), excluded)[0])
    assert {k: dict(v) for k, v in in_warehouse.spikes.items() if v} == {
        k: v for k, v in in_python.spikes.items() if v}
    assert in_warehouse.year_so_far == in_python.year_so_far
    complete = {("T01", date(2020, 2, 1)), ("T01", date(2020, 3, 1)), ("T01", date(2020, 4, 1)),
                ("T02", date(2020, 1, 1)), ("D03", date(2020, 4, 1))}  # not T02 2020-04, D03 2019-12: a gap
    assert set(in_python.year_so_far) == ({("T02", date(2020, 1, 1))} if excluded else complete)
    assert any(len(v) > 3 for v in in_python.spikes.values())


def test_the_warnings_from_the_warehouse_figures_are_those_of_the_months_on_record(warehouse):
    con, rng, codes = warehouse
    subs = batch(rng, codes)
    by_months, by_figures = copy.deepcopy(subs), copy.deepcopy(subs)
    on_record = batch_months(subs)
    in_python = past_figures(months_on_record(stored_months(con, UNITS, STORED[0], STORED[-1]), subs), on_record)
    added = add_past_warnings(by_months, in_python, load_catalog())
    suspects, figures = suspects_on_record(con, by_figures)
    assert add_past_warnings(suspects, figures, load_catalog()) == added  # only the suspects are judged
    assert [s.problems for s in by_figures] == [s.problems for s in by_months]
    messages = [p.message() for s in by_months for p in s.problems]
    assert any("中位数" in m for m in messages) and any("本年累计" in m for m in messages)
