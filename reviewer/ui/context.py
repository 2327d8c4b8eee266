"""What the window's flows share, handed to each of them instead of the window itself.

Like git-cola's ApplicationContext: a flow sees the settings, the open workspace and
record, the views it may drive, the status line and :meth:`AppContext.run`, the one way to
run a service. It never reaches into the window's members.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QSettings, QTimer

from reviewer.core.services.changes import Changes, Outcome
from reviewer.core.workspace import Workspace
from reviewer.ui.session import RecordSession
from reviewer.ui.tasks import Tasks
from reviewer.ui.widgets.history_panel import HistoryPanel
from reviewer.ui.widgets.index_progress import IndexProgress
from reviewer.ui.widgets.record_form import RecordForm
from reviewer.ui.widgets.record_list import RecordList
from reviewer.ui.widgets.source_view import SourceView
from reviewer.ui.core_text import translated


@dataclass
class Views:
    record_list: RecordList
    form: RecordForm
    source_view: SourceView
    history: HistoryPanel
    index_progress: IndexProgress


class AppContext:
    def __init__(self, settings: QSettings, tasks: Tasks, views: Views,
                 show_status: Callable[[str, int], None],
                 apply_changes: Callable[[Changes], None]) -> None:
        self.settings = settings
        self.tasks = tasks
        self.views = views
        self.workspace: Workspace | None = None
        self.session: RecordSession | None = None
        self._show_status = show_status
        self._apply_changes = apply_changes
        self._writing: dict[Path, int] = {}          # record files actions are writing now
        self._after_write: list[Callable[[Path], None]] = []
        self._saves_held = 0                          # a sync is rewriting the work tree
        self._after_release: list[Callable[[], None]] = []

    def status(self, text: str, msecs: int = 0) -> None:
        """A message in the status bar (0: until the next one); the core's in the interface
        language."""
        self._show_status(translated(text), msecs)

    def apply(self, changes: Changes) -> None:
        """Bring every view up to date with what an action changed."""
        self._apply_changes(changes)

    def run(self, kind: str, service: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
            on_failed: Callable[[str], None] | None = None, quiet: bool = False,
            writes: Path | list[Path] | None = None) -> int:
        """Run ``service`` in a worker. When it returns an :class:`Outcome`, its changes are
        applied to the views (the one place that does it) before ``on_done`` gets the
        result. Only the newest request of a ``kind`` reports back. ``writes``: the record
        file (or a record's language files) the service may rewrite (see :meth:`writing`)."""
        def done(value: Any) -> None:
            if isinstance(value, Outcome):
                self.apply(value.changes)
                value = value.result
            if on_done is not None:
                on_done(value)

        finished = None
        written = [writes] if isinstance(writes, Path) else list(writes or [])
        for path in written:
            self._writing[path] = self._writing.get(path, 0) + 1
        if written:
            finished = lambda: [self._wrote(path) for path in written]  # noqa: E731
        return self.tasks.submit(kind, service, done, on_failed, quiet=quiet, on_finished=finished)

    def hold_saves(self) -> None:
        """A sync runs: saves wait until :meth:`release_saves` (see :meth:`when_saves_allowed`)."""
        self._saves_held += 1

    def release_saves(self) -> None:
        self._saves_held = max(0, self._saves_held - 1)
        if not self._saves_held:
            waiting, self._after_release = self._after_release, []
            for callback in waiting:
                QTimer.singleShot(0, callback)

    @property
    def saves_held(self) -> bool:
        return self._saves_held > 0

    def when_saves_allowed(self, callback: Callable[[], None]) -> None:
        self._after_release.append(callback)

    def writing(self, path: Path) -> bool:
        """Whether an action of ours is rewriting ``path`` now: a change seen on disk may be
        our own, and is looked at once the action reported (see :meth:`after_write`)."""
        return self._writing.get(path, 0) > 0

    def after_write(self, callback: Callable[[Path], None]) -> None:
        """Call ``callback(path)`` whenever actions writing ``path`` have all ended."""
        self._after_write.append(callback)

    def _wrote(self, path: Path) -> None:
        self._writing[path] -= 1
        if not self._writing[path]:
            del self._writing[path]
            for callback in self._after_write:
                QTimer.singleShot(0, lambda cb=callback: cb(path))  # after the result is applied
