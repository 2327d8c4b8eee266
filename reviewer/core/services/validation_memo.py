"""``reviewer validate`` on a workspace nobody changed: the answer it printed last time.

Even with every file's findings kept (:mod:`validation`), a warm run over ten thousand
records spends most of its time making fifty thousand issues and printing them. So the
printed answer itself is kept, with a digest of everything it depends on: the files asked
about (names and stats), every file under the sources folder (names and stats), the
configuration, the validator's version, and the caller's own variant (output format, the
folder paths are shown relative to). Any difference, or anything modified too recently for
its stat to be trusted, and the answer is made again from the kept findings. Where the
digest cannot be sure to cover everything (a symlinked or unlistable sources folder, files
outside any workspace), nothing is kept.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reviewer import __version__
from reviewer.core.index.outputs import Outputs
from reviewer.core.index.store import RACY_NS, Store, stat_signature
from reviewer.core.review.issues import Issue, counts
from reviewer.core.services.validation import (VERSION, by_workspace, check_workspace_files,
                                               in_given_order, validate_paths)
from reviewer.core.workspace import Workspace


@dataclass(frozen=True)
class Validated:
    data: bytes       # the answer as the caller rendered it
    errors: int
    warnings: int
    kept: bool        # it was the answer kept from an earlier run


def validated(paths: list[Path], render: Callable[[list[Issue]], bytes], *,
              slot: str, variant: str) -> Validated:
    """The issues of ``paths`` rendered by ``render``, from the answer kept in ``slot``
    when neither the files nor ``variant`` (all else the rendering depends on) changed."""
    groups = by_workspace(paths)
    if len(groups) != 1 or groups[0][0] is None:
        return _made(validate_paths(paths), render)
    ws = groups[0][0]
    store = Store(ws.root, None)
    try:
        now_ns = time.time_ns()
        state = workspace_state(ws, paths, variant, now_ns)
        outputs = Outputs(store)
        data = outputs.get(f"validate:{slot}", state) if state is not None else None
        if data is not None:
            head, _, text = data.partition(b"\n")
            errors, warnings = (int(n) for n in head.split())
            return Validated(text, errors, warnings, kept=True)
        answer = _made(in_given_order(check_workspace_files(ws, paths, store), paths), render)
        if state is not None:
            head = f"{answer.errors} {answer.warnings}\n".encode("ascii")
            outputs.keep(f"validate:{slot}", state, head + answer.data)
        return answer
    finally:
        store.dispose()


def _made(issues: list[Issue], render: Callable[[list[Issue]], bytes]) -> Validated:
    errors, warnings = counts(issues)
    return Validated(render(issues), errors, warnings, kept=False)


def workspace_state(ws: Workspace, paths: list[Path], variant: str, now_ns: int) -> str | None:
    """A digest of what validating ``paths`` depends on; None when it cannot be trusted."""
    parts = [f"{VERSION}\0{__version__}\0{ws.config!r}\0{variant}"]
    for path in paths:
        name = str(path)
        sig = stat_signature(name)
        if sig is None or sig[0] < 0 or sig[1] + RACY_NS >= now_ns:
            return None
        parts.append(f"{name}\0{sig[0]}:{sig[1]}:{sig[2]}")
    top = ws.layout.sources_root
    if not top or top in (".", "/"):
        return None   # sources beside the records: not worth walking everything
    top = os.path.join(str(ws.root), top)
    if os.path.islink(top) or not _sources_state(top, now_ns, parts):
        return None
    return hashlib.sha1("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _sources_state(folder: str, now_ns: int, parts: list[str]) -> bool:
    """Every file under the sources folder by name and stat, added to ``parts`` (a superset
    of each record's sources); False where that might miss a change: a symlinked folder
    (its files could change elsewhere), a folder that cannot be listed, a racily recent
    file."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except FileNotFoundError:
        return folder != ""   # no sources (yet): a new one changes the listing above it
    except OSError:
        return False
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                if not _sources_state(entry.path, now_ns, parts):
                    return False
                continue
            if entry.is_symlink() and os.path.isdir(entry.path):
                return False
            st = entry.stat()
        except OSError as exc:
            parts.append(f"{entry.path}:{exc.errno}")
            continue
        if st.st_mtime_ns + RACY_NS >= now_ns:
            return False
        parts.append(f"{entry.path}:{st.st_size}:{st.st_mtime_ns}:{st.st_ino}")
    return True
