"""Shared fixtures: the built-in catalog and demo county, one Prefect test server, the demo home.

What takes long to start starts in the background, and the tests run in an order that gives it time:
1. tests without Prefect (the session's Prefect server and `countystat demo` start when the tests
   are collected);
2. tests on the session's Prefect server (when the first starts, each test module's start_early()
   starts the servers that module's tests watch);
3. tests marked own_servers, which start Prefect servers of their own;
4. tests on the demo home.
Every test is the same test as when run alone; only the waiting moves."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Protocol

import pytest

# Prefect reads its settings at import: keep its state in a scratch folder and send nothing out.
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="countystat-prefect-"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "CRITICAL")

from countystat.sources.home import Home  # noqa: E402
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


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "own_servers: the test starts Prefect servers of its own (run late)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests without Prefect first, then those on the session's Prefect server, then those that start
    Prefect servers of their own, then those on the demo home: what they wait for starts in the
    background meanwhile, and no two groups of servers start at once."""
    items.sort(key=lambda item: (needs(item, "demo_run"), item.get_closest_marker("own_servers") is not None,
                                 needs(item, "prefect_server")))  # stable: each group keeps its order


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the Prefect server and `countystat demo` now if any selected test needs them."""
    if session.config.option.collectonly:
        return
    if any(needs(item, "prefect_server") for item in session.items):
        session.config.stash[PREFECT] = SessionPrefect()
    if any(needs(item, "demo_run") for item in session.items):
        session.config.stash[DEMO] = DemoRun()
    session.config.stash[EARLY] = {}
    session.config.stash[TO_START] = [m for m in dict.fromkeys(getattr(i, "module", None) for i in session.items)
                                      if hasattr(m, "start_early")]


def pytest_runtest_setup(item: pytest.Item) -> None:
    """When the first test on the session's Prefect server starts, start what each test module's
    start_early() starts (its own servers): they come up while the tests on Prefect run. Not
    sooner: the session's server and the demo's would start more slowly beside them."""
    to_start = item.config.stash.get(TO_START, [])
    if needs(item, "prefect_server") and to_start:
        started = item.config.stash.setdefault(EARLY, {})
        while to_start:
            module = to_start.pop(0)
            started[module.__name__] = module.start_early()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Stop whatever is still running of what was started early (tests stop what they check)."""
    started = [session.config.stash.get(key, None) for key in (DEMO, PREFECT)]
    for handle in [*session.config.stash.get(EARLY, {}).values(), *started]:
        if handle is not None:
            handle.stop()


class Started(Protocol):
    """What a test module's start_early() returns: processes started, and how to stop what is left."""

    def stop(self) -> None: ...


EARLY = pytest.StashKey[dict[str, Started]]()
TO_START = pytest.StashKey[list]()


@pytest.fixture(scope="module")
def early(request: pytest.FixtureRequest) -> Started:
    """What this test module's start_early() started (started now if no test on Prefect ran before)."""
    started, to_start = request.config.stash.setdefault(EARLY, {}), request.config.stash.get(TO_START, [])
    if request.module.__name__ not in started:
        if request.module in to_start:
            to_start.remove(request.module)
        started[request.module.__name__] = request.module.start_early()
    return started[request.module.__name__]


@pytest.fixture(scope="session")
def demo_run(pytestconfig) -> tuple[Home, str]:
    """A home built by running `countystat demo` as a user does (a real process, its own Prefect)."""
    if DEMO not in pytestconfig.stash:
        pytestconfig.stash[DEMO] = DemoRun()
    return pytestconfig.stash[DEMO].result()


@pytest.fixture(scope="session")
def demo_home(demo_run) -> Home:
    """The demo county's home after `countystat demo`."""
    return demo_run[0]
