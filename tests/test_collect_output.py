"""A collect prints one screen however many forms it read; every problem goes to the run report in the home."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from rich.console import Console

from countystat.flows.cli import render
from countystat.sources.run_report import COLUMNS
from countystat.warehouse.collect_pipeline import ApprovedReread, CollectSummary
from countystat.warehouse.load import LoadResult
from countystat.warehouse.status import UnitStatus
from tests.forms import fill_form
from tests.pipelines import collect

JUNE = date(2020, 6, 1)
FORMS = 3000
SCREEN = 50  # lines: one terminal screen


def province_run(report: Path) -> CollectSummary:
    """A 3,000-form run where every form has problems: a third rejected, a third held, a third warned."""
    names = [f"第{i:04d}镇6月.xlsx" for i in range(FORMS)]
    reasons = [f"文件「{{}}」工作表「月报表」D{row}：问题{row}" for row in range(12, 17)]
    statuses = [UnitStatus(f"T{i:04d}", f"第{i:04d}镇", "township", ("accepted", "rejected", "missing")[i % 3],
                           names[i], None, ["未按模板填报"])
                for i in range(FORMS)]
    return CollectSummary(
        month=JUNE, files_in_inbox=FORMS, new_files=FORMS,
        load=LoadResult(accepted=FORMS // 3, rejected=FORMS // 3, superseded=0, touched_periods=(JUNE,),
                        held=FORMS // 3),
        rejected_files=[(n, [r.format(n) for r in reasons]) for n in names[0::3]],
        warned_files=[(n, [r.format(n) for r in reasons]) for n in names[1::3]],
        held_files=[(n, reasons[0].format(n)) for n in names[2::3]],
        statuses=statuses, unattributed=[],
        reread=ApprovedReread((JUNE,), tuple(names), ()),
        sendbacks=tuple(report.parent / "sendback" / n for n in names[0::3]),
        problem_report=report,
    )


def rendered(summary: CollectSummary, monkeypatch) -> list[str]:
    """What `countystat collect` prints for the run, as lines."""
    console = Console(width=160, record=True, file=open("/dev/null", "w"))  # noqa: SIM115 - closed with the test
    monkeypatch.setattr(render, "console", console)
    render.print_collect(summary)
    console.file.close()
    return console.export_text().splitlines()


def test_a_province_sized_run_prints_one_screen(tmp_path, monkeypatch):
    report = tmp_path / "reports" / "runs" / "2020-07-03_090000_collect.csv"
    lines = rendered(province_run(report), monkeypatch)
    assert len(lines) <= SCREEN, "\n".join(lines)
    text = "\n".join(lines)
    assert lines[0] == f"inbox: {FORMS} files, {FORMS} new; accepted 1000, rejected 1000, superseded 0, held 1000"
    assert sum(line.startswith("    文件") for line in lines) == render.FIRST_PROBLEMS  # the first ten problems
    assert f"… {5 * 1000 + 1000 + 5 * 1000 - render.FIRST_PROBLEMS} more problems" in text
    assert f"every problem by unit and cell: {report}" in text
    assert "countystat status --month 2020-06" in text  # the units to chase are listed there, not here
    assert "… and 2990 more" in text


def test_a_county_run_still_shows_its_units_and_problems(tmp_path, monkeypatch):
    summary = province_run(tmp_path / "run.csv")
    few = CollectSummary(month=JUNE, files_in_inbox=2, new_files=2, load=summary.load,
                         rejected_files=summary.rejected_files[:1], warned_files=[], held_files=[],
                         statuses=summary.statuses[:30], unattributed=[], problem_report=tmp_path / "run.csv")
    text = "\n".join(rendered(few, monkeypatch))
    assert "退回 第0000镇6月.xlsx" in text and text.count("问题") == 5  # every reason of the one rejected file
    assert "第0029镇" in text and "more problems" not in text  # a county's 30 units in the table


def test_the_run_report_lists_every_problem_by_unit_and_cell(home, catalog, registry):
    fill_form(home.inbox, registry.get("T01"), JUNE, catalog, {"epidemic_teams": "约3"}, name="城关镇6月.xlsx")
    fill_form(home.inbox, registry.get("T02"), JUNE, catalog, {"epidemic_teams": 2}, name="青石镇6月.xlsx")
    summary = collect(str(home.root), "2020-06")
    assert summary.problem_report is not None and summary.problem_report.parent == home.reports / "runs"
    with summary.problem_report.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == COLUMNS
    [rejected] = [r for r in rows[1:] if r[0] == "退回"]
    assert rejected[1:6] == ["错误", "T01", "城关镇", "2020-06", "城关镇6月.xlsx"] and rejected[7].startswith("D")
    assert "约3" in rejected[8]
    problems = [p for f in summary.rejected_files + summary.warned_files for p in f[1]]
    assert len(rows) - 1 >= len(problems)


def test_a_province_backfill_prints_one_screen_and_its_artifact_keeps_the_lists():
    from countystat.flows.artifacts import backfill_markdown
    from countystat.warehouse.backfill_pipeline import BackfillSummary
    from countystat.warehouse.rebuild import Changes, ValueChange

    names = tuple(f"第{i:04d}镇6月.xlsx (T{i:04d}, 2020-06)" for i in range(FORMS))
    values = tuple(ValueChange(f"T{i:04d}", JUNE, "cases_filed", 1.0, 2.0) for i in range(FORMS))
    summary = BackfillSummary(JUNE, JUNE, 2 * FORMS, Changes(values, names, names, 0, 2 * FORMS), True)
    printed = backfill_markdown(summary, most=render.FIRST_PROBLEMS).splitlines()
    assert len(printed) <= SCREEN
    assert "- … 2990 more (the run's Prefect artifact lists them all)" in printed
    assert f"| … | {FORMS - render.FIRST_PROBLEMS} more | | | |" in printed
    artifact = backfill_markdown(summary)
    assert all(f"- {name}" in artifact for name in names)
