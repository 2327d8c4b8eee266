"""Finding and reading the record files for the index.

:func:`walk_records` lists the files exactly as :meth:`Workspace.record_paths` does (same
order, same hidden-file and folder-symlink rules) but with their stat, in one pass of
``os.scandir``. :func:`read_batches` reads and parses batches of them, with one worker
process per core when there are enough to pay for starting them.

Measured on the two-core benchmark machine (``tests/bench_index.py``): with two workers
parsing while this process writes rows and full text, a cold index of 10,000 records takes
about 0.55 of the time in one process, of 2,000 records 0.6; at 800 records starting the
workers (forkserver, and each importing the program's main module) eats the gain, so fewer
than ``PARALLEL_MIN`` files are read in this process.
"""

from __future__ import annotations

import os
import signal
from dataclasses import dataclass
from typing import Iterator

from reviewer.core.index.store import INO_MASK, RACY_NS, stat_signature  # noqa: F401 (also from here)
from reviewer.core.layout import RECORD_SUFFIXES
from reviewer.core.workspace import RECORDS_DIR, Workspace, unlisted_note

PARALLEL_MIN = 1000       # fewer files than this are read in this process (no pool start-up)
CHUNK = 250               # files per batch: the unit of progress, cancelling and committing
AHEAD = 2                 # batches read ahead per worker process



@dataclass
class RecordFileStat:
    key: str                          # path relative to the workspace, with "/"
    path: str                         # absolute path
    sig: tuple[int, int, int] | None  # size, mtime_ns, inode; (-1, -1, -1): stat failed
    shown: str | None = None          # Summary.file when it is not ``key`` (symlinks)


def walk_records(workspace: Workspace, unlisted: list[str] | None = None) -> list[RecordFileStat]:
    """Every record file with its stat; folders that cannot be listed are added to
    ``unlisted`` as one-line notes (their records are missing from the list)."""
    if not workspace.layout.is_default:
        return _configured_records(workspace, unlisted)
    out: list[RecordFileStat] = []
    top = workspace.records_dir
    linked_top = top.is_symlink()

    def visit(folder: str, rel: str) -> None:
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError as exc:
            if unlisted is not None:
                unlisted.append(unlisted_note(rel.rstrip("/"), exc))
            return
        files, dirs = [], []
        for entry in listed:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            (dirs if is_dir else files).append(entry)
        for entry in sorted(files, key=lambda e: e.name):
            if entry.name.startswith(".") or not entry.name.endswith(RECORD_SUFFIXES):
                continue
            try:
                st = entry.stat()
                sig = (st.st_size, st.st_mtime_ns, st.st_ino & INO_MASK)
            except OSError:
                sig = (-1, -1, -1)
            # Workspace.relative resolves symlinks; only then can it differ from the key.
            key, shown = rel + entry.name, None
            if linked_top or entry.is_symlink():
                shown = workspace.relative(entry.path)
                shown = None if shown == key else shown
            out.append(RecordFileStat(key, entry.path, sig, shown))
        for entry in sorted(dirs, key=lambda e: e.name):
            if not entry.name.startswith(".") and not entry.is_symlink():
                visit(entry.path, rel + entry.name + "/")  # os.walk does not follow links

    visit(str(top), RECORDS_DIR + "/")
    return out


def _configured_records(workspace: Workspace, unlisted: list[str] | None) -> list[RecordFileStat]:
    """The record files a reviewer.toml's globs name, with their stat."""
    out = []
    for rel in workspace.layout.record_files(workspace.root, unlisted):
        path = str(workspace.root / rel)
        shown = None
        if os.path.islink(path):
            shown = workspace.relative(path)
            shown = None if shown == rel else shown
        out.append(RecordFileStat(rel, path, stat_signature(path) or (-1, -1, -1), shown))
    return out


# ---- reading ---------------------------------------------------------------------------------
def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def read_batches(todo: list, reuse: frozenset, root: str) -> tuple[Iterator[list], int]:
    """``(batches of fastread.read_rows results, number of processes reading)``. Close the
    iterator to stop early (it then stops the workers)."""
    if not todo:
        return (batch for batch in ()), 1   # nothing to read (and no reader to load)
    from reviewer.core.index import fastread
    chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]
    workers = cores()
    if len(todo) < PARALLEL_MIN or workers < 2 or not main_importable():
        return (fastread.read_rows(c, reuse, root) for c in chunks), 1
    return _parallel(chunks, reuse, root, workers), workers


def main_importable() -> bool:
    """Worker processes import the program's main module again (the multiprocessing rule:
    it must be guarded by ``if __name__ == "__main__"``); a main read from stdin cannot be,
    and its workers would die with tracebacks. Then this process reads alone."""
    import sys
    main = sys.modules.get("__main__")
    if getattr(main, "__spec__", None) is not None:
        return True
    path = getattr(main, "__file__", None)
    return path is None or os.path.isfile(path)


def worker_context(preload: tuple[str, ...] = ("reviewer.core.index.fastread",)):
    """The multiprocessing context for worker processes, with ``preload`` imported once in
    the forkserver (when this process starts it; else each worker imports on first use)."""
    import multiprocessing
    # A fork of a process with threads (the app refreshes on a worker thread) can deadlock
    # in the child; the forkserver forks from a clean single-threaded server that has the
    # reader imported already, so a second refresh starts its workers quickly.
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(list(preload))
        return ctx
    return multiprocessing.get_context("spawn")


def _parallel(chunks: list, reuse: frozenset, root: str, workers: int) -> Iterator[list]:
    """Batches read by worker processes, as they finish. A pool that cannot start or
    breaks leaves its batches to this process; closing the generator (the caller was
    cancelled) drops the batches not started."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    from reviewer.core.index import fastread
    left = list(range(len(chunks)))
    pool = None
    try:
        pool = ProcessPoolExecutor(workers, mp_context=worker_context(),
                                   initializer=ignore_interrupts)
        # A few batches ahead of the caller, not all of them: the workers read faster than
        # the index is written, and every batch read ahead waits in memory (at 100,000
        # files, hundreds of MB).
        waiting = iter(list(left))
        running: dict = {}

        def submit_next() -> None:
            i = next(waiting, None)
            if i is not None:
                running[pool.submit(fastread.read_rows, chunks[i], reuse, root)] = i

        for _ in range(workers * AHEAD):
            submit_next()
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                i = running.pop(future)
                submit_next()
                try:
                    result = future.result()
                except Exception:  # noqa: BLE001 - a broken pool: read that batch here instead
                    continue
                left.remove(i)
                yield result
    except (OSError, RuntimeError, ImportError):
        pass
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    for i in list(left):
        yield fastread.read_rows(chunks[i], reuse, root)


def ignore_interrupts() -> None:
    """In a worker process: Ctrl+C is the main process's to handle. Interrupted in the middle
    of a task, a worker can leave the pool waiting forever for its answer."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
