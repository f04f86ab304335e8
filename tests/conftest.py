"""Shared fixtures: the built-in catalog and demo county, one Prefect test server, the demo home.

`make test` runs the tests in two pytest-xdist workers; the Prefect test server and the demo run
once per run for both (tests/shared_services.py), and the tests of a module with servers of its own
stay in one worker (`xdist_group`).

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
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Protocol

import pytest

# Prefect reads its settings at import: keep its state in a scratch folder and send nothing out.
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="countystat-prefect-"))
if os.environ.get("PYTEST_XDIST_WORKER"):  # each worker its own, not its parent's
    os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix=f"countystat-prefect-{os.environ['PYTEST_XDIST_WORKER']}-")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "CRITICAL")
os.environ.setdefault("COUNTYSTAT_CACHE", tempfile.mkdtemp(prefix="countystat-cache-"))  # not the user's ~/.cache

from countystat.sources.home import Home  # noqa: E402
from countystat.sources.catalog import Catalog, load_catalog  # noqa: E402
from countystat.sources.units import UnitRegistry, load_units  # noqa: E402
from tests.shared_services import DemoService, PrefectService, claim, make_shared_folder, stop_all  # noqa: E402

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The built-in indicator catalog."""
    return load_catalog()


@pytest.fixture(scope="session")
def registry() -> UnitRegistry:
    """The built-in demo county."""
    return load_units(None)


PREFECT = pytest.StashKey[PrefectService]()
SHARED = pytest.StashKey[Path]()


@pytest.fixture(scope="session")
def prefect_server(pytestconfig) -> Iterator[str]:
    """One Prefect API for every test that runs a real flow, in whichever process; its URL, for PREFECT_API_URL."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import PREFECT_API_URL, temporary_settings

    api_url = service(pytestconfig, PREFECT, PrefectService).api_url()
    known = SubprocessASGIServer(port=int(api_url.rsplit(":", 1)[1].split("/")[0]))
    known.running = True  # as the harness does: a flow finds this server, starts none
    SubprocessASGIServer._instances[None] = known
    try:
        with temporary_settings({PREFECT_API_URL: api_url}):
            yield api_url
            APILogWorker.drain_all()  # as the harness does: no log or event left to send to a stopped server
            EventsWorker.drain_all()
    finally:
        SubprocessASGIServer._instances.pop(None, None)


def service(config: pytest.Config, key, kind):  # type: ignore[no-untyped-def]
    """The run's shared service of this kind, started by this process if none has started it yet."""
    if key not in config.stash:
        config.stash[key] = kind()
        if claim(kind.__name__):
            config.stash[key].start()
    return config.stash[key]


@pytest.fixture(scope="session")
def seed_prefect_home(pytestconfig) -> Callable[[Path], None]:
    """Gives a new Prefect home the run's migrated database, for tests whose subject is not Prefect's first start."""
    return service(pytestconfig, PREFECT, PrefectService).seed_prefect_home


@pytest.fixture
def home(tmp_path: Path) -> Home:
    """An empty countystat home."""
    return Home(tmp_path / "home")


DEMO = pytest.StashKey[DemoService]()


def needs(item: pytest.Item, fixture: str) -> bool:
    return fixture in getattr(item, "fixturenames", ())


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "own_servers: the test starts Prefect servers of its own (run late)")
    config.addinivalue_line("markers", "xdist_group(name): pytest-xdist runs the group's tests in one worker")
    if (folder := make_shared_folder()) is not None:  # the process pytest started in: the xdist workers' parent
        config.stash[SHARED] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    """The process that made the run's shared folder stops what was started for the run."""
    if SHARED in config.stash:
        stop_all(config.stash[SHARED])


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """In one process: tests without Prefect first, then those on the session's Prefect server, then those
    that start Prefect servers of their own, then those on the demo home: what they wait for starts in the
    background meanwhile, and no two groups of servers start at once. In two xdist workers the tests with
    servers of their own come first instead: their long waits then overlap the other worker's tests
    rather than end the run."""
    own_first = bool(os.environ.get("PYTEST_XDIST_WORKER"))
    items.sort(key=lambda item: (needs(item, "demo_run"),
                                 (item.get_closest_marker("own_servers") is not None) != own_first,
                                 needs(item, "prefect_server")))  # stable: each group keeps its order


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the Prefect server and `countystat demo` now if any selected test needs them (each once per
    run, whichever process asks first)."""
    if session.config.option.collectonly:
        return
    if any(needs(item, "prefect_server") for item in session.items):
        service(session.config, PREFECT, PrefectService)
    if any(needs(item, "demo_run") for item in session.items):
        service(session.config, DEMO, DemoService)
    session.config.stash[EARLY] = {}
    in_one_process = not os.environ.get("PYTEST_XDIST_WORKER")  # a worker can't know which modules it will run
    session.config.stash[TO_START] = [m for m in dict.fromkeys(getattr(i, "module", None) for i in session.items)
                                      if hasattr(m, "start_early")] if in_one_process else []


def ungrouped_items(config: pytest.Config, items: list[pytest.Item]) -> list[str]:
    """The ids of a worker's items marked xdist_group that pytest-xdist left without their group's
    suffix (it sets one under --dist loadgroup; some pytest versions keep node ids where it can't)."""
    if not os.environ.get("PYTEST_XDIST_WORKER") or not config.getvalue("loadgroup"):
        return []
    return [item.nodeid for item in items if item.get_closest_marker("xdist_group") and "@" not in item.nodeid]


def pytest_runtest_setup(item: pytest.Item) -> None:
    """When the first test on the session's Prefect server starts, start what each test module's
    start_early() starts (its own servers): they come up while the tests on Prefect run. Not
    sooner: the session's server and the demo's would start more slowly beside them. A test pytest-xdist
    failed to put in its xdist_group fails here, before it starts anything."""
    if ungrouped_items(item.config, [item]):
        pytest.fail("pytest-xdist did not put this test in its xdist_group under --dist loadgroup, so the group's "
                    "servers would start in both workers: use the pytest pinned in requirements.lock", pytrace=False)
    to_start = item.config.stash.get(TO_START, [])
    if needs(item, "prefect_server") and to_start:
        started = item.config.stash.setdefault(EARLY, {})
        while to_start:
            module = to_start.pop(0)
            started[module.__name__] = module.start_early(service(item.config, PREFECT, PrefectService).seed_prefect_home)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Stop whatever is still running of what was started early (tests stop what they check)."""
    for handle in session.config.stash.get(EARLY, {}).values():
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
        seed = service(request.config, PREFECT, PrefectService).seed_prefect_home
        started[request.module.__name__] = request.module.start_early(seed)
    return started[request.module.__name__]


@pytest.fixture(scope="session")
def demo_run(pytestconfig) -> tuple[Home, str]:
    """A home built by running `countystat demo` as a user does (a real process, its own Prefect)."""
    demo = service(pytestconfig, DEMO, DemoService)
    code, output = demo.result()
    assert code == 0, output
    return Home(demo.root), output


@pytest.fixture(scope="session")
def demo_home(demo_run) -> Home:
    """The demo county's home after `countystat demo`."""
    return demo_run[0]
