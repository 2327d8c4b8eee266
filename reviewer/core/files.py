"""Reading files that someone else controls: regular files only, and never too much.

A cloned repository may hold a FIFO named ``records/x.md`` (reading it waits forever), a
device (``/dev/zero`` never ends), or a file far larger than any record. Every read of a
record, a source or a file to attach goes through :func:`read_regular`: it opens without
blocking, checks the opened file itself (no race with a swap between check and read), and
refuses with a one-line reason.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MiB = 1024 * 1024
# Generous limits: the largest real record seen is about 100 KB, a policy PDF 30 MB.
MAX_RECORD_BYTES = 8 * MiB
MAX_SOURCE_BYTES = 100 * MiB

_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISDIR, "a folder"))


class NotReadable(OSError):
    """The path is not a regular file, or is too large; ``str()`` says which."""


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_regular(path: Path | str, limit: int, what: str = "file") -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes.

    Raises :class:`NotReadable` (not a regular file, too large) or another OSError
    (missing, no permission...)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotReadable(f"{kind_of(info.st_mode)}, not a regular file; not read")
        if info.st_size > limit:
            raise NotReadable(f"too large for a {what} ({info.st_size / MiB:.1f} MB; the limit is "
                              f"{limit / MiB:.0f} MB); not read")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(limit + 1 - total, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # grew while being read
                raise NotReadable(f"too large for a {what} (over {limit / MiB:.0f} MB); not read")
        return b"".join(chunks)
    finally:
        os.close(fd)


def describe(exc: OSError) -> str:
    """An OSError as the user should read it (no errno numbers, no repeated path)."""
    if isinstance(exc, NotReadable):
        return str(exc)
    return exc.strerror or str(exc)
