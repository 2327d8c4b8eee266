"""The Edit menu's Undo and Redo: the window's one undo history, named by what they undo.

QUndoGroup's own actions write "<prefix> <command>" ("&Undo Edit score"), an English word
order: in Chinese that read "撤销(U) 编辑 评分", the mnemonic in the middle. Here the whole
text is one translatable sentence per action ("撤销“编辑 评分”(&U)"), set again whenever
the command to undo or redo changes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QUndoGroup
from PySide6.QtWidgets import QWidget

from reviewer.ui import shortcuts


def undo_text(what: str) -> str:
    return (QCoreApplication.translate("UndoActions", "&Undo {what}").format(what=what) if what
            else QCoreApplication.translate("UndoActions", "&Undo"))


def redo_text(what: str) -> str:
    return (QCoreApplication.translate("UndoActions", "&Redo {what}").format(what=what) if what
            else QCoreApplication.translate("UndoActions", "&Redo"))


def undo_actions(group: QUndoGroup, parent: QWidget) -> tuple[QAction, QAction]:
    """The Undo and Redo actions of ``group``, with their shortcuts and wording."""
    undo = group.createUndoAction(parent)
    redo = group.createRedoAction(parent)
    # Connected after the group's own: these run last, so their text stands.
    group.undoTextChanged.connect(lambda what: undo.setText(undo_text(what)))
    group.redoTextChanged.connect(lambda what: redo.setText(redo_text(what)))
    undo.setText(undo_text(group.undoText()))
    redo.setText(redo_text(group.redoText()))
    undo.setShortcuts(shortcuts.keys("undo"))
    redo.setShortcuts(shortcuts.keys("redo"))
    return undo, redo
