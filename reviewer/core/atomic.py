"""Atomic file writes: a reader sees the old file or the new one, never half of one.

The new bytes go to a temporary file in the same folder (same file system, so the rename
is atomic), are flushed to disk, take the old file's permission bits, and replace it in
one ``os.replace``. On any failure the temporary file is removed and the original stays.

A process killed mid-write (SIGKILL, a power cut) cannot remove its temporary file. Each
writer holds a lock on its temporary file while it exists, so the next write in that
folder can tell a dead writer's leftover (unlocked) from a live one's and removes it.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from reviewer.core import locks

TEMP_SUFFIX = ".reviewer-tmp"
# Of the 255 bytes a file name may have, what the temporary file keeps of the target's name
# (the rest: two dots, mkstemp's 8 random characters, the suffix).
_NAME_ROOM = 255 - 2 - 8 - len(TEMP_SUFFIX)


def write_atomic(path: Path | str, data: bytes) -> None:
    target = Path(os.path.realpath(path))  # write through a symlink, keep the link
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = 0o644
    remove_stale_temp_files(target.parent)
    try:
        _write_via_temp(target, data, mode)
    except FileNotFoundError:
        if not target.parent.is_dir():
            raise
        # Another writer's sweep took our temporary file in the instant before we locked
        # it (it looked like a dead writer's): write again.
        _write_via_temp(target, data, mode)
    _fsync_dir(target.parent)


def _write_via_temp(target: Path, data: bytes, mode: int) -> None:
    short = os.fsencode(target.name)[:_NAME_ROOM].decode("utf-8", "ignore")  # a 255-byte name fits
    fd, tmp = tempfile.mkstemp(prefix=f".{short}.", suffix=TEMP_SUFFIX, dir=target.parent)
    try:
        locks.try_lock(fd)  # "a live writer's": see remove_stale_temp_files
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, target)  # still locked until closed: never taken for stale
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Remove the temporary files of writers that died in ``folder``; returns them."""
    removed = []
    try:
        names = [n for n in os.listdir(folder) if n.startswith(".") and n.endswith(TEMP_SUFFIX)]
    except OSError:
        return removed
    for name in names:
        path = folder / name
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue
        try:
            if stat.S_ISREG(os.fstat(fd).st_mode) and locks.try_lock(fd):
                os.unlink(path)  # nobody writes it: a dead writer's
                removed.append(path)
        except OSError:
            pass
        finally:
            os.close(fd)
    return removed


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
