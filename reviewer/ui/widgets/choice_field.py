"""A controlled-vocabulary field: the values offered, any text allowed (and warned)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from reviewer.ui.wheel_guard import guard_wheel
from reviewer.ui.widgets.field_editor import FieldEditor


class ChoiceField(FieldEditor):
    """Text with the controlled values offered; any other text is allowed (and warned)."""

    def __init__(self, choices: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        combo = QComboBox()
        combo.setEditable(True)
        combo.addItems(list(choices))
        combo.setInsertPolicy(QComboBox.NoInsert)
        # As narrow as a dozen characters (its field makes it wider), not as its longest value:
        # that one kept the form from fitting a small window (or a 200 % scale).
        combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        guard_wheel(combo)
        combo.lineEdit().textEdited.connect(self._emit)
        combo.activated.connect(lambda i: self._emit(combo.itemText(i)))
        self.finish_layout(combo)

    def _show(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self.editor.currentText() != text:
            self.editor.setEditText(text)
