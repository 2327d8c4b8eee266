"""Benchmark: switching records in the real window (offscreen), with a 40 KB source each.

Run: ``python tests/bench_ui.py [--records 60] [--switches 60]``. Not a test: it prints
medians. The baseline, measured in the same run, is the core work alone for one switch
(read and parse the record, decode its source and parse its outline, no widgets), so the
ratio shows what the UI adds on top.

Switches go as an auditor makes them: the "Next record" / "Previous record" actions
(Ctrl+Down / Ctrl+Up), each after the neighbours were prepared (an auditor reads a record
for seconds; the bench waits until the prefetch is idle). Targets (issue 15): a warm switch
within 16 ms median and 33 ms p90; the first switch to a cold record (a jump far away in
the list, nothing prepared) within 50 ms median. Also printed: stepping without pause
(a key held down: the neighbour may still be in the worker) and the prefetch cache's
memory, as the cache estimates it and as tracemalloc measures one entry.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from reviewer.core.services import records  # noqa: E402
from reviewer.core.services.prefetch import RACY_NS  # noqa: E402
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
    """Run ``action`` and return once ``signal`` fired (also when it fires inside
    ``action``: a prepared record is shown at once, before any event loop runs)."""
    fired = []
    loop = QEventLoop()

    def quit_loop(*_args) -> None:
        fired.append(True)
        loop.quit()
    signal.connect(quit_loop)
    QTimer.singleShot(timeout_ms, loop.quit)
    action()
    if not fired:
        loop.exec()
    signal.disconnect(quit_loop)
    if not fired:
        raise SystemExit(f"timed out after {timeout_ms} ms waiting for the record")


def settle(app, prefetch, timeout_s: float = 10) -> None:
    """As an auditor reading the record: wait until its neighbours are prepared."""
    deadline = time.monotonic() + timeout_s
    while not (prefetch.idle and prefetch.cache) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.002)
    app.processEvents()


CPU: list[float] = []   # the UI thread's CPU ms of each timed switch (see report)


def timed_switch(app, window, action) -> float:
    """ms from the auditor's action to the record shown and painted."""
    start, cpu = time.perf_counter(), time.thread_time()
    wait_for(window.record_loaded, action)
    app.processEvents()  # let the views lay out and paint what they were given
    CPU.append((time.thread_time() - cpu) * 1000)
    return (time.perf_counter() - start) * 1000


def walk(app, window, count: int, pause: bool, held: list | None = None) -> list[float]:
    """Next record ``count`` times down the list, then Previous as many times back;
    ``held``: gets (entries, bytes) of the prefetch cache before each switch."""
    out = []
    cache = window.records.prefetch.cache
    for i in range(count):
        name = "next_record" if i < count // 2 else "prev_record"
        if pause:
            settle(app, window.records.prefetch)
        if held is not None:
            held.append((len(cache), cache.bytes))
        out.append(timed_switch(app, window, window.actions[name].trigger))
    return out


def jumps(app, window, paths: list[Path], count: int) -> list[float]:
    """A jump to a record far from the open one (never a neighbour, so never prepared)."""
    out = []
    for i in range(count):
        settle(app, window.records.prefetch)
        current = paths.index(window.session.path)
        target = paths[(current + len(paths) // 2 + i % 5) % len(paths)]
        assert not window.records.prefetch.cache.has(target)
        out.append(timed_switch(app, window, lambda: window.record_list.select_path(target)))
        assert window.session.path == target
    return out


def entry_bytes(ws: Workspace, paths: list[Path]) -> float:
    """tracemalloc's measure of what one prepared record holds (mean of a few)."""
    from reviewer.core.services.prefetch import prepare
    prepare(ws, paths[0])  # warm the caches of the engine (schema, vocabulary)
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = [prepare(ws, path) for path in paths[1:5]]
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return held / len(kept)


def p90(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.9)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=60)
    parser.add_argument("--switches", type=int, default=60)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    from reviewer.ui.main_window import MainWindow
    with tempfile.TemporaryDirectory() as tmp:
        ws = make_workspace(Path(tmp) / "ws", args.records)
        made = time.monotonic()
        paths = ws.record_paths()
        size = (ws.sources_dir("bench-00000") / "plan.zh.txt").stat().st_size
        core = []
        for i in range(args.switches):
            start = time.perf_counter()
            records.load_record(ws, paths[i % len(paths)])
            core.append((time.perf_counter() - start) * 1000)
        traced = entry_bytes(ws, paths)
        # A file changed within prefetch.RACY_NS of its read is not cached (its time may not
        # have ticked since): as in a workspace the auditor opens, the files are older.
        time.sleep(max(0.0, made + RACY_NS / 1e9 + 0.1 - time.monotonic()))
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
        cache = window.records.prefetch.cache
        cold = jumps(app, window, paths, max(10, args.switches // 3))
        window.record_list.select_path(paths[0])
        settle(app, window.records.prefetch)
        hits_before = cache.hits
        CPU.clear()
        held: list[tuple[int, int]] = []
        warm = walk(app, window, args.switches, pause=True, held=held)
        warm_hits = cache.hits - hits_before
        warm_cpu = list(CPU)
        rapid = walk(app, window, args.switches, pause=False)
        window.workers.wait()
        window.close()
        shutil.rmtree(Path(tmp) / "ws", ignore_errors=True)
    report(args, size, core, (warm, warm_cpu), warm_hits, cold, rapid, held, traced, cache.capacity)


def report(args, size, core, warm, warm_hits, cold, rapid, held, traced, capacity) -> None:
    """``warm``: (wall ms, UI-thread CPU ms) of each warm switch."""
    warm, warm_cpu = warm
    med_core = statistics.median(core)
    print(f"records: {args.records}, switches: {args.switches}, source: {size:,} bytes each; "
          f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"baseline (core load: record + source + outline + citations): median {med_core:.1f} ms")
    med = statistics.median(warm)
    print(f"warm switch (Next/Previous record, neighbour prepared; {warm_hits}/{len(warm)} from "
          f"the cache): median {med:.1f} ms (target 16), p90 {p90(warm):.1f} ms (target 33), "
          f"{med / med_core:.2f}x baseline")
    print(f"  of which the UI thread's own CPU time: median {statistics.median(warm_cpu):.1f} ms, "
          f"p90 {p90(warm_cpu):.1f} ms (the rest: waiting, e.g. for other processes)")
    med = statistics.median(cold)
    print(f"cold switch (jump far in the list, nothing prepared): median {med:.1f} ms (target 50), "
          f"p90 {p90(cold):.1f} ms, {med / med_core:.2f}x baseline")
    print(f"stepping without pause (key held; the neighbour may still be read): median "
          f"{statistics.median(rapid):.1f} ms, p90 {p90(rapid):.1f} ms")
    entries, most = max(held)
    per_entry = statistics.median(b / n for n, b in held if n)
    print(f"prefetch cache while walking: at most {entries} entries (capacity {capacity}), "
          f"at most {max(b for _, b in held):,} bytes ({most:,} at {entries} entries), "
          f"{per_entry:,.0f} per entry (estimate); tracemalloc: {traced:,.0f} bytes per entry")


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)  # skip PySide's interpreter-exit teardown of the event-loop helpers used above
