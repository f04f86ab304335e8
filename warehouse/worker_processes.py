"""Python-bound work spread over worker processes (threads would share one core under the GIL)."""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor


def spawned_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes spawned, not forked: they import only what they run (no Prefect, no threads of
    the calling process)."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
