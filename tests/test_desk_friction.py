"""Issue 12, friction removed from the desk: each driven through the real widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from test_desk import MIIT, ORDOS, PARKS, filled_review_dialog, select

from reviewer.ui.main_window import MainWindow

# The fixtures ``repo`` (the seeds in git) and ``window`` (the app on it) are in conftest.py.


def ids(win: MainWindow) -> list[str]:
    proxy = win.record_list.proxy
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def test_revert_record_asks_then_drops_the_edits(qtbot, window: MainWindow, monkeypatch):
    spin = window.form.cards["mrv"].fields["score"].spin
    spin.setValue(61)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.Cancel)
    window.actions["revert"].trigger()
    assert asked and "Discard your unsaved edits" in asked[0] and window.session.dirty
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Discard)
    window.actions["revert"].trigger()
    assert not window.session.dirty and spin.value() == 85
    assert "Reverted" in window.statusBar().currentMessage()


def test_add_to_evidence_choice_is_remembered(qtbot, window: MainWindow, repo: Path):
    window.source_view.add_to_evidence.setChecked(True)
    again = MainWindow(QSettings(window.settings.fileName(), QSettings.IniFormat))
    assert again.source_view.add_to_evidence.isChecked()
    again.close()
    again.deleteLater()


def test_menus_show_their_shortcuts(window: MainWindow):
    for name in ("save", "undo", "redo", "verify", "reopen", "cite", "next_draft"):
        assert not window.actions[name].shortcut().isEmpty(), name


def test_after_a_verify_the_list_resorts_and_the_next_draft_opens_at_its_problems(
        qtbot, window: MainWindow):
    select(qtbot, window, PARKS)
    window.actions["verify"].trigger()
    dialog = filled_review_dialog(qtbot, window)
    with qtbot.waitSignal(window.record_loaded, timeout=15000):
        qtbot.mouseClick(dialog.ok, Qt.LeftButton)
    window.workers.wait(5000)
    qtbot.wait(50)
    assert window.session.data["id"] == ORDOS
    assert ids(window)[0] == ORDOS and set(ids(window)[1:]) == {PARKS, MIIT}  # drafts first
    card, bar = window.form.cards["incentive"], window.form.verticalScrollBar()
    top = card.mapTo(window.form.widget(), QPoint(0, 0)).y()
    assert bar.value() > 0 and top == bar.value()  # its first pillar with a problem on top


def test_gate_tab_lists_every_pillar_and_a_double_click_goes_to_it(qtbot, window: MainWindow):
    window.actions["verify"].trigger()
    qtbot.waitUntil(lambda: window.review.dialog is not None and window.review.dialog.preview is not None,
                    timeout=10000)
    dialog = window.review.dialog
    tree = dialog.reasons
    rows = [(tree.topLevelItem(i).text(0), tree.topLevelItem(i).text(1))
            for i in range(tree.topLevelItemCount())]
    assert {p for p, _ in rows} == {"incentive", "statutory", "liability", "mrv", "market", "strategic"}
    assert tree.wordWrap()
    passing = [p for p, verdict in rows if verdict == "passes"]
    failing = next(i for i in range(tree.topLevelItemCount()) if tree.topLevelItem(i).text(1) != "passes")
    assert len(passing) + len({p for p, v in rows if v != "passes"}) == 6
    item = tree.topLevelItem(failing)
    tree.itemDoubleClicked.emit(item, 1)
    qtbot.waitUntil(lambda: window.review.dialog is None, timeout=3000)
    card = window.form.cards[item.text(0)]
    assert window.form.verticalScrollBar().value() == min(card.y(), window.form.verticalScrollBar().maximum())
