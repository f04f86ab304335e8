"""The commands on the archive: rebuild the warehouse from it, and verify it is still the record."""
from __future__ import annotations

import functools

import click

from countystat.sources.home import Home

from .common import console, home_option, plan_of, preflight, reference, wait_option


@click.command()
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
    from countystat.warehouse.rebuild_pipeline import NoArchiveLog, rebuild_home, torn_lines

    from ..ops.run_lock import run_lock

    preflight(home, "write", reference_data=True)
    deadline = plan_of(home).deadline_day if home.plan_toml.exists() else None
    try:
        with run_lock(home.root, "rebuild", wait):
            outcome = rebuild_home(home, publish, deadline)
    except NoArchiveLog as exc:
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


@click.command()
@home_option
def verify(home: Home) -> None:
    """Re-hash the archive against its names and log, and check every accepted value's source file is archived.

    One line per problem; exit 1 on any.

    Example: countystat verify --home /srv/countystat-home
    """
    from countystat.warehouse.rebuild_pipeline import torn_lines, verify_home

    preflight(home, "read")
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
