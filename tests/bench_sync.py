"""Benchmark: ``reviewer sync`` against plain ``git pull --rebase && git push``, same run.

Run: ``python tests/bench_sync.py [--rounds N]``. Not a test: it prints medians and spread
(p25-p75, min-max) of

(a) a sync with nothing to do (the clone is level with the remote);
(b) a sync with one record to merge: the other auditor changed one field of a record and
    pushed; this clone has one local commit changing another field of the same record.

Each is measured three ways, interleaved round by round so drift in machine load hits all
alike: ``python -m reviewer -w CLONE sync --json`` (a new process, as an auditor runs it),
``reviewer.core.services.sharing.sync`` called in this process (the sync without Python's
start-up and imports), and ``git pull --rebase && git push`` (the baseline). Then, to
split the new process's time: the merge driver alone on one record, ``python -c pass``, and
Python loading the command line (every command's imports), each in a new process.

Two teams are built in a temporary folder from the bundled seeds, each a bare remote on a
local path and two clones (this auditor, and the other one who pushes first):

- the reviewer's team routes records to the field-level merge driver (``.gitattributes``,
  as ``reviewer init`` does), so the replayed commit is merged field by field (the driver
  is a ``python -m reviewer merge-file`` process git starts);
- the baseline's team has no such routing and no driver: git merges the record by lines.
  The two fields are far apart in the file (incentive near the top of ``analysis``,
  strategic at its end), so git's line merge succeeds without the driver; with fields on
  neighbouring lines plain git would stop on a conflict where the driver merges.

Git sees only a temporary, empty configuration (plus each clone's identity).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reviewer.core.record.document import RecordFile
from reviewer.core.record.editor import Change
from reviewer.core.services import sharing
from reviewer.core.workspace import Workspace

SEEDS = ROOT / "seeds"
RECORD = "records/cn-ordos-pilot-2024.md"
THEIR_FIELD = ("analysis", "incentive", "score")      # line 14 of the record
MY_FIELD = ("analysis", "strategic", "score")         # line 40: far from it, for git's line merge


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


class Team:
    """A bare remote and two clones: ``me`` (whose sync is timed) and ``other``."""

    def __init__(self, base: Path, driver: bool):
        base.mkdir()
        seeded = base / "seeded"
        shutil.copytree(SEEDS, seeded)
        git(seeded, "init", "-q", "-b", "main")
        self._identity(seeded, "Seed Bot", "seed@example.org")
        if driver:
            (seeded / ".gitattributes").write_text("records/*.md merge=reviewer\n", encoding="utf-8")
        git(seeded, "add", "-A")
        git(seeded, "commit", "-q", "-m", "Import seed records")
        self.remote = base / "origin.git"
        git(base, "init", "-q", "--bare", "-b", "main", str(self.remote))
        git(seeded, "push", "-q", str(self.remote), "main")
        self.me = self._clone(base / "me", "Ann Auditor", "ann@example.org")
        self.other = self._clone(base / "other", "Bob Auditor", "bob@example.org")
        self.round = 0

    @staticmethod
    def _identity(folder: Path, name: str, email: str) -> None:
        git(folder, "config", "user.name", name)
        git(folder, "config", "user.email", email)
        git(folder, "config", "commit.gpgsign", "false")

    def _clone(self, folder: Path, name: str, email: str) -> Path:
        git(folder.parent, "clone", "-q", str(self.remote), folder.name)
        self._identity(folder, name, email)
        return folder

    def one_record_to_merge(self) -> tuple[int, int]:
        """The other auditor changes one field and pushes; this clone commits another field
        of the same record. Returns the two values, for checking the merge afterwards."""
        self.round += 1
        theirs, mine = 1 + self.round % 25, 1 + (self.round + 7) % 25   # never the seed's 75/30
        git(self.other, "pull", "-q", "--rebase")                        # a fast-forward
        RecordFile.load(self.other / RECORD).save([Change(THEIR_FIELD, theirs)])
        git(self.other, "commit", "-q", "-am", f"incentive {theirs}")
        git(self.other, "push", "-q")
        RecordFile.load(self.me / RECORD).save([Change(MY_FIELD, mine)])
        git(self.me, "commit", "-q", "-am", f"strategic {mine}")
        return theirs, mine

    def check_merged(self, expected: tuple[int, int]) -> None:
        raw = git(self.remote, "show", f"main:{RECORD}").encode("utf-8")
        analysis = RecordFile.from_bytes(raw, RECORD).data["analysis"]
        got = (analysis["incentive"]["score"], analysis["strategic"]["score"])
        if got != expected:
            sys.exit(f"the remote has {got}, not {expected}: the sync did not merge as expected")
        if git(self.remote, "rev-list", "--merges", "--count", "main").strip() != "0":
            sys.exit("a merge commit reached the remote")
        if git(self.me, "rev-parse", "HEAD") != git(self.remote, "rev-parse", "main"):
            sys.exit("the clone is not level with the remote after the sync")


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def reviewer_cli(clone: Path, expect: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "reviewer", "-w", str(clone), "sync", "--json"],
                          capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL,
                          check=False)
    took = time.perf_counter() - start
    status = json.loads(done.stdout)["status"] if done.returncode == 0 else done.stderr.strip()
    if status != expect:
        sys.exit(f"reviewer sync in {clone}: {status!r}, expected {expect!r}")
    return took


def reviewer_core(ws: Workspace, expect: str) -> float:
    start = time.perf_counter()
    outcome = sharing.sync(ws)
    took = time.perf_counter() - start
    if outcome.result.status != expect:
        sys.exit(f"sharing.sync in {ws.root}: {outcome.result.status!r}, expected {expect!r}")
    return took


def plain_git(clone: Path) -> float:
    return timed(lambda: subprocess.run("git pull -q --rebase && git push -q", shell=True,
                                        cwd=clone, check=True, capture_output=True))


def merge_driver(folder: Path) -> float:
    """The merge driver git starts for one record during the replay, run by itself."""
    text = (SEEDS / RECORD).read_text(encoding="utf-8")
    (folder / "base.md").write_text(text, encoding="utf-8")
    (folder / "ours.md").write_text(text.replace("score: 30", "score: 31"), encoding="utf-8")
    (folder / "theirs.md").write_text(text.replace("score: 75\n", "score: 76\n", 1), encoding="utf-8")
    return timed(lambda: subprocess.run(
        [sys.executable, "-m", "reviewer", "merge-file", "base.md", "ours.md", "theirs.md", RECORD],
        cwd=folder, check=True, capture_output=True))


def python_startup() -> float:
    return timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True))


def cli_loading() -> float:
    """What ``python -m reviewer`` does before any command runs: load every command."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return timed(lambda: subprocess.run(
        [sys.executable, "-c", "from reviewer import cli; cli.command_names()"], check=True, env=env))


def row(label: str, xs: list[float], base: list[float] | None) -> str:
    ms = [x * 1000 for x in xs]
    q = statistics.quantiles(ms, n=4)
    ratio = f"{statistics.median(xs) / statistics.median(base):5.2f}x" if base else "    -"
    return (f"  {label:<38}{statistics.median(ms):8.1f}{q[0]:8.1f}-{q[2]:<8.1f}"
            f"{min(ms):7.1f}-{max(ms):<8.1f}{ratio}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    if args.rounds < 2:
        parser.error("--rounds must be at least 2")
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        (home / ".gitconfig").write_text("", encoding="utf-8")
        os.environ.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
                          GIT_CONFIG_GLOBAL=str(home / ".gitconfig"), GIT_CONFIG_NOSYSTEM="1",
                          XDG_CACHE_HOME=str(home / "cache"), XDG_DATA_HOME=str(home / "data"),
                          # the merge driver git starts is this checkout's reviewer
                          PYTHONPATH=str(ROOT),
                          # compiled once and reused, as an installed app is (not in the tree)
                          PYTHONPYCACHEPREFIX=str(Path(tmp) / "pycache"))
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
                     "GIT_COMMITTER_EMAIL", "GIT_DIR", "GIT_WORK_TREE", "REVIEWER_DEBUG"):
            os.environ.pop(name, None)
        ours, plain = Team(Path(tmp) / "reviewer", driver=True), Team(Path(tmp) / "plain", driver=False)
        ws = Workspace(ours.me)
        # warm-up: the driver set up in the clone, git's and the OS's caches filled
        reviewer_cli(ours.me, "up-to-date"), reviewer_core(ws, "up-to-date"), plain_git(plain.me)
        idle_cli, idle_core, idle_git = [], [], []
        merge_cli, merge_core, merge_git = [], [], []
        for _ in range(args.rounds):
            idle_cli.append(reviewer_cli(ours.me, "up-to-date"))
            idle_core.append(reviewer_core(ws, "up-to-date"))
            idle_git.append(plain_git(plain.me))
            expected = ours.one_record_to_merge()
            merge_cli.append(reviewer_cli(ours.me, "synced"))
            ours.check_merged(expected)
            expected = ours.one_record_to_merge()
            merge_core.append(reviewer_core(ws, "synced"))
            ours.check_merged(expected)
            expected = plain.one_record_to_merge()
            merge_git.append(plain_git(plain.me))
            plain.check_merged(expected)
        scratch = Path(tmp) / "driver"
        scratch.mkdir()
        merge_driver(scratch)                                            # warm-up
        driver = [merge_driver(scratch) for _ in range(args.rounds)]
        startup = [python_startup() for _ in range(args.rounds)]
        loading = [cli_loading() for _ in range(args.rounds)]
    total = time.perf_counter() - began

    print(f"reviewer sync vs git pull --rebase && git push: {args.rounds} interleaved rounds, "
          f"bare remotes on a local path, git {git(ROOT, 'version').split()[-1]}, "
          f"Python {sys.version.split()[0]}; times in ms")
    print(f"  {'':<38}{'median':>8}{'p25-p75':>12}{'':5}{'min-max':>10}{'':5}vs git")
    print("(a) nothing to do")
    print(row("git pull --rebase && git push", idle_git, None))
    print(row("reviewer sync (new process)", idle_cli, idle_git))
    print(row("sharing.sync (in process)", idle_core, idle_git))
    print("(b) one record to merge (their field pushed, my field committed)")
    print(row("git pull --rebase && git push", merge_git, None))
    print(row("reviewer sync (new process)", merge_cli, merge_git))
    print(row("sharing.sync (in process)", merge_core, merge_git))
    print("Python alone")
    print(row("merge driver, one record (new process)", driver, None))
    print(row("python -c pass", startup, None))
    print(row("python + loading the command line", loading, None))
    print("notes: git's baseline team has no merge driver; its two fields are 26 lines apart, so "
          "git's line merge succeeds (on neighbouring lines it would stop on a conflict);")
    print("       the reviewer's team routes records to the field-level driver, a "
          "'python -m reviewer merge-file' process git starts during the replay;")
    print("       plain git pushes even with nothing to do (git push contacts the remote); "
          "reviewer sync fetches and pushes only what it must.")
    print("       Python bytecode is compiled once and cached (PYTHONPYCACHEPREFIX in the "
          "temporary folder), as for an installed reviewer.")
    print(f"whole run, building the teams included: {total:.0f} s")


if __name__ == "__main__":
    main()
