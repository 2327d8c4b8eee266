"""Benchmark: every command at 10,000 records, as whole processes (not a test).

Run: ``python tests/bench_cli.py [--records N] [--runs R] [--keep DIR]`` for the table, and
``--curve 1000,10000,100000`` for the curve. It generates a workspace (``generate_workspace``:
5 % of the records carry a 36 KB Chinese plan, in git), compiles the package's bytecode
(as an installed package has it), and measures in the same run:

- the floors: **F1**, parsing every record's frontmatter with PyYAML's C loader in one
  process; **F2**, inserting every source text into an in-memory SQLite FTS5 trigram table;
- each command as a fresh process (``python -m reviewer``), wall time from start to exit
  and its peak memory: cold (an empty index cache each run) and warm (nothing changed);
- ``reviewer --version`` / ``--help`` against ``python -c pass``, and the top importers of
  ``--version`` (``python -X importtime``).

Every figure is a median of R runs and is printed with its floor, the ratio and the
issue's target. The curve repeats the main figures at each size, with the app's time to
show the list and its memory (``bench_app_open``), and the cost per 1,000 records.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import sqlite3
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

WORDS = ("carbon", "碳达峰")


class Runner:
    """Runs ``reviewer`` commands in fresh processes against one workspace."""

    def __init__(self, ws: Path, scratch: Path) -> None:
        self.ws, self.scratch = ws, scratch
        self.warm_cache = scratch / "warm-cache"
        self.count = 0

    def env(self, cache: Path) -> dict:
        return {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(ROOT),
                "XDG_DATA_HOME": str(self.scratch / "data")}

    def once(self, args: list[str], cache: Path | None = None) -> tuple[float, float, int]:
        """(seconds, peak MB, exit status) of one run."""
        cache = cache or self.warm_cache
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "reviewer", *args], cwd=self.ws,
                                env=self.env(cache), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        return seconds, usage.ru_maxrss / 1024, proc.returncode

    def cold(self, args: list[str], runs: int) -> tuple[float, float]:
        times, peaks = [], []
        for _ in range(runs):
            self.count += 1
            cache = self.scratch / f"cold-{self.count}"
            seconds, peak, _ = self.once(args, cache)
            shutil.rmtree(cache, ignore_errors=True)
            times.append(seconds)
            peaks.append(peak)
        return statistics.median(times), max(peaks)

    def warm(self, args: list[str], runs: int) -> tuple[float, float]:
        self.once(args)   # fills the cache (and checks the command runs)
        results = [self.once(args) for _ in range(runs)]
        return statistics.median(r[0] for r in results), max(r[1] for r in results)


def floor_f2(ws: Path, runs: int) -> float:
    texts = [p for p in sorted((ws / "sources").rglob("*")) if p.is_file()]

    def once() -> float:
        start = time.perf_counter()
        conn = sqlite3.connect(":memory:")
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='trigram')")
        with conn:
            conn.executemany("INSERT INTO t(body) VALUES (?)",
                             ((p.read_bytes().decode("utf-8", "replace"),) for p in texts))
        conn.close()
        return time.perf_counter() - start
    return statistics.median(once() for _ in range(runs))


def floor_f1(ws: Path, runs: int) -> float:
    paths = sorted((ws / "records").rglob("*.md"))
    return statistics.median(baseline(paths) for _ in range(runs))


def top_importers(ws: Path) -> list[tuple[str, float]]:
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "reviewer", "--version"],
                          cwd=ws, capture_output=True, text=True, env={**os.environ,
                                                                       "PYTHONPATH": str(ROOT)})
    rows = []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((parts[2].rstrip(), int(parts[1]) / 1000))
    top = sorted((r for r in rows if not r[0].startswith("   ")), key=lambda r: -r[1])
    return [(name.strip(), ms) for name, ms in top[:6]]


def record_id(ws: Path) -> str:
    plans = sorted((ws / "sources").glob("*/*-plan.zh.txt"))
    return plans[0].parent.name   # a record with a Chinese plan: citations have work to do


def table(ws: Path, runs: int) -> list[dict]:
    scratch = Path(tempfile.mkdtemp(prefix="bench-cli-"))
    try:
        return _table(ws, runs, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _table(ws: Path, runs: int, scratch: Path) -> list[dict]:
    f1, f2 = floor_f1(ws, runs), floor_f2(ws, runs)
    run, rid = Runner(ws, scratch), record_id(ws)
    rows = [dict(name="F1: PyYAML C loader, every frontmatter", seconds=f1),
            dict(name="F2: FTS5 trigram insert, every source", seconds=f2)]

    def add(name: str, result: tuple[float, float], floor: float, floor_name: str,
            target: float) -> None:
        seconds, peak = result
        rows.append(dict(name=name, seconds=seconds, peak_mb=peak, floor=floor_name,
                         ratio=seconds / floor, target=target, ok=seconds / floor <= target))
        print(f"  {name:<34} {seconds:7.2f} s  {seconds / floor:5.2f} x {floor_name:<7} "
              f"(target {target:g})  {peak:6.0f} MB", flush=True)
    print(f"F1 {f1:.2f} s, F2 {f2:.2f} s", flush=True)
    add("cold list --json", run.cold(["list", "--json"], runs), f1, "F1", 1.5)
    add("cold validate", run.cold(["validate"], runs), f1, "F1", 2.0)
    for word in WORDS:
        add(f"cold search {word} --json", run.cold(["search", word, "--json"], runs),
            f1 + f2, "F1+F2", 1.5)
    warm = [("list --json", ["list", "--json"]), ("validate", ["validate"]),
            *((f"search {w} --json", ["search", w, "--json"]) for w in WORDS),
            ("show ID", ["show", rid]), ("citations ID", ["citations", rid]),
            ("stats", ["stats"])]
    for name, args in warm:
        add(f"warm {name}", run.warm(args, runs), f1, "F1", 0.1)
    python = statistics.median(_python_start() for _ in range(runs * 2))
    rows.append(dict(name="python -c pass", seconds=python))
    for flag in ("--version", "--help"):
        seconds = statistics.median(run.once([flag])[0] for _ in range(runs * 2))
        rows.append(dict(name=f"reviewer {flag}", seconds=seconds, target_s=0.15,
                         ok=seconds <= 0.15, python=python))
        print(f"  reviewer {flag:<25} {seconds:7.3f} s  (python -c pass {python:.3f} s; "
              "target 0.15 s)", flush=True)
    return rows


def _python_start() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - start


def curve(sizes: list[int], runs: int, keep: Path | None) -> list[dict]:
    from bench_app_open import start_app
    out = []
    for n in sizes:
        folder = (keep / f"ws{n}") if keep else Path(tempfile.mkdtemp(prefix=f"bench-curve-{n}-"))
        if not (folder / "records").is_dir():
            generate(folder, n, seed=0)
        scratch = Path(tempfile.mkdtemp(prefix="bench-cli-"))
        try:
            run = Runner(folder, scratch)
            f1 = floor_f1(folder, 1)
            cold_index = run.cold(["index"], 1)
            run.once(["index"])    # the warm cache: records, sources, citation statuses
            row = dict(records=n, f1=f1, cold_index=cold_index[0], cold_index_mb=cold_index[1],
                       warm_list=run.warm(["list", "--json"], runs)[0],
                       search=run.warm(["search", WORDS[1], "--json"], runs)[0],
                       cold_validate=run.cold(["validate"], 1)[0],
                       warm_validate=run.warm(["validate"], runs)[0])
            settings = scratch / "settings.ini"
            os.environ["XDG_CACHE_HOME"] = str(run.warm_cache)   # the app's cache: the warm one
            apps = [start_app(folder, settings) for _ in range(runs)]
            row.update(app_list_shown=statistics.median(a["shown"] for a in apps),
                       app_rss_mb=max(a["rss_mb"] for a in apps))
            out.append(row)
            print(json.dumps(row), flush=True)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
            if not keep:
                shutil.rmtree(folder, ignore_errors=True)
    return out


def print_curve(rows: list[dict]) -> None:
    keys = ["f1", "cold_index", "warm_list", "search", "cold_validate", "warm_validate",
            "app_list_shown"]
    print("\nrecords  " + "  ".join(f"{k:>14}" for k in keys) + "  app MB  cold index MB")
    for r in rows:
        print(f"{r['records']:>7}  " + "  ".join(f"{r[k]:>12.2f} s" for k in keys)
              + f"  {r['app_rss_mb']:6.0f}  {r['cold_index_mb']:6.0f}")
    print("per 1,000 records (ms):")
    for r in rows:
        per = {k: 1e6 * r[k] / r["records"] for k in keys}
        print(f"{r['records']:>7}  " + "  ".join(f"{per[k]:>11.1f}ms" for k in keys))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    parser.add_argument("--curve", help="sizes for the curve instead, e.g. 1000,10000,100000")
    parser.add_argument("--json-out", type=Path, help="also write the figures here")
    args = parser.parse_args()
    compileall.compile_dir(str(ROOT / "reviewer"), quiet=1)   # bytecode, as installed
    print(machine())
    if args.curve:
        rows = curve([int(n) for n in args.curve.split(",")], args.runs, args.keep)
        print_curve(rows)
    else:
        ws = args.keep or Path(tempfile.mkdtemp(prefix="bench-cli-ws-")) / "ws"
        if not (ws / "records").is_dir():
            start = time.perf_counter()
            generate(ws, args.records, seed=0)
            print(f"workspace: {args.records} records generated in {time.perf_counter() - start:.1f} s")
        print("top importers of reviewer --version (ms, cumulative):",
              ", ".join(f"{name} {ms:.0f}" for name, ms in top_importers(ws)))
        rows = table(ws, args.runs)
        if not args.keep:
            shutil.rmtree(ws.parent, ignore_errors=True)
    if args.json_out:
        args.json_out.write_text(json.dumps(rows, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
