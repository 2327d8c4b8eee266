"""Benchmark: the window showing the record list at 10,000 records (not a test).

Run: ``python tests/bench_app_open.py [--records N] [--runs R] [--keep DIR]``. It generates
workspaces of 1,000 and N records (``generate_workspace``), warms their index caches, then
starts the app in a fresh process R times each (offscreen Qt, as the tests do) and measures,
from just before the process is started:

- **list shown**: the window is up with the cached rows in the list (the issue's target:
  within 1 s with a warm cache);
- **list final**: the background refresh has confirmed nothing changed;
- **RSS** once the list is final, for 1,000 and N records: the growth per 1,000 records.

Baselines, measured in the same run: an empty window (process start, imports, Qt, no
workspace) and, in this process, reading every record with the record engine
(``Workspace.summaries()``, what the list did before the index) and with PyYAML's C loader.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bench_index import baseline, machine  # noqa: E402

from generate_workspace import generate  # noqa: E402
from reviewer.core.index.workspace_index import WorkspaceIndex  # noqa: E402
from reviewer.core.workspace import Workspace  # noqa: E402

# The child: start the window, open the workspace, report when the list has rows and when
# the refresh is done. ``t0`` is the parent's clock just before it started the process.
CHILD = r"""
import json, resource, sys, time
t0, ws = float(sys.argv[1]), sys.argv[2]
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from reviewer.core.workspace import Workspace
from reviewer.ui.main_window import MainWindow
app = QApplication([])
win = MainWindow(QSettings(sys.argv[3], QSettings.IniFormat))
win.show()
out = {}
def rows_changed(*_):
    if "shown" not in out and win.record_list.model.rows:
        app.processEvents()  # let the view paint the rows
        out["shown"] = time.time() - t0
        out["rows"] = len(win.record_list.model.rows)
def final():
    out.setdefault("shown", time.time() - t0)
    out["final"] = time.time() - t0
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    QTimer.singleShot(0, app.quit)
win.record_list.model.modelReset.connect(rows_changed)
win.list_loaded.connect(final)
if ws == "-":
    app.processEvents()
    out["shown"] = out["final"] = time.time() - t0
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
else:
    win.open_workspace(Workspace(ws))
    QTimer.singleShot(60000, app.quit)
    app.exec()
win.index_flow.shutdown()
win.workers.wait(10000)
print(json.dumps(out))
"""


def start_app(ws: Path | str, settings: Path) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    t0 = time.time()
    result = subprocess.run([sys.executable, "-c", CHILD, repr(t0), str(ws), str(settings)],
                            capture_output=True, text=True, env=env, timeout=120)
    if result.returncode != 0:
        raise SystemExit(f"the app failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def warm(ws: Path) -> None:
    with WorkspaceIndex.open(ws) as index:
        index.refresh()
        index.index_sources()


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        os.environ["XDG_CACHE_HOME"] = str(base / "cache")  # a private cache, also for the app
        sizes = sorted({1000, args.records})
        spaces = {}
        for n in sizes:
            ws = base / f"ws-{n}"
            if not (ws / "records").is_dir():
                generate(ws, n, seed=7)
            warm(ws)
            spaces[n] = ws
        settings = base / "settings.ini"
        print(f"machine: {machine()}")
        start_app("-", settings)  # warm-up: the first start reads the libraries from disk
        empty, runs = [], {n: [] for n in sizes}
        for _ in range(args.runs):  # interleaved, so drift hits every figure alike
            empty.append(start_app("-", settings))
            for n in sizes:
                runs[n].append(start_app(spaces[n], settings))
        big = spaces[args.records]
        paths = [p for p in (big / "records").rglob("*.md") if not p.name.startswith(".")]
        c_loader = baseline(paths)
        start = time.perf_counter()
        Workspace(big).summaries()
        engine = time.perf_counter() - start
        window = median([r["final"] for r in empty])
        print(f"baselines: empty window {window * 1000:.0f} ms (process start to shown); "
              f"C-loader parse of {len(paths):,} files {c_loader:.2f} s; "
              f"record engine (the list before the index) {engine:.2f} s")
        for n in sizes:
            shown = median([r["shown"] for r in runs[n]])
            final = median([r["final"] for r in runs[n]])
            print(f"{n:>6,} records, warm cache: list shown {shown * 1000:.0f} ms "
                  f"({shown / window:.2f}x empty window, {shown / c_loader:.3f}x C-loader parse, "
                  f"{shown / engine:.3f}x engine read), refresh done {final * 1000:.0f} ms; "
                  f"RSS {median([r['rss_mb'] for r in runs[n]]):.0f} MB")
        if len(sizes) == 2:
            small, large = sizes
            growth = (median([r["rss_mb"] for r in runs[large]])
                      - median([r["rss_mb"] for r in runs[small]])) / ((large - small) / 1000)
            print(f"memory growth: {growth:.2f} MB per 1,000 records "
                  f"(empty window {median([r['rss_mb'] for r in empty]):.0f} MB)")
        print("target: list shown within 1 s of start with a warm cache")


if __name__ == "__main__":
    main()
