"""The workspace index in the window: the cached list at once, then a refresh, then search.

Opening a workspace reads the list from the index cache in a worker (a fraction of a second
at 10,000 records) and shows it; a second worker then re-reads only what changed on disk,
with a progress bar, and a third indexes the source texts for search. None of it blocks
the list or editing. A save, a verify or a file changed underneath re-indexes that file.

The filter box goes through :func:`reviewer.core.filterquery.parse_filter` and the index's
full-text search (debounced, in a worker; a result for older text is dropped). Until the
index is ready the list filters on what it shows, so typing is never ignored.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from reviewer.core.errors import ReviewerError
from reviewer.core.filterquery import parse_filter
from reviewer.core.index import WorkspaceIndex
from reviewer.core.search import matching_files, words
from reviewer.core.workspace import Workspace
from reviewer.ui import operations as ops

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow

SEARCH_DELAY_MS = 150
SNIPPETS = 200           # matches shown with a snippet, best first; the rest follow
PROGRESS_EVERY_S = 0.1   # the progress bar shows the workers' figures ten times a second


class IndexFlow(QObject):
    progress = Signal(str, int, int)     # what, done, total (emitted on the UI thread)
    finished = Signal(str)               # what finished: "records" or "sources"

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.index: WorkspaceIndex | None = None
        self.records_ready = False        # the list reflects the files on disk
        self.sources_ready = False        # source texts are searchable
        self._cancel = threading.Event()
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._search_now)
        self._filter_text = ""
        self._shown_cached = False
        self._latest: list = [None]                # written by workers, read by the timer
        self._shown_progress: tuple | None = None
        self._progress_timer = QTimer(self, interval=int(PROGRESS_EVERY_S * 1000))
        self._progress_timer.timeout.connect(self._show_latest)
        self.progress.connect(window.index_progress.show_progress)
        self.finished.connect(self._finished)

    # ---- opening and refreshing ---------------------------------------------------------------
    def open(self, ws: Workspace) -> None:
        """Show the cached list, then refresh it, then index the sources."""
        self.shutdown()
        self._cancel = threading.Event()
        self.index = None  # results of the previous workspace's index are dropped from now
        self.records_ready = self.sources_ready = False
        self.window.index_progress.show_progress("records", 0, 0)
        self.window.workers.submit("index-open", lambda: _open_cached(ws), self._cached,
                                   self._index_failed, quiet=True)

    def _cached(self, opened: tuple[WorkspaceIndex, list]) -> None:
        self.index, rows = opened
        self._shown_cached = bool(rows)
        if rows:
            self.window.show_rows(rows, final=False)
        self.refresh()

    def refresh(self) -> None:
        """Re-read what changed on disk (F5, or the records folder changed)."""
        index, cancel = self.index, self._cancel
        if index is None:
            self.open(self.window.workspace)
            return
        report = self._reporter("records")
        self.window.workers.submit(
            "index-refresh", lambda: _refresh(index, report, cancel.is_set), self._refreshed,
            self._index_failed, quiet=True)

    def _refreshed(self, result: tuple) -> None:
        index, report, rows = result
        if index is not self.index:  # finished just as another workspace was opened
            return
        self.finished.emit("records")
        if report.cancelled:
            return
        self.records_ready = True
        unchanged = not (report.changed or report.removed or report.rebuilt)
        # A warm open with nothing changed keeps the rows already shown (no model reset).
        self.window.show_rows(None if unchanged and self._shown_cached else rows, final=True)
        self._shown_cached = True
        if report.note:
            self.window.statusBar().showMessage(f"Workspace index: {report.note}", 8000)
        if self._filter_text:
            self._search_now()
        if not self.sources_ready:
            self._index_sources()

    def _index_sources(self) -> None:
        index, cancel, report = self.index, self._cancel, self._reporter("sources")
        self.window.workers.submit(
            "index-sources", lambda: (index, index.index_sources(report, cancel.is_set)),
            self._sources_indexed, self._sources_failed, quiet=True)

    def _sources_indexed(self, result: tuple) -> None:
        index, report = result
        if index is not self.index:
            return
        self.finished.emit("sources")
        if getattr(report, "cancelled", False):
            return
        self.sources_ready = True
        if self._filter_text:
            self._search_now()  # source texts may add matches

    def _sources_failed(self, message: str) -> None:
        self.finished.emit("sources")
        self.window.statusBar().showMessage(f"Source texts are not searchable: {message}", 8000)

    def _index_failed(self, message: str) -> None:
        """No usable index: read every record the slow way, so the list is still right."""
        self.finished.emit("records")
        self.index = None
        ws = self.window.workspace
        self.window.statusBar().showMessage(f"Workspace index unavailable ({message}); "
                                            "reading every record", 8000)
        self.window.workers.submit("scan", lambda: ops.scan_workspace(ws),
                                   lambda rows: self.window.show_rows(rows, final=True),
                                   lambda msg: self.window.statusBar().showMessage(msg))

    def file_changed(self, path: Path) -> None:
        """Re-index one record file (after a save or a commit) so search and filters agree."""
        index = self.index
        if index is None:
            return
        self.window.workers.submit(f"index-path:{path}", lambda: index.refresh_paths([path]),
                                   lambda _: self._filter_text and self._search_now(),
                                   lambda msg: None, quiet=True)

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
        self.window.index_progress.done()

    def shutdown(self) -> None:
        """Stop background indexing (switching workspace, closing the window)."""
        self._cancel.set()
        self._search_timer.stop()
        self._progress_timer.stop()

    # ---- the filter box -------------------------------------------------------------------------
    def filter_changed(self, text: str) -> None:
        self._filter_text = text.strip()
        lst = self.window.record_list
        try:
            parsed = parse_filter(self._filter_text)
        except ReviewerError as exc:
            lst.show_filter_error(str(exc))
            return
        lst.show_filter_error("")
        if parsed.empty:
            self._search_timer.stop()
            self.window.workers.submit("search", lambda: None, lambda _: None, quiet=True)
            lst.set_hits(None)
            return
        # At once, what the list itself shows; then the index's answer replaces it.
        lst.filter_locally(parsed)
        if self.index is not None and self.records_ready:
            self._search_timer.start()

    def _search_now(self) -> None:
        index, text = self.index, self._filter_text
        if index is None or not text:
            return
        try:
            parsed = parse_filter(text)
        except ReviewerError:
            return
        sources = self.sources_ready
        self.window.workers.submit(
            "search", lambda: _search(index, parsed, sources),
            lambda found: self.window.record_list.set_hits(found[1], ranked=bool(parsed.query),
                                                           paths=found[0]),
            self.window.record_list.show_filter_error, quiet=True)

    def reveal_match(self, path: Path) -> None:
        """A record opened from a search whose words matched its source: show the match."""
        try:
            query = parse_filter(self._filter_text).query
        except ReviewerError:
            return
        found = [w for w in words(query) if len(w) >= 3]
        hit = self.window.record_list.model.hits.get(str(path))
        if found and hit is not None and hit.kind == "source":
            self.window.source_view.reveal(max(found, key=len), hit.source_path)


# ---- in the workers -----------------------------------------------------------------------------
def _open_cached(ws: Workspace) -> tuple[WorkspaceIndex, list]:
    index = WorkspaceIndex.open(ws)
    return index, index.summaries()


def _search(index: WorkspaceIndex, parsed, sources: bool) -> tuple[set, list]:
    """Every matching record, and the best ones with snippets (snippets of long source
    texts are what costs: a few hundred stay instant, thousands would not)."""
    files = matching_files(index, parsed.query, sources=sources, **parsed.filters)
    best = index.search(parsed.query, limit=SNIPPETS, sources=sources, **parsed.filters)
    return files, best


def _refresh(index: WorkspaceIndex, report, cancelled) -> tuple:
    result = index.refresh(report, cancelled)
    return index, result, index.summaries()
