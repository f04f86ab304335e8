"""How a run reads: a few lines for its Prefect log and the command line, and Markdown for its Prefect
artifact (and the CLI's backfill report), the files it wrote linked."""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from countystat.sources.number_text import NO_FIGURE, typed_number

if TYPE_CHECKING:  # types only: `status` renders a month without importing the pipelines
    from countystat.reports.report_pipeline import ReportFiles
    from countystat.warehouse.backfill_pipeline import BackfillSummary
    from countystat.warehouse.collect_pipeline import CollectSummary
    from countystat.warehouse.load import LoadResult
    from countystat.warehouse.status import UnitStatus

STATUS_ZH = {"accepted": "已报送", "held": "已锁定暂存", "rejected": "被退回", "missing": "未报送"}
FIRST_REASONS = 3
MAX_VALUE_ROWS = 200
MAX_FILE_LINES = 10  # rejected or held files named one a line in the log; the artifact lists them all


def counts_text(load: LoadResult) -> str:
    """'accepted 1, rejected 1, superseded 1 (1 from earlier runs), held 0': the run's forms by outcome."""
    earlier = f" ({load.superseded_earlier} from earlier runs)" if load.superseded_earlier else ""
    return (f"accepted {load.accepted}, rejected {load.rejected}, superseded {load.superseded}{earlier}, "
            f"held {load.held}")


def common_folder(paths: Sequence[Path]) -> Path:
    """The deepest folder holding every path."""
    return Path(os.path.commonpath([str(p.parent) for p in paths]))


def sendbacks_text(sendbacks: Sequence[Path]) -> str:
    """'send-back workbooks: 2 written under /home/reports/sendback/2020-06', or that none was written."""
    if not sendbacks:
        return "send-back workbooks: none written"
    return f"send-back workbooks: {len(sendbacks)} written under {common_folder(sendbacks)}"


def published_text(published: Sequence[Path]) -> str:
    """'published /home/warehouse.duckdb and 1 Parquet month file under /home/parquet/…', or nothing published."""
    if not published:
        return "warehouse unchanged: nothing new to publish"
    warehouse, *months = published
    parquet = f" and {len(months)} Parquet month file(s) under {common_folder(months)}" if months else ""
    return f"published {warehouse}{parquet}"


def months_text(months: Iterable[date]) -> str:
    """'2020-05, 2020-06'."""
    return ", ".join(f"{m:%Y-%m}" for m in months)


def status_counts(statuses: list[UnitStatus]) -> str:
    """'已报送 20 · 被退回 1 · 未报送 1'."""
    counts = Counter(s.status for s in statuses)
    return " · ".join(f"{STATUS_ZH[k]} {counts.get(k, 0)}" for k in STATUS_ZH if k != "held" or counts.get(k))


def collect_lines(summary: CollectSummary) -> list[str]:
    """The collect run in a few lines: files, forms by outcome, rejected and held files, the month's units,
    where the send-backs and the warehouse went."""
    missing = [s.unit_name for s in summary.statuses if s.status == "missing"]
    lines = [f"inbox: {summary.files_in_inbox} files, {summary.new_files} new",
             f"forms: {counts_text(summary.load)}"]
    for name, messages in summary.rejected_files[:MAX_FILE_LINES]:
        lines.append(f"rejected {name}: {'；'.join(messages[:FIRST_REASONS])}")
    for name, message in summary.held_files[:MAX_FILE_LINES]:
        lines.append(f"held {name}: {message}")
    hidden = max(0, len(summary.rejected_files) - MAX_FILE_LINES) + max(0, len(summary.held_files) - MAX_FILE_LINES)
    if hidden:
        lines.append(f"… {hidden} more rejected or held: see the run's artifact")
    lines += [
        f"{summary.month:%Y-%m}: {status_counts(summary.statuses)}; "
        f"units missing: {'、'.join(missing) or 'none'}",
        sendbacks_text(summary.sendbacks),
        published_text(summary.published),
    ]
    if summary.problem_report is not None:
        lines.append(f"every problem by unit and cell: {summary.problem_report}")
    if summary.reread.months:
        lines.append(f"re-read for approved labels: {months_text(summary.reread.months)}")
    return lines


def backfill_lines(summary: BackfillSummary) -> list[str]:
    """The backfill run in a few lines: files re-read, what changed, where it was published."""
    changes = summary.changes
    return [
        f"re-read {summary.files} files of {summary.first:%Y-%m}..{summary.last:%Y-%m}",
        f"values changed: {len(changes.values)} in {months_text(changes.months) or 'no month'}; "
        f"newly accepted {len(changes.newly_accepted)}, newly rejected {len(changes.newly_rejected)}, "
        f"otherwise changed {changes.otherwise_changed}",
        published_text(summary.written),
    ]


def report_lines(files: ReportFiles) -> list[str]:
    """The report run in a few lines: where its files went, and the figures it could not compute."""
    names = ", ".join(p.name for p in (files.workbook, files.docx, files.markdown, files.trace))
    lines = [f"{files.period} report written to {files.workbook.parent}: {names}"]
    if files.missing:
        lines.append(f"{len(files.missing)} figure(s) could not be computed and are marked in the draft")
    return lines


def collect_markdown(summary: CollectSummary) -> str:
    """The collect run as a Markdown artifact: counts, rejections with reasons, the month's units."""
    load = summary.load
    lines = [
        f"# countystat collect — {summary.month:%Y-%m}",
        "",
        f"- files in inbox: {summary.files_in_inbox}, new this run: {summary.new_files}",
        f"- forms {counts_text(load)}",
        f"- months rewritten: {months_text(load.touched_periods) or 'none'}",
        f"- {summary.month:%Y-%m}: {status_counts(summary.statuses)}",
        f"- {sendbacks_text(summary.sendbacks)}",
        f"- {published_text(summary.published)}",
        f"- every problem by unit and cell: {summary.problem_report or 'none (nothing new read)'}",
        "",
    ]
    if summary.rejected_files:
        lines += ["## Rejected this run", ""]
        for name, messages in summary.rejected_files:
            lines.append(f"- **{name}**: " + "；".join(messages[:FIRST_REASONS]))
        lines.append("")
    if summary.reread.months or summary.reread.locked:
        lines += ["## Re-read for approved labels", ""]
        lines += [f"- months rebuilt: {months_text(summary.reread.months) or 'none'}; "
                  f"accepted now: {'、'.join(summary.reread.newly_accepted) or 'none'}"]
        if summary.reread.locked:
            lines += [f"- locked, not re-read (unlock, then backfill): "
                      f"{months_text(summary.reread.locked)}"]
        lines.append("")
    if summary.held_files:
        lines += ["## Held: the month is locked", ""]
        for name, message in summary.held_files:
            lines.append(f"- **{name}**: {message}")
        lines.append("")
    if summary.warned_files:
        lines += ["## Accepted with warnings", ""]
        for name, messages in summary.warned_files:
            lines.append(f"- **{name}**: " + "；".join(messages[:FIRST_REASONS]))
        lines.append("")
    lines += file_links("Send-back workbooks", summary.sendbacks) + file_links("Published", summary.published)
    missing = [s.unit_name for s in summary.statuses if s.status == "missing"]
    lines += [f"Missing for {summary.month:%Y-%m}: {'、'.join(missing) or 'none'}", ""]
    lines += ["## Units", "", "| unit | name | status | file |", "|---|---|---|---|"]
    for s in summary.statuses:
        lines.append(f"| {s.unit_code} | {s.unit_name} | {STATUS_ZH[s.status]} | {s.source_file or ''} |")
    return "\n".join(lines) + "\n"


def backfill_markdown(summary: BackfillSummary, most: int | None = None) -> str:
    """What a backfill changed, as a Markdown artifact (and, `most` items a list, the CLI's report)."""
    changes = summary.changes
    lines = [
        f"# countystat backfill — {summary.first:%Y-%m} to {summary.last:%Y-%m}",
        "",
        f"- files re-read: {summary.files}",
        f"- values changed: {len(changes.values)} in "
        f"{months_text(changes.months) or 'no month'}",
        f"- newly accepted: {len(changes.newly_accepted)}, newly rejected: {len(changes.newly_rejected)}, "
        f"otherwise changed: {changes.otherwise_changed}",
        f"- {published_text(summary.written) if summary.published else 'nothing changed: warehouse left as it was'}",
        "",
    ]
    lines += file_links("Published", summary.written)
    for title, items in (("Newly accepted", changes.newly_accepted), ("Newly rejected", changes.newly_rejected)):
        if items:
            shown = items[:most]
            more = [f"- … {len(items) - len(shown)} more (the run's Prefect artifact lists them all)"]
            lines += [f"## {title}", "", *(f"- {item}" for item in shown), *(more if len(shown) < len(items) else []), ""]
    if changes.values:
        rows = min(MAX_VALUE_ROWS, most or MAX_VALUE_ROWS)
        lines += ["## Values changed", "", "| unit | month | indicator | before | after |", "|---|---|---|---|---|"]
        for v in changes.values[:rows]:
            lines.append(f"| {v.unit_code} | {v.period:%Y-%m} | {v.indicator_code} | {_shown(v.before)} | {_shown(v.after)} |")
        if len(changes.values) > rows:
            lines.append(f"| … | {len(changes.values) - rows} more | | | |")
    return "\n".join(lines) + "\n"


def report_files_markdown(files: ReportFiles) -> str:
    """The files a report run wrote, linked, for its artifact."""
    return "\n".join(file_links(f"{files.period} report files",
                                 (files.workbook, files.docx, files.markdown, files.trace)))


def file_links(title: str, paths: Sequence[Path]) -> list[str]:
    """A Markdown section linking each file (file:// links, the path shown), or nothing when there is none."""
    if not paths:
        return []
    return [f"## {title}", "", *(f"- [{p.name}]({p.absolute().as_uri()}) `{p}`" for p in paths), ""]


def _shown(value: float | None) -> str:
    return NO_FIGURE if value is None else typed_number(value)
