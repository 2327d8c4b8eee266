"""Unsaved edits survive a crash: kept in the recovery folder, offered back on the next start.

Within a second of each edit (or the interval chosen in Preferences; throttled, so typing
is not a write per key), the open record's unsaved edits are written to the recovery folder
(:mod:`reviewer.core.record.unsaved`);
when the record is saved, its edits discarded or the window closed cleanly, the entry goes.
When a record with an entry is opened (the newest one is opened on start), the auditor is
asked to restore the edits, with their field changes shown and Restore the default button;
restoring applies them as one undo step, three-way on top of the file as it is now (fields
changed in the file meanwhile and by the edits are settled in the merge dialog).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from reviewer.core.record.datapath import changes_between
from reviewer.core.record.merge import resolved_values, three_way
from reviewer.core.record.unsaved import (
    CannotKeep,
    UnsavedEdits,
    UnsavedFile,
    UnsavedStore,
    now_text,
    sha256,
)
from reviewer.ui.context import AppContext
from reviewer.ui.dialogs.merge_dialog import MergeDialog
from reviewer.ui.session import RecordSession

KEEP_DELAY_MS = 1000        # after an edit, unless the preferences say otherwise
SHOWN_CHANGES = 20


class UnsavedFlow(QObject):
    def __init__(self, ctx: AppContext, records, dialog_parent: QWidget,
                 store: UnsavedStore | None = None) -> None:
        super().__init__(dialog_parent)
        self.ctx, self.records, self.parent_widget = ctx, records, dialog_parent
        self.store = store or UnsavedStore()
        self._session: RecordSession | None = None
        self._warned = False
        self._timer = QTimer(self, singleShot=True, interval=KEEP_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        records.loaded.connect(lambda _path: self._record_opened())

    # ---- keeping -------------------------------------------------------------------------------
    @property
    def keep_delay(self) -> int:
        """How long after an edit its unsaved edits are kept, in milliseconds."""
        return self._timer.interval()

    def set_keep_delay(self, msecs: int) -> None:
        """The preferences' interval; a keep already waiting restarts with it."""
        waiting = self._timer.isActive()
        self._timer.setInterval(max(1, int(msecs)))
        if waiting:
            self._timer.start()   # from now, with the new interval

    def _record_opened(self) -> None:
        self.flush()                       # the record left behind is kept (or cleared) now
        session = self.ctx.session
        self._session = session
        if session is None:
            return
        # Throttled, not debounced: typing on and on still has its edits kept every second.
        session.data_changed.connect(lambda: self._timer.isActive() or self._timer.start())
        self._offer(session)

    def flush(self) -> None:
        """Write the open record's unsaved edits now, or remove its entry when it has none."""
        self._timer.stop()
        session, ws = self._session, self.ctx.workspace
        if session is None or ws is None:
            return
        try:
            if session.dirty:
                self.store.write(_entry(ws.root, session))
            else:
                self.store.remove(ws.root, session.path)
        except CannotKeep as exc:
            if not self._warned:   # once a session: the auditor can still save
                self._warned = True
                self.ctx.status(str(exc), 15000)
        except RuntimeError:
            pass    # the session's Qt object is gone (the window is closing)

    def open_newest(self) -> None:
        """On start: open the record with the newest unsaved edits, to offer them."""
        ws = self.ctx.workspace
        entries = self.store.entries(ws.root) if ws is not None else []
        existing = [e for e in entries if e.primary.is_file()]
        session = self.ctx.session
        if existing and (session is None or session.path != existing[0].primary):
            self.records.select(existing[0].primary)

    # ---- restoring -----------------------------------------------------------------------------
    def _offer(self, session: RecordSession) -> None:
        ws = self.ctx.workspace
        entry = self.store.entry(ws.root, session.path)
        if entry is None:
            return
        files = {f.path: f for f in entry.files}
        if set(files) != set(session.paths):
            return     # the record's files changed (a language added): not ours to apply
        changes = entry.changes()
        if not changes:
            self.store.remove(ws.root, session.path)
            return
        if self._ask(entry, changes) == QMessageBox.Discard:
            self.store.remove(ws.root, session.path)
            self.ctx.status(self.tr("Discarded the unsaved edits of {record}").format(record=entry.label), 6000)
            return
        self._restore(session, files)

    def _ask(self, entry: UnsavedEdits, changes) -> int:
        box = QMessageBox(QMessageBox.Question, self.tr("Unsaved edits found"),
                          self.tr("{record} has %n edit(s) that were never saved (kept at {time}; the app "
                                  "did not close normally).\n\nRestore them on top of the file as it is "
                                  "now?", "", len(changes)).format(record=entry.label,
                                                                   time=_local_time(entry.saved_at)),
                          QMessageBox.NoButton, self.parent_widget)
        box.setObjectName("unsavedEditsBox")
        restore = box.addButton(self.tr("Restore my edits"), QMessageBox.AcceptRole)
        box.addButton(self.tr("Discard them"), QMessageBox.DestructiveRole)
        box.setDefaultButton(restore)
        several = len({path for path, _ in changes}) > 1
        lines = [f"{path.name}: {change}" if several else str(change)
                 for path, change in changes[:SHOWN_CHANGES]]
        if len(changes) > SHOWN_CHANGES:
            lines.append(self.tr("… and %n more", "", len(changes) - SHOWN_CHANGES))
        box.setInformativeText("\n".join(lines))
        box.exec()
        return QMessageBox.Ok if box.clickedButton() is restore else QMessageBox.Discard

    def _restore(self, session: RecordSession, files: dict) -> None:
        edits = []
        for language, record in session.files.items():
            kept = files[record.path]
            merge = three_way(kept.base, kept.mine, record.data)
            data = merge.data
            if not merge.clean:
                dialog = MergeDialog(merge, record.path.name, self.parent_widget)
                dialog.exec()
                if dialog.discard_mine:
                    continue
                data = resolved_values(merge, dialog.values())
            edits += [(language, c) for c in changes_between(record.data, data)]
        session.stack.beginMacro(self.tr("Restore unsaved edits"))
        try:
            for language, change in edits:
                session.edit(change.path, change.value, merge=False, language=language)
        finally:
            session.stack.endMacro()
        self.ctx.status(self.tr("Restored %n unsaved edit(s); not saved yet", "", len(edits)), 8000)


def _local_time(iso: str) -> str:
    try:
        return dt.datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def _entry(root, session: RecordSession) -> UnsavedEdits:
    label = session.record.record_id or session.path.name
    return UnsavedEdits(root, str(label), now_text(),
                        [UnsavedFile(f.path, sha256(f.raw), f.data, session.datas[lang])
                         for lang, f in session.files.items()])
