"""A list of short texts (tags, sectors) edited as one line."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from reviewer.ui.widgets.text_field import TextField


class ListField(TextField):
    """A list of short texts edited as ``a; b; c``."""

    SEPARATOR = "; "

    def __init__(self, placeholder: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(placeholder or "", parent)
        if placeholder is None:
            self.editor.setPlaceholderText(self.tr("separate items with ;"))
        self.editor.textEdited.disconnect()
        self.editor.textEdited.connect(lambda text: self._emit(self.parse(text)))

    @classmethod
    def parse(cls, text: str) -> list[str]:
        return [part.strip() for part in text.split(";") if part.strip()]

    def _show(self, value: Any) -> None:
        items = value if isinstance(value, list) else []
        editable = value is None or (isinstance(value, list) and all(
            isinstance(v, str) and ";" not in v for v in value))
        self.editor.setReadOnly(not editable)
        text = self.SEPARATOR.join(str(v) for v in items)
        if self.parse(self.editor.text()) != items:
            self.editor.setText(text)
            self.editor.setCursorPosition(0)  # the first items show in a narrow column
