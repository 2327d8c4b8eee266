"""The second, background step of indexing: source texts and citation statuses.

After :meth:`WorkspaceIndex.refresh` has the record list, this reads the files under
``sources/<record-id>/`` (exactly as the app shows them: :func:`sources.read_source`, so
GBK plans, HTML pages and PDFs give the same text), puts their text into the full-text
index, and stores each pillar's citation status (checked exactly as the app and the CLI
check it, sources in the same order) so the list can be filtered by it. Like records, a
source is re-read only when its stat changed (or was racily recent) and its bytes did too;
statuses are recomputed for records whose row changed (their status is then empty) or
whose sources changed. It is incremental, so the app can run it after every refresh (and
after ``refresh_paths``). Work is committed folder by folder, so a refresh waiting for the
write lock waits little.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from reviewer.core.files import MAX_SOURCE_BYTES, read_regular
from reviewer.core.index.fastread import blob_id
from reviewer.core.index.scan import INO_MASK, RACY_NS
from reviewer.core.index.store import Store, dec, enc, searchable
from reviewer.core.sources.reading import SourceText, in_source_order, read_source, source_paths
from reviewer.core.workspace import SOURCES_DIR, Workspace


@dataclass
class SourceReport:
    changed: list[Path] = field(default_factory=list)   # source files (re)indexed
    removed: list[Path] = field(default_factory=list)
    total: int = 0                                      # source files in the workspace
    citations: int = 0                                  # records whose citations were checked
    seconds: float = 0.0
    note: str | None = None     # e.g. that citation statuses could not be computed
    cancelled: bool = False
    unreadable: list[tuple[Path, str]] = field(default_factory=list)  # every such source, why


def _walk(ws: Workspace) -> dict[str, tuple[str, str, tuple[int, int, int]]]:
    """key -> (record id, absolute path, stat signature) for every source file; a folder
    whose symlink leads outside the workspace is one entry, itself (read: refused)."""
    out: dict[str, tuple[str, str, tuple[int, int, int]]] = {}
    root, top = ws.root, ws.root / SOURCES_DIR
    if not ws.contains(top):
        return out      # sources/ itself is a link to elsewhere: nothing in it is ours
    try:
        with os.scandir(top) as entries:
            folders = [e for e in entries if e.is_dir() and not e.name.startswith(".")]
    except OSError:
        return out
    for folder in sorted(folders, key=lambda e: e.name):
        for path in source_paths(Path(folder.path), ws):
            try:
                st = path.stat()
                sig = (st.st_size, st.st_mtime_ns, st.st_ino & INO_MASK)
            except OSError:
                sig = (-1, -1, -1)
            out[enc(path.relative_to(root).as_posix())] = (folder.name, str(path), sig)
    return out


def index_sources(store: Store, workspace: Workspace,
                  progress: Callable[[int, int], None] | None = None,
                  cancelled: Callable[[], bool] | None = None,
                  citations: bool = True) -> SourceReport:
    """Bring the source texts and citation statuses up to date (for a worker thread).
    Without ``citations`` only the texts are (for a search that does not filter by
    citation status): the statuses of records whose sources changed are then forgotten,
    and worked out by the next pass that checks citations."""
    conn = store.connection()
    if citations:
        return _SourcePass(conn, workspace, progress, cancelled).run()
    return _TextPass(conn, workspace, progress, cancelled).run()


class _SourcePass:
    """One pass: find what changed, store it folder by folder, check the records."""

    def __init__(self, conn, workspace: Workspace, progress, cancelled) -> None:
        self.conn, self.ws, self.root = conn, workspace, workspace.root
        self.progress, self.cancelled = progress, cancelled
        self.report = SourceReport()
        self.now_ns = time.time_ns()
        self.done = 0

    def run(self) -> SourceReport:
        start, conn = time.perf_counter(), self.conn
        cached, found, changed, gone = self._changes()
        touched = {found[k][0] for k in changed} | {dec(cached[k][2]) for k in gone}
        to_check = _records_to_check(conn, touched)
        folders: dict[str, list[str]] = {}
        for key, (record_id, _, _) in found.items():
            folders.setdefault(record_id, []).append(key)
        self.total = len(changed) + sum(len(v) for v in to_check.values())
        self._tick()
        self._remove(gone, cached)
        # Folder by folder: store the changed texts, then check the folder's records against
        # all of its sources while they are in memory.
        for record_id in sorted(touched | (set(to_check) & set(folders)), key=lambda r: r or ""):
            if self._stopped():
                break
            keys = sorted(folders.get(record_id, []), key=lambda k: found[k][1])
            self._folder(record_id, keys, found, cached, changed, to_check)
        if not self.report.cancelled:
            self._records_without_sources(to_check)
        return self._finish(start)

    def _changes(self) -> tuple[dict, dict, set[str], list[str]]:
        """(cached rows, sources found, keys whose bytes changed, keys gone)."""
        cached = {row[1]: row for row in self.conn.execute(
            "SELECT id, file, record_id, size, mtime_ns, ino, seen_ns, blob FROM sources")}
        found = _walk(self.ws)
        self.report.total = len(found)
        stale = [key for key, (_, _, sig) in found.items()
                 if key not in cached or sig[0] < 0 or tuple(cached[key][3:6]) != sig
                 or sig[1] + RACY_NS >= cached[key][6]]
        changed = _really_changed(self.conn, self.ws, stale, found, cached, self.now_ns)
        return cached, found, changed, [key for key in cached if key not in found]

    def _finish(self, start: float) -> SourceReport:
        self.report.unreadable = sorted((self.root / dec(key), dec(error)) for key, error in
                                        self.conn.execute("SELECT file, error FROM sources "
                                                          "WHERE error IS NOT NULL"))
        self.report.seconds = time.perf_counter() - start
        return self.report

    def _tick(self) -> None:
        if self.progress:
            self.progress(self.done, self.total)

    def _stopped(self) -> bool:
        if self.cancelled and self.cancelled():
            self.report.cancelled = True
        return self.report.cancelled

    def _remove(self, gone: list[str], cached: dict) -> None:
        if not gone:
            return
        with _transaction(self.conn):
            for key in gone:
                self.conn.execute("DELETE FROM sources WHERE id=?", (cached[key][0],))
                self.conn.execute("DELETE FROM source_text WHERE rowid=?", (cached[key][0],))
        self.report.removed = [self.root / dec(k) for k in gone]

    def _folder(self, record_id: str, keys: list[str], found: dict, cached: dict,
                changed: set[str], to_check: dict) -> None:
        texts = []
        with _transaction(self.conn):
            for key in keys:
                _, path, sig = found[key]
                if key not in changed and record_id not in to_check:
                    continue
                blob = _blob(self.ws, path) if key in changed else None  # before the text: see _store
                source = read_source(Path(path), self.ws)
                if key in changed:
                    _store(self.conn, cached.get(key), key, record_id, sig, self.now_ns, blob, source)
                    self.report.changed.append(Path(path))
                    self.done += 1
                texts.append(source)
            self.done += _check(self.conn, to_check.pop(record_id, []), record_id,
                                in_source_order(texts), self.root, self.report)
        self._tick()

    def _records_without_sources(self, to_check: dict) -> None:
        rest = [(rid, row) for rid, rows in to_check.items() for row in rows]
        for i in range(0, len(rest), 200):
            if self._stopped():
                return
            with _transaction(self.conn):
                for record_id, row in rest[i:i + 200]:
                    self.done += _check(self.conn, [row], record_id, [], self.root, self.report)
            self._tick()


class _TextPass(_SourcePass):
    """The texts alone, in large transactions (committing folder by folder costs the
    full-text index a merge each time), without headings or citation checks."""

    BATCH_BYTES = 16 * 2**20

    def run(self) -> SourceReport:
        start = time.perf_counter()
        cached, found, changed_keys, gone = self._changes()
        changed = sorted(changed_keys, key=lambda k: found[k][1])
        self.total = len(changed)
        self._tick()
        self._remove(gone, cached)
        touched = {found[k][0] for k in changed} | {dec(cached[k][2]) for k in gone}
        self._forget_statuses(touched)
        batch: list[str] = []
        size = 0
        for key in changed:
            batch.append(key)
            size += max(found[key][2][0], 0)
            if size >= self.BATCH_BYTES:
                if not self._store_texts(batch, found, cached):
                    break
                batch, size = [], 0
        if batch:
            self._store_texts(batch, found, cached)
        return self._finish(start)

    def _store_texts(self, keys: list[str], found: dict, cached: dict) -> bool:
        if self._stopped():
            return False
        with _transaction(self.conn):
            for key in keys:
                record_id, path, sig = found[key]
                blob = _blob(self.ws, path)  # before the text: see _store
                source = read_source(Path(path), self.ws, outline=False)
                _store(self.conn, cached.get(key), key, record_id, sig, self.now_ns, blob, source)
                self.report.changed.append(Path(path))
        self.done += len(keys)
        self._tick()
        return True

    def _forget_statuses(self, touched: set[str]) -> None:
        if not touched:
            return
        with _transaction(self.conn):
            self.conn.executemany("UPDATE pillars SET citation_status = NULL WHERE record IN "
                                  "(SELECT id FROM records WHERE record_id = ?)",
                                  [(enc(t),) for t in touched])


class _transaction:
    def __init__(self, conn) -> None:
        self.conn = conn

    def __enter__(self):
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, *rest) -> None:
        self.conn.execute("COMMIT" if kind is None else "ROLLBACK")


def _blob(ws: Workspace, path: str) -> str | None:
    """The hash of a source's bytes; None for what is not read (a FIFO must not block us,
    a file outside the workspace is none of our business)."""
    if not ws.contains(path):
        return None
    try:
        return blob_id(read_regular(path, MAX_SOURCE_BYTES, "source"))
    except OSError:
        return None


def _really_changed(conn, ws: Workspace, stale: list[str], found: dict, cached: dict,
                    now_ns: int) -> set[str]:
    """Of the files whose stat changed (or was racily recent), those whose bytes changed;
    the others only get their new stat (a touch or a copy must not re-index a 40 KB plan)."""
    changed, same = set(), []
    for key in stale:
        old = cached.get(key)
        if old is not None and old[7] is not None and _blob(ws, found[key][1]) == old[7]:
            same.append((*found[key][2], now_ns, old[0]))
        else:
            changed.add(key)
    if same:
        with _transaction(conn):
            conn.executemany("UPDATE sources SET size=?, mtime_ns=?, ino=?, seen_ns=? WHERE id=?",
                             same)
    return changed


def _store(conn, old, key: str, record_id: str, sig, now_ns: int, blob: str | None,
           source: SourceText) -> None:
    # The blob is hashed before the text is read: if the file changes in between, the
    # stored blob is the older one, and the next run sees the difference and reads again.
    if old is not None:
        conn.execute("DELETE FROM sources WHERE id=?", (old[0],))
        conn.execute("DELETE FROM source_text WHERE rowid=?", (old[0],))
    cursor = conn.execute("INSERT INTO sources(file, record_id, size, mtime_ns, ino, seen_ns, "
                          "blob, error) VALUES (?,?,?,?,?,?,?,?)",
                          (key, enc(record_id), *sig, now_ns, blob, enc(source.error)))
    if source.text:
        conn.execute("INSERT INTO source_text(rowid, body) VALUES (?, ?)",
                     (cursor.lastrowid, searchable(source.text)))


def _records_to_check(conn, touched: set[str]) -> dict[str | None, list[int]]:
    """Records with an unchecked pillar, or whose sources changed: record id -> row ids."""
    rows = conn.execute("SELECT DISTINCT r.id, r.record_id FROM records r JOIN pillars p "
                        "ON p.record = r.id WHERE p.citation_status IS NULL").fetchall()
    if touched:
        marks = ",".join("?" * len(touched))
        rows += conn.execute(f"SELECT id, record_id FROM records WHERE record_id IN ({marks}) "
                             "AND EXISTS (SELECT 1 FROM pillars WHERE record = records.id)",
                             [enc(t) for t in touched]).fetchall()
    out: dict[str | None, list[int]] = {}
    for row_id, record_id in dict.fromkeys(rows):
        out.setdefault(dec(record_id), []).append(row_id)
    return out


def _check(conn, rows: list[int], record_id: str | None, sources: list[SourceText],
           root: Path, report: SourceReport) -> int:
    """Store the citation status of each pillar of these record rows; returns how many."""
    from reviewer.core.sources.citations import check_citations  # (not for a text-only pass)
    for row_id in rows:
        pillars = conn.execute("SELECT pillar, citation FROM pillars WHERE record=?",
                               (row_id,)).fetchall()
        data = {"id": record_id, "analysis": {p: {"citation": dec(c)} for p, c in pillars}}
        try:
            results = check_citations(data, sources, root)
        except Exception as exc:  # noqa: BLE001 - a checker bug must not stop indexing
            report.note = f"citation check failed for {record_id}: {type(exc).__name__}: {exc}"
            continue
        conn.executemany("UPDATE pillars SET citation_status=? WHERE record=? AND pillar=?",
                         [(r.status, row_id, r.pillar) for r in results])
        report.citations += 1
    return len(rows)
