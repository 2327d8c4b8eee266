"""Whole answers of a command, kept in the index for the state they were made in.

A command whose answer depends only on files the index can stat (``reviewer validate`` on
an unchanged workspace) keeps its printed answer under a ``name`` (one row per name: a new
answer replaces the old, so the table stays as small as the answers in use) with a digest
of that ``state``. It is given back only for the same digest. The index does not know what
the digest covers: the caller makes it, and must make it cover everything the answer
depends on.
"""

from __future__ import annotations

import sqlite3
import zlib

from reviewer.core.index.store import Store


class Outputs:
    """The outputs table of one index's store. A cache: failures only cost time."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, name: str, state: str) -> bytes | None:
        try:
            row = self.store.connection().execute(
                "SELECT data FROM outputs WHERE name = ? AND state = ?", (name, state)).fetchone()
            return zlib.decompress(row[0]) if row is not None else None
        except (sqlite3.Error, zlib.error, TypeError):
            return None   # unreadable or damaged: the answer is made again

    def keep(self, name: str, state: str, data: bytes) -> None:
        try:
            self.store.connection().execute(
                "INSERT OR REPLACE INTO outputs (name, state, data) VALUES (?, ?, ?)",
                (name, state, zlib.compress(data, 1)))
        except sqlite3.Error:
            pass
