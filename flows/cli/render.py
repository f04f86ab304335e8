"""How the commands print: a collect run in one screen, a month's units as a rich table, months as text."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.table import Table

from ..artifacts import STATUS_ZH, counts_text, months_text, sendbacks_text, status_counts
from .common import console

if TYPE_CHECKING:  # types only: `status` renders a month without importing the collect pipeline
    from countystat.warehouse.collect_pipeline import CollectSummary
    from countystat.warehouse.status import UnitStatus

STATUS_STYLE = {"accepted": "green", "held": "blue", "rejected": "red", "missing": "yellow"}


def status_table(statuses: list[UnitStatus], title: str) -> Table:
    """A rich table of units and their status for the office to chase late ones."""
    table = Table(title=title)
    for column in ("单位代码", "单位", "状态", "文件", "退回原因"):
        table.add_column(column)
    for s in statuses:
        reason = s.rejected_messages[0] if s.status == "rejected" and s.rejected_messages else ""
        table.add_row(
            s.unit_code, s.unit_name, f"[{STATUS_STYLE[s.status]}]{STATUS_ZH[s.status]}[/]",
            s.source_file or "", reason,
        )
    return table


FIRST_PROBLEMS = 10  # the problems a collect prints; its run report (reports/runs/*.csv) holds them all
MAX_UNIT_ROWS = 40   # a month with more units prints the ones to chase, the first FIRST_PROBLEMS of them


def print_month(statuses: list[UnitStatus], month: date) -> None:
    """The month's units as a table, and their counts by status."""
    console.print(status_table(statuses, f"{month.year}年{month.month}月报送情况"))
    console.print(status_counts(statuses))


def print_month_briefly(statuses: list[UnitStatus], month: date) -> None:
    """The month's units as print_month shows them, or, for more than MAX_UNIT_ROWS units, the first few
    not yet accepted and where to see them all."""
    if len(statuses) <= MAX_UNIT_ROWS:
        print_month(statuses, month)
        return
    chase = [s for s in statuses if s.status != "accepted"]
    title = f"{month.year}年{month.month}月报送情况（{len(statuses)}个单位中未接收的前{FIRST_PROBLEMS}个）"
    if chase:
        console.print(status_table(chase[:FIRST_PROBLEMS], title))
    console.print(status_counts(statuses))
    if len(chase) > FIRST_PROBLEMS:
        console.print(f"… {len(chase) - FIRST_PROBLEMS} more units not accepted: "
                      f"countystat status --month {month:%Y-%m}", soft_wrap=True)


def collect_problems(summary: CollectSummary) -> list[tuple[str, str, str]]:
    """Every (tag, file, message) of a collect run: rejections, then holds, then warnings."""
    return ([("[red]退回[/]", name, message) for name, messages in summary.rejected_files for message in messages]
            + [("[blue]暂存[/]", name, message) for name, message in summary.held_files]
            + [("[yellow]提醒[/]", name, message) for name, messages in summary.warned_files for message in messages])


def print_collect(summary: CollectSummary) -> None:
    """A collect run in one screen: counts, the first FIRST_PROBLEMS problems under their files, how many
    more and the run report holding them all, where the send-back workbooks went, the month's units."""
    console.print(f"inbox: {summary.files_in_inbox} files, {summary.new_files} new; {counts_text(summary.load)}",
                  soft_wrap=True)
    problems = collect_problems(summary)
    shown = None
    for tag, name, message in problems[:FIRST_PROBLEMS]:
        if (tag, name) != shown:
            console.print(f"{tag} {name}", soft_wrap=True)
            shown = (tag, name)
        console.print(f"    {message}", markup=False, soft_wrap=True)
    if len(problems) > FIRST_PROBLEMS:
        files = len(summary.rejected_files) + len(summary.held_files) + len(summary.warned_files)
        console.print(f"… {len(problems) - FIRST_PROBLEMS} more problems ({len(problems)} in {files} files: "
                      f"rejected {len(summary.rejected_files)}, held {len(summary.held_files)}, "
                      f"warned {len(summary.warned_files)})", soft_wrap=True)
    if summary.problem_report is not None:
        console.print(f"every problem by unit and cell: {summary.problem_report}", soft_wrap=True, markup=False)
    if summary.sendbacks:
        console.print(sendbacks_text(summary.sendbacks), soft_wrap=True, markup=False)
    reread = summary.reread
    if reread.months:
        accepted = "、".join(reread.newly_accepted[:FIRST_PROBLEMS]) or "none"
        unnamed = len(reread.newly_accepted) - FIRST_PROBLEMS
        more = f" … and {unnamed} more" if unnamed > 0 else ""
        console.print(f"re-read for approved labels: {months_text(reread.months)}; accepted now: {accepted}{more}",
                      soft_wrap=True)
    if reread.locked:
        console.print(f"approved labels resolve rejections in locked months {months_text(reread.locked)}: "
                      "unlock them, then run `countystat backfill` over them", soft_wrap=True)
    print_month_briefly(summary.statuses, summary.month)
