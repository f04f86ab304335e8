"""The garbage collector during a run that builds many objects."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def objects_frozen() -> Iterator[None]:
    """The objects alive now (the modules imported, Prefect's, the catalog's) left out of the collector's
    full collections until the block ends (gc.freeze), so that a run reading thousands of forms pays for
    walking what it builds, not the whole process's heap at each full collection."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
