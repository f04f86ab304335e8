"""Shared fixtures: the built-in catalog and demo county, filled forms, one Prefect test server."""
from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import pytest

# Prefect reads its settings at import: keep its state in a scratch folder and send nothing out.
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="countystat-prefect-"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "CRITICAL")

from countystat.flows.home import Home  # noqa: E402
from countystat.sources.catalog import Catalog, load_catalog  # noqa: E402
from countystat.sources.units import UnitRegistry, load_units  # noqa: E402

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The built-in indicator catalog."""
    return load_catalog()


@pytest.fixture(scope="session")
def registry() -> UnitRegistry:
    """The built-in demo county."""
    return load_units(None)


@pytest.fixture(scope="session")
def prefect_server():
    """One temporary Prefect API for every test that runs a real flow."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def home(tmp_path: Path) -> Home:
    """An empty countystat home."""
    return Home(tmp_path / "home")


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory) -> tuple[Home, str]:
    """A home built by running `countystat demo` as a user does (a real process, its own Prefect)."""
    import subprocess
    import sys

    root = tmp_path_factory.mktemp("demo") / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    cli = Path(sys.executable).with_name("countystat")
    done = subprocess.run([str(cli), "demo", "--home", str(root)], env=env, capture_output=True, text=True,
                          timeout=900)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    return Home(root), output


@pytest.fixture(scope="session")
def demo_home(demo_run) -> Home:
    """The demo county's home after `countystat demo`."""
    return demo_run[0]
