"""A local Prefect server for `countystat serve`: `prefect server start` on loopback, supervised.

Nothing here imports Prefect: the server's address must be known before Prefect reads its settings.
"""
from __future__ import annotations

import fcntl
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import IO

HOST = "127.0.0.1"
DEFAULT_PORT = 4200
STARTUP_TIMEOUT = 240.0  # seconds; a cold start takes 15-25 s on two busy cores
STOP_TIMEOUT = 30.0
# No analytics, no telemetry, no marketing in the UI: this must work with no internet.
OFFLINE_ENV = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_UI_SHOW_PROMOTIONAL_CONTENT": "false",
}


class PrefectServerError(RuntimeError):
    """No usable Prefect server: it would not start, stopped by itself, or does not answer."""


def api_healthy(api_url: str, timeout: float = 2.0) -> bool:
    """Whether a Prefect API answers its health check at this URL (the one ending in /api)."""
    try:
        with urllib.request.urlopen(f"{api_url.rstrip('/')}/health", timeout=timeout) as response:
            return response.status == 200 and response.read().strip() == b"true"
    except (OSError, urllib.error.URLError, ValueError):
        return False


def port_is_free(port: int, host: str = HOST) -> bool:
    """Whether nothing listens on host:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds it
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def choose_port(port: int | None, host: str = HOST) -> int:
    """The port asked for (it must be free), else 4200 if free, else one the system picks."""
    if port is not None:
        if not port_is_free(port, host):
            raise PrefectServerError(f"port {port} on {host} is in use: choose another with --port")
        return port
    if port_is_free(DEFAULT_PORT, host):
        return DEFAULT_PORT
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: the server gets SIGTERM if countystat dies without stopping it (kill -9)."""
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class LocalServer:
    """`prefect server start` on loopback with its state in prefect_home, for a `with` block.

    Entering starts it and waits until /api/health answers; leaving stops it (SIGTERM, then kill).
    If it stops by itself meanwhile, the main thread gets SIGTERM (so serving stops) and leaving
    raises PrefectServerError with a one-line reason. One server per prefect_home at a time.
    """

    def __init__(self, prefect_home: Path, port: int | None = None,
                 startup_timeout: float = STARTUP_TIMEOUT) -> None:
        self.prefect_home = prefect_home
        self.requested_port = port
        self.startup_timeout = startup_timeout
        self.port = 0
        self.log_path = prefect_home / "server.log"
        self.failure: str | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._lock: IO[str] | None = None
        self._stopping = False

    @property
    def url(self) -> str:
        """The UI's address, http://127.0.0.1:PORT."""
        return f"http://{HOST}:{self.port}"

    @property
    def api_url(self) -> str:
        """The API's address, for PREFECT_API_URL."""
        return f"{self.url}/api"

    def __enter__(self) -> LocalServer:
        self.prefect_home.mkdir(parents=True, exist_ok=True)
        self._take_lock()
        try:
            self.port = choose_port(self.requested_port)
            self._start()
            self._wait_until_healthy()
        except BaseException:
            self._stop()
            raise
        threading.Thread(target=self._watch, name="countystat-prefect-server-watch", daemon=True).start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._stop()
        if self.failure:
            raise PrefectServerError(self.failure) from None

    def _take_lock(self) -> None:
        lock = (self.prefect_home / "server.lock").open("a+")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            owner = lock.read().strip() or "?"
            lock.close()
            raise PrefectServerError(
                f"another countystat serve (pid {owner}) runs a Prefect server on {self.prefect_home}"
            ) from None
        lock.seek(0)
        lock.truncate()
        lock.write(str(os.getpid()))
        lock.flush()
        self._lock = lock

    def _start(self) -> None:
        env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
        env.update(OFFLINE_ENV, PREFECT_HOME=str(self.prefect_home))
        command = [sys.executable, "-m", "prefect", "server", "start", "--host", HOST,
                   "--port", str(self.port), "--log-level", "WARNING"]
        with self.log_path.open("wb") as log:
            # Its own session: a Ctrl-C reaches countystat, which stops serving first, then the server.
            self._process = subprocess.Popen(
                command, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True, preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )

    def _wait_until_healthy(self) -> None:
        assert self._process is not None
        deadline = time.monotonic() + self.startup_timeout
        while not api_healthy(self.api_url):
            if self._process.poll() is not None:
                raise PrefectServerError(self._exit_reason("could not start", self._process.returncode))
            if time.monotonic() > deadline:
                raise PrefectServerError(
                    f"the local Prefect server did not answer at {self.url} within "
                    f"{self.startup_timeout:.0f} s; its log is {self.log_path}"
                )
            time.sleep(0.5)

    def _watch(self) -> None:
        assert self._process is not None
        code = self._process.wait()
        if self._stopping:
            return
        self.failure = self._exit_reason("stopped unexpectedly", code)
        signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGTERM)

    def _exit_reason(self, what: str, code: int) -> str:
        if code < 0:
            said = f"killed by {signal.Signals(-code).name}"
        else:
            lines = [line.strip() for line in self.log_path.read_text("utf-8", "replace").splitlines()]
            last = next((line for line in reversed(lines) if line and line != "Server stopped!"), "")
            said = f"exit code {code}" + (f": {last}" if last else "")
        return f"the local Prefect server {what} ({said}); its log is {self.log_path}"

    def _stop(self) -> None:
        self._stopping = True
        process = self._process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._lock is not None:
            self._lock.close()
            self._lock = None
