"""The open record: selecting and loading it, editing, saving, and changes made on disk.

Loading, saving and re-reading run as services in workers; what they change reaches the
views through the window's one ``apply_changes``. A save is refused whole (nothing written)
when any edit cannot be verified, and the auditor's edits then stay in the form.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QMessageBox, QWidget

from reviewer.core.record.document import RecordFile
from reviewer.core.record.merge import resolved_values, three_way
from reviewer.core.services import records, reviews
from reviewer.core.services.changes import Changes
from reviewer.core.services.prefetch import PreparedRecord
from reviewer.core.services.records import LoadedRecord
from reviewer.core.sources.citations import check_citations
from reviewer.core.sources.reading import SourceText
from reviewer.core.terms import PILLARS, UNBACKED_STATUSES
from reviewer.ui.context import AppContext
from reviewer.ui.dialogs.add_pillar_dialog import AddPillarDialog
from reviewer.ui.dialogs.merge_dialog import MergeDialog
from reviewer.ui.flows.prefetch_flow import PrefetchFlow
from reviewer.ui.session import RecordSession
from reviewer.ui.widgets.pillar_card import NEW_PILLAR

FINDINGS_DELAY_MS = 150   # findings follow typing, but not every keystroke


class RecordFlow(QObject):
    loaded = Signal(Path)          # a record is shown and editable
    saved = Signal(bool)           # a save finished: written (True) or refused (False)
    session_changed = Signal()     # another record (or none) is open, or its data changed
    reopen_needed = Signal()       # an edit of a verified record was refused: offer a reopen

    def __init__(self, ctx: AppContext, undo_group: QUndoGroup, watcher: QFileSystemWatcher,
                 dialog_parent: QWidget) -> None:
        super().__init__(dialog_parent)
        self.ctx = ctx
        self.undo_group = undo_group
        self.watcher = watcher
        self.parent_widget = dialog_parent
        self.sources: list[SourceText] = []
        self.citations: list = []
        self._saving = self._save_again = False
        self._then: list[Callable[[], None]] = []   # what waits for the save in progress
        self._to_attention = False   # the next record loaded opens at its first problem
        self.add_dialog: AddPillarDialog | None = None   # open while a new pillar's score is asked
        self.prefetch = PrefetchFlow(ctx, self)   # the neighbours, ready before they are asked for
        self._findings_timer = QTimer(self, singleShot=True, interval=FINDINGS_DELAY_MS)
        self._findings_timer.timeout.connect(self.refresh_findings)
        watcher.fileChanged.connect(self._file_changed_on_disk)
        ctx.after_write(lambda path: self._file_changed_on_disk(str(path)))
        views = ctx.views
        views.record_list.record_selected.connect(self.select)
        views.form.edited.connect(self._edited)
        views.form.pillar_add_requested.connect(self._add_pillar)
        views.form.edited_in.connect(self._edited_in)
        views.form.finished.connect(lambda: ctx.session and ctx.session.end_merge())

    # ---- selecting and loading ----------------------------------------------------------------
    def select(self, path: Path) -> None:
        session = self.ctx.session
        if session is not None and session.path == path:
            return

        def stay() -> None:
            if self.ctx.session is not None:
                self.ctx.views.record_list.set_open(self.ctx.session.path)
        self.confirm_discard(lambda: self.load(path), stay)

    def load(self, path: Path) -> None:
        """Show the record at ``path``: prepared already (a neighbour), or read in a worker."""
        self.prefetch.load(path, self._loaded, self.ctx.views.form.clear)

    def _loaded(self, prepared: PreparedRecord) -> None:
        views, loaded = self.ctx.views, prepared.loaded
        self._close_session()
        views.record_list.set_open(loaded.path)
        if loaded.record is None:
            views.form.clear(self.tr("This file cannot be read as a record:\n{error}").format(error=loaded.error))
            views.source_view.show_sources([], loaded.error or "", None)
            views.history.show_loading()
            self.session_changed.emit()
            self.prefetch.around(loaded.path)
            return
        ws = self.ctx.workspace
        bundle = loaded.bundle
        files = bundle.files if bundle is not None and bundle.multilingual else None
        record = bundle.primary if files else loaded.record
        session = RecordSession(record, self, files, ws.config.is_neutral)
        self.ctx.session = session
        self.undo_group.addStack(session.stack)
        self.undo_group.setActiveStack(session.stack)
        views.form.configure(ws.config, tuple(lang for lang in session.languages if lang))
        session.field_changed.connect(lambda path, value: views.form.show_field(session.data, path, value))
        session.translation_changed.connect(
            lambda lang, path: views.form.show_translation(lang, session.datas[lang], path))
        session.data_changed.connect(self._findings_timer.start)
        session.data_changed.connect(self.session_changed)
        session.data_changed.connect(lambda: views.record_list.mark_unsaved(session.path, session.dirty))
        session.edit_refused.connect(self._edit_refused)
        session.reloaded.connect(lambda: self._show_record(session))
        self._show_record(session)
        self.citations = loaded.citations     # checked in the worker with these sources
        views.form.show_citations(self.citations)
        self.show_sources(loaded.sources, recheck=False, labels=prepared.labels)
        self.watcher.addPaths([str(path) for path in session.paths])
        if session.multilingual:  # each language file's findings, and the parity errors
            self.refresh_findings()
        else:
            views.form.show_findings(loaded.findings)
        self.session_changed.emit()
        self.load_history()
        if self._to_attention:
            self._to_attention = False
            self._scroll_to_attention(loaded)
        self.loaded.emit(session.path)
        self.prefetch.around(loaded.path)   # the list's row (a record's first file is shown)

    def _show_record(self, session: RecordSession) -> None:
        if session is not self.ctx.session:
            return
        bodies = {lang: f.split.body for lang, f in session.files.items() if lang}
        languages = {lang: data for lang, data in session.datas.items() if lang}
        self.ctx.views.form.show_record(session.data, self._header(), languages, bodies)

    def open_next_at_attention(self, on: bool = True) -> None:
        """The next record loaded (the next draft after a verify) opens scrolled to its
        first pillar that needs the auditor: a finding, or a citation the sources lack."""
        self._to_attention = on

    def _scroll_to_attention(self, loaded: LoadedRecord) -> None:
        pillars = {f.path[1] for f in loaded.findings
                   if len(f.path) >= 2 and f.path[0] == "analysis"}
        pillars |= {c.pillar for c in loaded.citations if c.status in UNBACKED_STATUSES}
        first = next((i for i, name in enumerate(PILLARS) if name in pillars), None)
        if first is not None:
            self.ctx.views.form.scroll_to_pillar(first)

    def revert(self) -> None:
        """File > Revert record: drop the unsaved edits (asked first), back to the file."""
        session = self.ctx.session
        if session is None or not session.dirty:
            self.ctx.status(self.tr("No unsaved edits to revert"), 3000)
            return
        answer = QMessageBox.question(
            self.parent_widget, self.tr("Revert record"), self.tr("Discard your unsaved edits to {id} and show the file "
            "as it was last saved?").format(id=session.data.get('id', session.path.name)), QMessageBox.Discard | QMessageBox.Cancel,
            QMessageBox.Cancel)
        if answer == QMessageBox.Discard:
            session.replace_from_disk(session.record, keep_edits=False)
            self.ctx.status(self.tr("Reverted to the saved file"), 5000)

    def _close_session(self) -> None:
        session = self.ctx.session
        if session is not None:
            self.ctx.views.record_list.mark_unsaved(session.path, False)
            self.undo_group.removeStack(session.stack)
            session.deleteLater()
            self.ctx.session = None
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())

    def show_sources(self, sources: list[SourceText], recheck: bool = True,
                     labels: list[list[str]] | None = None) -> None:
        """The open record's sources (after loading, or attaching more); ``recheck``: check
        the citations against them again; ``labels``: their outlines', prepared already."""
        session, ws = self.ctx.session, self.ctx.workspace
        if session is None or ws is None:
            return
        self.sources = sources
        self.ctx.views.source_view.show_sources(sources, session.record.split.body,
                                                session.data.get("url"),
                                                ws.sources_label(session.record.record_id),
                                                labels)
        if recheck:
            self.refresh_citations()

    def load_history(self) -> None:
        session, ws = self.ctx.session, self.ctx.workspace
        if session is None or ws is None:
            return
        path, panel = session.path, self.ctx.views.history
        panel.show_loading()
        self.ctx.run("history", lambda: reviews.history(ws, path, signatures=False),
                     self._show_history, panel.show_error)

    def _show_history(self, history: reviews.History) -> None:
        """The history at once; its signatures once gpg or ssh-keygen checked them."""
        panel, ws = self.ctx.views.history, self.ctx.workspace
        panel.show_history(history)
        if ws is not None and any(entry.signed for entry in history.entries):
            self.ctx.run("signatures", lambda: reviews.signatures(ws, history),
                         lambda checked: panel.show_signatures(history, checked), quiet=True)

    def _header(self) -> str:
        session, ws = self.ctx.session, self.ctx.workspace
        rel = " · ".join(ws.relative(path) if ws else str(path) for path in session.paths)
        languages = tuple(lang for lang in session.languages if lang) if session.multilingual else ()
        return self.ctx.views.form.header_html(session.data, rel, session.record.fmt,
                                               session.record.record_id, languages)

    def rebased(self, record: RecordFile) -> None:
        """One of the open record's files was rewritten by an action of ours (save, verify...)."""
        session, ws = self.ctx.session, self.ctx.workspace
        if session is not None and ws is not None and session.has_file(record.path):
            session.rebase(ws.name(record))

    # ---- editing ------------------------------------------------------------------------------
    def _add_pillar(self, name: str) -> None:
        """The card's "Add pillar": asked for a score first (never a made-up 0)."""
        session = self.ctx.session
        if session is None or not session.ensure_editable():
            return
        dialog = AddPillarDialog([name], None, name, self.parent_widget, config=self.ctx.workspace.config)
        self.add_dialog = dialog
        dialog.chosen.connect(lambda pillar, score: session.edit(
            ("analysis", pillar), {"score": score, **NEW_PILLAR}, merge=False))
        dialog.finished.connect(lambda _: setattr(self, "add_dialog", None))
        dialog.open()

    def _edited(self, path: tuple, value: object, merge: bool) -> None:
        if self.ctx.session is not None:
            self.ctx.session.edit(path, value, merge)

    def _edit_refused(self) -> None:
        """An edit of a verified record: the form shows the record as it is again, and the
        auditor is asked to reopen it first, with a reason (as Ctrl+Shift+R)."""
        session = self.ctx.session
        if session is None:
            return
        self._show_record(session)
        self.ctx.status(self.tr("{id} is verified: reopen it (with a reason) to change it").format(
                        id=session.data.get('id', session.path.name)), 10000)
        self.reopen_needed.emit()

    def _edited_in(self, language: str, path: tuple, value: object, merge: bool) -> None:
        if self.ctx.session is not None:
            self.ctx.session.edit(path, value, merge, language)

    def refresh_findings(self) -> None:
        session, ws = self.ctx.session, self.ctx.workspace
        if session is None or ws is None:
            return
        form = self.ctx.views.form
        if session.multilingual:
            found = records.language_findings(session.datas, session.files, ws.config)
            form.show_findings(found[session.primary], found)
        else:
            form.show_findings(records.findings_for(session.data, session.record, ws.config))
        form.header.setText(self._header())   # after every edit (debounced), as findings
        self.refresh_citations()

    def refresh_citations(self) -> None:
        """Check the working copy's citations again (pure and fast: no file access)."""
        session, ws = self.ctx.session, self.ctx.workspace
        if session is not None and ws is not None:
            self.citations = check_citations(session.data, self.sources, ws.root)
            self.ctx.views.form.show_citations(self.citations)

    # ---- saving -------------------------------------------------------------------------------
    def save(self, then: Callable[[], None] | None = None) -> None:
        """Ctrl+S: write only the changed fields, in a worker; ``then`` runs after a save
        that wrote (a refusal is shown, and the edits stay). Saves never overlap: one asked
        for while another runs follows it, with whatever was typed meanwhile."""
        if then is not None:
            self._then.append(then)
        if self.ctx.saves_held:  # a sync is rewriting the files: save right after it
            self.ctx.status(self.tr("The save waits for the sync to finish (a paused sync: resolve or "
                                    "abort it with the Sync button)"), 6000)
            self.ctx.when_saves_allowed(self.save)
            return
        if self._saving:
            self._save_again = True
            return
        session, ws = self.ctx.session, self.ctx.workspace
        if session is None or ws is None or not session.dirty:
            if then is None and session is not None:
                self.ctx.status(self.tr("No unsaved edits"), 3000)
            self._saved(True)
            return
        self._saving, self._save_again = True, False
        if session.multilingual:  # every language file with edits, all or none
            files, edits = dict(session.files), session.pending_by_language()
            self.ctx.run("save", lambda: records.save_languages(ws, files, edits), self._written,
                         self._refused, writes=session.paths)
            return
        record, edits = session.record, session.pending_changes()
        self.ctx.run("save", lambda: records.save_record(ws, record, edits), self._written,
                     self._refused, writes=record.path)

    def _written(self, _saved: object) -> None:
        self._saving = False
        if self._save_again:
            self.save()
        else:
            self._saved(True)

    def _refused(self, message: str) -> None:
        self._saving = False
        self._then.clear()
        QMessageBox.warning(self.parent_widget, self.tr("Not saved"),
                            self.tr("Nothing was written.") + f"\n\n{message}")
        self.saved.emit(False)

    def _saved(self, ok: bool) -> None:
        then, self._then = self._then, []
        self.saved.emit(ok)
        for step in then:
            step()

    def confirm_discard(self, then: Callable[[], None],
                        otherwise: Callable[[], None] | None = None) -> None:
        """Run ``then`` once unsaved edits cannot be lost: there are none, the auditor saved
        them, or chose to discard them. ``otherwise`` runs when they cancel."""
        session = self.ctx.session
        if session is None or not session.dirty:
            then()
            return
        answer = QMessageBox.question(
            self.parent_widget, self.tr("Unsaved edits"), self.tr("{id} has unsaved edits. Save them?").format(
                id=session.data.get('id') or session.record.record_id or session.path.name),
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Save:
            self.save(then)
        elif answer == QMessageBox.Discard:
            session.replace_from_disk(session.record, keep_edits=False)
            then()
        elif otherwise is not None:
            otherwise()

    # ---- the file changed on disk -------------------------------------------------------------
    def _file_changed_on_disk(self, name: str) -> None:
        """One of the open record's files (any language's) changed on disk."""
        session, ws = self.ctx.session, self.ctx.workspace
        path = Path(name)
        if session is None or ws is None or not session.has_file(path):
            return
        self.prefetch.forget_files([path])
        if path.exists() and name not in self.watcher.files():
            self.watcher.addPath(name)  # an atomic replace drops the watch
        if self.ctx.writing(path):
            return  # our own save or commit: looked at again once it reported
        # One kind per file: a checkout changing both language files re-reads both.
        self.ctx.run(f"disk:{path}", lambda: ws.load(path), self._reread,
                     lambda message: self.ctx.status(self.tr("{file} changed on disk and cannot be read: "
                                                             "{message}").format(file=path.name, message=message)), quiet=True)

    def _merge_with_disk(self, session, fresh: RecordFile) -> None:
        """Three-way, field by field: base as loaded, our working copy, the file now. Fields
        changed on one side merge by themselves; the auditor picks a value for each field
        changed on both (never decided silently)."""
        language = session.language_of(fresh.path)
        merge = three_way(session.files[language].data, session.datas[language], fresh.data)
        if merge.clean:
            session.merge_from_disk(fresh, merge.data)
            self.ctx.status(self.tr("{file} changed on disk: merged with your edits (%n field(s) from the file, "
                                    "your {mine} kept); not saved yet", "", len(merge.theirs)).format(
                                        file=fresh.path.name, mine=len(merge.mine)), 10000)
            return
        dialog = MergeDialog(merge, fresh.path.name, self.parent_widget)
        dialog.exec()
        if dialog.discard_mine:
            session.replace_from_disk(fresh, keep_edits=False)
            self.ctx.status(self.tr("Reloaded {file}: your edits were discarded").format(file=fresh.path.name), 8000)
        else:
            session.merge_from_disk(fresh, resolved_values(merge, dialog.values()))
            self.ctx.status(self.tr("{file}: merged with the file on disk; not saved yet").format(
                            file=fresh.path.name), 8000)

    def _reread(self, fresh: RecordFile) -> None:
        session = self.ctx.session
        if session is None or not session.has_file(fresh.path) \
                or fresh.raw == session.files[session.language_of(fresh.path)].raw:
            return  # another record by now, or our own save, or a touch
        name = self.ctx.workspace.relative(fresh.path) if session.multilingual else fresh.path.name
        if not session.dirty:
            session.replace_from_disk(fresh, keep_edits=False)
            self.ctx.status(self.tr("Reloaded {file}: it changed on disk").format(file=name), 6000)
        else:
            self._merge_with_disk(session, fresh)
        # Its row, its index entry and its history follow, as after any change.
        self.ctx.apply(Changes(records={fresh.path: fresh}, history=True))
