"""The list marks records committed here but not yet pushed to the team's remote (issue 12)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from conftest import git
from reviewer.ui.main_window import MainWindow

PARKS = "cn-zero-carbon-parks"


def id_cell(win: MainWindow, record_id: str):
    model = win.record_list.model
    row = next(i for i, r in enumerate(model.rows) if r.id == record_id)
    return model.index(row, 0)


def test_a_commit_not_yet_pushed_is_marked_until_it_is(qtbot, window: MainWindow, repo: Path, tmp_path: Path):
    bare = tmp_path / "team.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    git(repo, "remote", "add", "origin", str(bare))
    git(repo, "push", "-q", "-u", "origin", "main")
    window.rescan()
    qtbot.wait(300)
    window.workers.wait(5000)
    assert "↑" not in id_cell(window, PARKS).data()
    # Parks is committed (as a verify would, by someone at this desk) but not pushed.
    git(repo, "commit", "-q", "-m", "explain loose citations", "--", f"records/{PARKS}.md")
    window.rescan()
    qtbot.waitUntil(lambda: id_cell(window, PARKS).data() == f"{PARKS} ↑", timeout=10000)
    assert "not yet pushed" in id_cell(window, PARKS).data(Qt.ToolTipRole)
    assert "↑" not in id_cell(window, "cn-ordos-pilot-2024").data()
    git(repo, "push", "-q")
    window.rescan()
    qtbot.waitUntil(lambda: id_cell(window, PARKS).data() == PARKS, timeout=10000)


def test_without_an_upstream_nothing_is_marked(qtbot, window: MainWindow, repo: Path):
    git(repo, "commit", "-q", "-m", "explain loose citations", "--", f"records/{PARKS}.md")
    window.rescan()
    qtbot.wait(500)
    window.workers.wait(5000)
    assert all("↑" not in id_cell(window, r.id).data() for r in window.record_list.model.rows)
