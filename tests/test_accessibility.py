"""Accessibility basics (issue 16): every control a screen reader reaches has a name that says
what it is, the focus is always visible, the window works at 200 % scale, and a dark system
palette leaves every coloured text readable.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from conftest import ROOT


# ---- the focus is always visible -------------------------------------------------------------
def _grab_around(widget: QWidget, margin: int = 4):
    """The widget and a few pixels around it, as its window draws them (a ring drawn
    around it is a sibling, not part of the widget's own grab)."""
    window = widget.window()
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.grab(QRect(top_left, widget.size()).adjusted(-margin, -margin, margin, margin)).toImage()


def _focus_change(qtbot, widget: QWidget, elsewhere: QWidget) -> int:
    """How many pixels around ``widget`` change when the keyboard moves the focus to it."""
    elsewhere.setFocus(Qt.OtherFocusReason)
    qtbot.waitUntil(elsewhere.hasFocus)
    before = _grab_around(widget)
    widget.setFocus(Qt.OtherFocusReason)   # Tab would select a line edit's text: more than focus
    qtbot.waitUntil(widget.hasFocus)
    widget.window().setAttribute(Qt.WA_KeyboardFocusChange)   # as after Tab: focus rectangles drawn
    widget.update()
    qtbot.wait(20)
    after = _grab_around(widget)
    assert before.size() == after.size()
    return sum(before.pixel(x, y) != after.pixel(x, y)
               for x in range(before.width()) for y in range(before.height()))


def test_the_focused_control_is_always_marked(qtbot, qapp, window):
    """Focus each kind of control of the window from elsewhere: what changes must be more than a
    text cursor (a line of the font's height), a frame, a ring or a focus rectangle, also on
    a field a finding framed in colour, a flat button and a read-only text."""
    from types import SimpleNamespace

    from reviewer.ui import focus_ring
    focus_ring.install(qapp)   # as reviewer.ui.app.main does
    qtbot.waitUntil(lambda: not window.workers.running, timeout=10000)
    QApplication.setCursorFlashTime(0)   # a steady cursor: the same in every grab
    try:
        form, card = window.form, window.form.cards["mrv"]
        framed = window.form.cards["market"].fields["label"]
        framed.set_findings([SimpleNamespace(severity="error", message="label is empty")])
        framed_note = window.form.cards["market"].fields["auditNote"]
        framed_note.set_findings([SimpleNamespace(severity="warning", message="needed to verify")])
        controls = {
            "filter box": window.record_list.filter, "record table": window.record_list.table,
            "score": card.fields["score"].spin, "score slider": card.fields["score"].slider,
            "label": card.fields["label"].editor, "evidence": card.fields["evidence"].editor,
            "citation badge (flat)": next(c.citation_badge for c in form.cards.values()
                                          if c.citation_badge.isVisible() and c.citation_badge.isEnabled()),
            "label with a finding": framed.editor, "note with a finding": framed_note.editor,
            "add pillar": window.form.cards["technical"].add_button,
            "combo box": form.fields[("status",)].editor,
            "source text (read only)": window.source_view.current_tab().text,
            "outline": window.source_view.current_tab().outline,
            "history": window.history.tree,
        }
        cursor = 2 * (window.fontMetrics().height() + 2)
        unmarked = []
        for name, widget in controls.items():
            assert widget.isVisible(), name
            form.ensureWidgetVisible(widget, 10, 10)
            elsewhere = window.source_view.find_edit if widget is window.record_list.filter \
                else window.record_list.filter
            window.source_view.find_bar.setVisible(True)
            changed = _focus_change(qtbot, widget, elsewhere)
            if changed <= cursor:
                unmarked.append(f"{name} ({type(widget).__name__}): {changed} pixels")
        assert not unmarked, "focus not visible on:\n" + "\n".join(unmarked)
    finally:
        QApplication.setCursorFlashTime(1000)
