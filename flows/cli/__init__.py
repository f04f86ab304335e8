"""The countystat command line: thin commands over the library and the Prefect flows.

Each module holds a group of commands; `run` is the installed entry point."""
from __future__ import annotations

import os
import sys

import click

from countystat.warehouse.locks import BackfillRefused

from ..ops.run_lock import RunLocked
from .archive import rebuild, verify
from .common import console
from .fields import fields
from .forms import status, template, validate
from .labels import labels
from .report import report
from .runs import backfill, collect, demo, lock, unlock
from .serve import serve

EXIT_BUSY = 3      # another run holds the home (see --wait)
EXIT_REFUSED = 4   # the months asked are locked (see --include-locked)


@click.group()
def main() -> None:
    """countystat: monthly party-building statistics forms, collected into a warehouse."""


for command in (template, collect, backfill, lock, unlock, rebuild, verify, validate, status, report, fields, demo,
                serve, labels):
    main.add_command(command)


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
