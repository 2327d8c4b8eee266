"""Benchmark: ``reviewer verify`` (edit + checks + commit) in a repository of 10,000 records.

Run: ``python tests/bench_verify.py [--records N] [--runs N]``. Not a test: it prints
medians, each next to a baseline measured in the same run on the same repository, namely
the same three-field edit written as plain bytes and committed with plain
``git commit --only -m x -- PATH``, the least any tool that commits one record must do.

The repository is built in a temporary folder from the seeds (ids varied), committed in
one go, and thrown away afterwards. Git sees only its own temporary configuration.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reviewer.core.record.document import RecordFile  # noqa: E402
from reviewer.core.record.editor import Change  # noqa: E402
from reviewer.core.review import plan as review  # noqa: E402
from reviewer.core.workspace import Workspace  # noqa: E402

SEEDS = sorted((ROOT / "seeds" / "records").glob("*.md"))
PASSING = "cn-zero-carbon-parks"     # the seed made to pass the gate (audit notes below)
# Parks cites documents outside its (empty) sources; an auditor's note lets each pillar pass.
NOTE = "Cites a document outside sources/; checked against the published text."
TODAY = "2026-11-22"
REVIEWER = dict(reviewer="Bench Reviewer", email="bench@example.org")


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


def build(folder: Path, count: int) -> list[str]:
    """``count`` record files from the seeds; returns the ids made from the passing seed."""
    (folder / "records").mkdir(parents=True)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS}
    parks = RecordFile.load(ROOT / "seeds" / "records" / f"{PASSING}.md")
    texts[PASSING] = parks.render([Change(("analysis", name, "auditNote"), NOTE)
                                   for name in parks.data["analysis"]])
    passing = []
    for i in range(count):
        seed = SEEDS[i % len(SEEDS)].stem
        rid = f"{seed}-{i:05d}"
        text = texts[seed].replace(f'"id": "{seed}"', f'"id": "{rid}"').replace(f"id: {seed}\n", f"id: {rid}\n")
        (folder / "records" / f"{rid}.md").write_text(text, encoding="utf-8")
        if seed == PASSING:
            passing.append(rid)
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "user.name", "Bench Auditor")
    git(folder, "config", "user.email", "auditor@example.org")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "Import records")
    git(folder, "status", "--porcelain")  # refresh the index once, as a working repo has
    return passing


def plain_commit(folder: Path, rid: str) -> float:
    """The same edit as a verify, written directly, then plain ``git commit --only``."""
    path = folder / "records" / f"{rid}.md"
    rf = RecordFile.load(path)
    new = rf.render([Change(("reviewStatus",), "verified"),
                     Change(("provenance", "reviewer"), REVIEWER["reviewer"]),
                     Change(("provenance", "lastAuditDate"), TODAY)]).encode("utf-8")
    start = time.perf_counter()
    path.write_bytes(new)
    subprocess.run(["git", "commit", "--only", "-q", "-m", "x", "--", f"records/{rid}.md"],
                   cwd=folder, check=True)
    return time.perf_counter() - start


def core_verify(ws: Workspace, rid: str) -> float:
    start = time.perf_counter()
    review.verify(ws, rid, **REVIEWER, today=TODAY)
    return time.perf_counter() - start


def cli_verify(folder: Path, rid: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "reviewer", "-w", str(folder), "verify", rid,
                    "--reviewer", REVIEWER["reviewer"], "--email", REVIEWER["email"]],
                   check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def python_startup() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--cli-runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        (home / ".gitconfig").write_text("", encoding="utf-8")
        os.environ.update(HOME=str(home), GIT_CONFIG_GLOBAL=str(home / ".gitconfig"),
                          GIT_CONFIG_NOSYSTEM="1")
        folder = Path(tmp) / "repo"
        start = time.perf_counter()
        passing = build(folder, args.records)
        setup = time.perf_counter() - start
        needed = 2 * (args.runs + 1) + args.cli_runs
        if len(passing) < needed:
            sys.exit(f"need {needed} passing records, have {len(passing)}: use more --records")
        ws = Workspace(folder)
        targets = iter(passing)
        core_verify(ws, next(targets)), plain_commit(folder, next(targets))  # warm-up
        core, plain = [], []
        for _ in range(args.runs):  # interleaved, so drift in machine load hits both alike
            core.append(core_verify(ws, next(targets)))
            plain.append(plain_commit(folder, next(targets)))
        cli = [cli_verify(folder, next(targets)) for _ in range(args.cli_runs)]
        startup = statistics.median(python_startup() for _ in range(args.cli_runs))
        commits = int(git(folder, "rev-list", "--count", "HEAD"))
        files = int(git(folder, "ls-files", "--", "records").count("\n"))

    ms = lambda xs: statistics.median(xs) * 1000  # noqa: E731
    print(f"repository: {files:,} record files, {commits} commits at the end "
          f"(built and committed in {setup:.1f} s)")
    print(f"runs: {args.runs} interleaved pairs; medians")
    print(f"  plain git commit --only (baseline)   {ms(plain):8.1f} ms")
    print(f"  verify + commit (core call)          {ms(core):8.1f} ms   "
          f"{ms(core) / ms(plain):4.2f}x baseline")
    print(f"  reviewer verify (new process, {args.cli_runs} runs)  {ms(cli):8.1f} ms   "
          f"{ms(cli) / ms(plain):4.2f}x baseline (Python start-up alone: {startup * 1000:.0f} ms)")
    print("core call = open repo + lock + state checks + read + edit + gate + field diff "
          "against HEAD + atomic write + git commit --only; baseline = write + git commit --only")


if __name__ == "__main__":
    main()
