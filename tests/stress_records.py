"""Stress: writers racing and writers killed, with real ``reviewer`` processes (issue 10).

Run: ``python tests/stress_records.py [--rounds 50] [--kills 200]``. Not a test (it takes
minutes); the test suite runs a few rounds of each (tests/test_concurrency.py). Prints, per
loop, how many rounds held the promise:

- race: two ``reviewer set`` on one record, different fields, at the same moment. Held:
  both edits are in the file (a refusal with a message would also hold; a silent loss
  never does).
- kill: ``reviewer set`` on a 7 MB record, SIGKILLed at a random moment. Held: the file is
  the old or the new version, whole; after the next write, no temporary file is left.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORD = "cn-zero-carbon-parks"


def reviewer(ws: Path, cache: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(cache)}
    return subprocess.Popen([sys.executable, "-m", "reviewer", "-w", str(ws), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def fresh_workspace(base: Path, name: str) -> Path:
    ws = base / name
    shutil.copytree(ROOT / "seeds", ws)
    return ws


def race(base: Path, rounds: int) -> tuple[int, int, int]:
    held = refused = lost = 0
    for r in range(rounds):
        ws = fresh_workspace(base, f"race-{r}")
        procs = [reviewer(ws, base / "cache", "set", RECORD, f"analysis.{p}.label={p} {r}")
                 for p in ("mrv", "strategic")]
        codes = [p.wait(timeout=120) for p in procs]
        text = (ws / "records" / f"{RECORD}.md").read_text(encoding="utf-8")
        present = [f"{p} {r}" in text for p in ("mrv", "strategic")]
        if all(present):
            held += 1
        elif all(c == 0 or not ok for c, ok in zip(codes, present)) and any(codes):
            refused += 1  # the missing edit's writer said so
        else:
            lost += 1
        shutil.rmtree(ws)
    return held, refused, lost


def kills(base: Path, rounds: int) -> tuple[int, int]:
    ws = fresh_workspace(base, "kills")
    path = ws / "records" / f"{RECORD}.md"
    path.write_bytes(path.read_bytes() + b"\n" + b"Body text of a long record.\n" * 250_000)
    held = 0
    for r in range(rounds):
        old = path.read_bytes()
        proc = reviewer(ws, base / "cache", "set", RECORD, f"title=Title {r}")
        time.sleep(random.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = path.read_bytes()
        whole = now == old or (now.replace(f"title: Title {r}".encode(), b"") ==
                               old.replace(_title(old), b""))
        leftover_before = list((ws / "records").glob("*.reviewer-tmp"))
        finisher = reviewer(ws, base / "cache", "set", RECORD, f"title=After {r}")
        _, err = finisher.communicate(timeout=120)
        if finisher.returncode:
            print(f"  kill {r}: the next write failed: {err.strip()[:300]}")
        leftover = list((ws / "records").glob("*.reviewer-tmp"))
        held += whole and not leftover and finisher.returncode == 0
        if r < 3 or not whole or leftover:
            print(f"  kill {r}: whole={whole} temp files before/after the next write: "
                  f"{len(leftover_before)}/{len(leftover)}")
    return held, rounds


def _title(raw: bytes) -> bytes:
    for line in raw.splitlines(keepends=True):
        if line.startswith(b"title:"):
            return line.rstrip(b"\n")
    return b""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--kills", type=int, default=200)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="reviewer-stress-"))
    try:
        held, refused, lost = race(base, args.rounds)
        print(f"race: {args.rounds} rounds: {held} kept both edits, {refused} refused one with "
              f"a message, {lost} lost an edit silently")
        held, total = kills(base, args.kills)
        print(f"kill: {total} SIGKILLs mid-write: {held} left a whole file and no temporary "
              "file after the next write")
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
