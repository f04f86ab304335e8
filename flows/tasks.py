"""Pipeline steps as Prefect tasks: the same plain functions, with Prefect's retries and logs."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from prefect import Task, task
from prefect.cache_policies import NONE
from prefect.futures import PrefectFuture
from prefect.utilities.annotations import quote

from countystat.warehouse.publish import begin_build, commit_build

IO_RETRIES: dict[str, Any] = dict(retries=3, retry_delay_seconds=[1, 4, 10])  # I/O tasks only


class TaskStep:
    """A pipeline step run as a Prefect task named like it (or `name`); reads are deterministic, so only
    steps doing I/O get retries. Arguments go quote()d: Prefect would otherwise walk every object in
    them (the files read, the catalog, the registry) on each task run, looking for futures."""

    def __init__(self, step: Callable[..., Any], name: str | None = None, retries: bool = False) -> None:
        self.step = step
        self.task: Task[..., Any] = task(step, name=name or step.__name__, cache_policy=NONE,
                                         **(IO_RETRIES if retries else {}))

    def __call__(self, *args: Any) -> Any:
        """Run the step as a task of the current flow run; its result."""
        return self.task(*(quote(a) for a in args))

    def submit(self, *args: Any) -> PrefectFuture[Any]:
        """Submit the step to the flow's task runner; a future of its result."""
        return self.task.submit(*(quote(a) for a in args))


def io_step(step: Callable[..., Any], name: str | None = None) -> TaskStep:
    """A step doing I/O that may pass on a retry (a file briefly busy, a full disk freed)."""
    return TaskStep(step, name, retries=True)


start_build = io_step(begin_build, "start_build")  # a new warehouse version, copied from the published one
publish = io_step(commit_build, "publish")  # the new version made the one readers open: one atomic rename
