"""The commands that need no Prefect stay quick: validate, status and template import neither Prefect nor
pandas (`python -X importtime` lists every module a run imported)."""
from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from tests.forms import fill_form
from tests.pipelines import collect

JUNE = date(2020, 6, 1)
HEAVY = ("prefect", "pandas")  # seconds to import: never on the quick commands' paths


def imported(*args: str, python: tuple[str, ...] = ("-m", "countystat.flows.cli")
             ) -> tuple[set[str], subprocess.CompletedProcess[str]]:
    """The top-level packages a `countystat` command (or other python arguments) imported, and how it ended."""
    done = subprocess.run([sys.executable, "-X", "importtime", *python, *args],
                          capture_output=True, text=True, timeout=60)
    lines = [line.split("|")[-1] for line in done.stderr.splitlines() if line.startswith("import time:")]
    return {line.strip().split(".")[0] for line in lines}, done


@pytest.fixture(scope="module")
def collected(tmp_path_factory, catalog, registry):
    """A home with one form collected, and that form."""
    from countystat.sources.home import Home

    home = Home(tmp_path_factory.mktemp("quick") / "home")
    form = fill_form(home.inbox, registry.get("T01"), JUNE, catalog, {"epidemic_teams": 2})
    collect(str(home.root), "2020-06")
    return home, form


@pytest.mark.parametrize("command", [
    ("validate", "{form}"),
    ("status", "--month", "2020-06"),
    ("template", "--month", "2020-06", "--unit", "T01", "--out", "{out}"),
])
def test_quick_commands_import_no_prefect_or_pandas(collected, tmp_path, command):
    home, form = collected
    args = [a.format(form=form, out=tmp_path / "out") for a in command]
    modules, done = imported(*args, "--home", str(home.root))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "countystat" in modules and "click" in modules  # the listing is real
    assert not modules & set(HEAVY), f"{command[0]} imported {sorted(modules & set(HEAVY))}"


def test_the_listing_sees_a_heavy_import():
    modules, done = imported(python=("-c", "import countystat.sources.home, pandas"))
    assert done.returncode == 0 and {"countystat", "pandas"} <= modules
