"""The commands about the home's configuration: init writes the defaults for a new county, check reads them all."""
from __future__ import annotations

from pathlib import Path

import click

from countystat.sources.home import Home

from .common import console, home_option, preflight


@click.command()
@home_option
def init(home: Home) -> None:
    """Write the default configuration into a new home: units, indicators, rules, derived figures, approved
    labels, plan.toml and the summary templates, for the office to edit. Refuses to overwrite a file.

    Example: countystat init --home /srv/countystat-home
    """
    from countystat.sources.config_files import CONFIG_FILES

    preflight(home, "create")
    written = init_home(home)
    console.print(f"wrote {len(written)} configuration file(s) to {home.root}:", soft_wrap=True)
    for config in CONFIG_FILES:
        console.print(f"  {config.name}{'/' if config.in_home(home.root).is_dir() else ''}  {config.about_zh}",
                      markup=False, soft_wrap=True)
    console.print(f"edit them for the county, then: countystat check --home {home.root}", soft_wrap=True)


def init_home(home: Home) -> list[Path]:
    """Write the default configuration into the home (`init`, and the demo before its forms), or its one line."""
    from countystat.sources.config_files import HomeNotEmpty, write_defaults

    try:
        return write_defaults(home.root)
    except HomeNotEmpty as exc:
        raise click.ClickException(str(exc)) from None


@click.command()
@home_option
def check(home: Home) -> None:
    """Check all of the home's configuration at once: one line per problem (file, line, what to do), exit 1
    if there is any. Files the home lacks are read from countystat's defaults.

    Example: countystat check --home /srv/countystat-home
    """
    from countystat.reports.config_check import check_home
    from countystat.sources.config_check import own_files
    from countystat.sources.config_files import CONFIG_FILES

    preflight(home, "read")
    problems = check_home(home)
    for problem in problems:
        console.print(problem, markup=False, soft_wrap=True)
    if problems:
        raise SystemExit(1)
    own = [path.name + ("/" if path.is_dir() else "") for path in own_files(home)]
    defaults = "" if len(own) == len(CONFIG_FILES) else "；其余用内置的默认设置"
    console.print(f"配置检查通过：{home.root}（本目录的配置：{'、'.join(own) or '无'}{defaults}）", markup=False,
                  soft_wrap=True)
