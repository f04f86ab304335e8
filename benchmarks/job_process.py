"""Measuring a benchmark job: its wall time and the peak memory of its whole process tree.

A job runs in a fresh Python process (benchmarks/backfill_job.py) in its own process group; a thread
samples the RSS and PSS of that process and all its children (Prefect's API server, Dask's workers)
every 0.1 s with psutil. Imports only the standard library at import time.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

MB = 1e6
SAMPLE_SECONDS = 0.1
JOB_TIMEOUT = 3600.0
JOB_SCRIPT = Path(__file__).resolve().parent / "backfill_job.py"


@dataclass
class Measured:
    """One job's process: wall seconds, what it reported, and its peak memory."""

    wall: float
    result: dict
    peak_rss: int = 0     # bytes: the largest sampled sum of RSS over the process and its children
    peak_pss: int = 0     # bytes: the largest sampled sum of PSS (shared pages split between sharers)
    peak_single: int = 0  # bytes: the largest sampled RSS of one process
    at_peak: list[tuple[str, int]] = field(default_factory=list)  # (role, RSS) of each process at the RSS peak
    samples: int = 0
    log: Path | None = None

    @property
    def ok(self) -> bool:
        """True when the job ran to the end."""
        return "error" not in self.result

    @property
    def seconds(self) -> float:
        """Seconds the job itself reported (the flow calls), else the wall time."""
        return float(self.result.get("seconds", self.wall))

    @property
    def peak_maxrss(self) -> int:
        """The largest single process's ru_maxrss (the job process or one of its reaped children)."""
        return max(int(self.result.get("ru_maxrss_self", 0)), int(self.result.get("ru_maxrss_children", 0)))

    def breakdown(self) -> str:
        """The processes at the peak, by role, e.g. 'job 306 + Prefect API 216 + 2 x Dask worker 610'."""
        roles: dict[str, list[int]] = {}
        for role, rss in self.at_peak:
            roles.setdefault(role, []).append(rss)
        return " + ".join(f"{f'{len(v)} x ' if len(v) > 1 else ''}{role} {sum(v) / MB:.0f}"
                          for role, v in roles.items())


def process_role(proc, root_pid: int) -> str:
    """What a process of the job's tree is, from its command line."""
    if proc.pid == root_pid:
        return "job"
    try:
        command = " ".join(proc.cmdline())
        parent = proc.ppid()
    except Exception:  # psutil.Error: gone or inaccessible
        return "other"
    if "prefect.server" in command:
        return "Prefect API" if parent == root_pid else "Prefect API of a worker"
    if "resource_tracker" in command:
        return "mp resource tracker"
    if "distributed" in command or "dask" in command:
        return "Dask worker/nanny"
    if "multiprocessing" in command:  # a spawned worker: a Dask worker's process, or a read worker of the job's
        return "worker process"
    return Path(command.split(" ")[0]).name or "other"


class TreeSampler(threading.Thread):
    """Samples the memory of a process and all its descendants every 0.1 s."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.done = pid, threading.Event()
        self.peak_rss = self.peak_pss = self.peak_single = self.samples = 0
        self.at_peak: list[tuple[str, int]] = []

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self.done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            rss_total = pss_total = 0
            seen = []
            for proc in tree:
                try:
                    info = proc.memory_full_info()
                except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                    continue
                rss_total += info.rss
                pss_total += getattr(info, "pss", info.rss)
                self.peak_single = max(self.peak_single, info.rss)
                seen.append((proc, info.rss))
            if rss_total > self.peak_rss:
                self.peak_rss = rss_total
                self.at_peak = [(process_role(proc, self.pid), rss) for proc, rss in seen]
            self.peak_pss = max(self.peak_pss, pss_total)
            self.samples += 1
            self.done.wait(SAMPLE_SECONDS)


def measure(job: dict, work: Path, name: str) -> Measured:
    """Run a job in a fresh Python process (its own process group) and sample its tree's memory."""
    job_file = work / "jobs" / f"{name}.json"
    job_file.parent.mkdir(parents=True, exist_ok=True)
    job_file.write_text(json.dumps(job), encoding="utf-8")
    result_file = job_file.with_suffix(".result.json")
    result_file.unlink(missing_ok=True)
    log = job_file.with_suffix(".log")
    env = {**os.environ, "PREFECT_HOME": str(work / "prefect")}
    start = time.perf_counter()
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, str(JOB_SCRIPT), str(job_file)],
                                stdout=out, stderr=subprocess.STDOUT, env=env, cwd=work, start_new_session=True)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        try:
            code = proc.wait(timeout=JOB_TIMEOUT)
        except BaseException:  # the timeout or Ctrl-C: stop the job's whole process group
            os.killpg(proc.pid, signal.SIGKILL)
            code = proc.wait()
            raise
        finally:
            sampler.done.set()
            sampler.join()
    wall = time.perf_counter() - start
    if result_file.exists():
        result = json.loads(result_file.read_text(encoding="utf-8"))
    else:
        result = {"error": f"the job process exited with code {code} without a result; see {log}"}
    if code not in (0, 3) and "error" not in result:
        result["error"] = f"exit code {code}; see {log}"
    return Measured(wall, result, sampler.peak_rss, sampler.peak_pss, sampler.peak_single, sampler.at_peak,
                    sampler.samples, log)


def log_tail(log: Path | None, lines: int = 15) -> str:
    """The end of a job's log, indented."""
    if log is None or not log.exists():
        return ""
    text = log.read_text(encoding="utf-8", errors="replace").rstrip().splitlines()[-lines:]
    return "\n".join(f"    | {line}" for line in text)
