"""Benchmark: ``record_history`` of a record with a long history, its commits unsigned and
SSH-signed (checked against an allowed signers file, and with none).

Run: ``python tests/bench_history.py [--commits N] [--runs N]``. Not a test: it prints the
median time of the core call that ``reviewer history`` makes (signatures checked) and the
one the app's history panel waits for (signatures checked after it is shown), for the same
record in three repositories: every commit unsigned; every commit signed with
an SSH key and ``gpg.ssh.allowedSignersFile`` set (git checks each signature); signed, with
no allowed signers file (git cannot check them). A baseline in the same repositories is a
plain ``git log --follow --name-status`` of the file.

The repositories are built in a temporary folder from the seeds and thrown away afterwards.
Git sees only its own temporary configuration. Needs ``ssh-keygen``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reviewer.core.record.document import RecordFile  # noqa: E402
from reviewer.core.record.editor import Change  # noqa: E402
from reviewer.core.review.history import record_history  # noqa: E402
from reviewer.core.workspace import Workspace  # noqa: E402

RECORD = "cn-ordos-pilot-2024"


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


def build(folder: Path, commits: int, key: Path | None) -> None:
    """The seeds in git, then ``commits`` commits that each change the record's score."""
    shutil.copytree(ROOT / "seeds", folder)
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "user.name", "Bench Auditor")
    git(folder, "config", "user.email", "auditor@example.org")
    if key is not None:
        git(folder, "config", "gpg.format", "ssh")
        git(folder, "config", "user.signingkey", f"{key}.pub")
        git(folder, "config", "commit.gpgsign", "true")
    else:
        git(folder, "config", "commit.gpgsign", "false")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "Import records")
    path = folder / "records" / f"{RECORD}.md"
    for i in range(commits - 1):
        RecordFile.load(path).save([Change(("analysis", "mrv", "score"), 50 + i % 40)])
        git(folder, "commit", "-q", "-am", f"Score {i}")


def timed(cases: list[tuple[str, Path]], runs: int) -> list[tuple[float, float, Counter]]:
    """Median times of ``record_history`` in each folder, with its signatures checked (as
    ``reviewer history`` asks) and without (what the app waits for before it shows the
    history; the checks follow); runs interleaved across them, so drift in machine load
    hits all alike."""
    workspaces = [Workspace(folder) for _, folder in cases]
    times: list[tuple[list[float], list[float]]] = [([], []) for _ in cases]
    kinds = [Counter(e.signature for e in record_history(ws, RECORD))
             for ws in workspaces]  # also the warm-up
    for _ in range(runs):
        for ws, (checked, shown) in zip(workspaces, times):
            for signatures, spent in ((True, checked), (False, shown)):
                start = time.perf_counter()
                record_history(ws, RECORD, signatures=signatures)
                spent.append(time.perf_counter() - start)
    return [(statistics.median(c), statistics.median(s), k) for (c, s), k in zip(times, kinds)]


def plain_log(folder: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        git(folder, "log", "--follow", "--name-status", "--format=%H", "--",
            f"records/{RECORD}.md")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=200)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        home = base / "home"
        home.mkdir()
        (home / ".gitconfig").write_text("", encoding="utf-8")
        os.environ.update(HOME=str(home), GIT_CONFIG_GLOBAL=str(home / ".gitconfig"),
                          GIT_CONFIG_NOSYSTEM="1")
        key = base / "key"
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bench", "-f",
                        str(key)], check=True, stdin=subprocess.DEVNULL)
        signers = base / "allowed_signers"
        signers.write_text(f'auditor@example.org namespaces="git" '
                           f'{key.with_suffix(".pub").read_text()}', encoding="utf-8")
        start = time.perf_counter()
        build(base / "unsigned", args.commits, None)
        build(base / "signed", args.commits, key)
        setup = time.perf_counter() - start
        shutil.copytree(base / "signed", base / "unchecked")
        git(base / "signed", "config", "gpg.ssh.allowedSignersFile", str(signers))
        cases = [("unsigned", base / "unsigned"),
                 ("SSH-signed, allowedSignersFile set", base / "signed"),
                 ("SSH-signed, no allowedSignersFile", base / "unchecked")]
        rows = [(label, checked, shown, plain_log(folder, args.runs), kinds)
                for (label, folder), (checked, shown, kinds) in zip(cases, timed(cases, args.runs))]
    print(f"{args.commits} commits touching the record (built in {setup:.1f} s); "
          f"median of {args.runs} runs; record_history with the signatures checked / "
          "without (the app's first step)")
    for label, checked, shown, plain, kinds in rows:
        found = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
        print(f"  {label:36} {checked * 1000:7.1f} ms / {shown * 1000:7.1f} ms   "
              f"(git log --follow alone {plain * 1000:5.1f} ms; signatures: {found})")


if __name__ == "__main__":
    main()
