"""Sync in the app (issue 13), driven with pytest-qt on real widgets: the status-bar
control shows ahead/behind and syncs in a worker; a paused sync opens the conflicted
record and the field-by-field dialog (mine, theirs, or a value typed), or aborts; unsaved
edits in the window survive; a remote that is gone is said; a verify can be shared at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from conftest import explain_citations, git
from team_fixture import ORDOS, Team, cli_json, commit, data, make_team, remote_data
from test_desk import filled_review_dialog, select
from reviewer.core.workspace import Workspace
from reviewer.ui.main_window import MainWindow

MRV = ("analysis", "mrv", "score")
MARKET = ("analysis", "market", "score")
ORDOS_ID = "cn-ordos-pilot-2024"


@pytest.fixture
def team(raw_git_workspace: Path, tmp_path: Path) -> Team:
    return make_team(raw_git_workspace, tmp_path)


def open_window(qtbot, folder: Path, tmp_path: Path, **settings) -> MainWindow:
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    store.setValue("sync/background_fetch", False)       # each test checks the remote itself
    store.setValue("review/name", "Bob Auditor")
    store.setValue("review/email", "bob@example.org")
    for key, value in settings.items():
        store.setValue(key.replace("__", "/"), value)
    win = MainWindow(store)
    win.show()
    with qtbot.waitSignal(win.record_loaded, timeout=10000):
        win.open_workspace(Workspace(folder))
    return win


@pytest.fixture
def bob_window(qtbot, team: Team, tmp_path: Path):
    win = open_window(qtbot, team.bob, tmp_path)
    yield win
    win.workers.wait(10000)
    if win.session is not None:
        win.session.replace_from_disk(win.session.record, keep_edits=False)
    win.close()
    win.deleteLater()


def wait_idle(qtbot, win: MainWindow) -> None:
    qtbot.waitUntil(lambda: not win.team.running and win.workers.running == 0, timeout=30000)


def test_the_button_shows_ahead_and_behind_and_syncs_in_a_worker(qtbot, team: Team, bob_window):
    win = bob_window
    commit(team.ann, ORDOS, (MRV, 70), message="ann")
    assert cli_json(team.ann, "sync")[0] == 0
    commit(team.bob, "records/cn-zero-carbon-parks.md", (("title",), "Bob's parks"), message="bob")
    win.team.check_remote()
    qtbot.waitUntil(lambda: win.sync_button.text() == "Sync ↑1 ↓1", timeout=15000)
    assert "1 commit here to share" in win.sync_button.toolTip()
    select(qtbot, win, ORDOS_ID)
    qtbot.mouseClick(win.sync_button, Qt.LeftButton)
    assert win.team.running and not win.sync_button.isEnabled()      # the window goes on
    wait_idle(qtbot, win)
    qtbot.waitUntil(lambda: win.sync_button.text() == "Sync", timeout=10000)
    assert "synced main with origin/main" in win.statusBar().currentMessage()
    assert remote_data(team, "records/cn-zero-carbon-parks.md")["title"] == "Bob's parks"
    assert win.session.value(MRV) == 70                               # the open record followed


def test_unsaved_edits_in_the_window_survive_a_sync(qtbot, team: Team, bob_window):
    win = bob_window
    commit(team.ann, ORDOS, (MARKET, 35), message="ann")
    assert cli_json(team.ann, "sync")[0] == 0
    select(qtbot, win, ORDOS_ID)
    win.form.cards["mrv"].fields["score"].spin.setValue(12)           # not saved
    assert win.session.dirty
    win.team.sync()
    wait_idle(qtbot, win)
    qtbot.waitUntil(lambda: win.session.value(MARKET) == 35, timeout=10000)
    assert win.session.dirty and win.session.value(MRV) == 12
    assert data(team.bob)["analysis"]["market"]["score"] == 35       # the file has Ann's


def test_a_save_during_a_sync_waits_for_it(qtbot, team: Team, bob_window):
    win = bob_window
    select(qtbot, win, ORDOS_ID)
    win.form.cards["mrv"].fields["score"].spin.setValue(12)
    win.ctx.hold_saves()                                   # as a running sync does
    win.save()
    assert "waits for the sync" in win.statusBar().currentMessage()
    assert data(team.bob)["analysis"]["mrv"]["score"] != 12
    with qtbot.waitSignal(win.records.saved, timeout=10000):
        win.ctx.release_saves()
    assert data(team.bob)["analysis"]["mrv"]["score"] == 12


def paused_on_ordos(qtbot, team: Team, win: MainWindow):
    commit(team.ann, ORDOS, (MRV, 70), (("title",), "Ann's title"), message="ann")
    assert cli_json(team.ann, "sync")[0] == 0
    commit(team.bob, ORDOS, (MRV, 60), (("title",), "Bob's title"), (MARKET, 35), message="bob")
    win.team.sync()
    qtbot.waitUntil(lambda: win.team.dialog is not None, timeout=30000)
    return win.team.dialog


def test_a_paused_sync_opens_the_record_and_the_field_by_field_dialog(qtbot, team: Team, bob_window):
    win = bob_window
    dialog = paused_on_ordos(qtbot, team, win)
    qtbot.waitUntil(lambda: win.session is not None and win.session.data.get("id") == ORDOS_ID,
                    timeout=10000)
    assert win.sync_button.text() == "Sync paused: 2 conflicts"
    assert "a teammate changed the same fields" in dialog.windowTitle()
    theirs = dialog.findChild(type(dialog.findChild(object, "mine:analysis.mrv.score")),
                              "theirs:analysis.mrv.score")
    assert theirs.text() == "Theirs (remote): 70"
    theirs.setChecked(True)
    dialog.findChild(object, "other:title").setChecked(True)
    dialog.findChild(object, "edit:title").setText("Ordos pilot (agreed)")
    qtbot.mouseClick(dialog.findChild(object, "mergeButton"), Qt.LeftButton)
    wait_idle(qtbot, win)
    qtbot.waitUntil(lambda: win.sync_button.text() == "Sync", timeout=10000)
    remote = remote_data(team)
    assert (remote["analysis"]["mrv"]["score"], remote["title"]) == (70, "Ordos pilot (agreed)")
    assert remote["analysis"]["market"]["score"] == 35


def test_a_value_the_field_cannot_hold_is_said_in_the_dialog(qtbot, team: Team, bob_window):
    dialog = paused_on_ordos(qtbot, team, bob_window)
    dialog.findChild(object, "other:analysis.mrv.score").setChecked(True)
    dialog.findChild(object, "edit:analysis.mrv.score").setText("seventy")
    qtbot.mouseClick(dialog.findChild(object, "mergeButton"), Qt.LeftButton)
    assert dialog.isVisible() and "not a value this field holds" in dialog.error.text()
    dialog.findChild(object, "edit:analysis.mrv.score").setText("65")
    qtbot.mouseClick(dialog.findChild(object, "mergeButton"), Qt.LeftButton)
    wait_idle(qtbot, bob_window)
    qtbot.waitUntil(lambda: remote_data(team)["analysis"]["mrv"]["score"] == 65, timeout=10000)


def test_escape_keeps_the_sync_paused_and_abort_puts_everything_back(qtbot, team: Team, bob_window):
    win = bob_window
    before = (team.bob / ORDOS).read_bytes()
    dialog = paused_on_ordos(qtbot, team, win)
    head = git(team.bob, "rev-parse", "ORIG_HEAD").stdout          # Bob's commit, before the sync
    qtbot.keyClick(dialog, Qt.Key_Escape)
    qtbot.waitUntil(lambda: win.team.dialog is None, timeout=5000)
    assert "still paused" in win.statusBar().currentMessage()
    assert win.sync_button.paused
    win.form.cards["market"].fields["score"].spin.setValue(41)       # an edit while paused
    win.save()
    assert "waits for the sync" in win.statusBar().currentMessage()
    assert data(team.bob)["analysis"]["market"]["score"] != 41       # not into the rebase
    win.team.resolve()                                     # the button again: the dialog again
    qtbot.waitUntil(lambda: win.team.dialog is not None, timeout=10000)
    qtbot.mouseClick(win.team.dialog.findChild(object, "discardButton"), Qt.LeftButton)
    wait_idle(qtbot, win)
    assert not win.sync_button.paused and not win.team.paused
    assert git(team.bob, "rev-parse", "HEAD").stdout == head
    qtbot.waitUntil(lambda: data(team.bob)["analysis"]["market"]["score"] == 41, timeout=10000)
    assert data(team.bob)["analysis"]["mrv"]["score"] == 60 and (team.bob / ORDOS).read_bytes() != before
    assert git(team.bob, "diff", "--name-only").stdout.split() == [ORDOS]  # saved after the abort
    assert not (team.bob / ".git" / "rebase-merge").exists()


def test_a_remote_that_is_gone_is_said_and_nothing_is_lost(qtbot, team: Team, bob_window,
                                                             tmp_path: Path):
    win = bob_window
    commit(team.bob, ORDOS, (MRV, 60), message="bob")
    team.remote.rename(tmp_path / "gone.git")
    win.team.sync()
    wait_idle(qtbot, win)
    assert win.sync_button.text() == "Sync failed"
    assert "cannot reach origin" in win.sync_button.toolTip()
    assert win.team.message is not None and "your commits are kept" in win.team.message.text()
    win.team.message.close()
    assert git(team.bob, "log", "-1", "--format=%s").stdout.strip() == "bob"


def test_the_background_check_can_be_turned_off(qtbot, team: Team, tmp_path: Path):
    win = open_window(qtbot, team.bob, tmp_path, sync__background_fetch=True)
    try:
        assert win.team.timer.isActive() and win.sync_button.background.isChecked()
        win.sync_button.background.setChecked(False)
        assert not win.team.timer.isActive()
        assert win.settings.value("sync/background_fetch") in (False, "false")
    finally:
        win.workers.wait(10000)
        win.close()


def test_share_each_verify_at_once_pushes_after_the_commit(qtbot, team: Team, tmp_path: Path):
    explain_citations(team.bob, "cn-zero-carbon-parks")
    win = open_window(qtbot, team.bob, tmp_path)
    try:
        win.sync_button.push_after_verify.setChecked(True)
        assert win.settings.value("sync/push_after_verify") in (True, "true")
        select(qtbot, win, "cn-zero-carbon-parks")
        win.review.start_verify()
        dialog = filled_review_dialog(qtbot, win)
        qtbot.mouseClick(dialog.ok, Qt.LeftButton)
        qtbot.waitUntil(lambda: remote_data(team, "records/cn-zero-carbon-parks.md")
                        .get("reviewStatus") == "verified", timeout=30000)
        wait_idle(qtbot, win)
    finally:
        win.workers.wait(10000)
        if win.session is not None:
            win.session.replace_from_disk(win.session.record, keep_edits=False)
        win.close()
