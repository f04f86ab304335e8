"""Prefect's environment for countystat: state under the home, no telemetry, quiet logs."""
from __future__ import annotations

import logging
import os

from countystat.sources.home import Home

from .server_guard import guard_ephemeral_server

QUIET_LOGGERS = ("prefect.server", "uvicorn", "uvicorn.error", "httpx", "docket", "fakeredis")


def configure_prefect(home: Home) -> None:
    """Set Prefect's environment before it is imported; settings the user made are kept."""
    os.environ.setdefault("PREFECT_HOME", str(home.prefect_home))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    if "PREFECT_LOGGING_LEVEL" not in os.environ:
        # The runs' own logs in Prefect say what they did (INFO); the terminal shows none of it: the
        # command prints its outcome itself, a failure in one line, never a run's traceback.
        os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")
    # The in-process ephemeral API logs cancelled event flushes as tracebacks when it stops at
    # exit; its own logs mean nothing to a countystat user, so only critical ones are shown.
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "CRITICAL")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)
    guard_ephemeral_server()
