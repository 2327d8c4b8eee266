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
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from conftest import ROOT

INPUTS = (QAbstractButton, QLineEdit, QAbstractSpinBox, QAbstractSlider, QComboBox, QPlainTextEdit,
          QTextEdit, QAbstractItemView, QTabBar)


def _part_of_another_control(widget: QWidget, top: QWidget) -> bool:
    """A scroll bar, a combo box's line edit, a tab bar's scroll arrows, a line edit's clear
    button: parts of a control, named by it, not controls of their own."""
    if isinstance(widget, QScrollBar):
        return True
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, INPUTS):
            return True
        parent = parent.parentWidget()
    return False


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader says. On Linux Qt names a combo box by its current value,
    and its label comes through a relation, which only a label beside it whose buddy it is
    gives (a form row's): without such a label it needs a name of its own."""
    if isinstance(widget, QComboBox):
        parent = widget.parentWidget()
        labels = [c for c in (parent.children() if parent else [])
                  if isinstance(c, QLabel) and c.buddy() is widget]
        return widget.accessibleName() or (labels[0].text() if labels else "")
    interface = QAccessible.queryAccessibleInterface(widget)
    return (interface.text(QAccessible.Name) if interface is not None else "") or ""


def unnamed_controls(top: QWidget) -> list[str]:
    """Each visible control of ``top`` without a name a screen reader can say (a name of
    symbols only, ▲ or ✕, says nothing), as ``class#objectName in parent``."""
    found = []
    for widget in [top, *top.findChildren(QWidget)]:
        if not isinstance(widget, INPUTS) or not widget.isVisible() or _part_of_another_control(widget, top):
            continue
        name = accessible_name(widget)
        if not any(c.isalpha() for c in name):
            parent = widget.parentWidget()
            found.append(f"{type(widget).__name__}#{widget.objectName()} {name!r} in "
                         f"{type(parent).__name__}#{parent.objectName() if parent else ''}")
    return found


def test_every_control_of_the_window_has_a_name(qtbot, window):
    qtbot.waitUntil(lambda: not window.workers.running, timeout=10000)
    window.source_view.show_find()
    unnamed = unnamed_controls(window)
    assert not unnamed, "controls without an accessible name:\n" + "\n".join(unnamed)


def test_every_control_of_the_dialogs_has_a_name(qtbot, window):
    """The verify dialog, the add-pillar dialog, the merge dialog, Preferences and the dashboard."""
    from reviewer.core.record.merge import three_way
    from reviewer.ui.dialogs.merge_dialog import MergeDialog
    unnamed = {}
    window.actions["verify"].trigger()
    qtbot.waitUntil(lambda: window.review.dialog is not None and window.review.dialog.preview is not None,
                    timeout=15000)
    dialog = window.review.dialog
    for index in range(dialog.tabs.count()):   # every tab's page shown once
        dialog.tabs.setCurrentIndex(index)
        unnamed.setdefault("verify", []).extend(unnamed_controls(dialog))
    dialog.reject()
    window.form.cards["technical"].add_button.click()
    adding = window.records.add_dialog
    qtbot.waitUntil(lambda: adding.isVisible())
    unnamed["add pillar"] = unnamed_controls(adding)
    adding.reject()
    base = {"title": "T", "analysis": {"mrv": {"score": 70}}}
    mine = {"title": "Mine", "analysis": {"mrv": {"score": 60}}}
    theirs = {"title": "Theirs", "analysis": {"mrv": {"score": 72}}}
    merging = MergeDialog(three_way(base, mine, theirs), "x.md", window)
    merging.show()
    unnamed["merge"] = unnamed_controls(merging)
    merging.done(0)
    window.actions["preferences"].trigger()
    preferences = window.findChild(QDialog, "preferencesDialog")
    qtbot.waitUntil(preferences.isVisible)
    unnamed["preferences"] = unnamed_controls(preferences)
    preferences.reject()
    with qtbot.waitSignal(window.dashboard.shown, timeout=20000):
        window.actions["dashboard"].trigger()
    unnamed["dashboard"] = unnamed_controls(window.dashboard.dashboard)
    window.dashboard.dashboard.close()
    unnamed = {where: found for where, found in unnamed.items() if found}
    assert not unnamed, "controls without an accessible name:\n" + "\n".join(
        f"{where}: {control}" for where, found in unnamed.items() for control in found)


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


# ---- 200 % scale -------------------------------------------------------------------------------
SCALED = r'''
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
app = QApplication([sys.argv[0]])
from reviewer.ui import app as entry, focus_ring
report = {"problems": []}


def fits(widget, room):
    """No larger than the screen's room (where it is placed, and its frame, are the window
    manager's: the offscreen platform's own is a pixel wide)."""
    return widget.width() <= room.width() and widget.height() <= room.height()


def clipped(top):
    """Visible labels and buttons smaller than their text needs (cut off, or elided)."""
    out = []
    for w in [top, *top.findChildren(QWidget)]:
        if not isinstance(w, (QLabel, QAbstractButton)) or not w.isVisible() or not w.text():
            continue
        if isinstance(w, QLabel) and w.wordWrap():
            short = w.height() < w.heightForWidth(w.width())
        else:
            least = w.minimumSizeHint()
            short = w.width() < least.width() or w.height() < least.height()
        if short:
            out.append(f"{type(w).__name__}#{w.objectName()} {w.text()[:40]!r} is {w.size().toTuple()}")
    return out


def inspect():
    wins = [w for w in app.topLevelWidgets() if w.isVisible() and hasattr(w, "form")]
    if not wins or wins[0].session is None or wins[0].workers.running:
        QTimer.singleShot(50, inspect)
        return
    win = wins[0]
    room = win.screen().availableGeometry()
    report.update(room=room.getRect(), focus_ring=focus_ring.installed(app))
    if not fits(win, room):
        report["problems"].append(f"the window {win.size().toTuple()} is larger than the screen")
    if win.form.horizontalScrollBar().isVisible():
        needs, has = win.form.widget().minimumSizeHint().width(), win.form.viewport().width()
        report["problems"].append(f"the form scrolls sideways: it needs {needs} pixels, has {has}")
    report["problems"] += clipped(win)
    win.review.start_verify()

    def dialog():
        d = win.review.dialog
        if d is None or d.preview is None:
            QTimer.singleShot(50, dialog)
            return
        if not fits(d, room):
            report["problems"].append(f"the verify dialog {d.size().toTuple()} is larger than the screen")
        report["problems"] += [f"verify dialog: {c}" for c in clipped(d)]
        d.reject()
        app.quit()
    dialog()


QTimer.singleShot(50, inspect)
QTimer.singleShot(60000, lambda: (report["problems"].append("timed out"), app.quit()))
entry.main([sys.argv[1], "--select", "cn-ordos-pilot-2024"])
print(json.dumps(report))
'''


def test_the_window_and_the_verify_dialog_fit_a_screen_at_200_percent(repo: Path, tmp_path: Path):
    """The app as started (``reviewer.ui.app.main``) on a 1600×1000 screen at
    QT_SCALE_FACTOR=2, which leaves 800×500 to lay out in: the window and the verify dialog
    fit the screen, the form does not scroll sideways (its wrapped title and findings would
    be cut at the right), no label or button is cut off; and the focus ring is on."""
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "wide", "x": 0, "y": 0, "width": 1600, "height": 1000,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    script = tmp_path / "scaled.py"
    script.write_text(SCALED, encoding="utf-8")
    (tmp_path / "run").mkdir(mode=0o700)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_SCALE_FACTOR": "2",
           "QT_QPA_PLATFORM": f"offscreen:configfile={screen}", "XDG_RUNTIME_DIR": str(tmp_path / "run"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, str(script), str(repo)], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["room"] == [0, 0, 800, 500]   # the scale is applied
    assert report["focus_ring"]
    assert report["problems"] == []


# ---- a dark system palette ---------------------------------------------------------------------
DARK = {QPalette.Window: "#353535", QPalette.WindowText: "#ffffff", QPalette.Base: "#2a2a2a",
        QPalette.AlternateBase: "#424242", QPalette.Text: "#ffffff", QPalette.Button: "#353535",
        QPalette.ButtonText: "#ffffff", QPalette.Highlight: "#2a82da", QPalette.HighlightedText: "#ffffff",
        QPalette.ToolTipBase: "#2a2a2a", QPalette.ToolTipText: "#ffffff", QPalette.PlaceholderText: "#a0a0a0",
        QPalette.Link: "#8ab4f8", QPalette.Light: "#505050", QPalette.Midlight: "#454545",
        QPalette.Mid: "#3a3a3a", QPalette.Dark: "#232323", QPalette.Shadow: "#141414"}
COLOUR = re.compile(r"color:\s*(#[0-9a-fA-F]{6})")   # a style sheet's, or a rich text's span


def dark_palette() -> QPalette:
    """What a desktop in dark mode gives the app (Fusion's dark colours)."""
    palette = QPalette()
    for role, colour in DARK.items():
        palette.setColor(role, QColor(colour))
    return palette


def contrast(one: QColor, other: QColor) -> float:
    """WCAG 2's contrast ratio of two colours (1 to 21; body text needs 4.5)."""
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture
def dark(qapp):
    """The application in a dark palette while the test runs (then as it was)."""
    before = QPalette(qapp.palette())
    qapp.setPalette(dark_palette())
    yield qapp.palette()
    qapp.setPalette(before)


def test_every_colour_reads_on_a_light_and_on_a_dark_palette(qapp, dark):
    """Each status colour as text, and the palette's text on each highlight of a source, keep
    4.5:1 on the window and on a list's rows, light (Fusion's) and dark (down to a #3c3c3c
    window, lighter than most dark themes)."""
    from reviewer.ui import icons
    light = QApplication.style().standardPalette()
    assert not icons.is_dark(light) and icons.is_dark(dark) and icons.is_dark()
    low = []
    for palette, colours, name in ((light, icons.LIGHT, "light"), (dark, icons.DARK, "dark")):
        backgrounds = [palette.color(r) for r in (QPalette.Window, QPalette.Base, QPalette.AlternateBase)]
        backgrounds += [QColor("#3c3c3c")] if name == "dark" else []
        for kind, colour in colours.items():
            low += [f"{name} {kind} {colour} on {b.name()}: {contrast(QColor(colour), b):.2f}"
                    for b in backgrounds if contrast(QColor(colour), b) < 4.5]
        for kind, background in icons.HIGHLIGHTS[name == "dark"].items():
            text = palette.color(QPalette.Text)
            if contrast(text, QColor(background)) < 4.5:
                low.append(f"{name} text on the {kind} highlight {background}")
    assert not low, "\n".join(low)
    assert icons.COLORS["error"] == icons.DARK["error"]   # looked up in the palette in use


@pytest.fixture
def dark_window(dark, window):
    return window


def test_coloured_texts_of_the_window_read_on_a_dark_palette(qtbot, dark_window):
    """Every label or button of the window that colours its text (a style sheet, a rich text
    span: findings, citation badges, the summary, the counts, the history) does so readably
    on the dark background it is drawn on."""
    window = dark_window
    qtbot.waitUntil(lambda: not window.workers.running, timeout=10000)
    checked, low = 0, []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, (QLabel, QAbstractButton)) or not widget.isVisible():
            continue
        background = widget.palette().color(widget.backgroundRole())
        for colour in COLOUR.findall(widget.styleSheet() + " " + widget.text()):
            checked += 1
            ratio = contrast(QColor(colour), background)
            if ratio < 4.5:
                low.append(f"{type(widget).__name__}#{widget.objectName()} {widget.text()[:40]!r}: "
                           f"{colour} on {background.name()} is {ratio:.2f}:1")
    assert checked >= 8   # the summary, six citation badges, the placeholder badge...
    assert not low, "text too faint on the dark palette:\n" + "\n".join(low)
