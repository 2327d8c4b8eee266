"""Bringing the index's record rows up to date with the files (meant for a worker thread).

When is a file re-read? Each row keeps the file's size, mtime (ns) and inode as seen, and
the git blob id of the bytes read. A file whose stat is unchanged is trusted unopened,
unless its mtime was within two seconds of that look (git's "racily clean": a write in the
same clock tick could keep the stat); those are hashed again. A file read is parsed only
when its blob id differs, so a ``touch``, a checkout of the same content or a rename (a
vanished file's blob under a new name) costs a hash, not a parse. Blob ids are not taken
from ``git ls-files -s``: they describe git's index, not the working file, and checking
that they still apply is the stat comparison done here, which also works outside git.

Parsing uses :mod:`fastread` (exact for what is indexed, else the record engine). With
a thousand files or more to read, they are read by one worker process per core
(:mod:`scan`) while this process writes the rows and the full text.

Threads and processes: each thread has its own SQLite connection (WAL), so ``summaries()``
on the UI thread never waits for a refresh on a worker and sees whole batches only.
Writers re-check each row inside their transaction, so a ``refresh_paths`` after a save, or
another reviewer process sharing the cache, is never overwritten by an older reading.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from reviewer.core.index.scan import RACY_NS, RecordFileStat, read_batches, stat_signature, walk_records
from reviewer.core.index.store import Store, dec, enc, pack, searchable, sort_key
from reviewer.core.workspace import Workspace

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass
class RefreshReport:
    changed: list[Path]          # files whose row is new or different (renames: the new name)
    removed: list[Path]          # files no longer there
    total: int                   # record files in the workspace
    seconds: float
    rebuilt: bool                # the cache was (re)created: everything was read
    note: str | None = None      # what went wrong with the cache, or that it was cancelled
    parsed: int = 0              # files parsed (fast reader or record engine)
    read: int = 0                # files opened (parsed, or hashed and found unchanged)
    engine: int = 0              # of the parsed, how many needed the record engine
    cancelled: bool = False
    workers: int = 1             # processes that parsed
    unlisted: list[str] = field(default_factory=list)  # folders that could not be listed
    cache_note: str | None = None  # what went wrong with the cache itself (it was rebuilt...)


class Refresh:
    """One refresh of the record rows of ``workspace`` in ``store``."""

    def __init__(self, store: Store, workspace: Workspace) -> None:
        self.store = store
        self.workspace = workspace
        self.root = workspace.root

    def report(self, start: float, **fields) -> RefreshReport:
        # What happened to the cache is told once, in the next report.
        store = self.store
        notes = [n for n in (store.note, fields.pop("note", None)) if n]
        report = RefreshReport(seconds=time.perf_counter() - start, rebuilt=store.rebuilt,
                               note="; ".join(notes) or None, cache_note=store.note, **fields)
        store.rebuilt, store.note = False, None
        return report

    def all(self, progress: Progress | None, cancelled: Cancelled | None) -> RefreshReport:
        start, now_ns = time.perf_counter(), time.time_ns()
        conn = self.store.connection()
        cached = {row[1]: row for row in conn.execute(
            "SELECT id, file, size, mtime_ns, ino, seen_ns, blob FROM records")}
        unlisted: list[str] = []
        files = walk_records(self.workspace, unlisted)
        by_key = {enc(f.key): f for f in files}
        todo = []
        for key, file in by_key.items():
            row = cached.get(key)
            if (row is not None and file.sig[0] >= 0 and row[2:5] == file.sig
                    and file.sig[1] + RACY_NS < row[5]):
                continue  # unchanged, and not racily so
            todo.append((key, file.path, row[6] if row else None))
        vanished = {row[6]: key for key, row in cached.items() if key not in by_key and row[6]}
        report = dict(changed=[], removed=[], total=len(files), parsed=0, engine=0, read=len(todo))
        if progress:
            progress(0, len(todo))
        done, was_cancelled = 0, False
        if self.workspace.config.multilingual:
            vanished = {}  # a renamed file is another record there: read it, do not copy a row
        batches, workers = read_batches(todo, frozenset(vanished), str(self.root))
        try:
            for batch in batches:
                self._apply(conn, batch, by_key, cached, vanished, now_ns, report)
                done += len(batch)
                if progress:
                    progress(done, len(todo))
                if cancelled and cancelled() and done < len(todo):
                    was_cancelled = True
                    break
        finally:
            batches.close()  # stops the worker processes, also on an error
        gone = [key for key in cached if key not in by_key]
        self._delete(conn, [cached[k][0] for k in gone])
        report["removed"] = [self.root / dec(k) for k in gone]
        if not was_cancelled:
            conn.execute("UPDATE meta SET value='1' WHERE key='complete'")
        notes = unlisted + ([f"cancelled: {len(todo) - done} files are left for the next refresh"]
                            if was_cancelled else [])
        note = "; ".join(notes) or None
        return self.report(start, cancelled=was_cancelled, note=note, workers=workers,
                           unlisted=unlisted, **report)

    def paths(self, paths: list[Path]) -> RefreshReport:
        start, now_ns = time.perf_counter(), time.time_ns()
        conn = self.store.connection()
        files: dict[str, RecordFileStat] = {}
        for path in paths:
            key = self.workspace.record_key(path)
            if key is not None:
                full = str(self.root / key)
                files[enc(key)] = RecordFileStat(key, full, stat_signature(full), None)
        keys = list(files)
        marks = ",".join("?" * len(keys))
        cached = {row[1]: row for row in conn.execute(
            "SELECT id, file, size, mtime_ns, ino, seen_ns, blob FROM records "
            f"WHERE file IN ({marks})", keys)} if keys else {}
        gone = [k for k, f in files.items() if f.sig is None]
        todo = []
        for key, file in files.items():
            if file.sig is not None:
                shown = self.workspace.relative(file.path)  # as the walk would name it
                file.shown = shown if shown != file.key else None
                todo.append((key, file.path, cached[key][6] if key in cached else None))
        report = dict(changed=[], removed=[], parsed=0, engine=0, read=len(todo))
        if todo:
            from reviewer.core.index import fastread
            self._apply(conn, fastread.read_rows(todo, root=str(self.root)), files, cached, {},
                        now_ns, report)
        self._delete(conn, [cached[k][0] for k in gone if k in cached])
        report["removed"] = [self.root / dec(k) for k in gone if k in cached]
        total = conn.execute("SELECT count(*) FROM records").fetchone()[0]
        return self.report(start, total=total, **report)

    def _apply(self, conn, results, files, cached, vanished, now_ns, report) -> None:
        """Write one batch of read results in one transaction.

        Rows are looked up again inside the transaction: another writer (``refresh_paths``
        after a save, or another reviewer process sharing the cache) may have indexed a
        file since this refresh began. A row seen after ``now_ns`` is newer than what was
        read here and is left alone."""
        conn.execute("BEGIN IMMEDIATE")
        try:
            keys = [r[0] for r in results]
            current = {row[1]: row for row in conn.execute(
                "SELECT id, file, size, mtime_ns, ino, seen_ns, blob FROM records "
                f"WHERE file IN ({','.join('?' * len(keys))})", keys)}
            next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM records").fetchone()[0]
            pending: tuple[list, list, list] = ([], [], [])  # new rows, texts, pillars
            for key, blob, verdict, row in results:
                file, old = files[key], current.get(key)
                if old is not None and old[5] > now_ns:
                    continue  # indexed by someone else after this refresh began
                stat = (*file.sig, now_ns)
                if verdict == "same":
                    if old is not None and old[6] == blob:
                        # A file that became a symlink (or stopped being one) keeps its row;
                        # a packed row cannot hold ``shown``, so it is then read by columns.
                        conn.execute("UPDATE records SET size=?, mtime_ns=?, ino=?, seen_ns=?, "
                                     "shown=?, packed=CASE WHEN ? IS NULL THEN packed END "
                                     "WHERE id=?", (*stat, enc(file.shown), file.shown, old[0]))
                    continue  # (else the row changed meanwhile: the next refresh reads it)
                if old is not None:
                    self._delete(conn, [old[0]], in_transaction=True)
                rid = old[0] if old is not None else next_id
                next_id += old is None
                if verdict == "reuse":
                    self._copy(conn, cached[vanished[blob]][0], rid, key, file, stat)
                else:
                    report["parsed"] += 1
                    report["engine"] += row.engine
                    self._insert(pending, rid, key, file, stat, row)
                report["changed"].append(Path(file.path))
            self._flush(conn, pending)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def _insert(self, pending: tuple[list, list, list], rid, key, file, stat, row) -> None:
        role = self.workspace.layout.role(file.key)
        if role is not None and role.key is not None and row.error is None:
            row.record_id = role.key  # a language layout names records by their files
        fields = (row.record_id, row.title, row.review_status, row.author, row.country,
                  row.year, row.fmt, row.error, row.error_line)
        pending[0].append((rid, key, sort_key(file.key), enc(file.shown),
                           pack(file.key, file.shown, *fields), *stat, row.blob,
                           *(enc(f) if isinstance(f, str) else f for f in fields),
                           int(row.engine)))
        pending[1].append((rid, searchable(row.title), searchable(row.body),
                           searchable(row.labels)))
        pending[2].extend((rid, name, score, enc(cite)) for name, score, cite in row.pillars)

    @staticmethod
    def _flush(conn, pending: tuple[list, list, list]) -> None:
        # One executemany per table: a cold index writes ten thousand rows.
        conn.executemany("INSERT INTO records (id, file, sortkey, shown, packed, size, "
                         "mtime_ns, ino, seen_ns, blob, record_id, title, review_status, "
                         "author, country, year, fmt, error, error_line, engine) "
                         "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", pending[0])
        conn.executemany("INSERT INTO record_text(rowid, title, body, labels) VALUES (?,?,?,?)",
                         pending[1])
        conn.executemany("INSERT INTO pillars VALUES (?,?,?,?,NULL)", pending[2])

    def _copy(self, conn, source_id, rid, key, file, stat) -> None:
        """A renamed file: its new row is the vanished file's row under the new name."""
        old = conn.execute("SELECT record_id, title, review_status, author, country, year, fmt, "
                           "error, error_line FROM records WHERE id=?", (source_id,)).fetchone()
        fields = [dec(v) if isinstance(v, str) else v for v in old]
        conn.execute("INSERT INTO records (id, file, sortkey, shown, packed, size, mtime_ns, ino, "
                     "seen_ns, blob, record_id, title, review_status, author, country, year, "
                     "fmt, error, error_line, engine) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, blob, "
                     "record_id, title, review_status, author, country, year, fmt, error, "
                     "error_line, engine FROM records WHERE id=?",
                     (rid, key, sort_key(file.key), enc(file.shown),
                      pack(file.key, file.shown, *fields), *stat, source_id))
        conn.execute("INSERT INTO record_text(rowid, title, body, labels) "
                     "SELECT ?, title, body, labels FROM record_text WHERE rowid=?",
                     (rid, source_id))
        conn.execute("INSERT INTO pillars SELECT ?, pillar, score, citation, citation_status "
                     "FROM pillars WHERE record=?", (rid, source_id))

    def _delete(self, conn, ids: list[int], in_transaction: bool = False) -> None:
        if not ids:
            return
        if not in_transaction:
            conn.execute("BEGIN IMMEDIATE")
        for table, column in (("records", "id"), ("record_text", "rowid"), ("pillars", "record")):
            conn.executemany(f"DELETE FROM {table} WHERE {column}=?", [(i,) for i in ids])
        if not in_transaction:
            conn.execute("COMMIT")
