"""Records prepared ahead of the auditor: loaded in a worker, kept few, never stale.

The app loads the neighbours of the open record (the next and previous rows of its list)
before the auditor asks for them, so that stepping through the list costs one frame. A
record prepared earlier may only be shown if its files are still what was read: each
entry carries the stat signature (size, mtime, ctime, inode, mode) of the record's files
(every language file, existing or not) and of its source folder, taken once before
reading and once after. An entry whose two signatures differ was read while something
wrote it, and is not kept; nor is one with a file changed within :data:`RACY_NS` of the
read (file times tick coarsely: a second write in the same tick, of the same size, would
leave the signature as it was; git calls such entries "racily clean"). A kept entry is
checked again (a few ``os.stat`` calls) when taken. The app also drops entries on every
change it learns of.

No Qt here: the cache is plain data, driven from the UI thread only.
"""

from __future__ import annotations

import os
import sys
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from reviewer.core.errors import ReviewerError
from reviewer.core.services.records import LoadedRecord, load_record
from reviewer.core.sources.outline import distinct_labels
from reviewer.core.workspace import Workspace

CAPACITY = 4          # the open record, its two neighbours, and one being left behind
# A file changed this close to its read is not trusted unchanged: file times tick by up to
# a jiffy on Linux and 2 s on FAT.
RACY_NS = 2_000_000_000
Stat = tuple[int, int, int, int, int] | None   # size, mtime_ns, ctime_ns, inode, mode
Signature = tuple[tuple[str, Stat], ...]


@dataclass
class PreparedRecord:
    """A record loaded for showing, with what the source pane would compute on the UI
    thread (each source's outline labels) done already."""
    loaded: LoadedRecord
    labels: list[list[str]] = field(default_factory=list)   # per source, per heading
    record_id: str | None = None     # the id that named the source folder signed
    signature: Signature = ()
    stable: bool = True              # nothing changed while it was read: it may be cached
    _size: int | None = None         # see :attr:`size`

    @property
    def path(self) -> Path:
        return self.loaded.path

    @property
    def size(self) -> int:
        """Approximate bytes held (:func:`approx_size`), measured when first asked: it
        takes ~2 ms, which a load the auditor waits for need not spend."""
        if self._size is None:
            self._size = approx_size(self)
        return self._size


def _stat(path: str) -> Stat:
    try:
        st = os.stat(path)
    except OSError:
        return None   # missing or unreachable: a file appearing later changes the signature
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_mode


def record_files(ws: Workspace, path: Path) -> list[Path]:
    """Every file the record at ``path`` may be read from: its language files, existing or
    not (one appearing makes it another bundle), or just ``path``."""
    key = ws.record_key(path)
    siblings = ws.layout.siblings(key) if key else {}
    return [ws.root / rel for rel in siblings.values()] or [Path(path)]


def _source_folder(ws: Workspace, record_id: str | None) -> Path | None:
    if not record_id:
        return None
    try:
        return ws.sources_dir(record_id)
    except ReviewerError:
        return None   # an id that names no folder has no sources to sign


def signature(ws: Workspace, path: Path, record_id: str | None) -> Signature:
    """The stat of the record's files, of its source folder and of everything under it
    (folders too: a file added or removed changes its folder's mtime)."""
    out = [(str(p), _stat(str(p))) for p in record_files(ws, path)]
    folder = _source_folder(ws, record_id)
    if folder is not None:
        out.append((str(folder), _stat(str(folder))))
        for here, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(dirs) + sorted(files):
                full = os.path.join(here, name)
                out.append((full, _stat(full)))
    return tuple(out)


def prepare(ws: Workspace, path: Path, record_id: str | None = None) -> PreparedRecord:
    """Load the record at ``path`` as the form shows it (worker side). ``record_id``: the
    id the record is expected to have (its list row's), to sign its source folder before
    reading; when the file says another, the result is shown but not cached."""
    started = time.time_ns()
    before = signature(ws, path, record_id)
    loaded = load_record(ws, path)
    read_id = loaded.record.record_id if loaded.record is not None else None
    after = signature(ws, path, read_id)
    labels = [distinct_labels(source.outline) for source in loaded.sources]
    # An unreadable record reads no sources: its record files alone must hold.
    same = before == after or (read_id is None and before[:len(after)] == after)
    stable = same and not racy(after, started)
    return PreparedRecord(loaded, labels, read_id, after, stable=stable)


def racy(sig: Signature, read_at: int) -> bool:
    """Whether a file of ``sig`` changed (mtime or ctime) within :data:`RACY_NS` of
    ``read_at`` (``time.time_ns()`` before the read), or after it."""
    return any(stat is not None and max(stat[1], stat[2]) >= read_at - RACY_NS
               for _name, stat in sig)


def approx_size(prepared: PreparedRecord) -> int:
    """Bytes an entry holds: everything reachable from it (containers, strings, the record
    engine's objects), each object once. The bench checks it against tracemalloc."""
    return _deep_size(prepared, set())


def _deep_size(value: object, seen: set[int]) -> int:
    if id(value) in seen or isinstance(value, (type, Workspace)):
        return 0   # a class, or the workspace: shared by all, not the entry's
    seen.add(id(value))
    size = sys.getsizeof(value)
    if isinstance(value, dict):
        size += sum(_deep_size(k, seen) + _deep_size(v, seen) for k, v in value.items())
    elif isinstance(value, (list, tuple, set, frozenset)):
        size += sum(_deep_size(item, seen) for item in value)
    elif type(value).__module__.startswith("reviewer."):   # the engine's own objects
        fields = getattr(value, "__dict__", None)
        if fields is not None:
            size += _deep_size(fields, seen)
        for name in getattr(type(value), "__slots__", ()):
            size += _deep_size(getattr(value, name, None), seen)
    return size


class PrefetchCache:
    """At most ``capacity`` prepared records by path, least recently used dropped first.
    :meth:`take` returns an entry only while its files are as they were read."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self._entries: OrderedDict[Path, PreparedRecord] = OrderedDict()
        self.hits = self.misses = self.stale = 0

    def put(self, prepared: PreparedRecord) -> bool:
        """Keep ``prepared`` if it was read whole (see :func:`prepare`); True if kept."""
        if not prepared.stable:
            return False
        self._entries[prepared.path] = prepared
        self._entries.move_to_end(prepared.path)
        while len(self._entries) > self.capacity:
            self._entries.popitem(last=False)
        return True

    def take(self, ws: Workspace, path: Path) -> PreparedRecord | None:
        """The entry for ``path`` if its files' signature is unchanged; a changed one is
        dropped (never shown)."""
        prepared = self._entries.get(path)
        if prepared is None:
            self.misses += 1
            return None
        if signature(ws, path, prepared.record_id) != prepared.signature:
            del self._entries[path]
            self.stale += 1
            return None
        self._entries.move_to_end(path)
        self.hits += 1
        return prepared

    def has(self, path: Path) -> bool:
        return path in self._entries

    def keep_only(self, paths: Iterable[Path]) -> None:
        """Drop every entry but these (what the auditor moved away from)."""
        wanted = set(paths)
        for path in [p for p in self._entries if p not in wanted]:
            del self._entries[path]

    def drop_files(self, files: Iterable[Path]) -> None:
        """Drop the entries that read any of ``files`` (a record file written)."""
        names = {str(f) for f in files}
        for path, prepared in list(self._entries.items()):
            if str(path) in names or any(name in names for name, _ in prepared.signature):
                del self._entries[path]

    def drop_records(self, record_ids: Iterable[str]) -> None:
        """Drop the entries of these record ids (their source files changed)."""
        ids = set(record_ids)
        for path, prepared in list(self._entries.items()):
            if prepared.record_id in ids:
                del self._entries[path]

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)

    def paths(self) -> list[Path]:
        return list(self._entries)

    @property
    def bytes(self) -> int:
        return sum(p.size for p in self._entries.values())
