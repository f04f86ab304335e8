"""How the commands print: a collect run, a month's units as a rich table, months as text."""
from __future__ import annotations

from datetime import date

from rich.table import Table

from countystat.warehouse.collect_pipeline import CollectSummary
from countystat.warehouse.status import UnitStatus

from ..artifacts import STATUS_ZH, counts_text, months_text, sendbacks_text, status_counts
from .common import console

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


def print_month(statuses: list[UnitStatus], month: date) -> None:
    """The month's units as a table, and their counts by status."""
    console.print(status_table(statuses, f"{month.year}年{month.month}月报送情况"))
    console.print(status_counts(statuses))


def print_collect(summary: CollectSummary) -> None:
    """A collect run: counts, each rejected, held and warned file with its first reasons, where the send-back
    workbooks went, the month's units."""
    console.print(f"inbox: {summary.files_in_inbox} files, {summary.new_files} new; {counts_text(summary.load)}",
                  soft_wrap=True)
    for name, messages in summary.rejected_files:
        console.print(f"[red]退回[/] {name}")
        for message in messages[:3]:
            console.print(f"    {message}", markup=False)
    for name, message in summary.held_files:
        console.print(f"[blue]暂存[/] {name}")
        console.print(f"    {message}", markup=False)
    for name, messages in summary.warned_files:
        console.print(f"[yellow]提醒[/] {name}")
        for message in messages[:3]:
            console.print(f"    {message}", markup=False)
    if summary.sendbacks:
        console.print(sendbacks_text(summary.sendbacks), soft_wrap=True, markup=False)
    reread = summary.reread
    if reread.months:
        console.print(f"re-read for approved labels: {months_text(reread.months)}; "
                      f"accepted now: {'、'.join(reread.newly_accepted) or 'none'}", soft_wrap=True)
    if reread.locked:
        console.print(f"approved labels resolve rejections in locked months {months_text(reread.locked)}: "
                      "unlock them, then run `countystat backfill` over them", soft_wrap=True)
    print_month(summary.statuses, summary.month)
