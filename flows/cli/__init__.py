"""The countystat command line: thin commands over the library and the Prefect flows.

Each module holds a group of commands; `run` is the installed entry point."""
from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator, MutableMapping, Sequence
from typing import Any

import click

from ..ops.run_lock import RunLocked
from .common import console

# Each command and the module of this package that defines it: a command's module (and what it imports:
# Prefect, pandas, DuckDB) is imported only when that command runs, so `validate` never pays for Prefect.
COMMANDS = {
    "template": "forms", "validate": "forms", "status": "forms", "collect": "runs", "backfill": "runs",
    "lock": "runs", "unlock": "runs", "demo": "runs", "rebuild": "archive", "verify": "archive",
    "report": "report", "fields": "fields", "serve": "serve", "labels": "labels", "init": "config",
    "check": "config",
}

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
        except Exception as exc:  # a bug or an environment failure: one line unless debugging
            if _backfill_refused(exc):
                click.echo(f"countystat: refused: {exc}", err=True)
                sys.exit(EXIT_REFUSED)
            if os.environ.get("COUNTYSTAT_DEBUG"):
                raise
            click.echo(f"countystat: failed: {type(exc).__name__}: {exc} (set COUNTYSTAT_DEBUG=1 for details)",
                       err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def _backfill_refused(exc: Exception) -> bool:
    """Whether the exception is warehouse.locks.BackfillRefused (only raised once that module is imported)."""
    locks = sys.modules.get("countystat.warehouse.locks")
    return locks is not None and isinstance(exc, locks.BackfillRefused)


class LazyCommands(MutableMapping[str, click.Command]):
    """The group's commands by name, each imported from its module (COMMANDS) when first looked up."""

    def __init__(self, modules: dict[str, str]) -> None:
        self._modules, self._loaded = dict(modules), {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded:
            if name not in self._modules:
                raise KeyError(name)
            self._loaded[name] = getattr(importlib.import_module(f".{self._modules[name]}", __name__), name)
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        self._loaded.pop(name, None)
        self._modules.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*self._modules, *self._loaded]))

    def __len__(self) -> int:
        return len(set(self._modules) | set(self._loaded))


@click.group(cls=Countystat, name="countystat", commands=LazyCommands(COMMANDS))
def main() -> None:
    """countystat: monthly party-building statistics forms, collected into a warehouse."""


def run() -> None:
    """Entry point: expected errors become one line and a non-zero exit, never a traceback."""
    main()
