"""The audit's worker process: where a cold read parses versions, or checks citations,
beside the process that asked.
"""

from __future__ import annotations

import multiprocessing
import signal
from concurrent.futures import ProcessPoolExecutor


def spawn_pool() -> ProcessPoolExecutor:
    """A pool of one fresh worker process. Spawned, not forked: the app asks from a worker
    thread, and forking a threaded process is unsafe."""
    return ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=ignore_interrupts)


def ignore_interrupts() -> None:
    """In a worker process: Ctrl+C is the main process's to handle. Interrupted in the middle
    of a task, a worker can leave the pool waiting forever for its answer."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
