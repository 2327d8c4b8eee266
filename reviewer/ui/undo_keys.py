"""One undo history per window: Ctrl+Z and Ctrl+Shift+Z never reach a box's own undo.

A line edit or spin box keeps its own undo history and claims the undo keys for it (a
``ShortcutOverride``), so with a score box focused Ctrl+Z undid the box's text, which
the form then recorded as a new edit, and redo was lost (issue 12). This filter turns
down that claim for every widget in the window, so the keys reach the window's undo and
redo actions (the session's QUndoStack); when those are disabled the key does nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from reviewer.ui import shortcuts

_KINDS = (QEvent.ShortcutOverride, QEvent.KeyPress)


class UndoKeys(QObject):
    """Installed on the application, it acts only on widgets inside ``window``."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.sequences = {seq.toString() for name in ("undo", "redo")
                          for seq in shortcuts.keys(name)}
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in _KINDS or not isinstance(watched, QWidget):
            return False
        if watched.window() is not self.window:
            return False  # a dialog's note box keeps its own undo
        if QKeySequence(event.keyCombination()).toString() not in self.sequences:
            return False
        if event.type() == QEvent.ShortcutOverride:
            event.ignore()  # not the box's: the window's shortcut runs
            return True
        return True  # a key press the window's (disabled) undo did not take: nothing undone
