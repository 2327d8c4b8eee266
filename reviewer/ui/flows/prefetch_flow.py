"""The open record's neighbours, prepared in a worker before the auditor steps to them.

After a record is shown, the rows just after and before it (in the list as it is filtered
and sorted) are loaded one at a time in a worker (:func:`prefetch.prepare`: parsed, with
sources decoded, outlines labelled and citations checked) into a small cache. Stepping to
one then shows it without waiting on a worker. What the auditor moved away from is
dropped, and so is everything a change touched (see :meth:`PrefetchFlow.forget_files`):
an entry is shown only while the stat of its files is what it was when they were read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QTimer

from reviewer.core.services.prefetch import PrefetchCache, PreparedRecord, prepare
from reviewer.ui.context import AppContext

# Prefetching starts once the record just shown has had its frame: a worker parsing
# meanwhile would hold the GIL while the views lay out and paint.
START_DELAY_MS = 30

Show = Callable[[PreparedRecord], None]


class PrefetchFlow(QObject):
    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cache = PrefetchCache()
        self._around: set[Path] = set()          # the open record and its neighbours
        self._queue: list[tuple[Path, str | None]] = []
        self._running: Path | None = None        # the one prefetch in a worker, at most
        self._running_epoch = 0                  # ...started then: if older, read it again
        self._waiting: tuple[Path, Show] | None = None   # asked for while it was prefetched
        self._wanted: Path | None = None         # the record the auditor asked for last
        self._shown: Path | None = None          # the list row of the record shown
        self._epoch = 0                          # a change was learned: older reads not kept
        self._start = QTimer(self, singleShot=True, interval=START_DELAY_MS)
        self._start.timeout.connect(self._next)

    # ---- showing a record ---------------------------------------------------------------
    def load(self, path: Path, show: Show, failed: Callable[[str], None]) -> None:
        """Call ``show`` with the record at ``path``: at once from the cache, or when the
        prefetch reading it now lands, or from a load in a worker. A record that arrives
        after the auditor asked for another one is not shown."""
        self._wanted, self._waiting = path, None
        ws = self.ctx.workspace
        prepared = self.cache.take(ws, path) if ws is not None else None
        if prepared is not None:
            show(prepared)
            return
        if self._running == path:
            self._waiting = (path, show)
            return
        record_id, epoch = self.ctx.views.record_list.record_id_of(path), self._epoch
        self.ctx.run("record", lambda: prepare(ws, path, record_id),
                     lambda p: self._loaded(p, epoch, show),
                     lambda message: self._wanted == path and failed(message))

    def _loaded(self, prepared: PreparedRecord, epoch: int, show: Show) -> None:
        if epoch == self._epoch:
            self.cache.put(prepared)
        if prepared.path == self._wanted:
            show(prepared)

    # ---- preparing the neighbours --------------------------------------------------------
    def around(self, path: Path) -> None:
        """``path`` is shown: keep it and its neighbours, drop the rest, prepare the
        neighbours not kept yet (once the frame is painted)."""
        self._shown = path
        neighbours = self.ctx.views.record_list.neighbours(path)
        self._around = {path} | {near for near, _ in neighbours}
        self.cache.keep_only(self._around)
        reading = self._running if self._running_epoch == self._epoch else None
        self._queue = [(near, rid) for near, rid in neighbours
                       if not self.cache.has(near) and near != reading]
        if self._queue:
            self._start.start()

    def _next(self) -> None:
        ws = self.ctx.workspace
        if self._running is not None or not self._queue or ws is None:
            return
        path, record_id = self._queue.pop(0)
        self._running = path
        self._running_epoch = epoch = self._epoch
        self.ctx.run(f"prefetch:{path}", lambda: prepare(ws, path, record_id),
                     lambda prepared: self._landed(path, prepared, epoch, ws),
                     lambda _message: self._landed(path, None, epoch, ws), quiet=True)

    def _landed(self, path: Path, prepared: PreparedRecord | None, epoch: int, ws) -> None:
        """A prefetch ended: keep it if nothing changed meanwhile and it is still a
        neighbour; show it if the auditor asked for it while it was read."""
        self._running = None
        waiting, self._waiting = self._waiting, None
        current = epoch == self._epoch and ws is self.ctx.workspace
        if prepared is not None and current and path in self._around | {self._wanted}:
            self.cache.put(prepared)
        if waiting is not None and waiting[0] == self._wanted:
            if prepared is not None and current:
                waiting[1](prepared)
            else:  # failed, or read before a change: read it again
                self.load(waiting[0], waiting[1], self.ctx.views.form.clear)
        self._next()

    # ---- changes ----------------------------------------------------------------------------
    def forget_files(self, files: list[Path]) -> None:
        """Record files were written or changed on disk: their entries go, and reads in
        flight are not kept."""
        self._epoch += 1
        self.cache.drop_files(files)
        self._refill()

    def forget_records(self, record_ids: list[str]) -> None:
        """These records' source files changed."""
        self._epoch += 1
        self.cache.drop_records(record_ids)
        self._refill()

    def forget_all(self) -> None:
        """A refresh, a sync, another workspace: nothing read before is kept."""
        self._epoch += 1
        self.cache.clear()
        self._refill()

    def _refill(self) -> None:
        self._queue = []
        if self._shown is not None and self.ctx.workspace is not None:
            self.around(self._shown)

    # ---- figures --------------------------------------------------------------------------
    @property
    def idle(self) -> bool:
        """No prefetch running or waiting to start (the bench waits for this)."""
        return self._running is None and not self._queue

    @property
    def bytes(self) -> int:
        return self.cache.bytes
