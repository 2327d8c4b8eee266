"""The audit's cache: every commit read (keyed by commit) and every version's facts (keyed
by blob), in a SQLite file beside the workspace index. Only commits after the last one read
are asked of git; a blob is read once, ever. It is a cache: when it cannot be trusted
(another version, another workspace configuration, a history rewritten under it, a damaged
file) it is emptied and built again; when it cannot be written, it lives in memory.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
import zlib
from pathlib import Path

from reviewer.core import userdirs

VERSION = "6"     # bump when what a row means changes
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS commits(seq INTEGER PRIMARY KEY, sha TEXT UNIQUE, row TEXT);
CREATE TABLE IF NOT EXISTS blobs(blob TEXT PRIMARY KEY, facts TEXT);
CREATE TABLE IF NOT EXISTS verdicts(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS results(key TEXT PRIMARY KEY, made REAL, value BLOB);
"""
# Rows of a kilobyte and more live in rowid tables: SQLite writes them 3x faster there than
# in WITHOUT ROWID ones (measured: 40,000 facts, 1.27 s -> 0.39 s).
TABLES = ("commits", "blobs", "verdicts", "results", "meta")
KEPT_RESULTS = 20    # the last answers kept whole (a filter the dashboard or a script repeats)


def cache_path(root: Path, cache_dir: Path | None = None) -> Path:
    digest = hashlib.sha256(os.fsencode(str(root))).hexdigest()[:20]
    return (cache_dir or userdirs.cache_dir()) / f"audit-{digest}.sqlite3"


class AuditCache:
    def __init__(self, root: Path, fingerprint: str, cache_dir: Path | None = None) -> None:
        self.path = cache_path(root, cache_dir)
        self.note: str | None = None
        try:
            self.conn = self._open(str(self.path))
            self._check(fingerprint)
        except (sqlite3.Error, OSError) as exc:
            self.note = f"the audit cache {self.path} could not be used ({exc}); working in memory"
            self.conn = self._open(":memory:")
            self._check(fingerprint)

    def _open(self, where: str) -> sqlite3.Connection:
        if where != ":memory:":
            Path(where).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(where, isolation_level=None, timeout=2.0, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")   # a cache: losing its last write is fine
            conn.executescript(SCHEMA)
            conn.execute("SELECT seq, sha, row FROM commits LIMIT 1").fetchall()
            conn.execute("SELECT blob, facts FROM blobs LIMIT 1").fetchall()
        except sqlite3.DatabaseError:
            conn.close()
            if where == ":memory:":
                raise
            Path(where).unlink(missing_ok=True)   # damaged: a cache is rebuilt, never trusted
            conn = sqlite3.connect(where, isolation_level=None, timeout=2.0, check_same_thread=False)
            conn.executescript(SCHEMA)
        return conn

    def _check(self, fingerprint: str) -> None:
        wanted = f"{VERSION}:{fingerprint}"
        if self.meta("version") != wanted:
            self.reset()
            self.set_meta("version", wanted)

    def reset(self) -> None:
        """Empty the cache; its tables are made again, as this version defines them."""
        with self.conn:
            self.conn.execute("BEGIN")
            for table in TABLES:
                self.conn.execute(f"DROP TABLE IF EXISTS {table}")
        self.conn.execute("VACUUM")     # give the old rows' space back
        self.conn.executescript(SCHEMA)

    def forget_commits(self) -> None:
        """The history was rewritten under the cache (a rebase, a reset): read it again
        (the blobs' facts stay true)."""
        with self.conn:
            self.conn.execute("BEGIN")
            self.conn.execute("DELETE FROM commits")
            self.conn.execute("DELETE FROM meta WHERE key = 'head'")

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def commit_rows(self) -> list[list]:
        return [json.loads(row) for (row,) in self.conn.execute("SELECT row FROM commits ORDER BY seq")]

    def add_commits(self, rows: list[list], head: str) -> None:
        with self.conn:
            self.conn.execute("BEGIN")
            self.conn.executemany("INSERT OR REPLACE INTO commits(sha, row) VALUES (?, ?)",
                                  [(row[0], json.dumps(row, ensure_ascii=False)) for row in rows])
            self.set_meta("head", head)

    def facts(self, blobs: list[str]) -> dict[str, dict]:
        found: dict[str, dict] = {}
        for start in range(0, len(blobs), 500):
            part = blobs[start:start + 500]
            marks = ",".join("?" * len(part))
            for blob, facts in self.conn.execute(
                    f"SELECT blob, facts FROM blobs WHERE blob IN ({marks})", part):
                found[blob] = json.loads(facts)
        return found

    def known_blobs(self) -> set[str]:
        """The blobs whose facts are here."""
        return {blob for (blob,) in self.conn.execute("SELECT blob FROM blobs")}

    def add_facts(self, items: dict[str, dict]) -> None:
        if not items:
            return
        with self.conn:
            self.conn.execute("BEGIN")
            self.conn.executemany("INSERT OR REPLACE INTO blobs VALUES (?, ?)",
                                  [(b, json.dumps(f, ensure_ascii=False))
                                   for b, f in sorted(items.items())])   # in key order: fewer page splits

    def verdicts(self) -> dict[str, dict]:
        """Citation verdicts by key (the citations checked and the sources' signature)."""
        return {key: json.loads(value) for key, value in
                self.conn.execute("SELECT key, value FROM verdicts")}

    def add_verdicts(self, items: dict[str, dict]) -> None:
        if not items:
            return
        with self.conn:
            self.conn.execute("BEGIN")
            self.conn.executemany("INSERT OR REPLACE INTO verdicts VALUES (?, ?)",
                                  [(k, json.dumps(v, ensure_ascii=False)) for k, v in items.items()])

    def result(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM results WHERE key = ?", (key,)).fetchone()
        try:
            return zlib.decompress(row[0]).decode("utf-8") if row else None
        except (zlib.error, TypeError, UnicodeDecodeError):
            return None   # damaged: computed again

    def add_result(self, key: str, value: str) -> None:
        # Compressed: a Dashboard's answer with every record's details is megabytes of JSON
        # at 10,000 records, a tenth of that compressed, and level 1 costs milliseconds.
        packed = zlib.compress(value.encode("utf-8"), 1)
        with self.conn:
            self.conn.execute("BEGIN")
            self.conn.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?)",
                              (key, time.time(), packed))
            self.conn.execute("DELETE FROM results WHERE key NOT IN (SELECT key FROM results "
                              "ORDER BY made DESC LIMIT ?)", (KEPT_RESULTS,))

    def close(self) -> None:
        self.conn.close()
