"""`countystat serve`: the flows as Prefect deployments on their schedules, served by one process.

Prefect is imported only inside the functions: its settings (PREFECT_API_URL above all) must be
in the environment first.
"""
from __future__ import annotations

import logging
import os
import shlex
import signal
import sys
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from countystat.sources.home import Home

from .local_server import LocalServer, PrefectServerError, api_healthy
from .prefect_env import configure_prefect
from .server_record import remove_record, write_record

if TYPE_CHECKING:
    from prefect import Flow
    from prefect.deployments.runner import RunnerDeployment

DEPLOYMENT = "countystat"  # every flow's deployment has this name: collect/countystat, report/countystat
TIMEZONE = "Asia/Shanghai"
COLLECT_CRON = "0 8 5 * *"  # the 5th of each month at 08:00: the month before
REPORT_CRONS = ("0 8 10 7 *", "0 8 10 1 *")  # 10 July: H1 of this year; 10 January: H2 of the year before


def deployment(flow: Flow[Any, Any], home: Home, *crons: str) -> RunnerDeployment:
    """The flow as deployment `<flow>/countystat`: `home` defaults to this home; no crons: on demand."""
    from prefect.deployments.runner import EntrypointType
    from prefect.schedules import Cron

    return flow.to_deployment(
        DEPLOYMENT,
        schedules=[Cron(cron, timezone=TIMEZONE) for cron in crons],
        parameters={"home": str(home.root)},
        tags=["countystat"],
        entrypoint_type=EntrypointType.MODULE_PATH,
    )


def deployments(home: Home) -> list[RunnerDeployment]:
    """Every deployment `countystat serve` serves, for this home."""
    from ..backfill import backfill
    from ..collect import collect
    from ..report import report

    return [
        deployment(collect, home, COLLECT_CRON),
        deployment(report, home, *REPORT_CRONS),
        deployment(backfill, home),  # on demand: ops trigger it with first/last
    ]


def describe(served: list[RunnerDeployment]) -> str:
    """'collect/countystat (0 8 5 * * Asia/Shanghai), …': each deployment and its schedules."""
    parts = []
    for served_one in served:
        crons = [f"{s.schedule.cron} {s.schedule.timezone}" for s in served_one.schedules or []
                 if getattr(s.schedule, "cron", None)]
        parts.append(f"{served_one.flow_name}/{served_one.name} ({', '.join(crons) or 'on demand'})")
    return ", ".join(parts)


def serve_home(home: Home, port: int | None, say: Callable[[str], None]) -> None:
    """Serve the deployments until Ctrl-C or SIGTERM, on PREFECT_API_URL or on a local server it starts,
    recorded in the home meanwhile (flows/ops/server_record.py) for the other commands."""
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")  # a service: its runs' logs are wanted
    configure_prefect(home)
    previous = signal.signal(signal.SIGTERM, _exit_quietly)  # until Prefect's runner takes over
    try:
        api_url = os.environ.get("PREFECT_API_URL")
        if api_url and not api_healthy(api_url, timeout=10):
            raise PrefectServerError(
                f"no Prefect server answers at PREFECT_API_URL={api_url}: start it "
                "(prefect server start) or unset PREFECT_API_URL to let countystat serve start one"
            )
        server = None if api_url else LocalServer(Path(os.environ["PREFECT_HOME"]), port)
        with server or nullcontext():
            if server is not None:
                os.environ["PREFECT_API_URL"] = server.api_url
            write_record(home, os.environ["PREFECT_API_URL"], os.getpid())  # every command on the home uses it
            try:
                _serve(home, server, say)
            finally:
                remove_record(home, os.getpid())
    finally:
        signal.signal(signal.SIGTERM, previous)


def _serve(home: Home, server: LocalServer | None, say: Callable[[str], None]) -> None:
    import prefect
    from prefect.settings import get_current_settings

    # The runner's websocket to the server closes when the server stops: one line, not a traceback.
    logging.getLogger("prefect.FlowRunCancellingObserver").addFilter(_no_traceback_below_error)
    served = deployments(home)
    where = (f"local Prefect server {server.url} (state in {server.prefect_home})" if server
             else f"Prefect server {get_current_settings().ui_url or os.environ['PREFECT_API_URL']}")
    say(f"countystat serve: UI at {where}; serving {describe(served)}; Ctrl-C stops")
    say(f"countystat serve: for prefect commands in another shell: {export_line()}")
    sys.stdout.flush()
    # With its own server, nothing outlives serving: pausing the schedules would only be a call to
    # a server that is stopping (or has died); against a shared server they are paused, as usual.
    prefect.serve(*served, print_starting_message=False, pause_on_shutdown=server is None)


def export_line() -> str:
    """'export PREFECT_API_URL=http://127.0.0.1:4200/api': the one setting a shell needs to reach the served API."""
    return f"export PREFECT_API_URL={shlex.quote(os.environ['PREFECT_API_URL'])}"


def _exit_quietly(signum: int, frame: object) -> None:
    raise SystemExit(0)


def _no_traceback_below_error(record: logging.LogRecord) -> bool:
    if record.levelno < logging.ERROR:
        record.exc_info, record.exc_text = None, None
    return True
