"""Nothing lost on a crash (issue 12): unsaved edits are kept in the recovery folder within
two seconds, offered back on the next start, and restored on top of the file as it is."""

from __future__ import annotations

import copy
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from conftest import ROOT, save
from reviewer.core.record.document import RecordFile
from reviewer.core.record.unsaved import UnsavedEdits, UnsavedFile, UnsavedStore, now_text, sha256
from reviewer.core.workspace import Workspace
from reviewer.ui.main_window import MainWindow

ORDOS = "cn-ordos-pilot-2024"

# The app in a real process: open the workspace, change the MRV score as a user would (the
# spin box), wait for the recovery folder to hold it, say so, then wait to be killed.
DRIVER = r"""
import sys, time
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from reviewer.core.workspace import Workspace
from reviewer.ui.main_window import MainWindow
app = QApplication([])
win = MainWindow(QSettings(sys.argv[2], QSettings.IniFormat))
win.show()
win.open_workspace(Workspace(sys.argv[1]))
deadline = time.time() + 30
while (win.session is None or "mrv" not in win.form.cards) and time.time() < deadline:
    app.processEvents(); time.sleep(0.01)
win.form.cards["mrv"].fields["score"].spin.setValue(42)
start = time.time()
while time.time() - start < 2.0:
    app.processEvents(); time.sleep(0.01)
print("EDITED", flush=True)
while True:
    app.processEvents(); time.sleep(0.05)
"""


@pytest.fixture
def open_window(qtbot, tmp_path: Path):
    """Open a main window on a workspace; closed at the end without prompts (a failing
    test leaves no modal question behind)."""
    opened: list[MainWindow] = []

    def open_on(repo: Path) -> MainWindow:
        win = MainWindow(QSettings(str(tmp_path / f"settings{len(opened)}.ini"), QSettings.IniFormat))
        opened.append(win)
        win.show()
        win.open_workspace(Workspace(repo))
        return win
    yield open_on
    for win in opened:
        win.workers.wait(5000)
        if win.session is not None:
            win.session.replace_from_disk(win.session.record, keep_edits=False)
            win.deleteLater()


def answer_unsaved_box(restore: bool = True) -> dict:
    """Press a button of the "Unsaved edits found" box when it shows; returns what it said."""
    seen: dict = {}

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != "unsavedEditsBox":
            QTimer.singleShot(50, answer)
            return
        seen["text"], seen["details"] = box.text(), box.informativeText()
        seen["default"] = box.defaultButton().text()
        wanted = "Restore my edits" if restore else "Discard them"
        next(b for b in box.findChildren(QPushButton) if b.text() == wanted).click()
    QTimer.singleShot(50, answer)
    return seen


def entries(repo: Path) -> list[UnsavedEdits]:
    return UnsavedStore().entries(repo)


def test_an_edit_is_kept_within_two_seconds_and_saving_clears_it(qtbot, window: MainWindow, repo: Path):
    window.form.cards["mrv"].fields["score"].spin.setValue(42)
    started = time.monotonic()
    qtbot.waitUntil(lambda: len(entries(repo)) == 1, timeout=5000)
    assert time.monotonic() - started < 2.0
    [kept] = entries(repo)
    assert kept.primary == repo / "records" / f"{ORDOS}.md"
    assert [str(c) for _, c in kept.changes()] == ["analysis.mrv.score: 85 → 42"]
    assert kept.files[0].base_sha256 == sha256(kept.primary.read_bytes())
    assert save(qtbot, window)
    qtbot.waitUntil(lambda: entries(repo) == [], timeout=5000)


def test_reverting_the_edits_clears_the_entry(qtbot, window: MainWindow, repo: Path, monkeypatch):
    window.form.cards["mrv"].fields["score"].spin.setValue(42)
    qtbot.waitUntil(lambda: len(entries(repo)) == 1, timeout=5000)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Discard)
    window.records.revert()
    qtbot.waitUntil(lambda: entries(repo) == [], timeout=5000)


def test_the_app_killed_after_an_edit_offers_it_back_and_the_save_has_it(qtbot, repo: Path, open_window,
                                                                        tmp_path: Path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    driver = subprocess.Popen([sys.executable, "-c", DRIVER, str(repo), str(tmp_path / "dead.ini")],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = driver.stdout.readline()
        assert line.strip() == "EDITED", driver.stderr.read()
    finally:
        driver.send_signal(signal.SIGKILL)   # no clean exit: only the recovery folder remains
        driver.wait(10)
    path = repo / "records" / f"{ORDOS}.md"
    assert "score: 42" not in path.read_text(encoding="utf-8")     # never saved
    seen = answer_unsaved_box(restore=True)
    win = open_window(repo)
    qtbot.waitUntil(lambda: win.session is not None and win.session.dirty, timeout=15000)
    assert seen["default"] == "Restore my edits"
    assert "analysis.mrv.score: 85 → 42" in seen["details"]
    assert win.form.cards["mrv"].fields["score"].spin.value() == 42
    assert save(qtbot, win)
    assert "score: 42" in path.read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: entries(repo) == [], timeout=5000)


def keep_unsaved(repo: Path, edit) -> None:
    """An entry as a killed app leaves it: the file as loaded and the edited copy."""
    path = repo / "records" / f"{ORDOS}.md"
    record = RecordFile.load(path)
    mine = copy.deepcopy(record.data)
    edit(mine)
    UnsavedStore().write(UnsavedEdits(repo, ORDOS, now_text(),
                                      [UnsavedFile(path, sha256(record.raw), record.data, mine)]))


def test_restoring_on_a_file_changed_since_merges_three_way(qtbot, repo: Path, open_window):
    keep_unsaved(repo, lambda d: d["analysis"]["mrv"].update(score=42))
    path = repo / "records" / f"{ORDOS}.md"
    path.write_text(path.read_text(encoding="utf-8").replace("score: 45", "score: 46", 1),
                    encoding="utf-8")                      # someone else, meanwhile
    answer_unsaved_box(restore=True)
    win = open_window(repo)
    qtbot.waitUntil(lambda: win.session is not None and win.session.dirty, timeout=15000)
    assert win.session.data["analysis"]["mrv"]["score"] == 42
    assert win.session.data["analysis"]["liability"]["score"] == 46    # theirs, kept
    win.actions["undo"].trigger()                           # one undo step takes it back
    assert not win.session.dirty


def test_discarding_the_offer_removes_the_entry(qtbot, repo: Path, open_window):
    keep_unsaved(repo, lambda d: d.update(title="Never saved"))
    seen = answer_unsaved_box(restore=False)
    win = open_window(repo)
    qtbot.waitUntil(lambda: "text" in seen and win.session is not None, timeout=15000)
    qtbot.waitUntil(lambda: entries(repo) == [], timeout=5000)
    assert not win.session.dirty and win.session.data["title"] != "Never saved"


@pytest.mark.parametrize("damage", ["{", '{"format": 1}'])
def test_a_damaged_entry_is_ignored(qtbot, repo: Path, open_window, damage: str):
    store = UnsavedStore()
    store.folder.mkdir(parents=True, exist_ok=True)
    store.entry_path(repo, repo / "records" / f"{ORDOS}.md").write_text(damage, encoding="utf-8")
    win = open_window(repo)
    qtbot.waitUntil(lambda: win.session is not None, timeout=15000)
    assert not win.session.dirty
