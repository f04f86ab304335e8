"""The measured process of the backfill benchmark: one collect or backfill job in a fresh Python process.

Run as: python benchmarks/backfill_job.py JOB.json (benchmarks/job_process.py:measure does). It writes
its timings to JOB.result.json. Imports only the standard library at import time: Dask's spawned
worker processes may import it again as their __main__.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def run_job(job_file: Path) -> int:
    """Run a collect or backfill job in this fresh process and write its timings beside the job."""
    started = time.perf_counter()
    job = json.loads(job_file.read_text(encoding="utf-8"))
    result: dict[str, object] = {}
    try:
        from countystat.sources.home import Home
        from countystat.flows.ops.prefect_env import configure_prefect

        configure_prefect(Home(Path(job["home"])))
        startup = _start_prefect()
        if job["kind"] == "collect":
            result = _collect_job(job)
        else:
            result = _backfill_job(job)
        result["startup_seconds"] = startup
    except ImportError as exc:
        result = {"error": f"{type(exc).__name__}: {exc}"}
    import resource

    result["ru_maxrss_self"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    result["ru_maxrss_children"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    result["process_seconds_in"] = time.perf_counter() - started
    job_file.with_suffix(".result.json").write_text(json.dumps(result), encoding="utf-8")
    return 3 if "error" in result else 0


def _start_prefect() -> float:
    """Seconds for an empty flow run: Prefect's import and API start-up, paid once per process."""
    start = time.perf_counter()
    from prefect import flow

    @flow(name="benchmark-warm-up")
    def warm_up() -> None:
        """Nothing: it starts Prefect's API, so the timed flows do not include its start-up."""

    warm_up()
    return time.perf_counter() - start


def _collect_job(job: dict) -> dict[str, object]:
    """Drop each month's forms into the inbox and run the real collect flow for that month."""
    from countystat.flows.collect import collect
    from countystat.sources.archive import link_or_copy

    inbox = Path(job["home"]) / "inbox"
    seconds = []
    for month, files in job["months"]:
        folder = inbox / month
        folder.mkdir(parents=True, exist_ok=True)
        for source in files:
            link_or_copy(Path(source), folder / Path(source).name)
        start = time.perf_counter()
        collect(home=job["home"], month=month)
        seconds.append(time.perf_counter() - start)
        print(f"collect {month}: {seconds[-1]:.1f} s", flush=True)
    return {"seconds": sum(seconds), "per_month": seconds}


def _backfill_job(job: dict) -> dict[str, object]:
    """Time one backfill over the job's months."""
    import importlib

    module, name = job["callable"].split(":")
    backfill = getattr(importlib.import_module(module), name)
    start = time.perf_counter()
    summary = backfill(home=job["home"], first=job["first"], last=job["last"], runner=job["runner"])
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "summary": repr(summary)[:600]}


if __name__ == "__main__":
    sys.exit(run_job(Path(sys.argv[1])))
