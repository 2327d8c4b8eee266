"""Issue 12, the desk: the window never changes data the auditor did not mean to change.

Each test drives the real widgets (pytest-qt, offscreen) on the seeds in a real git
repository (the ``repo`` and ``window`` fixtures of conftest.py).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from conftest import save as save_ok
from test_app_citations import select_text
from reviewer.ui.main_window import MainWindow

ORDOS, PARKS, MIIT = "cn-ordos-pilot-2024", "cn-zero-carbon-parks", "cn-miit-industrial-plan-2022"


def select(qtbot, win: MainWindow, record_id: str) -> None:
    if win.session is not None and win.session.data.get("id") == record_id:
        return
    with qtbot.waitSignal(win.record_loaded, timeout=10000):
        assert win.record_list.select_record_id(record_id)


def wheel_over(win: MainWindow, widget, notches: int = -1) -> None:
    """A real wheel turn with the pointer over ``widget`` (down for negative notches)."""
    handle = win.windowHandle()
    where = widget.mapTo(win, QPoint(widget.width() // 2, widget.height() // 2))
    QTest.wheelEvent(handle, QPointF(where), QPoint(0, 120 * notches))
    QApplication.processEvents()


# ---- 1. the wheel scrolls the form, never a score ----------------------------------------------
def test_wheel_over_a_score_scrolls_the_form_and_keeps_the_score(qtbot, window: MainWindow):
    window.resize(1400, 700)
    card = window.form.cards["mrv"]
    window.form.ensureWidgetVisible(card.fields["score"].slider)
    qtbot.wait(50)
    bar = window.form.verticalScrollBar()
    slider, spin = card.fields["score"].slider, card.fields["score"].spin
    start = bar.value()
    wheel_over(window, slider)
    assert slider.value() == 85 and spin.value() == 85
    assert bar.value() > start, "the form scrolled"
    assert not window.session.dirty
    wheel_over(window, window.form.cards["mrv"].fields["score"].spin)
    combo = window.form.fields[("scope",)].editor
    window.form.ensureWidgetVisible(combo)
    text = combo.currentText()
    wheel_over(window, combo)
    assert combo.currentText() == text and not combo.hasFocus()
    assert not window.session.dirty


def test_wheel_changes_a_score_only_after_a_click(qtbot, window: MainWindow):
    window.resize(1400, 700)
    spin = window.form.cards["mrv"].fields["score"].spin
    window.form.ensureWidgetVisible(spin)
    spin.setFocus(Qt.TabFocusReason)  # tabbed into: the wheel still scrolls
    wheel_over(window, spin, 1)
    assert spin.value() == 85
    window.form.ensureWidgetVisible(spin)  # back under the pointer after that scroll
    QTest.mouseClick(spin.lineEdit(), Qt.LeftButton)
    assert spin.hasFocus()
    wheel_over(window, spin, 1)
    assert spin.value() == 86 and window.session.value(("analysis", "mrv", "score")) == 86


# ---- 2. one undo history ----------------------------------------------------------------------
def test_ctrl_z_in_a_focused_box_undoes_the_last_app_edit(qtbot, window: MainWindow):
    s = window.session
    s.edit_many([(("analysis", "mrv", "citation"), "七、保障措施")], "Cite for mrv")
    spin = window.form.cards["mrv"].fields["score"].spin
    window.form.ensureWidgetVisible(spin)
    QTest.mouseClick(spin.lineEdit(), Qt.LeftButton)
    spin.lineEdit().selectAll()
    QTest.keyClicks(spin.lineEdit(), "70")
    assert s.value(("analysis", "mrv", "score")) == 70
    count = s.stack.count()
    QTest.keyClick(spin.lineEdit(), Qt.Key_Z, Qt.ControlModifier)
    assert s.value(("analysis", "mrv", "score")) == 85 and spin.value() == 85
    QTest.keyClick(spin.lineEdit(), Qt.Key_Z, Qt.ControlModifier)
    assert s.value(("analysis", "mrv", "citation")) == "第三章：基础能力建设"
    assert s.stack.count() == count and s.stack.index() == count - 2  # no new edit: redo kept
    QTest.keyClick(spin.lineEdit(), Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert s.value(("analysis", "mrv", "citation")) == "七、保障措施"
    label = window.form.cards["mrv"].fields["label"].editor
    label.setFocus()
    QTest.keyClick(label, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert s.value(("analysis", "mrv", "score")) == 70 and not s.stack.canRedo()
    QTest.keyClick(label, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)  # nothing to redo
    assert s.value(("analysis", "mrv", "score")) == 70 and s.stack.count() == count


# ---- 3. filtering never changes the open record --------------------------------------------------
def type_filter(qtbot, win: MainWindow, text: str) -> None:
    box = win.record_list.filter
    box.setFocus()
    box.selectAll()
    QTest.keyClick(box, Qt.Key_Delete)
    for ch in text:  # one key event per character (QTest.keyClicks takes Latin-1 only)
        QApplication.sendEvent(box, QKeyEvent(QEvent.KeyPress, 0, Qt.NoModifier, ch))
        QApplication.processEvents()


def shown_ids(win: MainWindow) -> list[str]:
    proxy = win.record_list.proxy
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def test_filter_hides_the_open_record_but_never_switches_it(qtbot, window: MainWindow):
    qtbot.waitUntil(lambda: window.index_flow.records_ready, timeout=10000)
    lst = window.record_list
    assert window.session.data["id"] == ORDOS
    type_filter(qtbot, window, "工信部")
    qtbot.waitUntil(lambda: shown_ids(window) == [MIIT] and bool(lst.model.hits), timeout=10000)
    qtbot.wait(300)  # any later search answer, re-ranked
    assert window.session.data["id"] == ORDOS and "ordos" in window.form.header.text().lower()
    assert lst.current_path() is None and not lst.table.selectionModel().hasSelection()
    assert lst.notice.isVisible() and "open record is hidden" in lst.notice.text()
    type_filter(qtbot, window, "")
    qtbot.waitUntil(lambda: len(shown_ids(window)) == 3, timeout=5000)
    assert lst.current_path().name == f"{ORDOS}.md" and not lst.notice.isVisible()


def test_retyping_a_search_keeps_the_record_open(qtbot, window: MainWindow):
    qtbot.waitUntil(lambda: window.index_flow.records_ready, timeout=10000)
    select(qtbot, window, PARKS)
    lst = window.record_list
    for text in ("碳", "碳达峰", "碳达峰 status:draft", "status:verified", "碳"):
        type_filter(qtbot, window, text)
        qtbot.wait(400)  # the debounced search and its re-ranking
        assert window.session.data["id"] == PARKS, text
        shown = lst.current_path()
        assert shown is None or shown.name == f"{PARKS}.md"


def test_no_match_and_a_malformed_filter_say_so_and_empty_the_list(qtbot, window: MainWindow):
    qtbot.waitUntil(lambda: window.index_flow.records_ready, timeout=10000)
    lst = window.record_list
    type_filter(qtbot, window, "zzzqqq-nothing")
    qtbot.waitUntil(lambda: not shown_ids(window), timeout=5000)
    assert "No records match" in lst.notice.text()
    type_filter(qtbot, window, "工信部")
    qtbot.waitUntil(lambda: shown_ids(window) == [MIIT], timeout=5000)
    type_filter(qtbot, window, "mrv:>=abc")
    assert lst.filter_error.isVisible() and shown_ids(window) == []
    type_filter(qtbot, window, "")
    qtbot.waitUntil(lambda: len(shown_ids(window)) == 3, timeout=5000)
    assert window.session.data["id"] == ORDOS


# ---- 5. warnings follow every edit ---------------------------------------------------------------
def replace_text(qtbot, editor, text: str) -> None:
    """Select all in a line edit or text box and type ``text`` over it, as the auditor would."""
    editor.setFocus()
    editor.selectAll()
    QTest.keyClick(editor, Qt.Key_Delete)
    for ch in text:
        QApplication.sendEvent(editor, QKeyEvent(QEvent.KeyPress, 0, Qt.NoModifier, ch))


def test_placeholder_badge_and_header_follow_edits_before_any_save(qtbot, window: MainWindow):
    card = window.form.cards["strategic"]
    assert "placeholder" in card.badge.text()
    replace_text(qtbot, card.fields["label"].editor, "Peak-first plan")
    qtbot.wait(300)
    assert "placeholder" in card.badge.text()  # its evidence is still the migration's
    replace_text(qtbot, card.fields["evidence"].editor, "The plan sets a 2025 peak target.")
    replace_text(qtbot, card.fields["citation"].editor, "一、总体要求")
    qtbot.waitUntil(lambda: "placeholder" not in card.badge.text(), timeout=3000)
    assert window.session.dirty  # not saved: the card judged the edits themselves
    replace_text(qtbot, window.form.fields[("title",)].editor, "Ordos plan, renamed")
    qtbot.waitUntil(lambda: "Ordos plan, renamed" in window.form.header.text(), timeout=3000)
    window.actions["undo"].trigger()
    window.actions["undo"].trigger()
    window.actions["undo"].trigger()
    window.actions["undo"].trigger()
    assert "placeholder" in card.badge.text()


def filled_review_dialog(qtbot, window: MainWindow, note: str = ""):
    """The verify or reopen dialog once its preview is in, with a reviewer and the note
    or reason typed: ready for its OK button."""
    qtbot.waitUntil(lambda: window.review.dialog is not None and window.review.dialog.preview is not None,
                    timeout=10000)
    dialog = window.review.dialog
    dialog.name.setText("Jane")
    dialog.email.setText("jane@example.org")
    if note:
        dialog.note.setPlainText(note)
    return dialog


# ---- 6. citing outside any heading ----------------------------------------------------------------
def test_cite_in_the_preamble_is_refused_and_never_writes_a_file_name(qtbot, window: MainWindow):
    before = window.session.value(("analysis", "incentive", "citation"))
    select_text(window, "各旗区人民政府")
    window.cites.current_pillar = "incentive"
    window.actions["cite"].trigger()
    assert "Select text under a heading" in window.statusBar().currentMessage()
    assert window.session.value(("analysis", "incentive", "citation")) == before
    assert not window.session.dirty


# ---- 7. a verified record is reopened before it changes ------------------------------------------
def test_editing_a_verified_record_asks_to_reopen_and_declining_changes_nothing(
        qtbot, window: MainWindow, repo: Path):
    select(qtbot, window, MIIT)
    path = repo / "records" / f"{MIIT}.md"
    before = path.read_bytes()
    spin = window.form.cards["mrv"].fields["score"].spin
    old = spin.value()
    window.form.ensureWidgetVisible(spin)
    QTest.mouseClick(spin.lineEdit(), Qt.LeftButton)
    QTest.keyClick(spin.lineEdit(), Qt.Key_Up)
    qtbot.waitUntil(lambda: window.review.dialog is not None, timeout=5000)
    dialog = window.review.dialog
    assert dialog.action == "reopen" and "reopened" in dialog.note.placeholderText()
    assert spin.value() == old and not window.session.dirty and window.session.stack.count() == 0
    assert "reopen it" in window.statusBar().currentMessage()
    dialog.reject()
    qtbot.waitUntil(lambda: window.review.dialog is None, timeout=3000)
    label = window.form.cards["mrv"].fields["label"].editor
    replace_text(qtbot, label, "x")   # typing is refused the same way, and asks again
    qtbot.waitUntil(lambda: window.review.dialog is not None, timeout=5000)
    window.review.dialog.reject()
    qtbot.wait(100)
    assert not window.session.dirty and label.text() == window.session.value(("analysis", "mrv", "label"))
    assert save_ok(qtbot, window) and path.read_bytes() == before


def test_a_reopen_from_an_edit_then_lets_the_auditor_edit(qtbot, window: MainWindow, repo: Path):
    select(qtbot, window, MIIT)
    window.form.cards["mrv"].fields["score"].spin.setValue(12)
    dialog = filled_review_dialog(qtbot, window, "The MRV score needs another look.")
    qtbot.mouseClick(dialog.ok, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.review.dialog is None and not window.session.locked, timeout=15000)
    window.form.cards["mrv"].fields["score"].spin.setValue(12)
    assert window.session.dirty and window.session.value(("analysis", "mrv", "score")) == 12


# ---- 8. citing for a pillar the record lacks -------------------------------------------------------
def test_cite_offers_the_records_pillars_and_add_pillar_asks_for_a_score(qtbot, window: MainWindow):
    select_text(window, "推进重点工程")
    menu = window.source_view.context_menu(window.source_view.current_tab())
    labels = [a.text() for a in menu.actions() if a.text().startswith(("Cite for", "Add pillar"))]
    assert labels == [f"Cite for {p}" for p in ("incentive", "statutory", "liability", "mrv",
                                                "market", "strategic")] + ["Add pillar…"]
    next(a for a in menu.actions() if a.text() == "Add pillar…").trigger()
    dialog = window.cites.add_dialog
    assert dialog is not None and dialog.isVisible()
    assert [dialog.pillar.itemText(i) for i in range(dialog.pillar.count())] == ["technical"]
    assert not dialog.ok.isEnabled() and not window.session.dirty  # no score, nothing yet
    dialog.score.setValue(40)
    qtbot.mouseClick(dialog.ok, Qt.LeftButton)
    assert window.session.value(("analysis", "technical")) == {
        "score": 40, "label": "", "evidence": "", "citation": "七、保障措施（二）推进重点工程"}
    assert window.form.cards["technical"].body.isVisible()
    window.actions["undo"].trigger()  # one step: the pillar goes again
    assert "technical" not in window.session.value(("analysis",)) and not window.session.dirty
    menu.deleteLater()


def test_ctrl_shift_c_for_an_absent_pillar_asks_and_cancel_adds_nothing(qtbot, window: MainWindow):
    select_text(window, "推进重点工程")
    window.cites.current_pillar = "technical"
    window.actions["cite"].trigger()
    dialog = window.cites.add_dialog
    assert dialog is not None and dialog.pillar.currentText() == "technical"
    dialog.reject()
    assert "technical" not in window.session.value(("analysis",)) and not window.session.dirty


# ---- 9. smaller ones -------------------------------------------------------------------------------
def test_reopen_is_enabled_only_on_a_verified_record(qtbot, window: MainWindow):
    assert window.session.data["id"] == ORDOS and not window.actions["reopen"].isEnabled()
    select(qtbot, window, MIIT)
    assert window.actions["reopen"].isEnabled()


def test_tab_in_the_record_list_moves_to_the_form(qtbot, window: MainWindow):
    table = window.record_list.table
    table.setFocus(Qt.OtherFocusReason)
    QTest.keyClick(table, Qt.Key_Tab)
    focus = QApplication.focusWidget()
    assert focus is not table and window.form.isAncestorOf(focus)
    assert window.session.data["id"] == ORDOS


def test_history_tells_an_import_from_a_verification_and_a_reopen_in_order(qtbot, window: MainWindow):
    history = window.history.headline
    with qtbot.waitSignal(window.records.loaded, timeout=10000):
        window.record_list.select_record_id(MIIT)
    qtbot.waitUntil(lambda: "imported" in history.text(), timeout=10000)
    assert "Verified by" not in history.text() and "Seed Bot" in history.text()
    window.actions["reopen"].trigger()
    dialog = filled_review_dialog(qtbot, window, "Second look.")
    qtbot.mouseClick(dialog.ok, Qt.LeftButton)
    qtbot.waitUntil(lambda: "reopened by Jane" in history.text(), timeout=15000)
    text = history.text()
    assert text.startswith("Draft now") and "Never verified" not in text
    assert text.index("imported as verified by Seed Bot") < text.index("reopened by Jane")


# ---- feedback --------------------------------------------------------------------------------------
def row_title(win: MainWindow, record_id: str) -> str:
    proxy = win.record_list.proxy
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == record_id)
    return proxy.index(row, 1).data()


def test_status_bar_says_saved_and_committed_and_the_list_marks_unsaved_edits(
        qtbot, window: MainWindow, repo: Path):
    select(qtbot, window, PARKS)
    assert not row_title(window, PARKS).startswith("●")
    window.form.cards["mrv"].fields["score"].spin.setValue(70)
    assert row_title(window, PARKS).startswith("● ")
    assert save_ok(qtbot, window)
    assert window.statusBar().currentMessage().startswith("Saved")
    assert not row_title(window, PARKS).startswith("●")
    window.actions["verify"].trigger()
    dialog = filled_review_dialog(qtbot, window)
    with qtbot.waitSignal(window.record_loaded, timeout=15000):  # on to the next draft
        qtbot.mouseClick(dialog.ok, Qt.LeftButton)
    window.workers.wait(5000)
    qtbot.wait(100)
    sha = subprocess.run(["git", "rev-parse", "--short=7", "HEAD"], cwd=repo, capture_output=True,
                         text=True, check=True).stdout.strip()
    assert window.statusBar().currentMessage().startswith(f"Committed as {sha}")
