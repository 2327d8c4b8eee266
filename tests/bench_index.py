"""Benchmark: the workspace index at 10,000 records (not a test: machines here are noisy).

Run: ``python tests/bench_index.py [--records N] [--keep DIR]``. It generates a workspace
(``generate_workspace``, with source texts, in git), then measures in the same run:

- baseline: read + split + parse every frontmatter with PyYAML's C loader, one process
  (the issue's baseline; also shown: the same with ``json.loads`` for JSON frontmatter);
- cold index of the records (list fields, pillars and the records' full text), with the
  worker processes and, for comparison, in one process;
- warm open: open the cache, ``summaries()``, and ``refresh()`` with nothing changed;
- one changed file re-indexed: ``refresh_paths`` (after a save) and a full ``refresh``;
- search, Chinese and English, and source indexing (texts and citation statuses);
- memory: the summaries list per 1,000 records (tracemalloc), and peak RSS.

Each figure is printed with its ratio to the baseline and the issue's target.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from generate_workspace import generate  # noqa: E402
from reviewer.core.index import scan as indexscan
from reviewer.core.index.workspace_index import WorkspaceIndex  # noqa: E402
from reviewer.core.record import frontmatter  # noqa: E402
from reviewer.core.workspace import Workspace  # noqa: E402


def baseline(paths: list[Path], json_too: bool = False) -> float:
    start = time.perf_counter()
    for path in paths:
        try:
            split = frontmatter.split(path.read_bytes().decode("utf-8"))
            if json_too and split.format == "json":
                json.loads(split.frontmatter)
            else:
                yaml.load(split.frontmatter, Loader=yaml.CSafeLoader)
        except Exception:  # noqa: BLE001 - the few broken files cost what they cost
            pass
    return time.perf_counter() - start


def median_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem = int(Path("/proc/meminfo").read_text().split()[1]) // 1024 // 1024
    except OSError:
        mem = 0
    return (f"{platform.system()} {platform.machine()}, {indexscan.cores()} cores ({model}), "
            f"{mem} GB, Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}")


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-index-"))
    try:
        run(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(args: argparse.Namespace, tmp: Path) -> None:
    print(f"machine: {machine()}")
    folder = args.keep or tmp / "ws"
    start = time.perf_counter()
    if not (folder / "records").is_dir():
        generate(folder, args.records, seed=0)
    print(f"workspace: {args.records} records, "
          f"{sum(1 for _ in (folder / 'sources').rglob('*.txt'))} source files "
          f"(generated in {time.perf_counter() - start:.1f} s)")
    ws = Workspace(folder)
    paths = ws.record_paths()
    rows: list[tuple[str, float, str, str]] = []

    bases = [baseline(paths)]
    strict = baseline(paths, json_too=True)

    def cold(parallel: bool) -> tuple[float, object]:
        saved = indexscan.PARALLEL_MIN
        indexscan.PARALLEL_MIN = saved if parallel else 10**9
        cache = tmp / f"cache-{time.perf_counter_ns()}"
        try:
            with WorkspaceIndex.open(ws, cache) as index:
                report = index.refresh()
        finally:
            indexscan.PARALLEL_MIN = saved
            shutil.rmtree(cache, ignore_errors=True)
        return report.seconds, report

    colds = []
    for _ in range(3):
        seconds, report = cold(parallel=True)
        colds.append(seconds)
        bases.append(baseline(paths))
    single, _ = cold(parallel=False)
    base = statistics.median(bases)
    print(f"baseline (C loader for every frontmatter): median {base:.2f} s of "
          f"{', '.join(f'{b:.2f}' for b in bases)}; with json.loads for JSON: {strict:.2f} s")
    print(f"cold index: {report.parsed} parsed ({report.engine} by the record engine), "
          f"{report.workers} worker processes; runs {', '.join(f'{c:.2f}' for c in colds)} s")
    rows.append(("cold index of the records (median of 3)", statistics.median(colds), "<= 1.5 x", "ratio"))
    rows.append(("  the same in one process", single, "(for comparison)", "ratio"))

    cache = tmp / "cache"
    with WorkspaceIndex.open(ws, cache) as index:
        index.refresh()
    time.sleep(2.1)  # let the files the generator wrote last leave the racy window

    def warm() -> None:
        with WorkspaceIndex.open(ws, cache) as index:
            index.summaries()
            assert index.refresh().read == 0
    rows.append(("warm open: open + summaries() + refresh()", median_of(warm, 5), "<= 0.1 x", "ratio"))
    with WorkspaceIndex.open(ws, cache) as index:
        rows.append((f"  summaries() alone ({len(paths)} rows)", median_of(index.summaries, 5), "", "ms"))
        rows.append(("  refresh() with nothing changed", median_of(index.refresh, 5), "", "ms"))
        target = next(p for p in paths if p.read_bytes().startswith(b"---\nid: "))
        original = target.read_text(encoding="utf-8")
        edits = iter(range(1000))

        def edit() -> None:
            target.write_text(original.replace("\ntitle: ", f"\ntitle: Edit {next(edits)} ", 1),
                              encoding="utf-8")
        times = []
        for _ in range(21):
            edit()
            start = time.perf_counter()
            assert index.refresh_paths([target]).parsed == 1
            times.append(time.perf_counter() - start)
        rows.append(("one changed file: refresh_paths (median of 21)", statistics.median(times), "<= 50 ms", "ms"))
        times = []
        for _ in range(5):
            edit()
            start = time.perf_counter()
            index.refresh()
            times.append(time.perf_counter() - start)
        rows.append(("one changed file: full refresh() (median of 5)", statistics.median(times), "", "ms"))
        target.write_text(original, encoding="utf-8")
        index.refresh_paths([target])

        report = index.index_sources()
        rows.append((f"source indexing: {report.total} files, {report.citations} records' "
                     "citations (background)", report.seconds, "", "ratio"))
        for query in ("碳达峰", "carbon peaking", "鄂尔多斯 实施方案", "碳汇"):
            hits = index.search(query)
            rows.append((f"search {query!r} ({len(hits)} hits, median of 21)",
                         median_of(lambda: index.search(query), 21),
                         "<= 50 ms" if len(query) > 2 else "(short: LIKE)", "ms"))
        rows.append(("filters only: draft, mrv >= 80 (median of 21)",
                     median_of(lambda: index.search("", status="draft", pillar="mrv",
                                                    min_score=80), 21), "", "ms"))
        tracemalloc.start()
        before = tracemalloc.take_snapshot()
        kept = index.summaries()
        grown = sum(s.size_diff for s in tracemalloc.take_snapshot().compare_to(before, "filename"))
        tracemalloc.stop()
        per_thousand = grown / len(kept) * 1000 / 1024 / 1024

    print()
    print(f"{'figure':<62} {'value':>10} {'x baseline':>11}  target")
    for label, seconds, goal, kind in rows:
        value = f"{seconds:.2f} s" if kind == "ratio" else f"{seconds * 1000:.1f} ms"
        print(f"{label:<62} {value:>10} {seconds / base:>10.3f}x  {goal}")
    print(f"{'memory: summaries() list, per 1,000 records':<62} {per_thousand:>7.2f} MB")
    print(f"{'memory: peak RSS of this process':<62} {rss_mb():>7.0f} MB")
    db = next(cache.glob("*.sqlite3"))
    print(f"{'cache file size':<62} {db.stat().st_size / 1e6:>7.0f} MB")


if __name__ == "__main__":
    main()
