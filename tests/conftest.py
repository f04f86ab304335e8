"""Shared fixtures: the built-in catalog and demo county, one Prefect test server, the demo home.

The Prefect server and the demo take a while to start: both start in the background as soon as the
tests are collected, and the tests that need them run last."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import socket
import tempfile
import threading
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


PREFECT_STARTUP_TIMEOUT = 120
PREFECT = pytest.StashKey["SessionPrefect"]()


class SessionPrefect:
    """The session's Prefect API server as prefect_test_harness starts it (a temporary SQLite database,
    no UI), but started in a thread as soon as the tests are collected: its cold start overlaps the
    tests that need no Prefect, which run first."""

    def __init__(self) -> None:
        from prefect.server.api.server import SubprocessASGIServer

        self.folder = Path(tempfile.mkdtemp(prefix="countystat-prefect-db-"))
        self.server = SubprocessASGIServer(port=free_port())
        self.failure: BaseException | None = None
        self.thread = threading.Thread(target=self._start, name="prefect-server-start", daemon=True)
        self.thread.start()

    def _start(self) -> None:
        from prefect.settings import PREFECT_SERVER_DATABASE_CONNECTION_URL, temporary_settings

        database = f"sqlite+aiosqlite:///{self.folder / 'prefect-test.db'}"
        try:
            with temporary_settings({PREFECT_SERVER_DATABASE_CONNECTION_URL: database}):
                self.server.start(timeout=PREFECT_STARTUP_TIMEOUT)
        except BaseException as exc:  # handed to the test that waits for the server
            self.failure = exc

    def api_url(self) -> str:
        """Wait until the server answers; its API's URL."""
        self.thread.join()
        if self.failure is not None:
            raise RuntimeError(f"the Prefect test server did not start: {self.failure!r}") from self.failure
        return self.server.api_url

    def stop(self) -> None:
        """Stop the server and remove its database."""
        self.thread.join()
        self.server.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def free_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def prefect_server(pytestconfig) -> Iterator[str]:
    """One Prefect API for every test that runs a real flow; its URL, for PREFECT_API_URL."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if PREFECT not in pytestconfig.stash:
        pytestconfig.stash[PREFECT] = SessionPrefect()
    session = pytestconfig.stash[PREFECT]
    api_url = session.api_url()
    SubprocessASGIServer._instances[None] = session.server  # as the harness does: a flow finds it, starts none
    try:
        with temporary_settings({PREFECT_API_URL: api_url}):
            yield api_url
            APILogWorker.drain_all()  # as the harness does: no log or event left to send to a stopped server
            EventsWorker.drain_all()
    finally:
        SubprocessASGIServer._instances.pop(None, None)


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


def needs(item: pytest.Item, fixture: str) -> bool:
    return fixture in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests without Prefect first, then those on the session's Prefect server, then those on the
    demo home: the server and the demo start in the background meanwhile."""
    items.sort(key=lambda item: (needs(item, "demo_run"), needs(item, "prefect_server")))  # stable


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the Prefect server and `countystat demo` now if any selected test needs them."""
    if any(needs(item, "prefect_server") for item in session.items):
        session.config.stash[PREFECT] = SessionPrefect()
    if any(needs(item, "demo_run") for item in session.items):
        session.config.stash[DEMO] = DemoRun()


def pytest_sessionfinish(session: pytest.Session) -> None:
    for key in (DEMO, PREFECT):
        started = session.config.stash.get(key, None)
        if started is not None:
            started.stop()


@pytest.fixture(scope="session")
def demo_run(pytestconfig) -> tuple[Home, str]:
    """A home built by running `countystat demo` as a user does (a real process, its own Prefect)."""
    return pytestconfig.stash[DEMO].result()


@pytest.fixture(scope="session")
def demo_home(demo_run) -> Home:
    """The demo county's home after `countystat demo`."""
    return demo_run[0]
