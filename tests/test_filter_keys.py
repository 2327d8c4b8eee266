"""Keys in the list's filter box (where the window starts): Down/Up/PageDown/PageUp move the
list's current record and open it as a click would, the text cursor staying in the box;
Enter goes to the list. Real window, real key events (pytest-qt)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from reviewer.ui.main_window import MainWindow


def shown_ids(win: MainWindow) -> list[str]:
    return win.record_list.visible_ids()


def current_id(win: MainWindow) -> str | None:
    row = win.record_list.table.currentIndex().row()
    return shown_ids(win)[row] if row >= 0 else None


def press(qtbot, win: MainWindow, key, then_id: str | None = None) -> None:
    """``key`` in the filter box; with ``then_id``, wait until that record is open."""
    qtbot.keyClick(win.record_list.filter, key)
    if then_id is not None:
        qtbot.waitUntil(lambda: win.session is not None and win.session.data.get("id") == then_id,
                        timeout=10000)


def test_down_and_up_in_the_filter_box_open_the_next_and_previous_record(qtbot, window: MainWindow):
    lst = window.record_list
    lst.focus_filter()
    qtbot.keyClicks(lst.filter, "20")
    lst.filter.setCursorPosition(1)
    ids = shown_ids(window)
    assert len(ids) >= 2
    first = current_id(window)
    at = ids.index(first) if first in ids else -1
    press(qtbot, window, Qt.Key_Down, ids[at + 1])
    assert current_id(window) == ids[at + 1]
    assert lst.filter.hasFocus() and lst.filter.text() == "20" and lst.filter.cursorPosition() == 1
    press(qtbot, window, Qt.Key_Up, ids[max(at, 0)])
    assert current_id(window) == ids[max(at, 0)] and lst.filter.hasFocus()


def test_page_keys_move_a_page_and_stop_at_the_ends(qtbot, window: MainWindow):
    lst = window.record_list
    lst.focus_filter()
    ids = shown_ids(window)
    press(qtbot, window, Qt.Key_PageDown, ids[-1])   # the seeds fit in one page: to the end
    assert current_id(window) == ids[-1]
    press(qtbot, window, Qt.Key_PageUp, ids[0])
    assert current_id(window) == ids[0]
    press(qtbot, window, Qt.Key_Up)                  # already at the top: stays
    assert current_id(window) == ids[0] and lst.filter.hasFocus()


def test_down_with_unsaved_edits_asks_as_a_click_does(qtbot, window: MainWindow, monkeypatch):
    lst = window.record_list
    lst.focus_filter()
    ids, opened = shown_ids(window), window.session.data["id"]
    window.form.cards["mrv"].fields["score"].spin.setValue(60)
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a) or QMessageBox.Cancel)
    lst.focus_filter()
    press(qtbot, window, Qt.Key_Down)
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    qtbot.wait(100)
    assert window.session.data["id"] == opened and window.session.dirty
    assert current_id(window) == opened      # the list shows the record still open
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Discard)
    following = ids[ids.index(opened) + 1]
    press(qtbot, window, Qt.Key_Down, following)
    assert current_id(window) == following


def test_enter_goes_to_the_list_and_the_box_keeps_its_own_keys(qtbot, window: MainWindow):
    lst = window.record_list
    lst.focus_filter()
    press(qtbot, window, Qt.Key_Return)
    qtbot.waitUntil(lst.table.hasFocus, timeout=2000)
    lst.focus_filter()
    qtbot.keyClicks(lst.filter, "ab")
    qtbot.keyClick(lst.filter, Qt.Key_Left, Qt.ShiftModifier)   # the box's own keys still work
    assert lst.filter.selectedText() == "b"
