"""Team work on a shared repository: git's merge driver for record files (``reviewer
merge-file``). ``reviewer sync`` and resolving conflicts build on it (issue 13)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from reviewer.core.atomic import write_atomic
from reviewer.core.errors import ReviewerError
from reviewer.core.files import read_regular
from reviewer.core.review.mergedriver import MergedFile, merge_record, record_conflicts

DRIVER_NAME = "reviewer"
DRIVER_COMMAND = "reviewer merge-file %O %A %B %P"
MAX_RECORD_BYTES = 64 * 1024 * 1024


def merge_file(base: Path, ours: Path, theirs: Path, path: str) -> MergedFile:
    """What git's ``merge.reviewer.driver`` runs: merge the three versions of the record at
    ``path``, write the result over ``ours`` (git's ``%A``), and keep the field conflicts
    where ``reviewer`` and the app read them. Nothing is written when a file cannot be read."""
    try:
        sides = [read_regular(Path(p), MAX_RECORD_BYTES) for p in (base, ours, theirs)]
    except OSError as exc:
        raise ReviewerError(f"cannot read a version to merge: {exc.strerror or exc}",
                            path=exc.filename) from None
    merged = merge_record(*sides, path=path)
    write_atomic(ours, merged.text)
    git_dir = _git_dir()
    if git_dir is not None:
        record_conflicts(git_dir, path, merged.conflicts)
    return merged


def _git_dir() -> Path | None:
    """The repository git runs the driver in (its working folder), if any."""
    done = subprocess.run(["git", "rev-parse", "--absolute-git-dir"], capture_output=True, text=True)
    return Path(done.stdout.strip()) if done.returncode == 0 and done.stdout.strip() else None
