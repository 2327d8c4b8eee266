"""The workspace index: the record list at once, and search, at ten thousand records.

A SQLite cache (:mod:`store`) holds one row per record file with what the list and the
filters show, each pillar's score and citation, and the full text for search; and the
source texts (:mod:`sourcetext`). ``summaries()`` answers from the cache alone;
``refresh()`` (:mod:`refresh`) brings it up to date and is meant for a worker thread;
``search()`` is :mod:`search`'s.

Threads and processes: each thread has its own SQLite connection (WAL), so ``summaries()``
on the UI thread never waits for a refresh on a worker and sees whole batches only.
"""

from __future__ import annotations

import sqlite3
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Callable, TypeVar

from reviewer.core.errors import ReviewerError
from reviewer.core.index.list_table import SummaryTable
from reviewer.core.index.query import SearchFilters
from reviewer.core.index.refresh import Cancelled, Progress, Refresh, RefreshReport
from reviewer.core.index.store import NONE, SEP, Store, dec, enc
from reviewer.core.record.summary import Summary
from reviewer.core.workspace import Workspace

if TYPE_CHECKING:  # loaded when searched or when sources are indexed: the list needs neither
    from reviewer.core.index.search import SearchHit
    from reviewer.core.index.sourcetext import SourceReport

Report = TypeVar("Report")
# What reading a damaged row raises (a hex-encoded value that is not hex, not UTF-8).
DAMAGE = (ValueError, UnicodeError)


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:160]

_SUMMARY_FIELDS = ("path", "file", "id", "title", "review_status", "author", "country", "year",
                   "fmt", "error", "error_line", "languages", "files")
# A frozen dataclass's __init__ sets each field through object.__setattr__, the slowest part
# of building ten thousand rows; filling __dict__ gives the same object. Only while Summary
# has exactly these fields and no slots; otherwise the ordinary constructor is used.
_FILL_DICT = (tuple(f.name for f in fields(Summary)) == _SUMMARY_FIELDS
              and not hasattr(Summary, "__slots__"))


class WorkspaceIndex:
    def __init__(self, workspace: Workspace, store: Store) -> None:
        self.workspace = workspace
        self.root = workspace.root
        self.store = store
        self.repairs: list[str] = []        # what was rebuilt while answering (to tell the user)

    @classmethod
    def open(cls, workspace: Workspace | Path | str, cache_dir: Path | None = None) -> "WorkspaceIndex":
        """Open (or create) the index of ``workspace``. Never fails because of the cache: a
        bad one is rebuilt, an unusable place is replaced (see :attr:`note`)."""
        ws = workspace if isinstance(workspace, Workspace) else Workspace(workspace)
        return cls(ws, Store(ws.root, Path(cache_dir) if cache_dir is not None else None))

    @property
    def db_path(self) -> Path | None:
        return self.store.path

    @property
    def note(self) -> str | None:
        """What went wrong with the cache, until the next refresh reports it."""
        return self.store.note

    @property
    def complete(self) -> bool:
        """Whether a refresh has finished since the cache was created (else the list may
        be partial: show it, and refresh)."""
        try:
            row = self.store.connection().execute("SELECT value FROM meta WHERE key='complete'").fetchone()
        except sqlite3.Error:
            return False
        return bool(row and row[0] == "1")

    def clear(self) -> None:
        """Forget everything cached (``reviewer index --rebuild``); refresh reads it all."""
        self.store.reset("was cleared on request")

    def close(self) -> None:
        self.store.dispose()

    def __enter__(self) -> "WorkspaceIndex":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- reading the cache -------------------------------------------------------------------
    _COLUMNS = ("SELECT file, shown, record_id, title, review_status, author, country, year, "
                "fmt, error, error_line FROM records")

    def summaries(self) -> list[Summary]:
        """Every cached record file as :meth:`Workspace.summaries` gives it, in its order.
        Reads the cache only; a damaged cache gives ``[]`` (and is rebuilt by refresh)."""
        try:
            conn = self.store.connection()
            rows = conn.execute("SELECT packed, id FROM records ORDER BY sortkey").fetchall()
            odd = {r[0]: r[1:] for r in conn.execute(
                self._COLUMNS.replace("SELECT ", "SELECT id, ") + " WHERE packed IS NULL")}
        except sqlite3.Error as exc:
            self.store.reset(f"could not be read ({exc})")
            return []
        try:
            return self.workspace.layout.group(self._rows(rows, odd))
        except DAMAGE as exc:  # a row that does not decode: the whole cache is suspect
            self.store.reset(f"had a damaged row ({exc})")
            return []

    def list_table(self) -> SummaryTable:
        """:meth:`summaries` as the app's list keeps them: packed texts, a Summary made only
        for a row that is read (see :mod:`list_table`), sorted drafts first. For a worker."""
        if self.workspace.config.multilingual:  # rows are grouped: Summaries anyway
            return SummaryTable.of(self.root, self.summaries())
        try:
            conn = self.store.connection()
            rows = conn.execute("SELECT packed, id FROM records ORDER BY sortkey").fetchall()
            odd = {r[0]: r[1:] for r in conn.execute(
                self._COLUMNS.replace("SELECT ", "SELECT id, ") + " WHERE packed IS NULL")}
        except sqlite3.Error as exc:
            self.store.reset(f"could not be read ({exc})")
            return SummaryTable(self.root, [])
        try:
            items = [packed if packed is not None else self._summary(odd[row_id], {})
                     for packed, row_id in rows]
            return SummaryTable(self.root, items)
        except DAMAGE as exc:  # a row that does not decode: the whole cache is suspect
            self.store.reset(f"had a damaged row ({exc})")
            return SummaryTable(self.root, [])

    def _rows(self, rows: list, odd: dict) -> list[Summary]:
        folders: dict[str, Callable[[str], Path]] = {}
        out = []
        for packed, row_id in rows:
            if packed is None:
                out.append(self._summary(odd[row_id], folders))
                continue
            rel, rid, title, status, author, country, year, fmt, error, line = packed.split(SEP)
            out.append(self._make(folders, rel, rel, None if rid == NONE else rid, title, status,
                                  author, country, year, fmt, None if error == NONE else error,
                                  None if line == NONE else int(line)))
        return out

    def summary(self, path: Path | str) -> Summary | None:
        """The cached summary of one record file, or None."""
        key = self.workspace.record_key(path)
        if key is None:
            return None
        try:
            row = self.store.connection().execute(self._COLUMNS + " WHERE file = ?", (enc(key),)).fetchone()
            return self._summary(row, {}) if row else None
        except (sqlite3.Error, *DAMAGE):
            return None

    def _summary(self, r: tuple, folders: dict) -> Summary:
        rel = dec(r[0])
        return self._make(folders, rel, dec(r[1]) or rel, dec(r[2]), dec(r[3]), dec(r[4]),
                          dec(r[5]), dec(r[6]), dec(r[7]), r[8], dec(r[9]), r[10])

    def _make(self, folders: dict, rel: str, *fields) -> Summary:
        # Making a Path costs microseconds, ten thousand rows notice, and `reviewer list`
        # never asks for one: a Summary made here makes its Path when first asked (see
        # Summary.__getattr__), as a child of its folder's Path (cheaper than parsing the
        # whole relative path).
        folder, _, name = rel.rpartition("/")
        child = folders.get(folder)
        if child is None:
            child = folders[folder] = (self.root / folder).joinpath
        if not _FILL_DICT:
            return Summary(child(name), *fields)
        summary = object.__new__(Summary)
        summary.__dict__.update(zip(_SUMMARY_FIELDS[1:], (*fields, (), ())))
        summary.__dict__["_path_of"] = (child, name)
        return summary

    def files_with_id(self, record_id: str) -> list[Path]:
        """The record files whose ``id`` is ``record_id``, as the cache has them (refresh
        first for an answer that matches the disk)."""
        return self._rebuilt_on_damage(lambda: [
            self.root / dec(row[0]) for row in self.store.connection().execute(
                "SELECT file FROM records WHERE record_id = ? ORDER BY sortkey", (enc(record_id),))])

    # ---- refreshing -----------------------------------------------------------------------------
    def refresh(self, progress: Progress | None = None,
                cancelled: Cancelled | None = None) -> RefreshReport:
        """Re-read new and changed files and drop deleted ones (for a worker thread)."""
        return self._guarded(lambda: Refresh(self.store, self.workspace).all(progress, cancelled))

    def refresh_paths(self, paths: list[Path]) -> RefreshReport:
        """Re-index these files now (after a save, or when a watcher saw them change)."""
        paths = [Path(p) for p in paths]
        return self._guarded(lambda: Refresh(self.store, self.workspace).paths(paths))

    def index_sources(self, progress: Progress | None = None,
                      cancelled: Cancelled | None = None, citations: bool = True) -> SourceReport:
        """Index the source texts for search, and each pillar's citation status (a
        background step after :meth:`refresh`)."""
        from reviewer.core.index.sourcetext import index_sources
        return self._guarded(lambda: index_sources(self.store, self.workspace, progress, cancelled,
                                                   citations))

    def _guarded(self, run: Callable[[], Report]) -> Report:
        # A cache that turns out damaged is rebuilt; one that cannot be written (locked by
        # another process, read-only) is replaced by a private one. Then the work runs again.
        for attempt in range(3):
            try:
                return run()
            except sqlite3.OperationalError as exc:
                last = exc
                if any(w in str(exc) for w in ("locked", "readonly", "read-only", "unable to open",
                                                "disk I/O", "busy", "full")):
                    self.store.switch_to_private(f"the index cache could not be written ({exc})")
                else:
                    self.store.reset(f"was unusable ({exc})")
            except sqlite3.Error as exc:  # damaged, or a connection closed under us
                last = exc
                self.store.reset(f"was damaged ({exc})")
        raise ReviewerError(f"the workspace index could not be written, even to a new private "
                            f"cache ({last}); the records themselves are unaffected")

    # ---- search ---------------------------------------------------------------------------------
    def search(self, query: str, *, limit: int = 200, sources: bool = True,
               **filters: object) -> list[SearchHit]:
        """Records, then source texts, matching every word of ``query`` and every filter
        (keyword arguments of :class:`SearchFilters`); see :mod:`search`."""
        from reviewer.core.index.search import search
        parsed = SearchFilters.of(**filters)
        return self._rebuilt_on_damage(lambda: search(self.store, self.root, query, parsed,
                                                      limit=limit, sources=sources))

    def matching_files(self, query: str, *, sources: bool = True, **filters: object) -> set[Path]:
        """Every record file :meth:`search` would find with no limit (no ranking, no snippets)."""
        from reviewer.core.index.search import matching_files
        parsed = SearchFilters.of(**filters)
        return self._rebuilt_on_damage(lambda: matching_files(self.store, self.root, query, parsed,
                                                              sources=sources))

    def _rebuilt_on_damage(self, run: Callable[[], Report]) -> Report:
        """``run``'s answer; if the cache turns out damaged on the way (a row that does not
        decode, a table gone), it is rebuilt from the files and ``run`` answers again."""
        try:
            return run()
        except (sqlite3.DatabaseError, *DAMAGE) as exc:
            self.store.reset(f"was damaged ({_short(exc)})")
        self.repairs.append(self.refresh().note or "the index cache was rebuilt")
        self.index_sources()
        try:
            return run()
        except (sqlite3.DatabaseError, *DAMAGE) as exc:
            raise ReviewerError(f"search failed: the index cannot be read even after a rebuild "
                                f"({_short(exc)}); the records themselves are unaffected") from None
