"""The record list's filter box steers the list, as a launcher's or a mail client's search
box does: Down/Up/PageDown/PageUp move the list's current record (opening it as a click
would, through ``record_selected``, so unsaved edits are asked about the same way) while
the text cursor stays in the box; Enter goes to the list.

The window starts with the focus in the filter box, so these are the first keys an auditor
presses; before, the box swallowed them and nothing happened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt

if TYPE_CHECKING:
    from reviewer.ui.widgets.record_list import RecordList

_STEPS = {Qt.Key_Down: 1, Qt.Key_Up: -1}
_PAGES = {Qt.Key_PageDown: 1, Qt.Key_PageUp: -1}


class FilterKeys(QObject):
    """An event filter on ``record_list.filter`` (installed by the constructor)."""

    def __init__(self, record_list: RecordList) -> None:
        super().__init__(record_list)
        self.record_list = record_list
        record_list.filter.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        # With a modifier (Ctrl+Down: next record, Shift+Up...) a key is the window's
        # shortcut or the box's own, as before.
        if event.type() != QEvent.KeyPress or event.modifiers() & ~Qt.KeypadModifier:
            return False
        key, lst = event.key(), self.record_list
        if key in _STEPS:
            lst.step(_STEPS[key])
            return True
        if key in _PAGES:
            lst.step(_PAGES[key] * self.page_rows())
            return True
        if key in (Qt.Key_Return, Qt.Key_Enter) and lst.proxy.rowCount():
            lst.table.setFocus(Qt.OtherFocusReason)
            return True
        return False

    def page_rows(self) -> int:
        """How many rows a page key moves: the rows the table shows, less one kept in view
        (as the table's own PageDown does)."""
        table = self.record_list.table
        height = table.rowHeight(0) if self.record_list.proxy.rowCount() else 0
        return max(1, table.viewport().height() // height - 1) if height > 0 else 1
