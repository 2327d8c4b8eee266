"""Benchmark (not a test): the Dashboard from View > Dashboard to its numbers drawn.

Run: ``python tests/bench_dashboard.py [--records N] [--reviews R] [--keep DIR]
[--screenshot FILE.png]``. It makes a workspace with a review history
(``review_history.make_history``; kept in DIR when given, and reused from there), then
starts the app in a fresh process (offscreen Qt, or the display there is, e.g. under
``xvfb-run``), opens the workspace, waits a second once the list is shown (as a person
would before reaching for the menu) and opens the dashboard three times, measuring from the
menu's action to the numbers drawn on screen:

- **cold**: the audit cache is empty (every commit and blob read from git), the first time;
- **warm, first opening**: a new process on the warm cache: the window is built and drawn
  for the first time (pyqtgraph was imported by a worker while the list was up), a second
  after the list is shown (while the source texts are still being indexed, at 2,000
  records) and a second after they are;
- **warm, again**: the dashboard is open already and reads the numbers again.

Also the time to draw the numbers alone (``show_stats`` and a repaint, on the UI thread).
``--screenshot`` saves a picture of the dashboard too (the README's, under Xvfb).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from review_history import make_history  # noqa: E402

CHILD = r"""
import json, sys, time
from pathlib import Path
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from reviewer.core.workspace import Workspace
from reviewer.ui.main_window import MainWindow
ws, settings, shot, idle = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "idle"
app = QApplication([])
store = QSettings(settings, QSettings.IniFormat)
store.setValue("sync/background_fetch", False)
win = MainWindow(store)
win.resize(1500, 900)
win.show()
win.open_workspace(Workspace(Path(ws)))
out = {"open": [], "draw": []}
flow = win.dashboard

def opened(_seconds):
    app.processEvents()
    board = flow.dashboard
    board.repaint()
    out["open"].append(time.perf_counter() - out.pop("t"))
    t = time.perf_counter()
    board.show_stats(board.stats)
    board.repaint()
    out["draw"].append(time.perf_counter() - t)
    if len(out["open"]) < 2:
        QTimer.singleShot(300, go)
        return
    if shot:
        board.grab().save(shot)
    print(json.dumps(out))
    app.quit()

def go():
    out["t"] = time.perf_counter()
    win.actions["dashboard"].trigger()

def when_ready():
    if idle and not (win.index_flow.sources_ready and win.workers.running == 0):
        QTimer.singleShot(100, when_ready)   # the source texts are still being indexed
        return
    QTimer.singleShot(1000, go)

flow.shown.connect(opened)
win.list_loaded.connect(lambda: when_ready() if not out["open"] and "t" not in out else None)
app.exec()
"""


def run_child(ws: Path, tmp: Path, shot: str = "", idle: bool = False) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp / "cache"),
           "XDG_DATA_HOME": str(tmp / "data"), "XDG_CONFIG_HOME": str(tmp / "config")}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    result = subprocess.run([sys.executable, "-c", CHILD, str(ws), str(tmp / "settings.ini"), shot,
                             "idle" if idle else "busy"],
                            env=env, capture_output=True, text=True, timeout=600)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise SystemExit(f"the app failed:\n{result.stderr[-3000:]}")
    return json.loads(lines[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--reviews", type=int, default=600)
    parser.add_argument("--keep", type=Path, help="make (or reuse) the workspace here")
    parser.add_argument("--screenshot", metavar="FILE.png", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        ws = args.keep or tmp / "ws"
        if not (ws / ".git").is_dir():
            started = time.perf_counter()
            make_history(ws, args.records, args.reviews, seed=1)
            print(f"history made in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        commits = subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=ws, capture_output=True,
                                 text=True).stdout.strip()
        cold = run_child(ws, tmp)
        warm = run_child(ws, tmp)
        idle = run_child(ws, tmp, str(Path(args.screenshot).resolve()) if args.screenshot else "",
                         idle=True)
        ms = lambda s: f"{s * 1000:.0f} ms"  # noqa: E731
        records = sum(1 for _ in (ws / "records").rglob("*.md"))
        print(f"{records:,} record files, {commits} commits")
        print(f"cold cache, first opening:  {ms(cold['open'][0])}")
        print(f"warm cache, first opening:  {ms(warm['open'][0])} (source texts still being "
              f"indexed), {ms(idle['open'][0])} (once indexed)")
        print(f"warm cache, again:          {ms(warm['open'][1])}, {ms(idle['open'][1])}")
        print(f"drawing the numbers alone:  {ms(min(warm['draw']))} "
              f"(first {ms(warm['draw'][0])})")


if __name__ == "__main__":
    main()
