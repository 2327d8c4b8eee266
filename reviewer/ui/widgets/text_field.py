"""A one-line text field."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from reviewer.ui.widgets.field_editor import FieldEditor, FocusLineEdit


class TextField(FieldEditor):
    """One line of text. A value that is not text is shown read-only, never coerced."""

    def __init__(self, placeholder: str = "", parent: QWidget | None = None,
                 numeric: bool = False) -> None:
        super().__init__(parent)
        self.numeric = numeric  # whole numbers are editable too (the form types the text)
        edit = FocusLineEdit(placeholderText=placeholder)
        edit.textEdited.connect(self._emit)
        edit.focus_out.connect(self.finished)
        self.finish_layout(edit)

    def _show(self, value: Any) -> None:
        editable = value is None or isinstance(value, str) or (
            self.numeric and isinstance(value, int) and not isinstance(value, bool))
        self.editor.setReadOnly(not editable)
        text = "" if value is None else str(value)
        if self.editor.text() != text:
            self.editor.setText(text)
            self.editor.setCursorPosition(0)
