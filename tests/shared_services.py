"""What a test run shares between its processes: one Prefect API server and one `countystat demo` run.

The process pytest starts in (pytest-xdist's controller, or pytest itself without `-n`) makes a scratch
folder and names it in COUNTYSTAT_TEST_SHARED, which the xdist workers inherit. The first process to
need a service claims it (a file created exclusively), starts it in a process group of its own and
writes the group down; the others wait for what it writes. The folder's maker stops every group
written down when the run ends, whichever worker started it and whenever that worker finished."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

SHARED_ENV = "COUNTYSTAT_TEST_SHARED"
PREFECT_STARTUP_TIMEOUT = 120.0
DEMO_TIMEOUT = 900.0
PORT_IN_USE = 3  # uvicorn's exit code when its port was taken meanwhile


def make_shared_folder() -> Path | None:
    """Make the run's shared folder unless a parent process already did; the folder if this process owns it."""
    if os.environ.get(SHARED_ENV):
        return None
    folder = Path(tempfile.mkdtemp(prefix="countystat-tests-"))
    os.environ[SHARED_ENV] = str(folder)
    return folder


def shared_folder() -> Path:
    """The run's shared folder."""
    return Path(os.environ[SHARED_ENV])


def claim(name: str) -> bool:
    """True for the one process of the run that asks first: it starts the service."""
    try:
        os.close(os.open(shared_folder() / f"{name}.claim", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True


def stop_all(folder: Path) -> None:
    """Stop every process group started for the run, then remove its folder."""
    groups_file = folder / "groups"
    groups = [int(line) for line in groups_file.read_text().split()] if groups_file.exists() else []
    for group in groups:
        _signal_group(group, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while any(_alive(group) for group in groups) and time.monotonic() < deadline:
        time.sleep(0.1)
    for group in groups:
        _signal_group(group, signal.SIGKILL)
    shutil.rmtree(folder, ignore_errors=True)


def free_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _record_group(process: subprocess.Popen) -> None:
    with (shared_folder() / "groups").open("a") as groups:
        groups.write(f"{process.pid}\n")


def _signal_group(group: int, sig: signal.Signals) -> None:
    try:
        os.killpg(group, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True


def _publish(path: Path, text: str) -> None:
    """Write a file others poll for, whole or not at all."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def _wait_for(path: Path, timeout: float, what: str, failure: Path | None = None) -> str:
    """The text of a file another process writes; the test fails if it says it failed or takes too long."""
    deadline = time.monotonic() + timeout
    while not path.exists():
        if failure is not None and failure.exists():
            pytest.fail(f"{what} failed: {failure.read_text('utf-8')}")
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not finish within {timeout:.0f} s")
        time.sleep(0.1)
    return path.read_text("utf-8")


class PrefectService:
    """A Prefect API server as prefect_test_harness starts one (uvicorn, a temporary SQLite database, no UI).

    Once it answers, a copy of its freshly migrated database is kept as the run's template: a test whose
    subject is not a server's first start seeds its Prefect home with it (seed_prefect_home), and the
    server it starts skips Prefect's ~100 migrations (about 8 s of CPU each time here)."""

    def __init__(self) -> None:
        self.folder = shared_folder() / "prefect"
        self.url_file = self.folder / "api_url"
        self.failure_file = self.folder / "failure"
        self.template_file = self.folder / "template.db"

    def start(self) -> None:
        """Start the server; a thread waits until it answers and then tells the other processes its URL."""
        self.folder.mkdir()
        threading.Thread(target=self._serve, name="prefect-server-start", daemon=True).start()

    def api_url(self) -> str:
        """Wait until the server answers; its API's URL."""
        return _wait_for(self.url_file, PREFECT_STARTUP_TIMEOUT, "starting the Prefect test server", self.failure_file)

    def seed_prefect_home(self, prefect_home: Path) -> None:
        """Give a new Prefect home a database already migrated by this version of Prefect (waits for it)."""
        self.api_url()  # the template is written before the URL
        prefect_home.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.template_file, prefect_home / "prefect.db")

    def _serve(self) -> None:
        import httpx

        deadline = time.monotonic() + PREFECT_STARTUP_TIMEOUT
        try:
            port, process = self._launch()
            with httpx.Client() as client:
                while time.monotonic() < deadline:
                    if process.poll() == PORT_IN_USE:
                        port, process = self._launch()
                    elif process.poll() is not None:
                        raise RuntimeError(f"uvicorn exited with code {process.returncode}: "
                                           f"{(self.folder / 'stderr').read_text('utf-8')[-2000:]}")
                    try:
                        if client.get(f"http://127.0.0.1:{port}/api/health").status_code == 200:
                            self._save_template()
                            _publish(self.url_file, f"http://127.0.0.1:{port}/api")
                            return
                    except httpx.TransportError:
                        pass
                    time.sleep(0.1)
            raise RuntimeError(f"no answer within {PREFECT_STARTUP_TIMEOUT:.0f} s")
        except BaseException as exc:  # told to every process that waits for the server
            _publish(self.failure_file, repr(exc))

    def _save_template(self) -> None:
        """Copy the migrated database, consistently, while the server holds it open."""
        import sqlite3

        partial = self.template_file.with_name("template.db.partial")
        source, copy = sqlite3.connect(self.folder / "prefect-test.db"), sqlite3.connect(partial)
        try:
            source.backup(copy)
        finally:
            source.close()
            copy.close()
        partial.replace(self.template_file)

    def _launch(self) -> tuple[int, subprocess.Popen]:
        import prefect

        port = free_port()
        env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1",
               "PREFECT__SERVER_FINAL": "1",
               "PREFECT_SERVER_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{self.folder / 'prefect-test.db'}"}
        command = [sys.executable, "-m", "uvicorn", "--app-dir", str(prefect.__module_path__.parent),
                   "--factory", "prefect.server.api.server:create_app", "--host", "127.0.0.1",
                   "--port", str(port), "--log-level", "error", "--lifespan", "on"]
        with (self.folder / "stdout").open("ab") as out, (self.folder / "stderr").open("ab") as err:
            process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                       start_new_session=True)
        _record_group(process)
        return port, process


class DemoService:
    """`countystat demo` run as a user does (a real process, its own Prefect), in a home of the run's."""

    def __init__(self) -> None:
        self.folder = shared_folder() / "demo"
        self.root = self.folder / "home"
        self.code_file = self.folder / "exit_code"

    def start(self) -> None:
        """Start the demo; its exit code is written down when it ends."""
        self.folder.mkdir()
        env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
        cli = Path(sys.executable).with_name("countystat")
        script = '"$0" demo --home "$1" >"$2/stdout" 2>"$2/stderr"; echo $? >"$2/exit_code.partial"; ' \
                 'mv "$2/exit_code.partial" "$2/exit_code"'
        process = subprocess.Popen(["sh", "-c", script, str(cli), str(self.root), str(self.folder)], env=env,
                                   stdin=subprocess.DEVNULL, start_new_session=True)  # its Prefect server and guardian too
        _record_group(process)

    def result(self) -> tuple[int, str]:
        """Wait for the demo; its exit code and what it printed."""
        code = _wait_for(self.code_file, DEMO_TIMEOUT, "countystat demo")
        output = (self.folder / "stdout").read_text("utf-8") + (self.folder / "stderr").read_text("utf-8")
        return int(code), output
