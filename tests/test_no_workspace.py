"""`reviewer FOLDER` on a folder that is no workspace opens the window and says why, with a
way to pick another folder or set this one up (issue 12), instead of an error box and exit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog

from conftest import SEEDS
from reviewer.ui.app import start_without_workspace
from reviewer.ui.main_window import MainWindow


@pytest.fixture
def win(qtbot, tmp_path: Path):
    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    qtbot.addWidget(window)
    window.show()
    yield window
    window.workers.wait(5000)


def test_a_folder_that_does_not_exist_is_said_in_the_window(qtbot, win: MainWindow, tmp_path: Path):
    start_without_workspace(win, str(tmp_path / "gone"), "no such folder: gone", None)
    panel = win.no_workspace
    assert panel.isVisible() and not win.form.isVisible()
    assert "gone" in panel.message.text() and "no such folder" in panel.message.text()
    assert not panel.setup.isEnabled() and panel.other.isEnabled()


def test_an_empty_folder_offers_another_folder_and_that_opens(qtbot, win: MainWindow, tmp_path: Path,
                                                               monkeypatch):
    empty = tmp_path / "empty"
    empty.mkdir()
    start_without_workspace(win, str(empty), "", None)
    qtbot.waitUntil(lambda: win.no_workspace is not None and win.no_workspace.isVisible(), timeout=10000)
    assert "cannot be opened as a workspace" in win.no_workspace.message.text()
    assert win.no_workspace.setup.isEnabled()
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(seeds))
    with qtbot.waitSignal(win.record_loaded, timeout=15000):
        qtbot.mouseClick(win.no_workspace.other, Qt.LeftButton)
    assert win.form.isVisible() and not win.no_workspace.isVisible()
    assert win.ctx.workspace.root == seeds


def test_the_demo_button_opens_the_demo(qtbot, win: MainWindow, tmp_path: Path):
    win.show_no_workspace("nothing here", tmp_path)
    with qtbot.waitSignal(win.record_loaded, timeout=30000):
        qtbot.mouseClick(win.no_workspace.demo, Qt.LeftButton)
    assert win.ctx.workspace is not None and win.no_workspace.isHidden()
