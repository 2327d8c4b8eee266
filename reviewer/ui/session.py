"""The record being edited: the file as read, a working copy of its data, and its undo stack.

Every user edit is a QUndoCommand on the session's stack that sets one path of the working
copy; the form listens to ``field_changed`` to refresh exactly that field. Saving hands
the engine the leaf changes between the file's data and the working copy.
"""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from reviewer.core.record.datapath import changes_between, get_path, same, set_path
from reviewer.core.record.document import RecordFile
from reviewer.core.record.editor import DELETE, Change
from reviewer.core.record.nodes import Path, format_path

_MERGE_ID = 0x5E7


class SetFieldCommand(QUndoCommand):
    """Set one field; consecutive edits of the same field (typing, dragging) merge."""

    def __init__(self, session: "RecordSession", path: Path, old: Any, new: Any, merge: bool) -> None:
        super().__init__(f"Edit {format_path(path)}")
        self.session, self.path, self.old, self.new, self.merge = session, path, old, new, merge

    def id(self) -> int:
        return _MERGE_ID if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetFieldCommand) or other.path != self.path or not other.merge:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.session.apply(self.path, self.new)

    def undo(self) -> None:
        self.session.apply(self.path, self.old)


class RecordSession(QObject):
    field_changed = Signal(tuple, object)     # path, new value (DELETE when removed)
    data_changed = Signal()                   # any change of the working copy
    reloaded = Signal()                       # the file was re-read (save or disk change)

    def __init__(self, record: RecordFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.record = record
        self.data: dict = copy.deepcopy(record.data)
        # The record as this review began: a never-committed record's audit notes in it are
        # the draft's (the gate counts only notes the auditor wrote or confirmed).
        self.loaded_data: dict = copy.deepcopy(record.data)
        self.stack = QUndoStack(self)

    @property
    def path(self):
        return self.record.path

    # ---- edits --------------------------------------------------------------------------
    def value(self, path: Path, default: Any = None) -> Any:
        return get_path(self.data, path, default)

    def edit(self, path: Path, value: Any, merge: bool = True) -> None:
        """A user edit: pushed on the undo stack unless it changes nothing."""
        old = self.value(path, DELETE)
        if old is not DELETE and value is not DELETE and same(old, value):
            return
        if old is DELETE and value is DELETE:
            return
        self.stack.push(SetFieldCommand(self, tuple(path), old, value, merge))

    def edit_many(self, edits: list[tuple[Path, Any]], text: str) -> None:
        """Several edits as one undo step (e.g. a citation and its evidence)."""
        self.stack.beginMacro(text)
        try:
            for path, value in edits:
                self.edit(path, value, merge=False)
        finally:
            self.stack.endMacro()

    def apply(self, path: Path, value: Any) -> None:
        set_path(self.data, path, copy.deepcopy(value) if value is not DELETE else DELETE,
                 make_room=True)
        self.field_changed.emit(tuple(path), value)
        self.data_changed.emit()

    def end_merge(self) -> None:
        """Start a new undo step for the next edit (called when a field loses focus)."""
        if self.stack.count():
            cmd = self.stack.command(self.stack.index() - 1)
            if isinstance(cmd, SetFieldCommand):
                cmd.merge = False

    # ---- state ---------------------------------------------------------------------------
    def pending_changes(self) -> list[Change]:
        return changes_between(self.record.data, self.data)

    @property
    def dirty(self) -> bool:
        return not same(self.record.data, self.data)

    def rebase(self, record: RecordFile) -> None:
        """Our own action rewrote the file (a save, a verify): it is the new base. Edits not
        in it yet (typed while the save ran) stay in the working copy, and the undo history
        stays usable."""
        pending = self.pending_changes()
        self.record = record
        self.data = copy.deepcopy(record.data)
        for change in pending:
            set_path(self.data, change.path, change.value, make_room=True)
        if not self.dirty:
            self.stack.setClean()
        self.reloaded.emit()
        self.data_changed.emit()

    def merge_from_disk(self, record: RecordFile, data: dict) -> None:
        """The file changed underneath and was merged with our edits (:mod:`merge`): it is
        the new base and ``data`` the working copy. The undo history stays: undoing an edit
        of ours puts back its value from before we made it."""
        self.record = record
        self.data = copy.deepcopy(data)
        if not self.dirty:
            self.stack.setClean()
        self.reloaded.emit()
        self.data_changed.emit()

    def replace_from_disk(self, record: RecordFile, keep_edits: bool) -> None:
        """The file changed underneath: take it, optionally re-applying our pending edits."""
        pending = self.pending_changes() if keep_edits else []
        self.record = record
        self.data = copy.deepcopy(record.data)
        for change in pending:
            set_path(self.data, change.path, change.value, make_room=True)
        if not keep_edits:
            self.stack.clear()
        self.reloaded.emit()
        self.data_changed.emit()
