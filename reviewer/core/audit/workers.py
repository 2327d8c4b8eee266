"""The audit's worker process: where a cold read parses versions, or checks citations,
beside the process that asked.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from reviewer.core.index.scan import ignore_interrupts


def spawn_pool() -> ProcessPoolExecutor:
    """A pool of one fresh worker process. Spawned, not forked: the app asks from a worker
    thread, and forking a threaded process is unsafe."""
    return ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=ignore_interrupts)
