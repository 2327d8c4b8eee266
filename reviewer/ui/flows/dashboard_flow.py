"""The Dashboard (View > Dashboard): the audit's numbers, read from the git history in a
worker, and the record list restricted to the records behind a bar clicked.

:func:`reviewer.core.services.audit_numbers.numbers` (``reviewer stats --json --details``,
answered from its cache when no commit arrived) runs with ``ctx.run``: one run at a time (a
request while one runs waits for it and then runs once, with the filters of then), and
only the newest result is shown; one for a workspace no longer open is dropped. The
window asks again when the history changed (a verify, a reopen, a sync: ``apply_changes``
with ``changes.history``) while the dashboard is open.

The dashboard's module, and pyqtgraph with it (a third of a second), is not imported when
the app starts: a worker imports it once the record list is shown (:meth:`prepare`), so
the first opening only builds and draws (the issue's target: shown within 1 s).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from reviewer.core.audit.measures import Filters
from reviewer.core.errors import NotARepository
from reviewer.core.services import audit_numbers
from reviewer.core.services.audit_numbers import AuditNumbers
from reviewer.core.workspace import Workspace
from reviewer.ui.context import AppContext

if TYPE_CHECKING:
    from reviewer.ui.widgets.audit_dashboard import AuditDashboard

KIND = "audit-stats"


class DashboardFlow(QObject):
    shown = Signal(float)      # numbers shown; seconds since the request (tests, timing)

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.dashboard: AuditDashboard | None = None
        self._running = False
        self._again = False
        self._asked = 0.0            # when the numbers shown next were asked for
        self._prepared = False
        ctx.views.record_list.only_cleared.connect(self._list_cleared)

    @property
    def is_open(self) -> bool:
        return self.dashboard is not None and self.dashboard.isVisible()

    @property
    def running(self) -> bool:
        return self._running

    def prepare(self) -> None:
        """Import the charts in a worker, ahead of the first opening (once)."""
        if self._prepared:
            return
        self._prepared = True
        self.ctx.run("dashboard-import", _import_charts, None, lambda _message: None, quiet=True)

    def open(self) -> None:
        """Show the dashboard (made the first time) and read the numbers again."""
        self._asked = time.perf_counter()
        first = self.dashboard is None
        if first:
            self.refresh()     # git is read while the window is made
            from reviewer.ui.widgets.audit_dashboard import AuditDashboard  # pyqtgraph: on first use
            self.dashboard = AuditDashboard(self.window)
            self.dashboard.filters_changed.connect(self.refresh)
            self.dashboard.refresh_asked.connect(self.refresh)
            self.dashboard.records_chosen.connect(self._show_records)
            geometry = self.ctx.settings.value("dashboard/geometry")
            if geometry is not None:
                self.dashboard.restoreGeometry(geometry)
        self.dashboard.show()
        self.dashboard.raise_()
        self.dashboard.activateWindow()
        if first and self._running:
            self.dashboard.show_reading()
        else:
            self.refresh()

    def close(self) -> None:
        """The window closes: remember where the dashboard was."""
        if self.dashboard is not None:
            self.ctx.settings.setValue("dashboard/geometry", self.dashboard.saveGeometry())
            self.dashboard.close()

    def follow_palette(self) -> None:
        """The palette changed: the dashboard, if made (shown or not), draws in its colours now."""
        if self.dashboard is not None:
            self.dashboard.follow_palette()

    # ---- reading the numbers -------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the numbers again, in a worker (after the one running, if one is)."""
        board, ws = self.dashboard, self.ctx.workspace
        if not self._asked:
            self._asked = time.perf_counter()
        if ws is None:
            if board is not None:
                board.show_problem(self.tr("Open a workspace to see how its drafts held up."))
            return
        if self._running:
            self._again = True
            return
        self._running, self._again = True, False
        filters = board.filter_bar.filters() if board is not None else Filters()
        if board is not None:
            board.show_reading()
        self.ctx.run(KIND, lambda: _read(ws, filters), self._done, self._failed, quiet=True)

    def history_changed(self) -> None:
        """Commits were made or arrived: the numbers are read again if the dashboard is open."""
        if self.is_open:
            self.refresh()

    def workspace_opened(self) -> None:
        """Another workspace: the list shows all of it, the dashboard its numbers."""
        self.ctx.views.record_list.clear_only()
        if self.dashboard is not None:
            self.dashboard.stats = None
            self.dashboard.clear_choice()
            if self.dashboard.isVisible():
                self.refresh()

    def _done(self, result: tuple[Workspace, AuditNumbers | str]) -> None:
        self._running = False
        ws, stats = result
        if self.dashboard is None:
            return
        if self._again or ws is not self.ctx.workspace:
            if self._again or self.dashboard.isVisible():
                self.refresh()   # newer numbers were asked for meanwhile
            return
        if isinstance(stats, str):
            self.dashboard.show_problem(stats)
        else:
            self.dashboard.show_stats(stats)
            self._follow_choice()
        asked, self._asked = self._asked, 0.0
        self.shown.emit(time.perf_counter() - asked if asked else 0.0)

    def _failed(self, message: str) -> None:
        self._running = False
        if self._again:
            self.refresh()
            return
        if self.dashboard is not None:
            self.dashboard.show_problem(self.tr("The history could not be read: {message}").format(message=message))
        self._asked = 0.0
        self.shown.emit(0.0)

    # ---- the records behind a bar --------------------------------------------------------------
    def _show_records(self, files: set[str], about: str) -> None:
        lst = self.ctx.views.record_list
        lst.show_only(files, about)
        count = len(files)
        self.ctx.status(self.tr("The list shows the %n record(s) behind the bar: {about}", "", count)
                        .format(about=about), 6000)

    def _follow_choice(self) -> None:
        """New numbers: a list showing the records behind a bar shows those of the new ones."""
        lst = self.ctx.views.record_list
        if lst.only_about is None or self.dashboard is None:
            return
        chosen = self.dashboard.chosen()
        if chosen is not None:
            lst.show_only(*chosen)

    def _list_cleared(self) -> None:
        if self.dashboard is not None:
            self.dashboard.clear_choice()


# ---- in the workers ---------------------------------------------------------------------------------
def _import_charts() -> None:
    """Only defines classes (pyqtgraph's and the dashboard's): no widget is made here."""
    import reviewer.ui.widgets.audit_dashboard  # noqa: F401


def _read(ws: Workspace, filters: Filters) -> tuple[Workspace, AuditNumbers | str]:
    """The numbers, or why there are none: a folder outside git has no history to audit."""
    try:
        return ws, audit_numbers.numbers(ws, filters)
    except NotARepository as exc:
        return ws, QCoreApplication.translate(
            "DashboardFlow", "{folder} is not in a git repository, so it has no history to audit: the "
            "dashboard compares each record's draft as committed with its reviewed version, and reviews "
            "are recorded as git commits.").format(folder=ws.root.name) + f"\n\n({exc})"
