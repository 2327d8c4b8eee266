"""The index's SQLite file: where it lives, its schema, and what happens when it is bad.

One file per workspace in the user cache folder (``$XDG_CACHE_HOME/reviewer`` or
``~/.cache/reviewer``), named by a hash of the workspace's resolved root. It is a cache:
whatever is wrong with it (garbage bytes, another schema version, another root, a
half-written file) is answered by deleting it and building it again, never by trusting it.
When the folder cannot be written, or another process holds the file locked, the index
lives in a private temporary file for this session (and, if even that fails, in memory),
and :attr:`Store.note` says so.

Connections: one per thread (the app reads on the UI thread and refreshes on a worker),
in WAL mode, so a reader never waits for a refresh and always sees whole transactions.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import tempfile
import threading
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from reviewer.core import locks, userdirs

SCHEMA_VERSION = "3"   # bump whenever a table or the meaning of a column changes
BUSY_SECONDS = 2.0     # how long a write waits for another process before giving up
CREATE_WAIT = 30.0     # how long opening waits for another process creating the cache
INO_MASK = (1 << 63) - 1  # SQLite integers are signed 64-bit
# A file whose mtime is this close to the moment we looked at it may be written again within
# the same timestamp tick, leaving its stat unchanged (git's "racily clean"): such files are
# hashed again on the next refresh. Two seconds also covers FAT's 2 s timestamps.
RACY_NS = 2_000_000_000

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE records(
    id INTEGER PRIMARY KEY, file TEXT NOT NULL UNIQUE, sortkey BLOB NOT NULL, shown TEXT,
    packed TEXT,
    size INTEGER, mtime_ns INTEGER, ino INTEGER, seen_ns INTEGER, blob TEXT,
    record_id TEXT, title TEXT, review_status TEXT, author TEXT, country TEXT, year TEXT,
    fmt TEXT, error TEXT, error_line INTEGER, engine INTEGER);
CREATE INDEX records_order ON records(sortkey);
CREATE INDEX records_blob ON records(blob);
CREATE INDEX records_rid ON records(record_id);
CREATE TABLE pillars(
    record INTEGER NOT NULL, pillar TEXT NOT NULL, score INTEGER, citation TEXT,
    citation_status TEXT, PRIMARY KEY(record, pillar)) WITHOUT ROWID;
CREATE VIRTUAL TABLE record_text USING fts5(title, body, labels, tokenize='trigram');
CREATE TABLE sources(
    id INTEGER PRIMARY KEY, file TEXT NOT NULL UNIQUE, record_id TEXT,
    size INTEGER, mtime_ns INTEGER, ino INTEGER, seen_ns INTEGER, blob TEXT, error TEXT);
CREATE INDEX sources_rid ON sources(record_id);
CREATE VIRTUAL TABLE source_text USING fts5(body, tokenize='trigram');
CREATE TABLE findings(
    id INTEGER PRIMARY KEY, file TEXT NOT NULL UNIQUE, size INTEGER, mtime_ns INTEGER,
    ino INTEGER, seen_ns INTEGER, blob TEXT, context TEXT, answer BLOB);
CREATE TABLE outputs(name TEXT PRIMARY KEY, state TEXT NOT NULL, data BLOB NOT NULL);
"""


_PROBES = ("SELECT id, file, packed, blob, engine FROM records LIMIT 1",
           "SELECT rowid, title, body, labels FROM record_text LIMIT 1",
           "SELECT record, pillar, score, citation, citation_status FROM pillars LIMIT 1",
           "SELECT id, file, record_id, blob, error FROM sources LIMIT 1",
           "SELECT rowid, body FROM source_text LIMIT 1",
           "SELECT file, size, mtime_ns, ino, seen_ns, blob, context, answer FROM findings LIMIT 1",
           "SELECT name, state, data FROM outputs LIMIT 1")


def stat_signature(path: str) -> tuple[int, int, int] | None:
    """A file's signature; None when it is gone, (-1, -1, -1) when stat fails otherwise
    (such a file is read every time, and its error shown)."""
    try:
        st = os.stat(path)
    except OSError:
        return (-1, -1, -1) if os.path.lexists(path) else None
    return st.st_size, st.st_mtime_ns, st.st_ino & INO_MASK


def db_name(root: Path) -> str:
    digest = hashlib.sha256(os.fsencode(str(root))).hexdigest()[:20]
    return f"index-{digest}.sqlite3"


# ---- text that SQLite cannot store -----------------------------------------------------------
# A file name that is not UTF-8 (kept by Python as surrogate escapes) or a value holding a lone
# surrogate (JSON "\ud800") cannot be bound as SQLite text; those are stored hex-encoded behind
# a marker, and so is any text that happens to start with the marker, so decoding is exact.
_MARK = "\x1b\x1bhex:"


def enc(text: str | None) -> str | None:
    if text is None:
        return None
    if not text.startswith(_MARK):
        try:
            text.encode("utf-8")
            return text
        except UnicodeEncodeError:
            pass
    return _MARK + text.encode("utf-8", "surrogatepass").hex()


def dec(text: str | None) -> str | None:
    if text is None or not text.startswith(_MARK):
        return text
    return bytes.fromhex(text[len(_MARK):]).decode("utf-8", "surrogatepass")


def sort_key(rel: str) -> bytes:
    """A key whose byte order is the order of :meth:`Workspace.record_paths` (a folder's
    files by name, then its subfolders by name): each folder name ends with 0x01, the file
    name starts with 0x00. UTF-8 keeps code point order, so SQLite can sort by it."""
    *folders, name = rel.split("/")
    return "".join(f + "\x01" for f in folders).encode("utf-8", "surrogatepass") + \
        b"\x00" + name.encode("utf-8", "surrogatepass")


# The list fields of a row packed in one text: SQLite hands ten thousand of those to Python
# several times faster than ten columns each, which is most of what summaries() costs.
SEP, NONE = "\x1f", "\x1e"


def pack(rel: str, shown: str | None, *fields: str | int | None) -> str | None:
    """``rel`` and the fields as one text, or None when that could be ambiguous (a value
    holding a separator, text SQLite cannot store, a symlink's ``shown`` name): then the
    separate columns are read."""
    if shown is not None:
        return None
    parts = [rel]
    for value in fields:
        if value is None:
            parts.append(NONE)
            continue
        text = str(value)
        if SEP in text or NONE in text:
            return None
        parts.append(text)
    joined = SEP.join(parts)
    return joined if enc(joined) is joined else None


def searchable(text: str) -> str:
    """Text for the full-text index, where a lost lone surrogate does not matter."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")


class Store:
    """The database behind one :class:`WorkspaceIndex`: per-thread connections to a file
    that is checked on open and rebuilt when it cannot be trusted."""

    def __init__(self, root: Path, cache_dir: Path | None) -> None:
        self.root = root
        self.note: str | None = None     # what went wrong with the cache, for the next report
        self.rebuilt = False
        self._lock = threading.RLock()
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._retired: list[sqlite3.Connection] = []   # anchors of replaced memory databases
        self._generation = 0
        self._temp_dir: str | None = None
        self.path: Path | None = (cache_dir or userdirs.cache_dir()) / db_name(root)
        self._uri: str | None = None     # the shared in-memory database, last resort
        self._anchor: sqlite3.Connection | None = None
        self._open_checked()

    # ---- opening ------------------------------------------------------------------------------
    def _open_checked(self) -> None:
        try:
            self._prepare_file()
        except (sqlite3.Error, OSError, locks.LockTimeout) as exc:
            self._fall_back(f"the index cache {self.path} cannot be used ({_short(exc)})")

    def _prepare_file(self) -> None:
        assert self.path is not None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._creation_lock():
            self._check_or_create()

    @contextmanager
    def _creation_lock(self) -> Iterator[None]:
        """Another reviewer process may be creating or rebuilding the same cache right now:
        checking, deleting and creating the file are one step across processes (else one
        takes the other's half-made file for damage and deletes it under it)."""
        assert self.path is not None
        fd = os.open(str(self.path) + ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            locks.wait_for(fd, CREATE_WAIT, f"another process keeps the index cache {self.path} "
                                            "locked")
            try:
                yield
            finally:
                locks.unlock(fd)
        finally:
            os.close(fd)

    def _check_or_create(self) -> None:
        assert self.path is not None
        self.rebuilt = True  # until the checks below find a usable file
        if self.path.exists():
            problem = self._problem()
            if problem is None:
                self.rebuilt = False
                return
            self.note = f"the index cache {problem}; rebuilt it"
            for suffix in ("", "-wal", "-shm"):
                Path(str(self.path) + suffix).unlink(missing_ok=True)
        self._create()

    def _problem(self) -> str | None:
        """Why the existing file cannot be trusted, or None."""
        try:
            conn = self._new_connection()
            try:
                rows = dict(conn.execute("SELECT key, value FROM meta").fetchall())
                for probe in _PROBES:  # every table the index uses is there, as expected
                    conn.execute(probe).fetchall()
            finally:
                conn.close()
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise
            return f"was unreadable ({_short(exc)})"
        except sqlite3.DatabaseError as exc:
            return f"was damaged ({_short(exc)})"
        if rows.get("schema") != SCHEMA_VERSION:
            return f"was written by another version (schema {rows.get('schema')!r})"
        if rows.get("root") != enc(str(self.root)) or rows.get("complete") not in ("0", "1"):
            return "belonged to another folder or was incomplete"
        return None

    def _create(self) -> None:
        conn = self._new_connection()
        try:
            conn.executescript("BEGIN IMMEDIATE;" + SCHEMA + "COMMIT;")
            # bm25: the title weighs ten times the prose, the labels twice
            conn.execute("INSERT INTO record_text(record_text, rank) "
                         "VALUES ('rank', 'bm25(10.0, 1.0, 2.0)')")
            conn.executemany("INSERT INTO meta VALUES (?, ?)",
                             [("schema", SCHEMA_VERSION), ("root", enc(str(self.root))),
                              ("complete", "0")])
        finally:
            conn.close()

    def _fall_back(self, why: str) -> None:
        """Use a private temporary file for this session, or memory if even that fails."""
        self.rebuilt = True
        try:
            self._temp_dir = tempfile.mkdtemp(prefix="reviewer-index-")
            self.path = Path(self._temp_dir) / "index.sqlite3"
            self._create()
            self.note = f"{why}; using a temporary index for this session"
            return
        except (sqlite3.Error, OSError):
            self.path = None
        self._new_memory()
        self.note = f"{why}; keeping the index in memory for this session"

    def _new_memory(self) -> None:
        # A new name each time: a shared-cache memory database lives while any connection
        # to it is open, and other threads may still hold one to the old database.
        if self._anchor is not None:
            self._retired.append(self._anchor)
        self._uri = f"file:reviewer-index-{uuid.uuid4().hex}?mode=memory&cache=shared"
        self._anchor = self._new_connection()  # keeps the database alive
        self._create()

    def switch_to_private(self, why: str) -> None:
        """After a write failed (locked by another process, read-only file): start over in
        a private database; the caller refreshes again."""
        with self._lock:
            self._generation += 1
            self._fall_back(why)

    def reset(self, why: str) -> None:
        """The database turned out damaged while in use: start an empty one in its place.
        Connections of other threads are not closed under them (they may be in the middle
        of a statement); each thread reconnects on its next call."""
        with self._lock:
            self._generation += 1
            self.note, self.rebuilt = f"the index cache {why}; rebuilt it", True
            try:
                if self._uri is not None:
                    self._new_memory()
                    return
                assert self.path is not None
                with self._creation_lock():
                    for suffix in ("", "-wal", "-shm"):
                        Path(str(self.path) + suffix).unlink(missing_ok=True)
                    self._create()
            except (sqlite3.Error, OSError, locks.LockTimeout) as exc:
                self._fall_back(f"the index cache could not be rebuilt ({_short(exc)})")

    # ---- connections ---------------------------------------------------------------------------
    def _new_connection(self) -> sqlite3.Connection:
        if self._uri is not None:
            conn = sqlite3.connect(self._uri, uri=True, check_same_thread=False,
                                   isolation_level=None, timeout=BUSY_SECONDS)
            conn.execute("PRAGMA read_uncommitted = 1")  # readers never wait in shared cache
            return conn
        assert self.path is not None
        conn = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None,
                               timeout=BUSY_SECONDS)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # a cache: losing the last commit is fine
        conn.execute("PRAGMA cache_size = -32768")
        return conn

    def connection(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use, reopened after a rebuild)."""
        local = self._local
        conn = getattr(local, "conn", None)
        if conn is None or local.generation != self._generation:
            with self._lock:
                if conn is not None:  # this thread's connection to the replaced database
                    _close(conn)
                    self._connections.remove(conn)
                conn = self._new_connection()
                self._connections.append(conn)
                local.conn, local.generation = conn, self._generation
        return conn

    def close(self) -> None:
        """Close every connection (when the index is closed: no thread uses it any more)."""
        with self._lock:
            for conn in [*self._connections, *self._retired]:
                _close(conn)
            self._connections.clear()
            self._retired.clear()
            self._local = threading.local()
            if self._anchor is not None:
                _close(self._anchor)
                self._anchor = None

    def dispose(self) -> None:
        """Close everything and delete a temporary database."""
        self.close()
        if self._temp_dir:
            shutil.rmtree(self._temp_dir, ignore_errors=True)


def _close(conn: sqlite3.Connection) -> None:
    try:
        conn.close()
    except sqlite3.Error:
        pass


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:160] or type(exc).__name__
