"""Benchmark: switching records in the real window (offscreen), with a 40 KB source each.

Run: ``python tests/bench_ui.py [--records 60] [--switches 60]``. Not a test: it prints
medians. The baseline, measured in the same run, is the core work alone for one switch
(read and parse the record, decode its source and parse its outline, no widgets), so the
ratio shows what the UI adds on top. Target: a switch under 50 ms median.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from reviewer.core.services import records  # noqa: E402
from reviewer.core.workspace import Workspace  # noqa: E402

SEEDS = ROOT / "seeds"
PLAN = SEEDS / "sources" / "cn-ordos-pilot-2024" / "ordos-carbon-peaking-plan-2024.zh.txt"


def make_workspace(folder: Path, count: int) -> Workspace:
    records = folder / "records"
    records.mkdir(parents=True)
    template = (SEEDS / "records" / "cn-ordos-pilot-2024.md").read_text(encoding="utf-8")
    plan = PLAN.read_text(encoding="utf-8")
    source = (plan * 2)[: 40 * 1024 // 3]  # about 40 KB of UTF-8 Chinese text
    for i in range(count):
        rid = f"bench-{i:05d}"
        (records / f"{rid}.md").write_text(template.replace("cn-ordos-pilot-2024", rid), encoding="utf-8")
        src = folder / "sources" / rid
        src.mkdir(parents=True)
        (src / "plan.zh.txt").write_text(source, encoding="utf-8")
    return Workspace(folder)


def wait_for(signal, action, timeout_ms: int = 10000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    action()
    loop.exec()
    signal.disconnect(loop.quit)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=60)
    parser.add_argument("--switches", type=int, default=60)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    from reviewer.ui.main_window import MainWindow
    with tempfile.TemporaryDirectory() as tmp:
        ws = make_workspace(Path(tmp) / "ws", args.records)
        paths = ws.record_paths()
        size = (ws.sources_dir("bench-00000") / "plan.zh.txt").stat().st_size
        core = []
        for i in range(args.switches):
            start = time.perf_counter()
            records.load_record(ws, paths[i % len(paths)])
            core.append((time.perf_counter() - start) * 1000)
        window = MainWindow(QSettings(str(Path(tmp) / "s.ini"), QSettings.IniFormat))
        window.resize(1500, 900)
        window.show()
        wait_for(window.record_loaded, lambda: window.open_workspace(ws))
        # Indexing the workspace runs once in the background after opening; switching is
        # measured once it has finished, as an auditor spends the day.
        deadline = time.monotonic() + 120
        while not window.index_flow.sources_ready and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        switch = []
        for i in range(args.switches):
            target = paths[(i + 1) % len(paths)]
            start = time.perf_counter()
            wait_for(window.record_loaded, lambda: window.record_list.select_path(target))
            app.processEvents()  # let the views paint what they were given
            switch.append((time.perf_counter() - start) * 1000)
            assert window.session is not None and window.session.path == target
        window.workers.wait()
        window.close()
        shutil.rmtree(Path(tmp) / "ws", ignore_errors=True)
    med_core, med_switch = statistics.median(core), statistics.median(switch)
    print(f"records: {args.records}, switches: {args.switches}, source: {size:,} bytes each")
    print(f"baseline (core load: record + source + outline): median {med_core:.1f} ms")
    print(f"switch in the window (select -> form, sources, outline shown): median {med_switch:.1f} ms, "
          f"p90 {sorted(switch)[int(len(switch) * 0.9)]:.1f} ms, {med_switch / med_core:.2f}x baseline")


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)  # skip PySide's interpreter-exit teardown of the event-loop helpers used above
