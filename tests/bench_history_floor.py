"""Benchmark: the floor of reading a review history, for issue 14's audit dashboard (not a test).

Run: ``python tests/bench_history_floor.py [--records N] [--keep DIR] [--runs R]``. It builds
(or, with ``--keep``, reuses) a workspace with a review history (``generate_workspace``
with ``history=True``: 10,000 records, about 30,000 commits) and measures in the same run:

- the floor: ``git log --raw --no-abbrev --no-renames -z`` (each commit's id, author, date
  and message, and the blobs it wrote), the record files picked from its output, then
  ``git cat-file --batch`` reading every record blob that log names, every version; the
  median of ``--runs`` runs of each. The log is of the whole history: restricted to the
  records with a pathspec git takes longer (it diffs each commit twice, once to simplify
  the history), so the same log with ``-- records/`` and with the records glob as a
  pathspec is timed once each, for comparison (``--no-variants`` skips them);
- with ``--repack``, all that after ``git repack -adf`` (a minute and a half at 10,000
  records): the generator's pack stores each version of a folder as a delta of the one
  before (as fast-import does) and blobs whole; a clone gets git's own choice of deltas
  (measured: the same log time, the blobs read in half the time, a pack a third the size);
- ``reviewer stats --json``, cold (its cache under ``XDG_CACHE_HOME`` deleted first) and
  warm, each with its ratio to the floor; until the command exists this says "not
  available yet".
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from generate_workspace import generate

# The log restricted to the record files (the default records globs), or not at all: all
# three give the same record blobs.
LOG_VARIANTS = (("", []), (" -- records/", ["--", "records/"]),
                (" -- ':(glob)records/**/*.md'", ["--", ":(glob)records/**/*.md"]))
LOG_FORMAT = "%x1e%H%x00%an%x00%ae%x00%at%x00%B%x00"
RAW = re.compile(rb":\d{6} (\d{6}) [0-9a-f]{40} ([0-9a-f]{40}) [A-Z]\x00([^\x00]*)\x00")
ZERO = b"0" * 40


def time_command(argv: list[str], env: dict[str, str] | None = None,
                 cwd: Path | None = None, stdin: bytes | None = None) -> tuple[float, subprocess.CompletedProcess]:
    """Wall time of one run of ``argv`` to its end, all its output read; and its result."""
    start = time.perf_counter()
    result = subprocess.run(argv, env=env, cwd=cwd, input=stdin, capture_output=True, check=False)
    return time.perf_counter() - start, result


def git_log(ws: Path, pathspec: list[str]) -> list[str]:
    return ["git", "-C", str(ws), "log", "--raw", "--no-abbrev", "--no-renames", "-z",
            f"--format={LOG_FORMAT}", "HEAD", *pathspec]


def record_blobs(log: bytes) -> tuple[int, list[bytes]]:
    """(commits, the record blobs written, each once) in ``git log --raw -z`` output: the
    ``records/**/*.md`` files (hidden ones skipped, as the workspace skips them)."""
    blobs = dict.fromkeys(sha for mode, sha, path in RAW.findall(log)
                          if sha != ZERO and mode == b"100644" and path.startswith(b"records/")
                          and path.endswith(b".md")
                          and not path.rsplit(b"/", 1)[-1].startswith(b"."))
    return log.count(b"\x1e"), list(blobs)


def read_batch(output: bytes) -> tuple[int, int]:
    """(objects, bytes of content) in ``git cat-file --batch`` output; missing ones fail."""
    at, count, size = 0, 0, 0
    while at < len(output):
        end = output.index(b"\n", at)
        header = output[at:end].split()
        if header[-1] == b"missing":
            raise SystemExit(f"cat-file: {output[at:end].decode()}")
        length = int(header[2])
        at, count, size = end + 1 + length + 1, count + 1, size + length
    return count, size


def stats_command(ws: Path) -> list[str]:
    return [sys.executable, "-m", "reviewer", "-w", str(ws), "stats", "--json"]


def not_a_command(result: subprocess.CompletedProcess) -> bool:
    return result.returncode == 2 and b"invalid choice" in result.stderr


def machine() -> str:
    model = ""
    try:
        model = next(line.split(":", 1)[1].strip() for line in
                     Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name"))
        mem = int(Path("/proc/meminfo").read_text().split()[1]) // 1024 // 1024
    except (OSError, StopIteration):
        mem = 0
    git = subprocess.run(["git", "--version"], capture_output=True, text=True, check=True).stdout.strip()
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({model}), "
            f"{mem} GB, Python {platform.python_version()}, {git}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=5, help="runs of each measure (median)")
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    parser.add_argument("--repack", action="store_true",
                        help="first repack as a clone's pack is made (git repack -adf, minutes)")
    parser.add_argument("--no-variants", action="store_true",
                        help="do not time the log restricted by pathspecs")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-history-"))
    try:
        run(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(args: argparse.Namespace, tmp: Path) -> None:
    print(f"machine: {machine()}")
    ws = args.keep or tmp / "ws"
    if (ws / ".git").is_dir():
        print(f"workspace: reusing {ws}")
    else:
        start = time.perf_counter()
        generate(ws, args.records, seed=args.seed, history=True)
        print(f"workspace: {args.records} records with their review history, generated in "
              f"{time.perf_counter() - start:.1f} s")
    if args.repack:
        start = time.perf_counter()
        subprocess.run(["git", "-C", str(ws), "repack", "-a", "-d", "-f", "-q"], check=True)
        print(f"repacked (git repack -adf) in {time.perf_counter() - start:.1f} s")
    commits = int(subprocess.run(["git", "-C", str(ws), "rev-list", "--count", "HEAD"],
                                 capture_output=True, text=True, check=True).stdout)
    pack = sum(p.stat().st_size for p in (ws / ".git" / "objects").rglob("*") if p.is_file())

    logs, cats = [], []
    for _ in range(args.runs):
        seconds, result = time_command(git_log(ws, []))
        if result.returncode:
            raise SystemExit(f"git log failed: {result.stderr.decode().strip()}")
        logs.append(seconds)
        blobs = record_blobs(result.stdout)[1]
        seconds, batch = time_command(["git", "-C", str(ws), "cat-file", "--batch"],
                                      stdin=b"\n".join(blobs) + b"\n")
        cats.append(seconds)
        read, size = read_batch(batch.stdout)
        assert read == len(blobs), (read, len(blobs))
    print(f"history: {commits} commits, {len(blobs)} record blobs ({size / 2**20:.0f} MiB), "
          f"git log output {len(result.stdout) / 2**20:.0f} MiB, .git {pack / 2**20:.0f} MiB")
    floor = statistics.median(logs) + statistics.median(cats)
    rows = [(f"git log --raw, whole history (median of {args.runs})", statistics.median(logs), logs),
            (f"git cat-file --batch, every version (median of {args.runs})", statistics.median(cats), cats),
            ("floor: the two together", floor, None)]
    for label, pathspec in ([] if args.no_variants else LOG_VARIANTS[1:]):
        seconds, result = time_command(git_log(ws, pathspec))
        assert record_blobs(result.stdout)[1] == blobs, f"git log{label} names other blobs"
        rows.append((f"  (git log --raw{label}, once)", seconds, None))

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp / "cache"),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    seconds, result = time_command(stats_command(ws), env, cwd=tmp)
    if not_a_command(result):
        print("reviewer stats: not available yet (no such command)")
    else:
        colds, warms = [], []
        for _ in range(args.runs):
            shutil.rmtree(tmp / "cache", ignore_errors=True)
            seconds, result = time_command(stats_command(ws), env, cwd=tmp)
            if result.returncode:
                raise SystemExit(f"reviewer stats failed: {result.stderr.decode().strip()}")
            colds.append(seconds)
            seconds, result = time_command(stats_command(ws), env, cwd=tmp)
            warms.append(seconds)
        rows += [(f"reviewer stats --json, cold (median of {args.runs})", statistics.median(colds), colds),
                 (f"reviewer stats --json, warm (median of {args.runs})", statistics.median(warms), warms)]

    print()
    print(f"{'figure':<58} {'value':>9} {'x floor':>8}  runs")
    for label, seconds, runs in rows:
        spread = ", ".join(f"{r:.2f}" for r in runs) if runs else ""
        print(f"{label:<58} {seconds:>7.2f} s {seconds / floor:>7.2f}x  {spread}")


if __name__ == "__main__":
    main()
