"""The countystat command line: thin commands over the library and the Prefect flows.

Each module holds a group of commands; `run` is the installed entry point."""
from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from countystat.warehouse.locks import BackfillRefused

from ..ops.run_lock import RunLocked
from .archive import rebuild, verify
from .common import console
from .config import check, init
from .fields import fields
from .forms import status, template, validate
from .labels import labels
from .report import report
from .runs import backfill, collect, demo, lock, unlock
from .serve import serve

EXIT_BUSY = 3      # another run holds the home (see --wait)
EXIT_REFUSED = 4   # the months asked are locked (see --include-locked)


class Countystat(click.Group):
    """The command group; whichever way it is called (the installed `countystat`, a test's CliRunner),
    an expected failure is one line and its exit code, never a usage block or a traceback."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        """Run a command; with standalone_mode, every failure becomes one line and an exit code."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.Abort:
            console.print("aborted")
            sys.exit(130)
        except click.UsageError as exc:  # a bad option: its message and where to read the options, one line
            command = exc.ctx.command_path if exc.ctx is not None else "countystat"
            click.echo(f"Error: {exc.format_message()} (options: {command} --help)", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except RunLocked as exc:  # another run holds the home: a clear reason, its own exit code
            click.echo(f"countystat: busy: {exc}", err=True)
            sys.exit(EXIT_BUSY)
        except BackfillRefused as exc:
            click.echo(f"countystat: refused: {exc}", err=True)
            sys.exit(EXIT_REFUSED)
        except Exception as exc:  # a bug or an environment failure: one line unless debugging
            if os.environ.get("COUNTYSTAT_DEBUG"):
                raise
            click.echo(f"countystat: failed: {type(exc).__name__}: {exc} (set COUNTYSTAT_DEBUG=1 for details)",
                       err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=Countystat, name="countystat")
def main() -> None:
    """countystat: monthly party-building statistics forms, collected into a warehouse."""


for command in (template, collect, backfill, lock, unlock, rebuild, verify, validate, status, report, fields, demo,
                serve, labels, init, check):
    main.add_command(command)


def run() -> None:
    """Entry point: expected errors become one line and a non-zero exit, never a traceback."""
    main()
