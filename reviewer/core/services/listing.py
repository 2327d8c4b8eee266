"""The record list as ``reviewer list`` prints it: from the workspace index, brought up to
date first (a stat of each file; new and changed files are read, by worker processes when
there are many). The index's rows are what the record engine reads (``tests/test_index.py``
compares them), so the list is the engine's at a fraction of the time.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Callable

from reviewer.core.index.workspace_index import WorkspaceIndex
from reviewer.core.record.summary import Summary
from reviewer.core.workspace import Workspace


def list_records(ws: Workspace) -> tuple[list[Summary], list[str]]:
    """Every record (a record's language files are one row), in the list's order, and
    notes on the index cache worth telling (it was damaged and rebuilt...). Folders that
    could not be listed are in ``ws.unlisted``, as after :meth:`Workspace.record_paths`."""
    with WorkspaceIndex.open(ws) as index:
        report = index.refresh()
        summaries = index.summaries()
    ws.unlisted = list(report.unlisted)
    return summaries, [report.cache_note] if report.cache_note else []


def unshared(ws: Workspace) -> set[Path]:
    """Record files committed here but not yet on the branch's upstream (pushed): the list
    marks their records. Empty when the branch has no upstream, the folder is no
    repository or git cannot run (nothing to say)."""
    return unshared_later(ws)()


def unshared_later(ws: Workspace) -> Callable[[], set[Path]]:
    """:func:`unshared`, asked of git now and answered when called: the list is read
    meanwhile. One git process (names relative to the workspace: ``--relative``)."""
    try:
        proc = subprocess.Popen(["git", "-C", str(ws.root), "log", "--format=", "--name-only",
                                 "-z", "--relative", "@{upstream}..HEAD", "--"],
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL)
    except OSError:
        return set

    def answer() -> set[Path]:
        try:
            out, _ = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            return set()
        if proc.returncode != 0:   # no upstream, no repository
            return set()
        names = (name.strip("\n") for name in out.decode("utf-8", "surrogateescape").split("\0"))
        return {ws.root / name for name in names if name}
    return answer
