"""How a collect or backfill run reads as Markdown: the Prefect artifacts (and the CLI's backfill report)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

from countystat.sources.number_text import NO_FIGURE, typed_number
from countystat.warehouse.backfill_pipeline import BackfillSummary
from countystat.warehouse.collect_pipeline import CollectSummary
from countystat.warehouse.status import UnitStatus

STATUS_ZH = {"accepted": "已报送", "held": "已锁定暂存", "rejected": "被退回", "missing": "未报送"}
FIRST_REASONS = 3
MAX_VALUE_ROWS = 200


def months_text(months: Iterable[date]) -> str:
    """'2020-05, 2020-06'."""
    return ", ".join(f"{m:%Y-%m}" for m in months)


def status_counts(statuses: list[UnitStatus]) -> str:
    """'已报送 20 · 被退回 1 · 未报送 1'."""
    counts = Counter(s.status for s in statuses)
    return " · ".join(f"{STATUS_ZH[k]} {counts.get(k, 0)}" for k in STATUS_ZH if k != "held" or counts.get(k))


def collect_markdown(summary: CollectSummary) -> str:
    """The collect run as a Markdown artifact: counts, rejections with reasons, the month's units."""
    load = summary.load
    lines = [
        f"# countystat collect — {summary.month:%Y-%m}",
        "",
        f"- files in inbox: {summary.files_in_inbox}, new this run: {summary.new_files}",
        f"- submissions accepted: {load.accepted}, rejected: {load.rejected}, "
        f"superseded: {load.superseded}",
        f"- months rewritten: {months_text(load.touched_periods) or 'none'}",
        f"- {summary.month:%Y-%m}: {status_counts(summary.statuses)}",
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
    missing = [s.unit_name for s in summary.statuses if s.status == "missing"]
    lines += [f"Missing for {summary.month:%Y-%m}: {'、'.join(missing) or 'none'}", ""]
    lines += ["## Units", "", "| unit | name | status | file |", "|---|---|---|---|"]
    for s in summary.statuses:
        lines.append(f"| {s.unit_code} | {s.unit_name} | {STATUS_ZH[s.status]} | {s.source_file or ''} |")
    return "\n".join(lines) + "\n"


def backfill_markdown(summary: BackfillSummary) -> str:
    """What a backfill changed, as a Markdown artifact (and the CLI's report)."""
    changes = summary.changes
    lines = [
        f"# countystat backfill — {summary.first:%Y-%m} to {summary.last:%Y-%m}",
        "",
        f"- files re-read: {summary.files}",
        f"- values changed: {len(changes.values)} in "
        f"{months_text(changes.months) or 'no month'}",
        f"- newly accepted: {len(changes.newly_accepted)}, newly rejected: {len(changes.newly_rejected)}, "
        f"otherwise changed: {changes.otherwise_changed}",
        f"- {'published a new warehouse version' if summary.published else 'nothing changed: warehouse left as it was'}",
        "",
    ]
    for title, items in (("Newly accepted", changes.newly_accepted), ("Newly rejected", changes.newly_rejected)):
        if items:
            lines += [f"## {title}", "", *(f"- {item}" for item in items), ""]
    if changes.values:
        lines += ["## Values changed", "", "| unit | month | indicator | before | after |", "|---|---|---|---|---|"]
        for v in changes.values[:MAX_VALUE_ROWS]:
            lines.append(f"| {v.unit_code} | {v.period:%Y-%m} | {v.indicator_code} | {_shown(v.before)} | {_shown(v.after)} |")
        if len(changes.values) > MAX_VALUE_ROWS:
            lines.append(f"| … | {len(changes.values) - MAX_VALUE_ROWS} more | | | |")
    return "\n".join(lines) + "\n"


def _shown(value: float | None) -> str:
    return NO_FIGURE if value is None else typed_number(value)
