"""Preferences (issue 16): Ctrl+, opens them; each choice is stored in the settings and
applied at once, through the real window on a real git repository (pytest-qt, offscreen)."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAccessible, QAction, QFontDatabase
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QApplication, QComboBox, QLineEdit

from conftest import save
from reviewer.core.workspace import Workspace
from reviewer.ui import i18n, window_state
from reviewer.ui.main_window import MainWindow
from reviewer.ui.preferences import Preferences, identity_problems

ORDOS, PARKS = "cn-ordos-pilot-2024", "cn-zero-carbon-parks"


def git(ws: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=ws, check=True, capture_output=True, text=True).stdout


def open_preferences(qtbot, window: MainWindow):
    window.actions["preferences"].trigger()
    qtbot.waitUntil(lambda: window.preferences.dialog is not None and window.preferences.dialog.isVisible(),
                    timeout=5000)
    return window.preferences.dialog


def press_ok(qtbot, window: MainWindow, dialog) -> None:
    with qtbot.waitSignal(window.preferences.applied, timeout=5000):
        qtbot.mouseClick(dialog.ok, Qt.LeftButton)


def stored(window: MainWindow, key: str):
    """What the settings file on disk holds (read by a QSettings of its own)."""
    window.settings.sync()
    return QSettings(window.settings.fileName(), QSettings.IniFormat).value(key)


def select(qtbot, win: MainWindow, record_id: str) -> None:
    if win.session is not None and win.session.data.get("id") == record_id:
        return
    with qtbot.waitSignal(win.record_loaded, timeout=10000):
        assert win.record_list.select_record_id(record_id)


# ---- opening ----------------------------------------------------------------------------------
def test_ctrl_comma_opens_the_preferences_from_the_edit_menu(qtbot, window: MainWindow):
    action = window.actions["preferences"]
    assert action.shortcut().toString() == "Ctrl+,"
    assert action.menuRole() == QAction.PreferencesRole
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert action in edit_menu.actions()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    assert window.preferences.dialog is None
    QTest.keyClick(window.record_list.filter, Qt.Key_Comma, Qt.ControlModifier)
    dialog = window.preferences.dialog
    assert dialog is not None and dialog.isVisible() and dialog.windowTitle() == "Preferences"
    # git's own identity shows in the empty fields: what a commit gets while they stay empty
    qtbot.waitUntil(lambda: dialog.name.placeholderText() == "Seed Bot", timeout=10000)
    assert dialog.email.placeholderText() == "seed@example.org"
    assert "Seed Bot <seed@example.org>" in dialog.identity_hint.text()
    dialog.reject()


def test_every_input_of_the_dialog_has_an_accessible_name(qtbot, window: MainWindow):
    dialog = open_preferences(qtbot, window)
    inputs = [w for kind in (QLineEdit, QAbstractSpinBox, QComboBox, QAbstractButton)
              for w in dialog.findChildren(kind)
              if w.isVisible() and not isinstance(w.parentWidget(), (QComboBox, QAbstractSpinBox))]
    names = {w: QAccessible.queryAccessibleInterface(w).text(QAccessible.Name) for w in inputs}
    assert len(inputs) >= 10
    assert [w.objectName() or type(w).__name__ for w, name in names.items()
            if not any(c.isalpha() for c in name)] == []
    assert names[dialog.email] == "Email" and names[dialog.keep_seconds] == "Keep them for recovery within"
    dialog.reject()


# ---- who verifies ------------------------------------------------------------------------------
def test_the_identity_set_in_preferences_authors_the_next_verify(qtbot, window: MainWindow, repo: Path):
    dialog = open_preferences(qtbot, window)
    dialog.name.setText("Mei Auditor")
    dialog.email.setText("mei@example.org")
    press_ok(qtbot, window, dialog)
    assert stored(window, "review/name") == "Mei Auditor"
    assert stored(window, "review/email") == "mei@example.org"
    select(qtbot, window, PARKS)
    window.actions["verify"].trigger()
    qtbot.waitUntil(lambda: window.review.dialog is not None and window.review.dialog.preview is not None,
                    timeout=15000)
    review = window.review.dialog
    assert (review.name.text(), review.email.text()) == ("Mei Auditor", "mei@example.org")
    assert review.ok.isEnabled()
    with qtbot.waitSignal(window.record_loaded, timeout=15000):
        qtbot.mouseClick(review.ok, Qt.LeftButton)
    log = git(repo, "log", "-1", "--format=%an <%ae>|%cn|%B")
    assert log.startswith("Mei Auditor <mei@example.org>|")   # not the repository's Seed Bot
    assert "Reviewed-by: Mei Auditor <mei@example.org>" in log


@pytest.mark.parametrize("name, email, field, words", [
    ("Mei Auditor", "not-an-email", "email", "Not an email address"),
    ("Mei Auditor", "mei @example.org", "email", "Not an email address"),
    ("Mei Auditor", "<mei@example.org>", "email", "Not an email address"),
    ("Mei Auditor", "", "email", "Enter the email"),
    ("", "mei@example.org", "name", "Enter the name"),
    ("Mei <Auditor>", "mei@example.org", "name", "cannot contain"),
])
def test_a_bad_identity_is_refused_at_its_field_and_not_stored(qtbot, window: MainWindow,
                                                               name, email, field, words):
    window.settings.setValue("review/name", "Kept Name")
    window.settings.setValue("review/email", "kept@example.org")
    dialog = open_preferences(qtbot, window)
    dialog.name.setText(name)
    dialog.email.setText(email)
    dialog.keep_seconds.setValue(9)
    qtbot.mouseClick(dialog.ok, Qt.LeftButton)
    assert dialog.isVisible()                       # OK did nothing
    label = dialog.email_error if field == "email" else dialog.name_error
    other = dialog.name_error if field == "email" else dialog.email_error
    assert label.isVisible() and words in label.text() and not other.isVisible()
    qtbot.wait(10)
    assert label.height() >= label.heightForWidth(label.width())   # the whole message shows
    assert (dialog.email if field == "email" else dialog.name).accessibleDescription() == label.text()
    assert stored(window, "review/name") == "Kept Name" and stored(window, "review/email") == "kept@example.org"
    assert stored(window, "unsaved/keep_seconds") is None and window.unsaved.keep_delay == 1000
    dialog.email.setText("mei@example.org")          # fixed: the message goes, OK stores
    dialog.name.setText("Mei Auditor")
    QTest.keyClicks(dialog.email, "x")
    assert not label.isVisible()
    dialog.email.setText("mei@example.org")
    press_ok(qtbot, window, dialog)
    assert stored(window, "review/email") == "mei@example.org" and window.unsaved.keep_delay == 9000


def test_both_fields_empty_means_git_s_identity(qtbot, window: MainWindow):
    assert identity_problems("", "") == {}
    assert identity_problems("Mei", "mei@example.org") == {}
    dialog = open_preferences(qtbot, window)
    press_ok(qtbot, window, dialog)
    assert Preferences(window.settings).identity() == (None, None)


# ---- recovery, sync, font -------------------------------------------------------------------------
def test_the_recovery_interval_is_stored_and_drives_the_keeping(qtbot, window: MainWindow):
    dialog = open_preferences(qtbot, window)
    assert dialog.keep_seconds.value() == 1
    dialog.keep_seconds.setValue(3)
    press_ok(qtbot, window, dialog)
    assert stored(window, "unsaved/keep_seconds") in (3, "3") and window.unsaved.keep_delay == 3000
    store, ws, path = window.unsaved.store, window.workspace, window.session.path
    window.form.cards["mrv"].fields["score"].spin.setValue(61)
    edited = time.monotonic()
    qtbot.waitUntil(lambda: store.entry(ws.root, path) is not None, timeout=8000)
    assert time.monotonic() - edited >= 2.5      # kept after 3 s, not the default 1 s
    window.session.replace_from_disk(window.session.record, keep_edits=False)


def test_background_fetch_and_sharing_are_stored_and_applied(qtbot, window: MainWindow):
    team = window.team
    assert window.sync_button.background.isChecked() and team.timer.isActive()
    dialog = open_preferences(qtbot, window)
    assert dialog.background_fetch.isChecked() and not dialog.push_after_verify.isChecked()
    dialog.background_fetch.setChecked(False)
    assert not dialog.fetch_minutes.isEnabled()
    dialog.push_after_verify.setChecked(True)
    press_ok(qtbot, window, dialog)
    assert not team.timer.isActive() and not window.sync_button.background.isChecked()
    assert window.sync_button.push_after_verify.isChecked()
    assert stored(window, "sync/background_fetch") in (False, "false")
    assert stored(window, "sync/push_after_verify") in (True, "true")
    dialog = open_preferences(qtbot, window)
    assert not dialog.background_fetch.isChecked() and dialog.push_after_verify.isChecked()
    dialog.background_fetch.setChecked(True)
    dialog.fetch_minutes.setValue(9)
    press_ok(qtbot, window, dialog)
    assert team.timer.isActive() and team.timer.interval() == 9 * 60_000
    assert stored(window, "sync/fetch_minutes") in (9, "9")


def test_the_source_font_is_stored_and_applied_to_every_source_tab(qtbot, window: MainWindow):
    text = window.source_view.current_tab().text
    families = [f for f in QFontDatabase.families() if f != text.font().family()
                and QFontDatabase.isSmoothlyScalable(f)]
    family = "DejaVu Serif" if "DejaVu Serif" in families else families[0]
    dialog = open_preferences(qtbot, window)
    dialog.font_family.setCurrentFont(family)
    dialog.font_size.setValue(17)
    press_ok(qtbot, window, dialog)
    assert (text.font().family(), text.font().pointSize()) == (family, 17)
    assert stored(window, "sources/font_family") == family and stored(window, "sources/font_size") in (17, "17")
    select(qtbot, window, PARKS)     # the next record's tabs (reused or new) keep the font
    for index in range(window.source_view.tabs.count()):
        shown = window.source_view.tabs.widget(index).text.font()
        assert (shown.family(), shown.pointSize()) == (family, 17)


def test_an_untouched_font_stays_the_interface_s(qtbot, window: MainWindow):
    dialog = open_preferences(qtbot, window)
    press_ok(qtbot, window, dialog)
    assert Preferences(window.settings).font_family == "" and Preferences(window.settings).font_size == 0


def test_invalid_stored_settings_fall_back_to_the_defaults(qtbot, repo: Path, tmp_path: Path):
    ini = tmp_path / "damaged.ini"
    ini.write_text("[unsaved]\nkeep_seconds=abc\n[sync]\nfetch_minutes=-3\nbackground_fetch=maybe\n"
                   "push_after_verify=2\n[sources]\nfont_size=500\nfont_family=\n"
                   "[interface]\nlanguage=klingon\n[review]\nemail=\n", encoding="utf-8")
    settings = QSettings(str(ini), QSettings.IniFormat)
    prefs = Preferences(settings)
    assert (prefs.keep_seconds, prefs.fetch_minutes, prefs.background_fetch, prefs.push_after_verify,
            prefs.font_size, prefs.language) == (1, 5, True, False, 0, "system")
    win = MainWindow(settings)
    try:
        assert win.unsaved.keep_delay == 1000 and win.team.timer.interval() == 5 * 60_000
        dialog = open_preferences(qtbot, win)
        assert dialog.keep_seconds.value() == 1 and dialog.language.currentData() == "system"
        dialog.reject()
    finally:
        win.close()


# ---- the interface language -------------------------------------------------------------------
@pytest.fixture
def own_window(qtbot, qapp, repo: Path, tmp_path: Path):
    """A window this test may have replaced: every window open at the end is closed, and the
    interface goes back to English for the tests after."""
    win = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    win.show()
    with qtbot.waitSignal(win.record_loaded, timeout=10000):
        win.open_workspace(Workspace(repo))
    yield win
    for shown in [*window_state.windows(), win]:
        try:
            shown.workers.wait(5000)
            if shown.session is not None:
                shown.session.replace_from_disk(shown.session.record, keep_edits=False)
            shown.close()
        except RuntimeError:
            pass   # replaced and deleted already
    i18n.switch(i18n.ENGLISH, qapp)


def test_a_new_language_rebuilds_the_window_keeping_record_filter_and_shape(qtbot, own_window, repo):
    old = own_window
    select(qtbot, old, PARKS)
    old.record_list.filter.setText("status:draft")
    old.resize(760, 590)                          # the offscreen screen is 800 x 800
    old.history_dock.hide()
    size = (old.width(), old.height())
    assert size != (800, 800)                     # not the default size (the screen's room)
    assert old.form.cards["strategic"].title.text() == "<b>6 · Strategic</b>"
    before = list(window_state.windows())
    dialog = open_preferences(qtbot, old)
    dialog.language.setCurrentIndex(dialog.language.findData(i18n.CHINESE))
    press_ok(qtbot, old, dialog)
    qtbot.waitUntil(lambda: len(window_state.windows()) > len(before), timeout=5000)
    new = window_state.windows()[-1]
    qtbot.waitUntil(lambda: new.session is not None and not new.workers.running, timeout=15000)
    assert new is not old and new.isVisible()
    assert not shiboken6.isValid(old) or not old.isVisible()     # closed, then deleted
    assert i18n.current() == i18n.CHINESE and stored(new, i18n.SETTING) == i18n.CHINESE
    assert new.form.cards["strategic"].title.text() == "<b>6 · 战略引导</b>"
    assert new.actions["preferences"].text() == "首选项(&P)…"
    assert new.session.path == repo / "records" / f"{PARKS}.md"
    assert new.record_list.filter.text() == "status:draft"
    assert new.record_list.current_path() == new.session.path
    assert (new.width(), new.height()) == size and not new.history_dock.isVisible()
    assert not new.session.dirty


def test_with_unsaved_edits_the_language_waits_and_nothing_is_lost(qtbot, own_window, repo):
    win = own_window
    spin = win.form.cards["mrv"].fields["score"].spin
    spin.setValue(63)
    assert win.session.dirty
    before = list(window_state.windows())
    dialog = open_preferences(qtbot, win)
    dialog.language.setCurrentIndex(dialog.language.findData(i18n.CHINESE))
    press_ok(qtbot, win, dialog)
    qtbot.wait(100)                                    # a rebuild would come on the next turn
    assert window_state.windows() == before and win.isVisible()
    assert "next start" in win.statusBar().currentMessage()
    assert "unsaved edits" in win.statusBar().currentMessage()
    assert i18n.current() == i18n.ENGLISH and stored(win, i18n.SETTING) == i18n.CHINESE
    assert win.session.dirty and win.session.data["analysis"]["mrv"]["score"] == 63 and spin.value() == 63
    assert win.form.cards["strategic"].title.text() == "<b>6 · Strategic</b>"
    assert save(qtbot, win)                            # saved: the next OK builds it in Chinese
    dialog = open_preferences(qtbot, win)
    assert dialog.language.currentData() == i18n.CHINESE
    press_ok(qtbot, win, dialog)
    qtbot.waitUntil(lambda: len(window_state.windows()) > len(before), timeout=5000)
    new = window_state.windows()[-1]
    qtbot.waitUntil(lambda: new.session is not None, timeout=15000)
    assert new.form.cards["strategic"].title.text() == "<b>6 · 战略引导</b>"
    assert new.session.data["analysis"]["mrv"]["score"] == 63 and not new.session.dirty
