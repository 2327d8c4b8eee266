"""Small editors for one record field each, all with the same interface.

``value_changed(object)`` fires on a user edit only (never when the form fills them), and
``finished()`` when the user leaves the field, which closes one undo step. Each editor can
show validation findings at the field: a coloured frame, a tooltip and a line of text.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QSlider, QSpinBox, QVBoxLayout, QWidget)

from reviewer.ui import icons

_FRAME = {"error": f"border: 1px solid {icons.COLORS['error']};",
          "warning": f"border: 1px solid {icons.COLORS['warning']};"}


class FieldEditor(QWidget):
    value_changed = Signal(object)
    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filling = False
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(2)

    def finish_layout(self, editor: QWidget) -> None:
        self.editor = editor
        self.layout_.addWidget(editor)
        self.layout_.addWidget(self.message)

    def set_value(self, value: Any) -> None:
        self._filling = True
        try:
            self._show(value)
        finally:
            self._filling = False

    def _emit(self, value: Any) -> None:
        if not self._filling:
            self.value_changed.emit(value)

    def set_findings(self, findings: list) -> None:
        """``findings`` have ``severity`` and ``message``; the worst one sets the colour."""
        if not findings:
            self.editor.setStyleSheet("")
            self.message.setVisible(False)
            self.editor.setToolTip("")
            return
        worst = "error" if any(f.severity == "error" for f in findings) else "warning"
        text = "\n".join(f.message for f in findings)
        self.editor.setStyleSheet(_FRAME[worst])
        self.editor.setToolTip(text)
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {icons.COLORS[worst]};")
        self.message.setVisible(True)

    def _show(self, value: Any) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class _FocusLineEdit(QLineEdit):
    focus_out = Signal()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.focus_out.emit()


class _FocusTextEdit(QPlainTextEdit):
    focus_out = Signal()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.focus_out.emit()


class TextField(FieldEditor):
    """One line of text. A value that is not text is shown read-only, never coerced."""

    def __init__(self, placeholder: str = "", parent: QWidget | None = None,
                 numeric: bool = False) -> None:
        super().__init__(parent)
        self.numeric = numeric  # whole numbers are editable too (the form types the text)
        edit = _FocusLineEdit(placeholderText=placeholder)
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


class MultiLineField(FieldEditor):
    def __init__(self, lines: int = 3, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        edit = _FocusTextEdit(placeholderText=placeholder)
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


class ListField(TextField):
    """A list of short texts edited as ``a; b; c``."""

    SEPARATOR = "; "

    def __init__(self, placeholder: str = "separate items with ;", parent: QWidget | None = None) -> None:
        super().__init__(placeholder, parent)
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


class ChoiceField(FieldEditor):
    """Text with the controlled values offered; any other text is allowed (and warned)."""

    def __init__(self, choices: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        combo = QComboBox()
        combo.setEditable(True)
        combo.addItems(list(choices))
        combo.setInsertPolicy(QComboBox.NoInsert)
        combo.lineEdit().textEdited.connect(self._emit)
        combo.activated.connect(lambda i: self._emit(combo.itemText(i)))
        self.finish_layout(combo)

    def _show(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self.editor.currentText() != text:
            self.editor.setEditText(text)


class ScoreField(FieldEditor):
    """A 0-100 score as a spin box and a slider that move together."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.spin = QSpinBox(minimum=0, maximum=100)
        self.spin.setAccessibleName("score")
        self.slider = QSlider(Qt.Horizontal, minimum=0, maximum=100)
        self.slider.setPageStep(5)
        layout.addWidget(self.spin)
        layout.addWidget(self.slider, 1)
        self.spin.valueChanged.connect(self._moved)
        self.slider.valueChanged.connect(self._moved)
        self.slider.sliderReleased.connect(self.finished)
        self.spin.editingFinished.connect(self.finished)
        self.finish_layout(row)

    def _moved(self, value: int) -> None:
        for widget in (self.spin, self.slider):
            if widget.value() != value:
                widget.blockSignals(True)
                widget.setValue(value)
                widget.blockSignals(False)
        self._emit(value)

    def _show(self, value: Any) -> None:
        valid = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100
        for widget in (self.spin, self.slider):
            widget.blockSignals(True)
            widget.setValue(value if valid else 0)  # an invalid score shows as — until fixed
            widget.blockSignals(False)
        self.spin.setSpecialValueText("" if valid else "—")
