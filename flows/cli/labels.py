"""The labels commands: the row labels that got forms rejected, and approving one once."""
from __future__ import annotations

from datetime import datetime

import click

from countystat.sources.catalog import Catalog, CatalogError
from countystat.sources.home import Home, resolve_home

from ..artifacts import months_text
from .common import console, home_option, preflight, reference


@click.group(invoke_without_command=True)
@home_option
@click.pass_context
def labels(ctx: click.Context, home: Home) -> None:
    """List the row labels that got forms rejected: how often, units, files, the nearest indicator.

    Approve one once and it is read as that indicator from then on:
    countystat labels approve "<label>" <indicator_code> [--by NAME]

    Example: countystat labels --home /srv/countystat-home
    """
    ctx.obj = home
    if ctx.invoked_subcommand is not None:
        return
    from rich.table import Table

    from countystat.sources.labels import label_index
    from countystat.warehouse.store import read_only_warehouse
    from countystat.warehouse.unresolved_labels import unresolved_labels

    preflight(home, "read", warehouse=True)
    catalog, _ = reference(home)
    with read_only_warehouse(home.warehouse) as con:
        found = unresolved_labels(con)
    if not found:
        console.print("no rejected submission has an unresolved label")
        return
    index = label_index(catalog)
    table = Table(title="退回表格中无法识别的指标名称")
    for column in ("指标名称", "次数", "单位", "月份", "文件", "最接近的指标"):
        table.add_column(column)
    for item in found:
        match = index.match(item.label)
        if match.indicator is not None:
            nearest = f"已认可为 {match.indicator.code}（{match.indicator.name_zh}），下次collect重读"
        elif match.compound:
            nearest = "同时包含 " + "、".join(f"{i.code}（{i.name_zh}）" for i in match.compound)
        else:
            names = [i.name_zh for i in match.ambiguous] or list(match.suggestions)
            nearest = "、".join(f"{_code_of(catalog, n)}（{n}）" for n in names[:1]) or "—"
        table.add_row(item.label, str(item.times), "、".join(item.units) or "单位不明", months_text(item.months) or "月份不明",
                      "、".join(item.files), nearest)
    console.print(table)
    console.print('approve one: countystat labels approve "<指标名称>" <indicator_code> [--by NAME]', markup=False)


def _code_of(catalog: Catalog, name: str) -> str:
    return next(i.code for i in catalog.indicators if i.name_zh == name)


@labels.command()
@click.argument("label")
@click.argument("indicator_code")
@click.option("--by", default=None, help="Who approves it (default: the login name).")
@click.option("--home", "home_dir", metavar="DIR", default=None, help="countystat home (also accepted before `approve`).")
@click.pass_obj
def approve(home: Home, label: str, indicator_code: str, by: str | None, home_dir: str | None) -> None:
    """Record that a label names an indicator, in HOME/label_mappings.csv; forms using it are read from now on.

    Example: countystat labels approve "立案件数（件）" cases_filed --by 张三
    """
    import getpass

    from countystat.sources.label_mappings import append_mapping, approved_row, read_mappings, with_mappings
    from countystat.sources.labels import label_index

    home = resolve_home(home_dir) if home_dir else home
    preflight(home, "write")
    catalog, _ = reference(home)
    if not label.strip():
        raise click.BadParameter("the label is empty")
    current = label_index(catalog).match(label.strip()).indicator
    if current is not None and current.code == indicator_code:
        console.print(f"「{label.strip()}」 already means {current.code} ({current.name_zh}): nothing to record")
        return
    row = approved_row(label, indicator_code, by or getpass.getuser(), datetime.now())
    try:
        with_mappings(catalog, [(0, row)], source="countystat labels approve")
    except CatalogError as exc:
        raise click.ClickException(str(exc).replace(" line 0", "")) from None
    append_mapping(home.label_mappings, row)
    _log_approval(home, row.label, row.indicator_code, row.approved_by, row.approved_at)
    indicator = catalog.get(indicator_code)
    console.print(f"approved: 「{row.label}」 = {indicator.code} ({indicator.name_zh}), by {row.approved_by}; "
                  f"recorded in {home.label_mappings}", soft_wrap=True, markup=False)
    _say_what_collect_rereads(home)


def _log_approval(home: Home, label: str, code: str, by: str, at: str) -> None:
    """Record the approval in the archive's log too (a home from before the log first gets its past)."""
    from countystat.sources.receipts import append_events, label_event
    from countystat.warehouse.past_log import ensure_log
    from countystat.warehouse.store import read_only_warehouse

    if home.warehouse.exists():
        with read_only_warehouse(home.warehouse) as con:
            ensure_log(home.archive, con, home.inbox)
    append_events(home.archive, [label_event(label, code, by, at)])


def _say_what_collect_rereads(home: Home) -> None:
    from countystat.warehouse.store import read_only_warehouse
    from countystat.warehouse.unresolved_labels import months_now_resolved, unresolved_labels

    if not home.warehouse.exists():
        return
    catalog, _ = reference(home)
    with read_only_warehouse(home.warehouse) as con:
        months = months_now_resolved(unresolved_labels(con), catalog)
    if months:
        console.print(f"the next `countystat collect` re-reads the rejected forms of {months_text(months)} "
                      "(locked months: unlock, then backfill them)", soft_wrap=True, markup=False)
    else:
        console.print("no form that stands rejected waits on it", markup=False)
