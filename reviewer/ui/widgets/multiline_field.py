"""A text field of several lines (evidence, notes, descriptions)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from reviewer.ui.widgets.field_editor import FieldEditor, FocusTextEdit


class MultiLineField(FieldEditor):
    def __init__(self, lines: int = 3, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        edit = FocusTextEdit(placeholderText=placeholder)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
        edit.textChanged.connect(lambda: self._emit(edit.toPlainText()))
        edit.focus_out.connect(self.finished)
        self.finish_layout(edit)

    def _show(self, value: Any) -> None:
        self.editor.setReadOnly(not (value is None or isinstance(value, str)))
        text = "" if value is None else str(value)
        if self.editor.toPlainText() != text:
            self.editor.setPlainText(text)
