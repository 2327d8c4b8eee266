"""The main window: record list | record form | source pane, with history below.

The window wires views to the session and to background operations. It never reads or
writes a record itself except through the core (RecordFile.save for Ctrl+S, operations.*
for everything slow), and it never waits on git or a scan on the UI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QUndoGroup
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox, QSplitter, QWidget

from reviewer.core.citations import check_citations
from reviewer.core.errors import ReviewerError
from reviewer.core.workspace import Workspace
from reviewer.ui import operations as ops
from reviewer.ui import shortcuts
from reviewer.ui.citation_flow import CitationFlow
from reviewer.ui.history_panel import HistoryPanel
from reviewer.ui.index_flow import IndexFlow
from reviewer.ui.index_progress import IndexProgress
from reviewer.ui.record_form import RecordForm
from reviewer.ui.record_list import RecordList
from reviewer.ui.review_flow import ReviewFlow
from reviewer.ui.session import RecordSession
from reviewer.ui.shortcuts_dialog import ShortcutsDialog
from reviewer.ui.source_view import SourceView
from reviewer.ui.workers import Workers


class MainWindow(QMainWindow):
    record_loaded = Signal(Path)          # a record is shown and editable (tests, screenshots)
    list_loaded = Signal()

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.workspace: Workspace | None = None
        self.session: RecordSession | None = None
        self.workers = Workers(self)
        self._pending_select: str | None = None
        self.undo_group = QUndoGroup(self)
        self.setWindowTitle("reviewer")
        self.record_list = RecordList()
        self.form = RecordForm()
        self.source_view = SourceView()
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        for w in (self.record_list, self.form, self.source_view):
            self.splitter.addWidget(w)
        self.splitter.setSizes([380, 560, 560])
        self.setCentralWidget(self.splitter)
        self.history = HistoryPanel()
        self.history_dock = QDockWidget("History", self)
        self.history_dock.setObjectName("historyDock")
        self.history_dock.setWidget(self.history)
        self.addDockWidget(Qt.BottomDockWidgetArea, self.history_dock)
        self.resizeDocks([self.history_dock], [170], Qt.Vertical)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._file_changed_on_disk)
        self.watcher.directoryChanged.connect(lambda _: self._rescan_timer.start())
        self._rescan_timer = QTimer(self, singleShot=True, interval=400)
        self._rescan_timer.timeout.connect(self.rescan)
        self._findings_timer = QTimer(self, singleShot=True, interval=150)
        self._findings_timer.timeout.connect(self._refresh_findings)
        self.review = ReviewFlow(self)
        self.index_progress = IndexProgress()
        self.statusBar().addPermanentWidget(self.index_progress)
        self.index_flow = IndexFlow(self)
        self.record_list.filter_changed.connect(self.index_flow.filter_changed)
        self.actions: dict[str, QAction] = {}
        self._build_actions()
        self.record_list.record_selected.connect(self._record_selected)
        self.form.edited.connect(self._form_edited)
        self.form.finished.connect(lambda: self.session and self.session.end_merge())
        self.sources: list = []
        self.citations: list = []
        self.cites = CitationFlow(self)
        self.source_view.status.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.workers.busy_changed.connect(self._busy)
        self.undo_group.cleanChanged.connect(lambda _: self._update_title())
        self._restore_state()

    # ---- actions and menus --------------------------------------------------------------
    def _action(self, name: str, text: str, slot, menu) -> QAction:
        action = QAction(text, self)
        if name in shortcuts.SHORTCUTS:
            action.setShortcuts(shortcuts.keys(name))
            action.setShortcutContext(Qt.WindowShortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.actions[name] = action
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._action("open_workspace", "Open workspace…", self.choose_workspace, file_menu)
        self._action("save", "&Save record", self.save, file_menu)
        self._action("reload", "Reload workspace", self.rescan, file_menu)
        self._action("attach", "&Attach source to this record…", lambda: self.cites.attach(),
                     file_menu)
        file_menu.addSeparator()
        self._action("quit", "&Quit", self.close, file_menu)
        edit_menu = bar.addMenu("&Edit")
        undo = self.undo_group.createUndoAction(self, "&Undo")
        redo = self.undo_group.createRedoAction(self, "&Redo")
        undo.setShortcuts(shortcuts.keys("undo"))
        redo.setShortcuts(shortcuts.keys("redo"))
        edit_menu.addActions([undo, redo])
        self.actions.update(undo=undo, redo=redo)
        edit_menu.addSeparator()
        self._action("find", "&Find in source", self.source_view.show_find, edit_menu)
        self._action("cite", "&Cite selection for the current pillar",
                     lambda: self.source_view.cite(self.cites.current_pillar), edit_menu)
        self._action("find_next", "Find next", lambda: self.source_view.find_step(True), edit_menu)
        self._action("find_prev", "Find previous", lambda: self.source_view.find_step(False), edit_menu)
        review_menu = bar.addMenu("&Review")
        self._action("verify", "&Verify and commit…", self.review.start_verify, review_menu)
        self._action("reopen", "&Reopen…", self.review.start_reopen, review_menu)
        review_menu.addSeparator()
        self._action("next_record", "Next record", lambda: self.record_list.step(1), review_menu)
        self._action("prev_record", "Previous record", lambda: self.record_list.step(-1), review_menu)
        self._action("next_draft", "Next draft", self.record_list.select_next_draft, review_menu)
        self._action("focus_filter", "Filter records", self._focus_filter, review_menu)
        pillar_menu = review_menu.addMenu("Jump to pillar")
        for i in range(1, 8):
            self._action(f"pillar_{i}", shortcuts.SHORTCUTS[f"pillar_{i}"].description,
                         lambda checked=False, i=i: self.form.scroll_to_pillar(i - 1), pillar_menu)
        view_menu = bar.addMenu("&View")
        history_toggle = self.history_dock.toggleViewAction()
        history_toggle.setShortcuts(shortcuts.keys("history"))
        view_menu.addAction(history_toggle)
        help_menu = bar.addMenu("&Help")
        self._action("shortcuts", "Keyboard &shortcuts", lambda: ShortcutsDialog(self).exec(), help_menu)

    def _focus_filter(self) -> None:
        self.record_list.filter.setFocus(Qt.ShortcutFocusReason)
        self.record_list.filter.selectAll()

    # ---- workspace ----------------------------------------------------------------------
    def open_workspace(self, ws: Workspace, select: str | None = None) -> None:
        if not self.confirm_discard():
            return
        self.workspace = ws
        self.settings.setValue("workspace/last", str(ws.root))
        self._update_title()
        self._pending_select = select
        if self.watcher.directories():
            self.watcher.removePaths(self.watcher.directories())
        self.watcher.addPath(str(ws.records_dir))
        self.index_flow.open(ws)

    def choose_workspace(self) -> None:
        from PySide6.QtWidgets import QFileDialog
        folder = QFileDialog.getExistingDirectory(self, "Open workspace")
        if folder:
            try:
                self.open_workspace(Workspace(folder))
            except ReviewerError as exc:
                QMessageBox.warning(self, "Not a workspace", str(exc))

    def rescan(self) -> None:
        """F5, or the records folder changed: re-read what changed (the index knows what)."""
        if self.workspace is not None:
            self.index_flow.refresh()

    def show_rows(self, rows, final: bool) -> None:
        """The list's rows (None: keep those shown). ``final``: they reflect the disk; a
        record asked for at start that is not among cached rows may still come."""
        if rows is not None:
            self.record_list.set_rows(rows)
        select = self._pending_select
        if select and self.record_list.select_record_id(select):
            self._pending_select = None
        elif select and final:
            self._pending_select = None
            self.statusBar().showMessage(f"No record with id {select!r}")
        elif self.session is None and not select and self.record_list.proxy.rowCount() \
                and self.record_list.current_path() is None:
            self.record_list.step(1)
        if final:
            count = len(self.record_list.model.rows)
            self.statusBar().showMessage(f"{count:,} record files", 3000)
            self.list_loaded.emit()

    # ---- selecting and loading a record ----------------------------------------------------
    def _record_selected(self, path: Path) -> None:
        if self.session is not None and self.session.path == path:
            return
        if not self.confirm_discard():
            if self.session is not None:
                self.record_list.select_path(self.session.path, emit=False)
            return
        self.load_record(path)

    def load_record(self, path: Path) -> None:
        ws = self.workspace
        self.workers.submit("record", lambda: ops.load_record(ws, path), self._record_ready,
                            lambda msg: self.form.clear(msg))

    def _record_ready(self, loaded: ops.LoadedRecord) -> None:
        if self.session is not None:
            self.undo_group.removeStack(self.session.stack)
            self.session.deleteLater()
            self.session = None
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        if loaded.record is None:
            self.form.clear(f"This file cannot be read as a record:\n{loaded.error}")
            self.source_view.show_sources([], loaded.error or "", None)
            self.history.show_loading()
            self._update_title()
            return
        session = RecordSession(loaded.record, self)
        self.session = session
        self.undo_group.addStack(session.stack)
        self.undo_group.setActiveStack(session.stack)
        session.field_changed.connect(lambda path, value: self.form.show_field(session.data, path, value))
        session.data_changed.connect(self._findings_timer.start)
        session.data_changed.connect(self._update_title)
        session.reloaded.connect(lambda: self.form.show_record(session.data, self._header()))
        self.form.show_record(session.data, self._header())
        self.form.show_findings(loaded.findings)
        self.sources, self.citations = loaded.sources, loaded.citations
        self.form.show_citations(self.citations)
        data = loaded.record.data
        self.source_view.show_sources(loaded.sources, loaded.record.split.body, data.get("url"),
                                      self._sources_folder(loaded.record.record_id))
        self.watcher.addPath(str(loaded.path))
        self._update_title()
        self.load_history()
        self.index_flow.reveal_match(loaded.path)
        self.record_loaded.emit(loaded.path)

    def _sources_folder(self, record_id: str | None) -> str:
        if not record_id or self.workspace is None:
            return "sources/<id>/"
        return self.workspace.relative(self.workspace.sources_dir(record_id)) + "/"

    def load_history(self) -> None:
        if self.session is None:
            return
        ws, path = self.workspace, self.session.path
        self.history.show_loading()
        self.workers.submit("history", lambda: ops.load_history(ws, path), self.history.show_history)

    def _header(self) -> str:
        s = self.session
        data = s.data
        rel = self.workspace.relative(s.path) if self.workspace else str(s.path)
        status = data.get("reviewStatus", "?")
        return (f"<b style='font-size:14pt'>{data.get('title', '(untitled)')}</b><br>"
                f"<code>{data.get('id', '')}</code> · {status} · {rel} ({s.record.fmt})")

    # ---- editing ------------------------------------------------------------------------------
    def _form_edited(self, path: tuple, value: object, merge: bool) -> None:
        if self.session is not None:
            self.session.edit(path, value, merge)

    def _refresh_findings(self) -> None:
        if self.session is not None:
            self.form.show_findings(ops.findings_for(self.session.data, self.session.record))
            self.refresh_citations()

    def refresh_citations(self) -> None:
        """Check the working copy's citations again (pure and fast: no file access)."""
        if self.session is not None and self.workspace is not None:
            self.citations = check_citations(self.session.data, self.sources, self.workspace.root)
            self.form.show_citations(self.citations)

    def _update_title(self, *args) -> None:
        name = self.workspace.root.name if self.workspace else ""
        record = ""
        if self.session is not None:
            record = f"{self.session.data.get('id', self.session.path.name)}[*]"  # [*]: modified mark
        self.setWindowTitle(" — ".join(p for p in (record, name, "reviewer") if p))
        self.setWindowModified(bool(self.session and self.session.dirty))

    def save(self) -> bool:
        """Ctrl+S: write only the changed fields; False (and a message) when refused."""
        s = self.session
        if s is None or not s.dirty:
            return True
        try:
            saved = s.record.save(s.pending_changes())
        except ReviewerError as exc:
            QMessageBox.warning(self, "Not saved", f"Nothing was written.\n\n{exc}")
            return False
        s.saved(saved)
        self.statusBar().showMessage(f"Saved {self.workspace.relative(s.path)}", 4000)
        self.record_list.update_row(self._summary_of(s))
        self.index_flow.file_changed(s.path)
        self.load_history()
        return True

    def _summary_of(self, session: RecordSession):
        from reviewer.core.workspace import Entry
        return Entry(session.path, record=session.record).summary(self.workspace.relative(session.path))

    def confirm_discard(self) -> bool:
        """Ask before unsaved edits could be lost; True when it is fine to go on."""
        s = self.session
        if s is None or not s.dirty:
            return True
        answer = QMessageBox.question(
            self, "Unsaved edits",
            f"{s.data.get('id', s.path.name)} has unsaved edits. Save them?",
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Save:
            return self.save()
        if answer == QMessageBox.Discard:
            s.replace_from_disk(s.record, keep_edits=False)
            return True
        return False

    # ---- the file changed on disk -----------------------------------------------------------
    def _file_changed_on_disk(self, name: str) -> None:
        s = self.session
        if s is None or Path(name) != s.path:
            return
        if s.path.exists() and name not in self.watcher.files():
            self.watcher.addPath(name)  # an atomic replace drops the watch
        try:
            from reviewer.core.document import RecordFile
            fresh = RecordFile.load(s.path)
        except ReviewerError as exc:
            self.statusBar().showMessage(f"{s.path.name} changed on disk and cannot be read: {exc}")
            return
        if fresh.raw == s.record.raw:
            return  # our own save, or a touch
        if not s.dirty:
            s.replace_from_disk(fresh, keep_edits=False)
            self.statusBar().showMessage(f"Reloaded {s.path.name}: it changed on disk", 6000)
        else:
            answer = QMessageBox.question(
                self, "Changed on disk",
                f"{s.path.name} was changed by someone else while you have unsaved edits.\n\n"
                "Keep my edits: your edits are re-applied on top of the new file.\n"
                "Reload: take the file as it is now and drop your edits.",
                QMessageBox.Yes | QMessageBox.Discard, QMessageBox.Yes)
            s.replace_from_disk(fresh, keep_edits=answer == QMessageBox.Yes)
        self.record_list.update_row(self._summary_of(s))
        self.index_flow.file_changed(s.path)
        self.load_history()

    # ---- state --------------------------------------------------------------------------------
    def _busy(self, busy: bool) -> None:
        if busy:
            self.statusBar().showMessage("Working…")
        elif self.statusBar().currentMessage() == "Working…":
            self.statusBar().clearMessage()

    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1500, 900)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        sizes = self.settings.value("window/splitter")
        if sizes is not None:
            self.splitter.restoreState(sizes)

    def closeEvent(self, event) -> None:
        if not self.confirm_discard():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.index_flow.shutdown()  # indexing stops at its next batch
        self.workers.wait(5000)
        event.accept()

    def focus_widget_name(self) -> str:
        w: QWidget | None = self.focusWidget()
        return w.objectName() if w else ""
