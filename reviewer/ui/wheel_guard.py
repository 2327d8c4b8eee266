"""The mouse wheel scrolls the form; it edits a value only in a box the auditor clicked.

Qt's spin boxes, sliders and combo boxes change their value under a passing wheel, so a
scroll down a record silently rewrote scores (issue 12). :func:`guard_wheel` makes such a
widget take the wheel only while it has the focus *from a mouse click*; otherwise the
wheel event goes on to the widget's parents, and the form's scroll area scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

_ARMED = "wheelArmed"   # a dynamic property: the focus came from a click


class _WheelGuard(QObject):
    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self.owner = owner

    def _has_focus(self) -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and (focus is self.owner or self.owner.isAncestorOf(focus))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.FocusIn:
            # Only a click arms the wheel: Tab or a shortcut into the box does not.
            self.owner.setProperty(_ARMED, event.reason() == Qt.MouseFocusReason)
        elif kind == QEvent.MouseButtonPress:
            self.owner.setProperty(_ARMED, True)
        elif kind == QEvent.Wheel and not (self.owner.property(_ARMED) and self._has_focus()):
            # Ignored and filtered: Qt hands the event to the parents (the scroll area).
            event.ignore()
            return True
        return False


def guard_wheel(*widgets: QWidget) -> None:
    """Let each of ``widgets`` (and its inner parts, e.g. a spin box's line edit) change
    by wheel only after a click gave it the focus."""
    for widget in widgets:
        # StrongFocus, not WheelFocus: a passing wheel must not take the focus either.
        widget.setFocusPolicy(Qt.StrongFocus)
        guard = _WheelGuard(widget)
        for part in [widget, *widget.findChildren(QWidget)]:
            part.installEventFilter(guard)
