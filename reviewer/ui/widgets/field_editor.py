"""The interface every field editor of the form shares.

``value_changed(object)`` fires on a user edit only (never when the form fills them), and
``finished()`` when the user leaves the field, which closes one undo step. Each editor can
show validation findings at the field: a coloured frame, a tooltip and a line of text.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from reviewer.ui import icons
from reviewer.ui.core_text import translated


class FieldEditor(QWidget):
    value_changed = Signal(object)
    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filling = False
        self._worst: str | None = None   # the worst finding's severity, coloured (None: none)
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

    def set_accessible_name(self, name: str) -> None:
        """What a screen reader calls the field ("Evidence of the MRV pillar"): the form's
        label sits beside the editor, not on it, so Qt cannot find it by itself."""
        self.editor.setAccessibleName(name)

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
            self._worst = None
            restyle(self.editor, "")
            self.message.setVisible(False)
            if self.editor.toolTip():
                self.editor.setToolTip("")
            return
        self._worst = "error" if any(f.severity == "error" for f in findings) else "warning"
        text = "\n".join(translated(f.message) for f in findings)
        self._colour_findings()
        self.editor.setToolTip(text)
        self.message.setText(text)
        self.message.setVisible(True)

    def follow_palette(self) -> None:
        """The palette changed (the desktop turned dark or light): the finding's frame and
        line again, in the colour set of the palette now (a style sheet keeps its colour)."""
        if self._worst is not None:
            self._colour_findings()

    def _colour_findings(self) -> None:
        colour = icons.COLORS[self._worst]
        restyle(self.editor, frame(self.editor, colour))
        restyle(self.message, f"color: {colour};")

    def _show(self, value: Any) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class FocusLineEdit(QLineEdit):
    """A line edit that says when it loses the focus (the end of one undo step)."""

    focus_out = Signal()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.focus_out.emit()


class FocusTextEdit(QPlainTextEdit):
    """A text box that says when it loses the focus (the end of one undo step)."""

    focus_out = Signal()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.focus_out.emit()


def frame(widget: QWidget, color: str) -> str:
    """A style sheet framing ``widget`` in ``color`` (a finding at the field) that still
    shows the focus: a frame from a style sheet replaces the style's own, focus ring and all."""
    kind = type(widget).__name__
    return (f"{kind} {{ border: 1px solid {color}; }} "
            f"{kind}:focus {{ border: 2px solid palette(highlight); }}")


def restyle(widget: QWidget, sheet: str) -> None:
    """Set ``sheet`` unless the widget has it already: each call re-polishes the widget and
    its children, which on every record shown added up to milliseconds of a switch."""
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)
