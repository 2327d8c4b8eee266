"""What validation found in each record file, kept in the index per file content.

The index does not know what a finding is: it keeps, per record file, an ``answer`` (text,
the validator's own encoding) with what it depends on: the file's bytes (their git blob id,
and the stat they were read with) and a ``context`` (a digest of everything else the
answer depends on: the workspace's configuration, the record's source files, the
validator's version). An answer is given back only when both still hold; the stat is
trusted as the record rows trust it (unchanged, and not racily recent), else the caller
reads the file and compares the blob.
"""

from __future__ import annotations

import sqlite3
import zlib
from dataclasses import dataclass

from reviewer.core.index.store import RACY_NS, Store, enc


@dataclass(frozen=True)
class Kept:
    blob: str | None
    context: str | None
    answer: str
    stat_holds: bool     # the file's stat is as it was when read (and not racily so)


@dataclass(frozen=True)
class Answer:
    key: str                                  # the file, relative to the workspace
    sig: tuple[int, int, int] | None          # the stat it was read with
    blob: str | None
    context: str | None                       # None: depends on something racy, not kept
    answer: str


class Findings:
    """The findings table of one index's store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def kept(self, sigs: dict[str, tuple[int, int, int] | None]) -> dict[str, Kept]:
        """The kept answers of these files (key -> current stat), for those that have one."""
        try:
            rows = self.store.connection().execute(
                "SELECT file, size, mtime_ns, ino, seen_ns, blob, context, answer FROM findings"
            ).fetchall() if len(sigs) > 500 else self._some(list(sigs))
        except sqlite3.Error:
            return {}
        by_name = {enc(key): key for key in sigs}
        out = {}
        for file, size, mtime_ns, ino, seen_ns, blob, context, answer in rows:
            key = by_name.get(file)
            if key is None:
                continue
            sig = sigs[key]
            holds = (sig is not None and sig[0] >= 0 and (size, mtime_ns, ino) == tuple(sig)
                     and sig[1] + RACY_NS < seen_ns)
            try:
                text = zlib.decompress(answer).decode("utf-8")
            except (zlib.error, UnicodeError, TypeError):
                continue   # a damaged answer: the file is checked again
            out[key] = Kept(blob, context, text, holds)
        return out

    def _some(self, keys: list[str]) -> list[tuple]:
        conn, out = self.store.connection(), []
        for i in range(0, len(keys), 500):
            part = [enc(k) for k in keys[i:i + 500]]
            out += conn.execute("SELECT file, size, mtime_ns, ino, seen_ns, blob, context, "
                                f"answer FROM findings WHERE file IN ({','.join('?' * len(part))})",
                                part).fetchall()
        return out

    def keep(self, answers: list[Answer], seen_ns: int) -> None:
        """Store these answers (one transaction); a cache that cannot be written is only
        slower next time, so a failure is ignored."""
        # Compressed: answers repeat their messages, and a smaller table reads faster.
        rows = [(enc(a.key), *(a.sig or (-1, -1, -1)), seen_ns, a.blob, a.context,
                 zlib.compress(a.answer.encode("utf-8"), 1))
                for a in answers if a.key and a.context is not None and a.blob is not None]
        if not rows:
            return
        try:
            conn = self.store.connection()
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.executemany("INSERT OR REPLACE INTO findings (file, size, mtime_ns, ino, "
                                 "seen_ns, blob, context, answer) VALUES (?,?,?,?,?,?,?,?)", rows)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        except sqlite3.Error:
            pass
