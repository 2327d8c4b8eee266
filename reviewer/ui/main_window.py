"""The main window: record list | record form | source pane, with history below.

The window lays out the views, builds the menus and owns :meth:`MainWindow.apply_changes`,
the one place where what an action changed (a service's report) reaches the views. The
flows do the rest, each with an :class:`~reviewer.ui.context.AppContext`. Nothing here
reads or writes a record, and the UI thread never waits on git, a scan or a parse.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QFileSystemWatcher, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QUndoGroup
from PySide6.QtWidgets import QDockWidget, QFileDialog, QLabel, QMainWindow, QMenu, QSplitter

from reviewer.core.errors import ReviewerError
from reviewer.core.record.summary import Summary
from reviewer.core.services import reviews
from reviewer.core.services.changes import Changes
from reviewer.core.services.workspaces import demo_workspace
from reviewer.core.workspace import Workspace
from reviewer.ui import shortcuts, window_state
from reviewer.ui.context import AppContext, Views
from reviewer.ui.follows_palette import FollowsPalette
from reviewer.ui.dialogs.shortcuts_dialog import ShortcutsDialog
from reviewer.ui.flows.citation_flow import CitationFlow
from reviewer.ui.flows.dashboard_flow import DashboardFlow
from reviewer.ui.flows.index_flow import IndexFlow
from reviewer.ui.flows.preferences_flow import PreferencesFlow
from reviewer.ui.flows.record_flow import RecordFlow
from reviewer.ui.flows.recovery_flow import RecoveryFlow
from reviewer.ui.flows.review_flow import ReviewFlow
from reviewer.ui.flows.setup_flow import SetupFlow
from reviewer.ui.flows.sync_flow import SyncFlow
from reviewer.ui.flows.unsaved_flow import UnsavedFlow
from reviewer.ui.widgets.no_workspace_panel import NoWorkspacePanel
from reviewer.ui.session import RecordSession
from reviewer.ui.tasks import Tasks
from reviewer.ui.undo_actions import undo_actions
from reviewer.ui.undo_keys import UndoKeys
from reviewer.ui.widgets.history_panel import HistoryPanel
from reviewer.ui.widgets.index_progress import IndexProgress
from reviewer.ui.widgets.record_form import RecordForm
from reviewer.ui.widgets.record_list import RecordList
from reviewer.ui.widgets.source_view import SourceView
from reviewer.ui.widgets.sync_button import SyncButton
from reviewer.ui.core_text import translated

RESCAN_DELAY_MS = 400   # a burst of file events (a checkout) is one rescan
COLUMNS_WIDTH = 640     # the form's width that shows two language columns readably
SOURCES_MIN_WIDTH = 380


class MainWindow(FollowsPalette, QMainWindow):
    record_loaded = Signal(Path)          # a record is shown and editable (tests, screenshots)
    list_loaded = Signal()

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.workers = Tasks(self)
        self.undo_group = QUndoGroup(self)
        self.undo_keys = UndoKeys(self)   # Ctrl+Z is the window's undo, in every box
        self._pending_select: str | None = None
        self.no_workspace: NoWorkspacePanel | None = None   # shown when a folder cannot open
        self.setWindowTitle("reviewer")
        self.record_list, self.form, self.source_view = RecordList(), RecordForm(), SourceView()
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        for w in (self.record_list, self.form, self.source_view):
            self.splitter.addWidget(w)
        self.splitter.setSizes([380, 560, 560])
        self.setCentralWidget(self.splitter)
        self.history = HistoryPanel()
        self.history_dock = QDockWidget(self.tr("History"), self)
        self.history_dock.setObjectName("historyDock")
        self.history_dock.setWidget(self.history)
        self.addDockWidget(Qt.BottomDockWidgetArea, self.history_dock)
        # At most a fifth of the screen's height: a short screen (200 % scale) keeps room for the record.
        room = self.screen().availableGeometry().height() if self.screen() else 1000
        self.resizeDocks([self.history_dock], [min(170, room // 5)], Qt.Vertical)
        self.index_progress = IndexProgress()
        # "Working…" has its own place: it must not wipe "Saved" or "Committed as …".
        self.working = QLabel(self.tr("Working…"))
        self.working.setVisible(False)
        self.statusBar().addPermanentWidget(self.working)
        self.statusBar().addPermanentWidget(self.index_progress)
        self.sync_button = SyncButton()
        self.statusBar().addPermanentWidget(self.sync_button)
        views = Views(self.record_list, self.form, self.source_view, self.history, self.index_progress)
        self.ctx = AppContext(self.settings, self.workers, views,
                              lambda text, ms: self.statusBar().showMessage(text, ms),
                              self.apply_changes)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _: self._rescan_timer.start())
        self._rescan_timer = QTimer(self, singleShot=True, interval=RESCAN_DELAY_MS)
        self._rescan_timer.timeout.connect(self.rescan)
        self.records = RecordFlow(self.ctx, self.undo_group, self.watcher, self)
        # A save, verify, reopen or sync ended: any file may differ from what was prepared.
        self.ctx.after_write(lambda _path: self.records.prefetch.forget_all())
        self.review = ReviewFlow(self.ctx, self.records.save, self)
        self.cites = CitationFlow(self.ctx, lambda: self.records.citations, self)
        self.index_flow = IndexFlow(self.ctx, self.show_rows, self)
        self.recovery = RecoveryFlow(self.ctx, self)
        self.unsaved = UnsavedFlow(self.ctx, self.records, self)
        self._offer_unsaved = False     # on the first full list of a workspace opened
        self.setup = SetupFlow(self.ctx, self.open_workspace, self)
        self.team = SyncFlow(self.ctx, self.sync_button, self)
        self.dashboard = DashboardFlow(self.ctx, self)
        self.preferences = PreferencesFlow(self.ctx, self.unsaved, self.team, self)  # applies them too
        self.list_loaded.connect(self.dashboard.prepare)
        self.review.committed.connect(self.team.committed)
        self.records.loaded.connect(self.record_loaded)
        self.records.reopen_needed.connect(self.review.start_reopen)
        self.records.session_changed.connect(self.cites.record_changed)
        self.records.loaded.connect(self.index_flow.reveal_match)
        self.records.session_changed.connect(self._update_title)
        self.records.session_changed.connect(self._update_actions)
        self.form.columns_changed.connect(self._make_room_for_columns)
        self.source_view.status.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.workers.busy_changed.connect(self._busy)
        self.undo_group.cleanChanged.connect(lambda _: self._update_title())
        self.actions: dict[str, QAction] = self._build_menus()
        self._update_actions()
        window_state.restore(self)

    # ---- menus ----------------------------------------------------------------------------
    def _build_menus(self) -> dict[str, QAction]:
        """Every menu; returns the actions by name (the names of ``shortcuts.SHORTCUTS``)."""
        w = self
        actions: dict[str, QAction] = {}

        def add(name: str, text: str, slot: Callable, menu: QMenu) -> QAction:
            action = QAction(text, w)
            if name in shortcuts.SHORTCUTS:
                action.setShortcuts(shortcuts.keys(name))
                action.setShortcutContext(Qt.WindowShortcut)
            action.triggered.connect(slot)
            menu.addAction(action)
            actions[name] = action
            return action

        bar = w.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        add("open_workspace", self.tr("Open workspace…"), w.choose_workspace, file_menu)
        add("save", self.tr("&Save record"), w.save, file_menu)
        add("revert", self.tr("Re&vert record…"), w.records.revert, file_menu)
        add("reload", self.tr("Reload workspace"), w.rescan, file_menu)
        add("attach", self.tr("&Attach source to this record…"), lambda: w.cites.attach(), file_menu)
        file_menu.addSeparator()
        add("quit", self.tr("&Quit"), w.close, file_menu)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        undo, redo = undo_actions(w.undo_group, w)
        edit_menu.addActions([undo, redo])
        actions.update(undo=undo, redo=redo)
        edit_menu.addSeparator()
        add("find", self.tr("&Find in source"), w.source_view.show_find, edit_menu)
        add("cite", self.tr("&Cite selection for the current pillar"),
            lambda: w.source_view.cite(w.cites.current_pillar), edit_menu)
        add("find_next", self.tr("Find next"), lambda: w.source_view.find_step(True), edit_menu)
        add("find_prev", self.tr("Find previous"), lambda: w.source_view.find_step(False), edit_menu)
        edit_menu.addSeparator()
        add("preferences", self.tr("&Preferences…"), w.preferences.open, edit_menu).setMenuRole(
            QAction.PreferencesRole)   # macOS moves it to the application menu

        review_menu = bar.addMenu(self.tr("&Review"))
        add("verify", self.tr("&Verify and commit…"), w.review.start_verify, review_menu)
        add("reopen", self.tr("&Reopen…"), w.review.start_reopen, review_menu)
        add("sync", self.tr("S&ync with the team's remote"), w.team.sync, review_menu)
        review_menu.addSeparator()
        add("next_record", self.tr("Next record"), lambda: w.record_list.step(1), review_menu)
        add("prev_record", self.tr("Previous record"), lambda: w.record_list.step(-1), review_menu)
        add("next_draft", self.tr("Next draft"), w.record_list.select_next_draft, review_menu)
        add("focus_filter", self.tr("Filter records"), w.record_list.focus_filter, review_menu)
        pillar_menu = review_menu.addMenu(self.tr("Jump to pillar"))
        for i in range(1, 8):
            add(f"pillar_{i}", shortcuts.SHORTCUTS[f"pillar_{i}"].description,
                lambda checked=False, i=i: w.form.scroll_to_pillar(i - 1), pillar_menu)

        view_menu = bar.addMenu(self.tr("&View"))
        history_toggle = w.history_dock.toggleViewAction()
        history_toggle.setShortcuts(shortcuts.keys("history"))
        view_menu.addAction(history_toggle)
        add("dashboard", self.tr("&Dashboard"), w.dashboard.open, view_menu)

        help_menu = bar.addMenu(self.tr("&Help"))
        add("shortcuts", self.tr("Keyboard &shortcuts"), lambda: ShortcutsDialog(w).exec(), help_menu)
        return actions

    # ---- what the flows share ------------------------------------------------------------------
    @property
    def workspace(self) -> Workspace | None:
        return self.ctx.workspace

    @property
    def session(self) -> RecordSession | None:
        return self.ctx.session

    def save(self) -> None:
        """Ctrl+S (see :meth:`RecordFlow.save`; ``records.saved`` reports the outcome)."""
        self.records.save()

    def apply_changes(self, changes: Changes) -> None:
        """The one place where an action's report reaches the views: the rows, the index
        and the open record for each file written, the sources, the history, the status."""
        ws, session = self.ctx.workspace, self.ctx.session
        self._forget_prepared(changes)
        for path, record in changes.records.items():
            if ws is not None:  # a language file's change shows in its record's one row
                row = self.record_list.row_with_file(path, ws.relative(path))
                self.record_list.update_row(ws.layout.regroup(row, ws.summary_of(record)))
            self.index_flow.file_changed(path)
            if session is not None and session.has_file(path) \
                    and session.files[session.language_of(path)].raw != record.raw:
                self.records.rebased(record)
        message = translated(changes.message)
        for record_id, sources in changes.sources.items():
            if session is not None and session.record.record_id == record_id:
                self.records.show_sources(sources)
                message += self.tr("; citations checked again")
        if changes.history:
            self.records.load_history()
            self.check_unshared()
            self.team.refresh()
            self.dashboard.history_changed()
        if changes.next_draft:  # a verify: the list re-sorts, the next draft opens at its problems
            self.record_list.resort()
            self.records.open_next_at_attention()
            if not self.record_list.select_next_draft():
                self.records.open_next_at_attention(False)
                message += self.tr(". No drafts left in the list.")
        if message:
            self.statusBar().showMessage(message, 8000)

    def _forget_prepared(self, changes: Changes) -> None:
        """Records prepared ahead (the neighbours) that an action touched are read again:
        one shown from before the change would be an edit made on old data."""
        if changes.records:
            self.records.prefetch.forget_files(list(changes.records))
        if changes.sources:
            self.records.prefetch.forget_records(list(changes.sources))

    # ---- workspace ----------------------------------------------------------------------------
    def open_workspace(self, ws: Workspace, select: str | None = None) -> None:
        self.records.confirm_discard(lambda: self._open(ws, select))

    def show_no_workspace(self, message: str, folder: Path | None = None) -> None:
        """The folder asked for is no workspace: say why in place of the form, with the
        ways on (another folder, set this one up, the demo)."""
        if self.no_workspace is None:
            self.no_workspace = NoWorkspacePanel()
            self.no_workspace.open_other.connect(self.choose_workspace)
            self.no_workspace.set_up.connect(
                lambda f: self.open_folder(f, None, lambda m: self.show_no_workspace(m, f)))
            self.no_workspace.open_demo.connect(self._open_demo)
            self.splitter.insertWidget(1, self.no_workspace)
        self.no_workspace.show_problem(message, folder)
        self.form.hide()
        self.no_workspace.show()
        self.statusBar().showMessage(message, 10000)

    def check_unshared(self) -> None:
        """In a worker: which records have commits not yet pushed (marked ↑ in the list)."""
        ws = self.ctx.workspace
        if ws is None:
            return
        self.ctx.run("unshared", lambda: {ws.relative(p) for p in reviews.unshared(ws)},
                     self.record_list.mark_unshared, lambda _message: None, quiet=True)

    def _open_demo(self) -> None:
        try:
            self.open_workspace(demo_workspace())
        except ReviewerError as exc:
            self.show_no_workspace(str(exc))

    def _open(self, ws: Workspace, select: str | None) -> None:
        if self.no_workspace is not None:
            self.no_workspace.hide()
            self.form.show()
        self.ctx.workspace = ws
        self.records.prefetch.forget_all()
        self.settings.setValue("workspace/last", str(ws.root))
        self._update_title()
        self._pending_select = select
        self._offer_unsaved = not select    # a record asked for by name opens as asked
        if self.watcher.directories():
            self.watcher.removePaths(self.watcher.directories())
        folders = [str(f) for f in ws.record_folders() if f.is_dir()]
        if folders:
            self.watcher.addPaths(folders)
        self.index_flow.open(ws)
        self.recovery.check(ws)
        self.team.opened()
        self.dashboard.workspace_opened()

    def choose_workspace(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open workspace"))
        if folder:
            self.open_folder(Path(folder))

    def open_folder(self, folder: Path, select: str | None = None, refused=None) -> None:
        """Open a folder the user named, offering a reviewer.toml first if it needs one
        (see :class:`SetupFlow`)."""
        self.setup.open_folder(folder, select, refused)

    def rescan(self) -> None:
        """F5, or the records folder changed: re-read what changed (the index knows what)."""
        if self.ctx.workspace is not None:
            self.records.prefetch.forget_all()   # what changed on disk is not known yet
            self.index_flow.refresh()

    def show_rows(self, rows: list[Summary] | None, final: bool) -> None:
        """The list's rows (None: keep those shown). ``final``: they reflect the disk; a
        record asked for at start that is not among cached rows may still come."""
        if rows is not None:
            self.record_list.set_rows(rows)
            if final:  # files changed on disk (or the first full list): read neighbours again
                self.records.prefetch.forget_all()
        select = self._pending_select
        if select and self.record_list.select_record_id(select):
            self._pending_select = None
        elif select and final:
            self._pending_select = None
            self.statusBar().showMessage(self.tr("No record with id {id}").format(id=repr(select)))
        elif self.ctx.session is None and not select and self.record_list.proxy.rowCount() \
                and self.record_list.current_path() is None:
            self.record_list.step(1)
        if final:
            rows = self.record_list.model.rows
            files = rows.files
            if not self.statusBar().currentMessage():  # never over "Saved", "Committed as …"
                self.statusBar().showMessage(
                    self.tr("%Ln record file(s)", "", files) if files == len(rows) else
                    self.tr("{records} in %Ln file(s)", "", files).format(
                        records=self.tr("%Ln record(s)", "", len(rows))), 3000)
            self.check_unshared()
            if self._offer_unsaved:
                self._offer_unsaved = False
                self.unsaved.open_newest()
            self.list_loaded.emit()

    # ---- state --------------------------------------------------------------------------------
    def _update_title(self, *args) -> None:
        ws, session = self.ctx.workspace, self.ctx.session
        name = ws.root.name if ws else ""
        record = ""
        if session is not None:
            record = f"{session.data.get('id') or session.record.record_id or session.path.name}[*]"
        self.setWindowTitle(" — ".join(p for p in (record, name, "reviewer") if p))
        self.setWindowModified(bool(session and session.dirty))

    def _update_actions(self) -> None:
        """Reopen only for a verified record (on a draft it would do nothing)."""
        session = self.ctx.session
        self.actions["reopen"].setEnabled(session is not None and session.locked)

    def _make_room_for_columns(self, columns: int) -> None:
        """Side-by-side language columns need a wider form: take it from the source pane,
        which keeps enough to read; the auditor's own splitter moves stay theirs after."""
        sizes = self.splitter.sizes()
        if columns < 2 or len(sizes) != 3 or sizes[1] >= COLUMNS_WIDTH:
            return
        take = min(COLUMNS_WIDTH - sizes[1], max(0, sizes[2] - SOURCES_MIN_WIDTH))
        self.splitter.setSizes([sizes[0], sizes[1] + take, sizes[2] - take])

    def _busy(self, busy: bool) -> None:
        """"Working…" in its own corner of the status bar: a message the auditor must read
        ("merged with your edits", "Saved") is not wiped by the work that follows it."""
        self.working.setVisible(busy)

    def follow_palette(self) -> None:
        """Each view draws what it coloured from the status set again (see FollowsPalette)."""
        for view in (self.record_list, self.form, self.source_view, self.history,
                     self.sync_button, self.dashboard):
            view.follow_palette()

    def closeEvent(self, event) -> None:
        session = self.ctx.session
        if session is not None and session.dirty:
            event.ignore()  # asked first; closes again once saved or discarded
            self.records.confirm_discard(self.close)
            return
        window_state.save(self)
        self.dashboard.close()
        self.unsaved.flush()        # saved or discarded by now: its entry goes
        self.index_flow.shutdown()  # indexing stops at its next batch
        self.workers.wait(5000)
        event.accept()
