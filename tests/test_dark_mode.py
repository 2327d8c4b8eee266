"""The window follows a live switch of the system's palette (issue 16): when the desktop turns
dark (or light again) while the app runs, every text, frame, icon, highlight and chart that
was drawn in a status colour is drawn again in the set of the new palette, so none is left
in the other set (dark orange on a dark window is unreadable).
"""

from __future__ import annotations

import re

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from reviewer.ui import icons

MIIT = "cn-miit-industrial-plan-2022"   # warnings at its fields, a placeholder, verified as imported
# What a desktop in dark mode gives the app.
DARK_PALETTE = {QPalette.Window: "#2d2d2d", QPalette.WindowText: "#eeeeee", QPalette.Base: "#1e1e1e",
                QPalette.AlternateBase: "#2a2a2a", QPalette.Text: "#eeeeee", QPalette.Button: "#353535",
                QPalette.ButtonText: "#eeeeee", QPalette.Highlight: "#2a82da",
                QPalette.HighlightedText: "#ffffff", QPalette.ToolTipBase: "#2a2a2a",
                QPalette.ToolTipText: "#eeeeee", QPalette.PlaceholderText: "#a0a0a0"}
HEX = re.compile(r"#[0-9a-fA-F]{6}")
LIGHT_SET = {c.lower() for c in icons.LIGHT.values()}
DARK_SET = {c.lower() for c in icons.DARK.values()}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in DARK_PALETTE.items():
        palette.setColor(role, QColor(colour))
    return palette


@pytest.fixture
def palettes(qapp):
    """Switch the application's palette as the desktop would (light first); the palette of
    before comes back after the test, so other tests see no change."""
    before = QPalette(qapp.palette())

    def switch(dark: bool) -> None:
        qapp.setPalette(dark_palette() if dark else QApplication.style().standardPalette())
        qapp.processEvents()
        assert icons.is_dark() == dark

    switch(False)
    yield switch
    qapp.setPalette(before)


def baked_colours(top: QWidget) -> dict[str, set[str]]:
    """Each status colour written into a visible widget of ``top`` (a style sheet, a rich
    text's span), with where: ``{"#b34700": {"QLabel#pillarBadge", ...}}``."""
    found: dict[str, set[str]] = {}
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        text = widget.styleSheet()
        if isinstance(widget, (QLabel, QAbstractButton)):
            text += " " + widget.text()
        for colour in HEX.findall(text):
            found.setdefault(colour.lower(), set()).add(f"{type(widget).__name__}#{widget.objectName()}")
    return found


def assert_in_set(top: QWidget, dark: bool) -> None:
    """Only the status colours of the palette in use are baked into ``top``'s widgets."""
    found = baked_colours(top)
    wrong = {c: where for c, where in found.items() if c in (LIGHT_SET if dark else DARK_SET)}
    assert not wrong, f"left in the {'light' if dark else 'dark'} set: {wrong}"
    assert set(found) & (DARK_SET if dark else LIGHT_SET)


def icon_keys() -> set[int]:
    """The status icons as drawn for the palette in use now."""
    made = [icons.warning(), icons.check(), *(icons.sync(k) for k in icons.LIGHT),
            *(icons.dot(k) for k in icons.LIGHT)]
    return {icon.cacheKey() for icon in made}


def highlight_colours(window) -> set[str]:
    tab = window.source_view.current_tab()
    return {s.format.background().color().name() for s in tab.text.extraSelections()}


def drawn(chart, kind) -> list:
    """The items of ``kind`` a pyqtgraph chart draws."""
    return [item for item in chart.getPlotItem().items if isinstance(item, kind)]


def open_miit(qtbot, window) -> None:
    path = next(r.path for r in window.record_list.model.rows if r.id == MIIT)
    with qtbot.waitSignal(window.record_loaded, timeout=10000):
        window.record_list.select_path(path)
    qtbot.waitUntil(lambda: not window.workers.running and window.history.history is not None, timeout=10000)


def test_the_window_follows_a_switch_to_dark_and_back(qtbot, palettes, window):
    """The record's summary, badges and framed fields, the list's counts and status icons, the
    sync button, the history and the source's highlights: in the dark set after the switch,
    in the light set after the switch back."""
    open_miit(qtbot, window)
    tab = window.source_view.current_tab()   # the record's body: it has no sources
    assert window.source_view.reveal("o") and len(tab.matches) >= 2   # find: the matches highlighted
    tab.scroll_to_line(1, highlight_until=2)   # a cited section highlighted
    assert icons.LIGHT["warning"] in window.form.summary.text()
    assert_in_set(window, dark=False)
    changed: list[list[int]] = []
    window.record_list.model.dataChanged.connect(lambda _tl, _br, roles: changed.append(list(roles)))
    for dark in (True, False):
        changed.clear()
        palettes(dark)
        colours = icons.DARK if dark else icons.LIGHT
        assert colours["warning"] in window.form.summary.text()
        assert_in_set(window, dark)
        assert any(Qt.DecorationRole in roles for roles in changed), "the list's icons are not redrawn"
        assert window.sync_button.icon().cacheKey() in icon_keys()
        marks = [window.history.tree.topLevelItem(i).icon(0)
                 for i in range(window.history.tree.topLevelItemCount())]
        assert all(m.isNull() or m.cacheKey() in icon_keys() for m in marks) and marks
        assert highlight_colours(window) == {icons.highlight(k).name() for k in ("section", "match", "current")}


def test_the_open_dashboard_follows_a_switch_to_dark_and_back(qtbot, palettes, window):
    """The dashboard's numbers, chart titles, bars, backgrounds and timeline redraw too."""
    with qtbot.waitSignal(window.dashboard.shown, timeout=20000):
        window.actions["dashboard"].trigger()
    board = window.dashboard.dashboard
    charts = [board.pillars.share, board.pillars.mean, board.changes.chart, board.authors.chart,
              board.auditors.chart, board.verdicts.chart]
    assert_in_set(board, dark=False)
    for dark in (True, False):
        palettes(dark)
        colours = {c.lower() for c in (icons.DARK if dark else icons.LIGHT).values()}
        base = QApplication.palette().color(QPalette.Base)
        assert_in_set(board, dark)
        for chart in [*charts, board.timeline.plot]:
            assert chart.backgroundBrush().color() == base
        bars = [item for chart in charts for item in drawn(chart, pg.BarGraphItem)]
        assert bars and all(QColor(b.opts["brush"]).name() in colours for b in bars)
        assert {c.opts["pen"].color().name() for c in board.timeline.curves.values()} <= colours
        text = QApplication.palette().color(QPalette.WindowText).name()
        assert all(text in label.item.toHtml() for _sample, label in board.timeline.legend.items)
        threshold = drawn(board.pillars.mean, pg.InfiniteLine)
        assert threshold and all(line.pen.color().name() in colours for line in threshold)
    board.close()


def test_the_open_verify_dialog_follows_a_switch_to_dark_and_back(qtbot, palettes, window):
    """A modal dialog is its own window: its verdict, error line and row icons redraw too."""
    window.actions["verify"].trigger()
    qtbot.waitUntil(lambda: window.review.dialog is not None and window.review.dialog.preview is not None,
                    timeout=10000)
    dialog = window.review.dialog
    dialog.show_error("git refused the commit")
    assert dialog.reasons.topLevelItemCount() and dialog.preview.plan.reasons   # "Cannot verify yet"
    assert_in_set(dialog, dark=False)
    for dark in (True, False):
        palettes(dark)
        assert (icons.DARK if dark else icons.LIGHT)["error"] in dialog.verdict.text()
        assert_in_set(dialog, dark)
        rows = [dialog.reasons.topLevelItem(i).icon(0) for i in range(dialog.reasons.topLevelItemCount())]
        assert all(icon.cacheKey() in icon_keys() for icon in rows)
    dialog.reject()


def test_open_preferences_and_merge_dialogs_follow_a_switch(qtbot, palettes, tmp_path):
    """Their error lines: red of the palette in use, after a switch while they are open."""
    from reviewer.core.record.merge import three_way
    from reviewer.ui.dialogs.merge_dialog import MergeDialog
    from reviewer.ui.dialogs.preferences_dialog import PreferencesDialog
    from reviewer.ui.preferences import Preferences
    from PySide6.QtCore import QSettings
    merge = three_way({"title": "a"}, {"title": "b"}, {"title": "c"})
    dialogs = [MergeDialog(merge, "x.md"),
               PreferencesDialog(Preferences(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)).choices())]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
    lines = [dialogs[0].error, *dialogs[1].findChildren(QLabel, "errorLine")]
    assert len(lines) >= 2
    for dark in (True, False, True):
        palettes(dark)
        assert all((icons.DARK if dark else icons.LIGHT)["error"] in line.styleSheet() for line in lines)
