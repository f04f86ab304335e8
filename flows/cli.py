"""The countystat command line: thin commands over the library and the Prefect flows."""
from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from countystat.sources.catalog import Catalog, CatalogError
from countystat.sources.units import UnitRegistry, UnitsError

from .home import Home, resolve_home
from .months import MonthError, month_range, parse_month, previous_month
from .run_lock import BackfillRefused, RunLocked, run_lock

EXIT_BUSY = 3      # another run holds the home (see --wait)
EXIT_REFUSED = 4   # the months asked are locked (see --include-locked)

console = Console(width=None if sys.stdout.isatty() else 160)
DEMO_FIRST, DEMO_LAST = date(2019, 1, 1), date(2020, 6, 1)


def home_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --home DIR (else $COUNTYSTAT_HOME, else ./countystat-home) and pass a Home."""
    @click.option("--home", "home_dir", metavar="DIR", default=None,
                  help="countystat home (default: $COUNTYSTAT_HOME or ./countystat-home).")
    @functools.wraps(command)
    def wrapper(home_dir: str | None, **kwargs: Any) -> Any:
        return command(home=resolve_home(home_dir), **kwargs)
    return wrapper


class MonthType(click.ParamType):
    """A YYYY-MM option value, converted to the first day of that month."""

    name = "YYYY-MM"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return parse_month(value)
        except MonthError as exc:
            self.fail(str(exc), param, ctx)


MONTH = MonthType()


class HalfType(click.ParamType):
    """A 2020H1-style option value."""

    name = "YYYYH1|YYYYH2"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from countystat.reports.halves import HalfError, parse_half

        try:
            return parse_half(value).label
        except HalfError as exc:
            self.fail(str(exc), param, ctx)


def reference(home: Home) -> tuple[Catalog, UnitRegistry]:
    """The catalog (with the home's approved labels) and the unit registry, or a one-line error naming what is wrong."""
    from .reference import reference as home_reference

    try:
        return home_reference(home)
    except (CatalogError, UnitsError) as exc:
        raise click.ClickException(str(exc)) from None


@click.group()
def main() -> None:
    """countystat: monthly party-building statistics forms, collected into a warehouse."""


@main.command()
@home_option
@click.option("--month", type=MONTH, required=True, help="The month the forms are for.")
@click.option("--unit", "unit_code", metavar="CODE", default=None, help="Only this unit's form.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write into (default: HOME/templates/YYYY-MM).")
def template(home: Home, month: date, unit_code: str | None, out: Path | None) -> None:
    """Write the standard monthly form for each unit (xlsx), to send out.

    Example: countystat template --month 2020-06 --unit T01
    """
    from countystat.sources.form_template import write_form

    period = month
    catalog, registry = reference(home)
    units = registry.units
    if unit_code:
        unit = registry.get(unit_code)
        if unit is None:
            raise click.ClickException(f"unit {unit_code!r} is not in {registry.source}")
        units = (unit,)
    folder = out or home.templates / f"{period:%Y-%m}"
    for unit in units:
        write_form(unit, period, catalog, folder)
    console.print(f"wrote {len(units)} form(s) for {period:%Y-%m} to {folder}")


def wait_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --wait SECONDS: how long to wait for another run holding the home (default: fail at once)."""
    return click.option("--wait", "wait", type=click.FloatRange(min=0), default=0.0, metavar="SECONDS",
                        help="Wait this long for another run on this home to finish (default: 0, fail at once).")(command)


@main.command()
@home_option
@click.option("--month", type=MONTH, default=None,
              help="Month to report completeness for (default: last month).")
@wait_option
def collect(home: Home, month: date | None, wait: float) -> None:
    """Collect new inbox files into the warehouse and report the month's completeness.

    Example: countystat collect --month 2020-06
    """
    reference(home)  # fail fast, in one line, on a bad catalog or units.csv
    summary = _run_collect(home, month or previous_month(date.today()), wait=wait)
    _print_collect(summary)


@main.command()
@home_option
@click.option("--from", "first", type=MONTH, required=True, help="First month to rebuild.")
@click.option("--to", "last", type=MONTH, required=True, help="Last month to rebuild.")
@click.option("--include-locked", is_flag=True, help="Rebuild locked months too (their report has gone out).")
@click.option("--runner", type=click.Choice(["threads", "dask"]), default="threads", show_default=True,
              help="Read on this machine's threads, or on Dask (a local cluster unless --dask-address).")
@click.option("--dask-address", metavar="tcp://HOST:PORT", default=None, help="An existing Dask scheduler.")
@wait_option
def backfill(home: Home, first: date, last: date, include_locked: bool, runner: str, dask_address: str | None,
             wait: float) -> None:
    """Re-read the archived files of some months with today's code and rebuild those months.

    Reports what changed; running it again changes nothing.

    Example: countystat backfill --from 2019-01 --to 2020-06
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    if first > last:
        raise click.BadParameter(f"--from {first:%Y-%m} is after --to {last:%Y-%m}")
    if dask_address and runner != "dask":
        raise click.BadParameter("--dask-address needs --runner dask")
    reference(home)
    if not home.warehouse.exists():
        raise click.ClickException(f"no warehouse at {home.warehouse}: run `countystat collect` first")
    from .prefect_env import configure_prefect

    configure_prefect(home)
    from .backfill import backfill as backfill_flow, report_progress
    from .summary import backfill_markdown

    with Progress("re-reading", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console,
                  transient=True) as bar:
        files = bar.add_task("files", total=None)
        report_progress(lambda done, total: bar.update(files, completed=done, total=total))
        try:
            with run_lock(home.root, "backfill", wait):
                _refuse_locked(home, first, last, include_locked)  # one line here, not a failed flow run
                summary = backfill_flow(home=str(home.root), first=f"{first:%Y-%m}", last=f"{last:%Y-%m}",
                                        include_locked=include_locked, runner=runner, dask_address=dask_address,
                                        wait_for_lock=wait)
        finally:
            report_progress(None)
    console.print(backfill_markdown(summary), markup=False, soft_wrap=True)


@main.command()
@home_option
@click.option("--half", type=HalfType(), required=True, help="The half-year whose report has gone out, e.g. 2020H1.")
@click.option("--reason", default="半年报已报出", show_default=True, help="Why, for the record.")
@click.option("--by", default=None, help="Who (default: the login name).")
@wait_option
def lock(home: Home, half: str, reason: str, by: str | None, wait: float) -> None:
    """Lock a half-year's months: forms arriving for them are archived and held, not loaded.

    Example: countystat lock --half 2020H1
    """
    _change_locks(home, half, True, by, reason, wait)


@main.command()
@home_option
@click.option("--half", type=HalfType(), required=True, help="The half-year to unlock, e.g. 2020H1.")
@click.option("--reason", required=True, help="Why the months are reopened, for the record.")
@click.option("--by", default=None, help="Who (default: the login name).")
@wait_option
def unlock(home: Home, half: str, reason: str, by: str | None, wait: float) -> None:
    """Unlock a half-year's months (a reason is required); held forms load at the next backfill.

    Example: countystat unlock --half 2020H1 --reason "县纪委更正6月立案数"
    """
    _change_locks(home, half, False, by, reason, wait)


def _refuse_locked(home: Home, first: date, last: date, include_locked: bool) -> None:
    from countystat.warehouse.store import read_only_warehouse

    from .period_locks import refuse_locked

    with read_only_warehouse(home.warehouse) as con:
        if con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'period_locks'").fetchone()[0]:
            refuse_locked(con, first, last, include_locked)


def _change_locks(home: Home, half: str, lock: bool, by: str | None, reason: str, wait: float) -> None:
    import getpass

    from .period_locks import change_locks

    if not home.warehouse.exists():
        raise click.ClickException(f"no warehouse at {home.warehouse}: run `countystat collect` first")
    if not reason.strip():
        raise click.BadParameter("--reason must say why")
    changed = change_locks(home, half, lock, by or getpass.getuser(), reason.strip(), wait)
    verb = "locked" if lock else "unlocked"
    months = ", ".join(f"{p:%Y-%m}" for p in changed)
    console.print(f"{half}: {verb} {months}" if changed else f"{half}: already {verb}, nothing changed")


@main.command()
@home_option
@click.option("--publish", "publish", is_flag=True,
              help="Publish the rebuilt warehouse even though one is in use (readers keep their snapshot).")
@wait_option
def rebuild(home: Home, publish: bool, wait: float) -> None:
    """Build the warehouse anew from the archive and its log alone, with today's code and configuration.

    With no warehouse it publishes the new one; otherwise it reports how the new one differs from the
    one in use and changes nothing unless --publish.

    Example: countystat rebuild --home /srv/countystat-home --publish
    """
    from countystat.reports.plan import PlanError

    from .restore import NoArchiveLog, rebuild_home, torn_lines

    reference(home)
    try:
        outcome = rebuild_home(home, publish, wait)
    except (NoArchiveLog, PlanError) as exc:
        raise click.ClickException(str(exc)) from None
    say = functools.partial(console.print, soft_wrap=True, markup=False)
    say(f"rebuilt from the archive's log: {outcome.files_read} of {outcome.files_logged} files read, "
        f"{outcome.submissions} submissions")
    if torn := torn_lines(home):
        say(f"log: {torn} torn line(s) ignored (a run killed while writing it)")
    for line in outcome.refused:
        say(f"refused: {line}")
    for line in outcome.approvals_missing:
        say(f"approved label not in {home.label_mappings.name} (the rebuild read without it): {line}")
    if outcome.unopenable:
        say(f"warehouse in use: {outcome.unopenable}; nothing compared")
    diff = outcome.differences
    if diff is not None and diff.none:
        say("the rebuilt warehouse equals the one in use: values, submissions and completeness")
    elif diff is not None:
        for title, lines in (("values", diff.values), ("submissions", diff.submissions),
                             ("completeness", diff.completeness)):
            if lines:
                say(f"{title}: {len(lines)} difference(s) (published → rebuilt)")
                for line in lines[:50]:
                    say(f"    {line}")
                if len(lines) > 50:
                    say(f"    … and {len(lines) - 50} more")
    if outcome.published:
        say(f"published: {home.warehouse}")
    else:
        say("nothing changed (pass --publish to publish the rebuilt warehouse)")


@main.command()
@home_option
def verify(home: Home) -> None:
    """Re-hash the archive against its names and log, and check every accepted value's source file is archived.

    One line per problem; exit 1 on any.

    Example: countystat verify --home /srv/countystat-home
    """
    from .restore import torn_lines, verify_home

    problems = verify_home(home)
    for line in problems:
        console.print(line, soft_wrap=True, markup=False)
    if torn := torn_lines(home):
        console.print(f"note: {torn} torn line(s) in the log ignored (a run killed while writing it)", markup=False)
    if problems:
        raise SystemExit(1)
    from countystat.warehouse.verify import archived_files

    console.print(f"verified: the {len(archived_files(home.archive))} files in {home.archive} match their names "
                  "and its log, and every accepted value's file is among them", markup=False, soft_wrap=True)


@main.command()
@home_option
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def validate(home: Home, files: tuple[Path, ...]) -> None:
    """Check forms before sending them, loading nothing; exit 1 if any must be corrected.

    Example: countystat validate 城关镇6月报表.xlsx
    """
    from countystat.sources.inbox import file_sha256
    from countystat.sources.intake import read_submissions

    catalog, registry = reference(home)
    blocked = 0
    for path in files:
        for sub in read_submissions(path, path.name, file_sha256(path), catalog, registry, date.today()):
            unit = registry.get(sub.unit_code).name_zh if sub.unit_code else "单位不明"
            month = f"{sub.period.year}年{sub.period.month}月" if sub.period else "月份不明"
            if sub.status == "accepted":
                filled = sum(v.value is not None for v in sub.values)
                console.print(f"[green]通过[/] {path.name}（{unit} {month}）：{filled}项有数，"
                              f"{len(sub.values) - filled}项空白", soft_wrap=True)
            else:
                blocked += 1
                console.print(f"[red]需修改[/] {path.name}（{unit} {month}）：", soft_wrap=True)
            for message in sub.messages():
                console.print(f"    {message}", soft_wrap=True, markup=False)
    if blocked:
        raise SystemExit(1)


@main.command()
@home_option
@click.option("--month", type=MONTH, default=None, help="The month (default: last month).")
def status(home: Home, month: date | None) -> None:
    """Show each unit's status for a month (accepted, rejected, missing).

    Example: countystat status --month 2020-06
    """
    import duckdb

    from countystat.warehouse.status import month_status, unattributed_rejections

    from .summary import status_counts, status_table

    period = month or previous_month(date.today())
    if not home.warehouse.exists():
        raise click.ClickException(f"no warehouse at {home.warehouse}: run `countystat collect` first")
    con = duckdb.connect(str(home.warehouse), read_only=True)
    try:
        statuses = month_status(con, period)
        strays = unattributed_rejections(con, period)
    finally:
        con.close()
    console.print(status_table(statuses, f"{period.year}年{period.month}月报送情况"))
    console.print(status_counts(statuses))
    for stray in strays:
        console.print(f"[red]无法归属的文件[/] {stray.source_file}: {stray.messages[0] if stray.messages else ''}")


@main.command()
@home_option
@click.option("--half", type=HalfType(), required=True, help="The half-year, e.g. 2020H1.")
@wait_option
def report(home: Home, half: str, wait: float) -> None:
    """Write the half-year indicator workbook and summary draft (.docx, .md) with its trace.

    Example: countystat report --half 2020H1
    """
    from countystat.reports.plan import PlanError, load_plan

    if not home.warehouse.exists():
        raise click.ClickException(f"no warehouse at {home.warehouse}: run `countystat collect` first")
    try:
        load_plan(home.plan_toml)
    except PlanError as exc:
        raise click.ClickException(str(exc)) from None
    from .prefect_env import configure_prefect

    configure_prefect(home)
    from .report import report as report_flow

    files = report_flow(home=str(home.root), half=half, wait_for_lock=wait)
    console.print(f"{half} report written to {files.workbook.parent}:")
    for path in (files.workbook, files.docx, files.markdown, files.trace):
        console.print(f"  {path.name}")
    if files.missing:
        console.print(f"[yellow]{len(files.missing)} figure(s) could not be computed and are marked in the draft:[/]")
        for marker in files.missing:
            console.print(f"  {marker}")


@main.command()
@home_option
def demo(home: Home) -> None:
    """Build a demo warehouse: sample forms for 2019-01..2020-06, collected month by month.

    Example: countystat demo --home /tmp/demo-home
    """
    from countystat.sources.demo_forms import collection_time, write_demo_month

    if home.warehouse.exists() or (home.inbox.exists() and any(home.inbox.iterdir())):
        raise click.ClickException(f"{home.root} already has data: give the demo an empty --home")
    catalog, registry = reference(home)
    console.print(f"demo county: {len(registry.units)} units; home {home.root}")
    home.root.mkdir(parents=True, exist_ok=True)
    if not home.plan_toml.exists():
        from importlib import resources

        home.plan_toml.write_text((resources.files("countystat.reports") / "demo_plan.toml").read_text("utf-8"),
                                  encoding="utf-8")
    for period in month_range(DEMO_FIRST, DEMO_LAST):
        files = write_demo_month(home.inbox, registry, catalog, period)
        summary = _run_collect(home, period, received_at=collection_time(period))
        load = summary.load
        missing = [s.unit_name for s in summary.statuses if s.status == "missing"]
        console.print(
            f"{period:%Y-%m}: {len(files)} files received: {load.accepted} accepted, "
            f"{load.superseded} superseded, {load.rejected} rejected; "
            f"missing: {', '.join(missing) or 'none'}"
        )
    query = ("SELECT unit_name, sum(value) AS cases FROM monthly_values "
             "WHERE indicator_code = 'cases_filed' AND period BETWEEN '2020-01-01' AND '2020-06-01' "
             "GROUP BY ALL ORDER BY cases DESC")
    console.print(f"\nwarehouse: {home.warehouse}\nparquet:   {home.parquet / 'monthly_values'}")
    console.print(f"half-year report: countystat report --half 2020H1 --home {home.root}", soft_wrap=True)
    console.print("query it, for example:", soft_wrap=True)
    console.print(f"  {sys.executable} -c \"import duckdb; duckdb.connect('{home.warehouse}', "
                  f"read_only=True).sql(\\\"{query}\\\").show()\"", soft_wrap=True, markup=False)


@main.command()
@home_option
@click.option("--port", type=click.IntRange(1, 65535), default=None,
              help="Port of the local Prefect server started when PREFECT_API_URL is not set "
                   "(default: 4200 if free, else any free port).")
def serve(home: Home, port: int | None) -> None:
    """Run collect and report on their schedules (Asia/Shanghai) until Ctrl-C; ops trigger runs in Prefect.

    Without PREFECT_API_URL it starts a local Prefect server on 127.0.0.1 (state under the home).

    Example: countystat serve --home /srv/countystat-home
    """
    from .local_server import PrefectServerError
    from .serve import serve_home

    reference(home)  # fail fast, in one line, on a bad catalog or units.csv
    try:
        serve_home(home, port, lambda line: console.print(line, soft_wrap=True, markup=False))
    except PrefectServerError as exc:
        raise click.ClickException(str(exc)) from None
    except SystemExit as exc:  # SIGTERM before Prefect's runner took the signal over: a clean stop too
        if exc.code not in (0, None):
            raise
    console.print("countystat serve: stopped")


def _run_collect(home: Home, period: date, received_at: datetime | None = None, wait: float = 0) -> Any:
    from .prefect_env import configure_prefect

    configure_prefect(home)
    from .collect import collect as collect_flow

    with run_lock(home.root, "collect", wait):  # a busy home is one line here, not a failed flow run
        return collect_flow(home=str(home.root), month=f"{period:%Y-%m}", received_at=received_at,
                            wait_for_lock=wait)


def _print_collect(summary: Any) -> None:
    from .summary import status_counts, status_table

    load = summary.load
    console.print(
        f"inbox: {summary.files_in_inbox} files, {summary.new_files} new; "
        f"accepted {load.accepted}, rejected {load.rejected}, superseded {load.superseded}"
    )
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
    reread = summary.reread
    if reread.months:
        console.print(f"re-read for approved labels: {_months(reread.months)}; "
                      f"accepted now: {'、'.join(reread.newly_accepted) or 'none'}", soft_wrap=True)
    if reread.locked:
        console.print(f"approved labels resolve rejections in locked months {_months(reread.locked)}: "
                      "unlock them, then run `countystat backfill` over them", soft_wrap=True)
    console.print(status_table(summary.statuses, f"{summary.month.year}年{summary.month.month}月报送情况"))
    console.print(status_counts(summary.statuses))


def _months(months: Any) -> str:
    return ", ".join(f"{m:%Y-%m}" for m in months)


@main.group(invoke_without_command=True)
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

    catalog, _ = reference(home)
    if not home.warehouse.exists():
        raise click.ClickException(f"no warehouse at {home.warehouse}: run `countystat collect` first")
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
        table.add_row(item.label, str(item.times), "、".join(item.units) or "单位不明", _months(item.months) or "月份不明",
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
        console.print(f"the next `countystat collect` re-reads the rejected forms of {_months(months)} "
                      "(locked months: unlock, then backfill them)", soft_wrap=True, markup=False)
    else:
        console.print("no form that stands rejected waits on it", markup=False)


def run() -> None:
    """Entry point: expected errors become one line and a non-zero exit, never a traceback."""
    try:
        main(standalone_mode=False)
    except click.exceptions.Abort:
        console.print("aborted")
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except RunLocked as exc:  # another run holds the home: a clear reason, its own exit code
        click.echo(f"countystat: busy: {exc}", err=True)
        sys.exit(EXIT_BUSY)
    except BackfillRefused as exc:
        click.echo(f"countystat: refused: {exc}", err=True)
        sys.exit(EXIT_REFUSED)
    except SystemExit:
        raise
    except Exception as exc:  # a bug or an environment failure: one line unless debugging
        if os.environ.get("COUNTYSTAT_DEBUG"):
            raise
        click.echo(f"countystat: failed: {type(exc).__name__}: {exc} (set COUNTYSTAT_DEBUG=1 for details)", err=True)
        sys.exit(1)
