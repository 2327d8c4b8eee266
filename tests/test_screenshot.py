"""The whole window on a real X server (Xvfb), and the first-run demo workspace."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QFontDatabase, QImage

from conftest import ROOT, SEEDS
from reviewer.core.services.demo import ensure_demo_workspace


def _env(tmp_path: Path, platform: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": platform,
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_RUNTIME_DIR": str(tmp_path / "run")}
    (tmp_path / "run").mkdir(mode=0o700, exist_ok=True)
    return env


def _distinct_colours(image: QImage) -> int:
    step = 7
    return len({image.pixel(x, y) for x in range(0, image.width(), step)
                for y in range(0, image.height(), step)})


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run not installed (.ci/run installs it)")
def test_window_screenshot_under_xvfb_is_not_blank(tmp_path: Path):
    shot = tmp_path / "window.png"
    cmd = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", sys.executable, "-m", "reviewer",
           str(SEEDS), "--select", "cn-ordos-pilot-2024", "--screenshot", str(shot)]
    result = subprocess.run(cmd, env=_env(tmp_path, "xcb"), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    image = QImage(str(shot))
    assert not image.isNull() and image.width() >= 800 and image.height() >= 500
    assert _distinct_colours(image) > 40  # text, icons, sliders: far from a blank window


def test_a_cjk_font_is_available_for_the_chinese_sources(qapp):
    families = QFontDatabase.families(QFontDatabase.SimplifiedChinese)
    assert families, "no font with Simplified Chinese glyphs: install fonts-wqy-microhei"


def test_first_run_opens_a_demo_workspace_that_is_a_git_repo(tmp_path: Path):
    shot = tmp_path / "demo.png"
    cmd = [sys.executable, "-m", "reviewer", "--screenshot", str(shot)]
    result = subprocess.run(cmd, env=_env(tmp_path, "offscreen"), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    demo = tmp_path / "data" / "reviewer" / "reviewer" / "demo-workspace"
    assert (demo / ".git").is_dir()
    assert sorted(p.name for p in (demo / "records").iterdir()) == sorted(
        p.name for p in (SEEDS / "records").iterdir())
    log = subprocess.run(["git", "log", "--oneline"], cwd=demo, capture_output=True, text=True).stdout
    assert len(log.splitlines()) == 1
    status = subprocess.run(["git", "status", "--porcelain"], cwd=demo, capture_output=True, text=True)
    assert status.stdout == ""


def test_demo_workspace_is_made_once_and_reused(tmp_path: Path):
    first = ensure_demo_workspace(tmp_path)
    (first / "records" / "cn-ordos-pilot-2024.md").write_text("auditor's work\n")
    again = ensure_demo_workspace(tmp_path)
    assert again == first
    assert (first / "records" / "cn-ordos-pilot-2024.md").read_text() == "auditor's work\n"
