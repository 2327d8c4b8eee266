"""The record list's filter box steers the list, as a launcher's or a mail client's search
box does: Down/Up/PageDown/PageUp move the list's current record (opening it as a click
would, through ``record_selected``, so unsaved edits are asked about the same way) while
the text cursor stays in the box; Enter goes to the list.

The window starts with the focus in the filter box, so these are the first keys an auditor
presses; before, the box swallowed them and nothing happened.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLineEdit, QTableView

_STEPS = {Qt.Key_Down: 1, Qt.Key_Up: -1}
_PAGES = {Qt.Key_PageDown: 1, Qt.Key_PageUp: -1}


class FilterKeys(QObject):
    """An event filter on the filter box (installed by the constructor). It knows the box,
    the table it steers and how to step the table's current row, not the list widget,
    so the list can own it without the two importing each other."""

    def __init__(self, box: QLineEdit, table: QTableView, step: Callable[[int], None]) -> None:
        super().__init__(box)
        self.table, self.step = table, step
        box.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        # With a modifier (Ctrl+Down: next record, Shift+Up...) a key is the window's
        # shortcut or the box's own, as before.
        if event.type() != QEvent.KeyPress or event.modifiers() & ~Qt.KeypadModifier:
            return False
        key = event.key()
        if key in _STEPS:
            self.step(_STEPS[key])
            return True
        if key in _PAGES:
            self.step(_PAGES[key] * self.page_rows())
            return True
        if key in (Qt.Key_Return, Qt.Key_Enter) and self.row_count():
            self.table.setFocus(Qt.OtherFocusReason)
            return True
        return False

    def page_rows(self) -> int:
        """How many rows a page key moves: the rows the table shows, less one kept in view
        (as the table's own PageDown does)."""
        height = self.table.rowHeight(0) if self.row_count() else 0
        return max(1, self.table.viewport().height() // height - 1) if height > 0 else 1

    def row_count(self) -> int:
        model = self.table.model()
        return model.rowCount() if model is not None else 0
