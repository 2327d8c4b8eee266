"""Putting git back: the branch, the whole index, or one file's entry in the index.

A review that is refused after git ran (a hook changed the commit, a hook hung, the reviewer
was interrupted) must leave the repository as it found it. The index goes back the way git
itself writes it: the new content is written to ``index.lock`` (created exclusively, so never
under another git process's feet) and renamed over the index.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from reviewer.core.review.gitrepo import INDEX_LOCK_WAIT, GitRepo


def read_index(repo: GitRepo) -> bytes | None:
    """The index file's bytes (None: there is none yet), to put back with restore_index."""
    try:
        return (repo.git_dir / "index").read_bytes()
    except FileNotFoundError:
        return None


def restore_index(repo: GitRepo, snapshot: bytes | None, wait: float = INDEX_LOCK_WAIT) -> bool:
    """Make the index ``snapshot`` again (nothing is written if it already is); False when
    another process held index.lock for longer than ``wait`` seconds."""
    index, lock = repo.git_dir / "index", repo.git_dir / "index.lock"
    fd = _take_lock(lock, wait)
    if fd is None:
        return False
    try:
        current = read_index(repo)
        if current == snapshot:
            os.close(fd)
            lock.unlink()
        elif snapshot is None:
            os.close(fd)
            index.unlink()
            lock.unlink()
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(snapshot)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(lock, index)
    except BaseException:
        _unlink_quietly(lock)
        raise
    return True


def _take_lock(lock: Path, wait: float) -> int | None:
    deadline = time.monotonic() + wait
    while True:
        try:
            return os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.05)


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def branch_ref(repo: GitRepo) -> str | None:
    """The branch HEAD is on (``refs/heads/main``); None when detached."""
    status, out, _ = repo.run("symbolic-ref", "-q", "HEAD")
    return out.strip() if status == 0 and out.strip() else None


def move_branch(repo: GitRepo, ref: str, to: str | None, expected: str | None) -> bool:
    """Point ``ref`` at ``to`` (None: delete it, for a branch that had no commit), only if
    it still points at ``expected``; the reflog says the reviewer did it."""
    message = "reviewer: undo a review commit that was refused"
    if to is None:
        args = ["update-ref", "-m", message, "-d", ref] + ([expected] if expected else [])
    else:
        args = ["update-ref", "-m", message, ref, to] + ([expected] if expected else [])
    return repo.run(*args)[0] == 0


def index_entry(repo: GitRepo, rel: str) -> tuple[str, str] | None:
    """(mode, blob sha) of the file's entry in the index; None when it has none."""
    status, out, _ = repo.run("ls-files", "-z", "--stage", "--", rel)
    for entry in out.split("\0") if status == 0 else []:
        meta, _, name = entry.partition("\t")
        fields = meta.split()
        if name == rel and len(fields) == 3 and fields[2] == "0":
            return fields[0], fields[1]
    return None


def set_index_entry(repo: GitRepo, rel: str, entry: tuple[str, str] | None,
                    wait: float = INDEX_LOCK_WAIT) -> bool:
    """Make the file's index entry ``entry`` (None: remove it from the index)."""
    if entry is None:
        args = ["update-index", "--force-remove", "--", rel]
    else:
        args = ["update-index", "--add", "--cacheinfo", entry[0], entry[1], rel]
    return repo.index_command(*args, wait=wait).status == 0
