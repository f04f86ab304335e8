"""A guardian that stops Prefect's ephemeral API server when countystat dies without stopping it.

With no PREFECT_API_URL, Prefect starts its API server as a child process and stops it at exit. A
countystat killed alone (kill -9 PID) never reaches that exit, and the server would live on, orphaned.
The guardian is a small child process that notes the server and stops it once its parent is gone.

The guardian imports only the standard library: it runs as `python -m countystat.flows.server_guard PID`.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

SERVER_MARK = "prefect.server.api.server:create_app"  # in the ephemeral server's command line
POLL_SECONDS = 0.5
STOP_SECONDS = 5.0
DEATH_SIGNAL = signal.SIGUSR1  # blocked in the guardian, so it only ends a wait
PR_SET_PDEATHSIG = 1

_guarded_pid: int | None = None  # the process that started a guardian; a forked child is not guarded
_guardian: subprocess.Popen[bytes] | None = None  # referenced: a running Popen that is collected warns


def guard_ephemeral_server() -> None:
    """Start, once per process, a guardian that stops Prefect's ephemeral server if this process dies (Linux)."""
    global _guarded_pid, _guardian
    if sys.platform != "linux" or os.environ.get("PREFECT_API_URL") or _guarded_pid == os.getpid():
        return
    _guardian = subprocess.Popen(
        [sys.executable, "-m", __name__, str(os.getpid())],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # same process group: a kill of the whole group takes the guardian along with the server
    _guarded_pid = os.getpid()


def _stat_fields(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (state first), or None if it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as file:
            stat = file.read().decode("ascii", "replace")
    except OSError:
        return None
    return stat[stat.rfind(")") + 2:].split()  # the name may hold spaces and parentheses


def _start_time(pid: int) -> str | None:
    """When the process started (stat field 22), or None if it is gone or only a zombie."""
    fields = _stat_fields(pid)
    if fields is None or fields[0] == "Z":
        return None
    return fields[19]


def _is_server(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as file:
            return SERVER_MARK.encode() in file.read()
    except OSError:
        return False


def _servers_started_by(parent: int) -> dict[int, str]:
    """The parent's ephemeral Prefect servers, by pid, with their start times."""
    servers = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        fields = _stat_fields(int(name))
        if fields is not None and fields[0] != "Z" and fields[1] == str(parent) and _is_server(int(name)):
            servers[int(name)] = fields[19]
    return servers


def _alive(servers: dict[int, str]) -> list[int]:
    """The servers still running: same pid and same start time, so a reused pid is left alone."""
    return [pid for pid, started in servers.items() if _start_time(pid) == started]


def _signal_all(pids: list[int], sig: signal.Signals) -> None:
    for pid in pids:
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass


def _stop(servers: dict[int, str]) -> None:
    """SIGTERM to the servers still running, then SIGKILL to those still running after STOP_SECONDS."""
    _signal_all(_alive(servers), signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS
    while _alive(servers) and time.monotonic() < deadline:
        time.sleep(0.1)
    _signal_all(_alive(servers), signal.SIGKILL)


def _ask_for_death_signal() -> None:
    """Have the kernel send DEATH_SIGNAL when the parent dies; polling getppid() still covers a failure."""
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(DEATH_SIGNAL))


def _watch(parent: int) -> None:
    """Note the parent's servers until the parent is gone, then stop those still running."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C is the parent's to handle; it stops its server
    signal.pthread_sigmask(signal.SIG_BLOCK, {DEATH_SIGNAL})
    _ask_for_death_signal()
    servers: dict[int, str] = {}
    # Checked after asking for the signal: a parent that died before that is seen here.
    # The signal also comes when the parent's thread that started us ends: getppid() decides.
    while os.getppid() == parent:
        servers.update(_servers_started_by(parent))
        signal.sigtimedwait({DEATH_SIGNAL}, POLL_SECONDS)
    _stop(servers)


if __name__ == "__main__":
    _watch(int(sys.argv[1]))
