"""A pillar's 0-100 score: a spin box and a slider that move together."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QSlider, QSpinBox, QWidget

from reviewer.ui.wheel_guard import guard_wheel
from reviewer.ui.widgets.field_editor import FieldEditor


class ScoreField(FieldEditor):
    """A 0-100 score as a spin box and a slider that move together."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.spin = QSpinBox(minimum=0, maximum=100)
        self.slider = QSlider(Qt.Horizontal, minimum=0, maximum=100)
        self.slider.setPageStep(5)
        guard_wheel(self.spin, self.slider)  # the wheel scrolls the form, never a score
        layout.addWidget(self.spin)
        layout.addWidget(self.slider, 1)
        self.spin.valueChanged.connect(self._moved)
        self.slider.valueChanged.connect(self._moved)
        self.slider.sliderReleased.connect(self.finished)
        self.spin.editingFinished.connect(self.finished)
        self.finish_layout(row)

    def set_accessible_name(self, name: str) -> None:
        """The spin box is the score; the slider the same score, said as a slider."""
        self.spin.setAccessibleName(name)
        self.slider.setAccessibleName(self.tr("{name} (slider)").format(name=name))

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
