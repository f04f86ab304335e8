"""The commands about forms and a month: template, validate, status."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from countystat.sources.home import Home

from countystat.sources.months import previous_month
from .common import MONTH, begun, console, home_option, preflight, reference


@click.command()
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

    folder = out or home.templates / f"{month:%Y-%m}"
    preflight(home, "config" if out else "create", folders=[folder])
    catalog, registry = reference(home)
    units = registry.units
    if unit_code:
        unit = registry.get(unit_code)
        if unit is None:
            raise click.ClickException(f"单位代码「{unit_code}」不在单位名册 {registry.source} 中："
                                       "请用名册 code 列里的代码")
        units = (unit,)
    for unit in units:
        write_form(unit, month, catalog, folder)
    console.print(f"wrote {len(units)} form(s) for {month:%Y-%m} to {folder}")


@click.command()
@home_option
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(home: Home, files: tuple[Path, ...]) -> None:
    """Check forms before sending them, loading nothing; exit 1 if any must be corrected.

    Example: countystat validate 城关镇6月报表.xlsx
    """
    from countystat.sources.inbox import file_sha256
    from countystat.sources.intake import read_submissions

    for path in files:  # the clerk's own command: a mistyped name is said in Chinese
        if not path.is_file():
            what = "是一个文件夹，不是报表文件" if path.is_dir() else "不存在"
            raise click.ClickException(f"文件「{path}」{what}：请检查文件名和所在文件夹")
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


@click.command()
@home_option
@click.option("--month", type=MONTH, default=None, help="The month (default: last month).")
def status(home: Home, month: date | None) -> None:
    """Show each unit's status for a month (accepted, rejected, missing).

    Example: countystat status --month 2020-06
    """
    from countystat.warehouse.status import month_status, unattributed_rejections
    from countystat.warehouse.store import read_only_warehouse

    from .render import print_month

    period = month or previous_month(date.today())
    preflight(home, "read", reference_data=True, warehouse=True)
    begun(period, f"--month {period:%Y-%m}")
    with read_only_warehouse(home.warehouse) as con:
        statuses = month_status(con, period)
        strays = unattributed_rejections(con, period)
    print_month(statuses, period)
    for stray in strays:
        console.print(f"[red]无法归属的文件[/] {stray.source_file}: {stray.messages[0] if stray.messages else ''}")
