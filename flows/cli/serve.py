"""The serve command: collect and report on their schedules, on Prefect."""
from __future__ import annotations

import click

from countystat.sources.home import Home

from .common import console, home_option, preflight


@click.command()
@home_option
@click.option("--port", type=click.IntRange(1, 65535), default=None,
              help="Port of the local Prefect server started when PREFECT_API_URL is not set "
                   "(default: 4200 if free, else any free port).")
def serve(home: Home, port: int | None) -> None:
    """Run collect and report on their schedules (Asia/Shanghai) until Ctrl-C; ops trigger runs in Prefect.

    Without PREFECT_API_URL it starts a local Prefect server on 127.0.0.1 (state under the home).

    Example: countystat serve --home /srv/countystat-home
    """
    from ..ops.local_server import PrefectServerError
    from ..ops.serve import serve_home

    preflight(home, "create", configuration=True, inbox=True, prefect=True)  # the scheduled report reads all of it
    try:
        serve_home(home, port, lambda line: console.print(line, soft_wrap=True, markup=False))
    except PrefectServerError as exc:
        raise click.ClickException(str(exc)) from None
    except SystemExit as exc:  # SIGTERM before Prefect's runner took the signal over: a clean stop too
        if exc.code not in (0, None):
            raise
    console.print("countystat serve: stopped")
