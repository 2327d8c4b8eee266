"""Advisory locks that work across processes: one writer of a record at a time.

Two ``reviewer set`` processes, the app's save and a verify may all want to rewrite the same
record. The "did it change since I read it?" check and the rename that replaces the file
must happen as one step, so each writer holds :func:`record_lock` for both. The lock is an
``flock`` on a small file named after the record's real path, in the user's cache folder:
nothing is added to the workspace, and (unlike a lock on the record itself, whose replaced
inode stays allocated while locked) it costs no disk space when the disk is full.

Locks are reentrant within a thread (a verify holds the record's lock around a save that
takes it again) and exclusive between threads and processes.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from reviewer.core import userdirs
from reviewer.core.errors import ReviewerError

RECORD_LOCK_WAIT = 10.0    # seconds a writer waits for another writer of the same record
_POLL = 0.02
_held = threading.local()  # realpath -> depth, for this thread


class LockTimeout(ReviewerError):
    """Another writer held the lock for longer than we wait."""


try:
    import fcntl

    def try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
except ImportError:  # Windows
    import msvcrt

    def try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


def wait_for(fd: int, wait: float, busy_message: str) -> None:
    """Lock ``fd``, waiting up to ``wait`` seconds; raise LockTimeout with the message."""
    deadline = time.monotonic() + wait
    while not try_lock(fd):
        if time.monotonic() >= deadline:
            raise LockTimeout(busy_message)
        time.sleep(_POLL)


def _depths() -> dict[str, int]:
    if not hasattr(_held, "depths"):
        _held.depths = {}
    return _held.depths


@contextmanager
def record_lock(path: Path | str, wait: float = RECORD_LOCK_WAIT) -> Iterator[None]:
    """Hold the write lock of the record file at ``path``."""
    key = os.path.realpath(path)
    depths = _depths()
    if depths.get(key):
        depths[key] += 1
        try:
            yield
        finally:
            depths[key] -= 1
        return
    fd = _lock_current_file(key, wait)
    depths[key] = 1
    try:
        yield
    finally:
        del depths[key]
        try:
            unlock(fd)
        finally:
            os.close(fd)


@contextmanager
def record_locks(paths: Iterable[Path | str], wait: float = RECORD_LOCK_WAIT) -> Iterator[None]:
    """Hold the write locks of several record files (a record's language files), taken in
    one stable order (by real path), so two writers of the same files never deadlock."""
    with ExitStack() as stack:
        for key in sorted({os.path.realpath(p) for p in paths}):
            stack.enter_context(record_lock(key, wait))
        yield


def _lock_file(key: str) -> int:
    """The lock file of a record: in the cache folder, or (unusable) the system's temp."""
    name = hashlib.sha256(os.fsencode(key)).hexdigest()[:32] + ".lock"
    fallback = Path(tempfile.gettempdir()) / f"reviewer-locks-{os.getuid() if hasattr(os, 'getuid') else 0}"
    for folder in (userdirs.cache_dir() / "locks", fallback):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            return os.open(folder / name, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            last = exc
    raise last


def _lock_current_file(key: str, wait: float) -> int:
    fd = _lock_file(key)
    try:
        wait_for(fd, wait, f"{key}: another reviewer process is writing this record "
                           f"(waited {wait:g} s); try again")
    except BaseException:
        os.close(fd)
        raise
    return fd
