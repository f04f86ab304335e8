"""`countystat check`, the files sources reads: units.csv, indicators.csv, rules.csv and label_mappings.csv,
each read by its own loader (the home's file, else the package default), every problem one Chinese line.

A loader stops at its file's first problem; the check goes on to the next file. The rules and the approved
labels are checked against the home's catalog. A command's preflight (sources/preflight.py) says the same
line for the same file, so `check` and a refused command never disagree."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from .catalog import Catalog, CatalogError, load_catalog
from .config_files import CONFIG_FILES, INDICATORS, LABELS, RULES, SUMMARY, UNITS, ConfigFile
from .home import Home
from .label_mappings import read_mappings, with_mappings
from .rules import RulesError, load_rules
from .units import UnitsError, load_units

CONFIG_ERRORS: tuple[type[Exception], ...] = (CatalogError, RulesError, UnitsError)
T = TypeVar("T")


def folder_in_place(home: Home, config: ConfigFile) -> str | None:
    """The line for a folder where a configuration file of the home belongs, if there is one."""
    path = config.in_home(home.root)
    if config is SUMMARY or not path.is_dir():
        return None
    return f"{path} 是一个文件夹，不是文件：请移走它（没有 {path.name} 时使用内置的设置）"


def unreadable(exc: OSError) -> str:
    """The line for a configuration file the system will not let countystat read."""
    return f"无法读取 {exc.filename}（{exc.strerror}）：请检查这个文件的读取权限"


@dataclass
class ConfigCheck:
    """What a check found: every problem, one line each, and the home's catalog when it reads."""

    home: Home
    problems: list[str] = field(default_factory=list)
    catalog: Catalog | None = None  # with the approved labels when they read; None when indicators.csv does not

    def attempt(self, config: ConfigFile, read: Callable[[], T], errors: tuple[type[Exception], ...]) -> T | None:
        """What read() gives, or None with its problem as one line (a folder in the file's place too)."""
        problem = folder_in_place(self.home, config)
        if problem is None:
            try:
                return read()
            except errors as exc:
                problem = str(exc)
            except OSError as exc:
                problem = unreadable(exc)
        self.problems.append(problem)
        return None


def check_sources_config(home: Home) -> ConfigCheck:
    """Read units.csv, indicators.csv, label_mappings.csv and rules.csv; every problem, one line each."""
    check = ConfigCheck(home)
    check.attempt(UNITS, lambda: load_units(home.units_csv), CONFIG_ERRORS)
    catalog = check.attempt(INDICATORS, lambda: load_catalog(home.config(INDICATORS)), CONFIG_ERRORS)
    if catalog is None:  # the rules and labels name indicators: nothing to check them against
        return check
    mappings = home.label_mappings
    check.catalog = check.attempt(LABELS, lambda: with_mappings(catalog, read_mappings(mappings), source=str(mappings)),
                                  CONFIG_ERRORS) or catalog
    check.attempt(RULES, lambda: load_rules(catalog, home.config(RULES)), CONFIG_ERRORS)
    return check


def own_files(home: Home) -> list[Path]:
    """The configuration files (and the summary folder) the home has of its own, in the list's order."""
    return [path for config in CONFIG_FILES if (path := config.in_home(home.root)).exists()]
