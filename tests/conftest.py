"""Shared fixtures: the built-in catalog and demo county, filled forms, one Prefect test server."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
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
def prefect_server() -> Iterator[str]:
    """One temporary Prefect API for every test that runs a real flow; its URL, for PREFECT_API_URL."""
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield PREFECT_API_URL.value()


@pytest.fixture
def home(tmp_path: Path) -> Home:
    """An empty countystat home."""
    return Home(tmp_path / "home")


DEMO_TIMEOUT = 900.0
DEMO = pytest.StashKey["DemoRun"]()


class DemoRun:
    """`countystat demo` run as a user does (a real process, its own Prefect), started in the background."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="countystat-demo-"))
        self.root = self.folder / "home"
        env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
        cli = Path(sys.executable).with_name("countystat")
        with (self.folder / "stdout").open("wb") as out, (self.folder / "stderr").open("wb") as err:
            self.process = subprocess.Popen([str(cli), "demo", "--home", str(self.root)], env=env,
                                            stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                            start_new_session=True)  # its group: its Prefect server and guardian

    def result(self) -> tuple[Home, str]:
        """Wait for the demo; its home and what it printed."""
        try:
            code = self.process.wait(DEMO_TIMEOUT)
        except subprocess.TimeoutExpired:
            pytest.fail(f"countystat demo did not finish within {DEMO_TIMEOUT:.0f} s")
        output = (self.folder / "stdout").read_text("utf-8") + (self.folder / "stderr").read_text("utf-8")
        assert code == 0, output
        return Home(self.root), output

    def stop(self) -> None:
        """Stop it if it still runs, and remove its home."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def needs_demo(item: pytest.Item) -> bool:
    return "demo_run" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests on the demo home run last, so the demo builds while the others run."""
    items.sort(key=needs_demo)  # stable: each group keeps its order


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start `countystat demo` now if any selected test needs it."""
    if any(needs_demo(item) for item in session.items):
        session.config.stash[DEMO] = DemoRun()


def pytest_sessionfinish(session: pytest.Session) -> None:
    demo = session.config.stash.get(DEMO, None)
    if demo is not None:
        demo.stop()


@pytest.fixture(scope="session")
def demo_run(pytestconfig) -> tuple[Home, str]:
    """A home built by running `countystat demo` as a user does (a real process, its own Prefect)."""
    return pytestconfig.stash[DEMO].result()


@pytest.fixture(scope="session")
def demo_home(demo_run) -> Home:
    """The demo county's home after `countystat demo`."""
    return demo_run[0]
