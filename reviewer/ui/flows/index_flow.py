"""The workspace index in the window: the cached list at once, then a refresh, then search.

Opening a workspace reads the list from the index cache in a worker (a fraction of a second
at 10,000 records) and shows it; a second worker then re-reads only what changed on disk,
with a progress bar, and a third indexes the source texts for search. None of it blocks
the list or editing. A save, a verify or a file changed underneath re-indexes that file.

The filter box goes through :func:`reviewer.core.index.query.parse_filter` and the index's
full-text search (debounced, in a worker; a result for older text is dropped). Until the
index is ready the list filters on what it shows, so typing is never ignored.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from reviewer.core.errors import ReviewerError
from reviewer.core.index.list_table import SummaryTable
from reviewer.core.index.query import FilterQuery, parse_filter
from reviewer.core.index.search import words
from reviewer.core.index.workspace_index import WorkspaceIndex
from reviewer.core.services import records, search
from reviewer.core.services.search import Found
from reviewer.core.workspace import Workspace
from reviewer.ui.context import AppContext

SEARCH_DELAY_MS = 150
PROGRESS_EVERY_S = 0.1   # the progress bar shows the workers' figures ten times a second
ShowRows = Callable[[list | None, bool], None]


class IndexFlow(QObject):
    progress = Signal(str, int, int)     # what, done, total (emitted on the UI thread)
    finished = Signal(str)               # what finished: "records" or "sources"

    def __init__(self, ctx: AppContext, show_rows: ShowRows, parent: QObject) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.show_rows = show_rows    # the window's: rows (None: keep), final (they match the disk)
        self.index: WorkspaceIndex | None = None
        self.records_ready = False        # the list reflects the files on disk
        self.sources_ready = False        # source texts are searchable
        self._cancel = threading.Event()
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.search_now)
        self._filter_text = ""
        self._shown_cached = False
        self._latest: list = [None]                # written by workers, read by the timer
        self._shown_progress: tuple | None = None
        self._progress_timer = QTimer(self, interval=int(PROGRESS_EVERY_S * 1000))
        self._progress_timer.timeout.connect(self._show_latest)
        self.progress.connect(ctx.views.index_progress.show_progress)
        ctx.views.record_list.filter_changed.connect(self.filter_changed)
        self.finished.connect(self._finished)

    # ---- opening and refreshing ---------------------------------------------------------------
    def open(self, ws: Workspace) -> None:
        """Show the cached list, then refresh it, then index the sources."""
        self.shutdown()
        self._cancel = threading.Event()
        self.index = None  # results of the previous workspace's index are dropped from now
        self.records_ready = self.sources_ready = False
        self.ctx.views.index_progress.show_progress("records", 0, 0)
        self.ctx.run("index-open", lambda: search.open_index(ws), self._cached,
                     self._index_failed, quiet=True)

    def _cached(self, opened: tuple[WorkspaceIndex, list]) -> None:
        self.index, rows = opened
        self._shown_cached = bool(rows)
        if rows:
            self.show_rows(rows, False)
        self.refresh()

    def refresh(self) -> None:
        """Re-read what changed on disk (F5, or the records folder changed)."""
        index, cancel = self.index, self._cancel
        if index is None:
            self.open(self.ctx.workspace)
            return
        report, shown = self._reporter("records"), self._shown_cached
        self.ctx.run("index-refresh", lambda: _refresh(index, report, cancel.is_set, shown),
                     self.refreshed, self._index_failed, quiet=True)

    def refreshed(self, result: tuple) -> None:
        """A refresh's result: ``(index, report, rows)``; one of an index no longer open
        (another workspace was opened meanwhile) is dropped."""
        index, report, rows = result
        if index is not self.index:  # finished just as another workspace was opened
            return
        self.finished.emit("records")
        if report.cancelled:
            return
        self.records_ready = True
        unchanged = not (report.changed or report.removed or report.rebuilt)
        # A warm open with nothing changed keeps the rows already shown (no model reset).
        self.show_rows(None if unchanged and self._shown_cached else rows, True)
        self._shown_cached = True
        if report.note:
            self.ctx.status(self.tr("Workspace index: {note}").format(note=report.note), 8000)
        if self._filter_text:
            self.search_now()
        if not self.sources_ready:
            self._index_sources()

    def _index_sources(self) -> None:
        index, cancel, report = self.index, self._cancel, self._reporter("sources")
        self.ctx.run("index-sources", lambda: (index, index.index_sources(report, cancel.is_set)),
                     self.sources_indexed, self._sources_failed, quiet=True)

    def sources_indexed(self, result: tuple) -> None:
        """``(index, report)`` of the source texts; dropped when from another index."""
        index, report = result
        if index is not self.index:
            return
        self.finished.emit("sources")
        if getattr(report, "cancelled", False):
            return
        self.sources_ready = True
        if self._filter_text:
            self.search_now()  # source texts may add matches

    def _sources_failed(self, message: str) -> None:
        self.finished.emit("sources")
        self.ctx.status(self.tr("Source texts are not searchable: {message}").format(message=message), 8000)

    def _index_failed(self, message: str) -> None:
        """No usable index: read every record the slow way, so the list is still right."""
        self.finished.emit("records")
        self.index = None
        ws = self.ctx.workspace
        self.ctx.status(self.tr("Workspace index unavailable ({message}); reading every record").format(
            message=message), 8000)
        self.ctx.run("scan", lambda: SummaryTable.of(ws.root, records.list_records(ws)),
                     lambda rows: self.show_rows(rows, True),
                     self.ctx.status)

    def file_changed(self, path: Path) -> None:
        """Re-index one record file (after a save or a commit) so search and filters agree."""
        index = self.index
        if index is None:
            return
        self.ctx.run(f"index-path:{path}", lambda: index.refresh_paths([path]),
                     lambda _: self._filter_text and self.search_now(), lambda msg: None, quiet=True)

    def _reporter(self, what: str):
        """A progress callback for a worker. It only records the figures; a timer on the UI
        thread shows them, ten times a second at most."""
        latest = self._latest
        latest[0] = (what, 0, 0)
        if not self._progress_timer.isActive():
            self._progress_timer.start()

        def report(done: int, total: int) -> None:  # runs in the worker
            # A plain list item, not a signal or an attribute of this QObject: workers
            # never touch Qt objects. One item store is atomic under the GIL.
            latest[0] = (what, done, total)
        return report

    def _show_latest(self) -> None:
        latest = self._latest[0]
        if latest is not None and latest != self._shown_progress:
            self._shown_progress = latest
            self.progress.emit(*latest)

    def _finished(self, what: str) -> None:
        self._show_latest()  # the last figures first (tests and the eye see 100 %)
        self._progress_timer.stop()
        self._latest[0] = None
        self.ctx.views.index_progress.done()

    @property
    def search_pending(self) -> bool:
        """Whether a search waits for the typing to pause (the debounce timer runs)."""
        return self._search_timer.isActive()

    def shutdown(self) -> None:
        """Stop background indexing (switching workspace, closing the window)."""
        self._cancel.set()
        self._search_timer.stop()
        self._progress_timer.stop()

    # ---- the filter box -------------------------------------------------------------------------
    def filter_changed(self, text: str) -> None:
        self._filter_text = text.strip()
        lst = self.ctx.views.record_list
        try:
            parsed = parse_filter(self._filter_text)
        except ReviewerError as exc:
            self._search_timer.stop()
            self.ctx.run("search", lambda: None, None, quiet=True)  # drops a running search
            lst.show_filter_error(str(exc))
            lst.clear_for_error()  # not the last results, as if they matched this text
            return
        lst.show_filter_error("")
        if parsed.empty:
            self._search_timer.stop()
            self.ctx.run("search", lambda: None, None, quiet=True)  # drops a running search
            lst.set_hits(None)
            return
        # At once, what the list itself shows; then the index's answer replaces it.
        lst.filter_locally(parsed)
        if self.index is not None and self.records_ready:
            self._search_timer.start()

    def search_now(self) -> None:
        """Search for the filter box's text now (the debounce timer calls this)."""
        index, text = self.index, self._filter_text
        if index is None or not text:
            return
        try:
            parsed = parse_filter(text)
        except ReviewerError:
            return
        sources, lst = self.sources_ready, self.ctx.views.record_list
        self.ctx.run("search", lambda: search.find(index, parsed, sources),
                     lambda found: self._show_found(parsed, found), lst.show_filter_error, quiet=True)

    def _show_found(self, parsed: FilterQuery, found: Found) -> None:
        # A match in another language's file (a Chinese title) is a match of the record's row.
        alias = self._row_paths()
        best = [replace(hit, path=alias.get(hit.path, hit.path)) for hit in found.best]
        files = {alias.get(path, path) for path in found.files}
        self.ctx.views.record_list.set_hits(best, ranked=bool(parsed.query), paths=files)

    def _row_paths(self) -> dict[Path, Path]:
        """Each language file that is not the one its record's row shows -> the row's."""
        ws = self.ctx.workspace
        if ws is None or not ws.config.multilingual:
            return {}
        return {ws.root / file: row.path for row in self.ctx.views.record_list.model.rows
                for file in row.files if ws.root / file != row.path}

    def reveal_match(self, path: Path) -> None:
        """A record opened from a search whose words matched its source: show the match."""
        try:
            query = parse_filter(self._filter_text).query
        except ReviewerError:
            return
        found = [w for w in words(query) if len(w) >= 3]
        hit = self.ctx.views.record_list.model.hits.get(str(path))
        if found and hit is not None and hit.kind == "source":
            self.ctx.views.source_view.reveal(max(found, key=len), hit.source_path)


# ---- in the workers -----------------------------------------------------------------------------
def _refresh(index: WorkspaceIndex, report, cancelled,
             shown: bool) -> tuple[WorkspaceIndex, object, SummaryTable | None]:
    """Bring the index up to date; the list's rows too, unless those ``shown`` (from the
    cache) are still right: read again, they would only cost time and memory."""
    result = index.refresh(report, cancelled)
    if shown and not (result.changed or result.removed or result.rebuilt):
        return index, result, None   # see refreshed: the rows shown are kept
    return index, result, index.list_table()
