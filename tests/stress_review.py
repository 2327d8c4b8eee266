"""Stress: interrupt ``reviewer verify`` at random moments and check the repository held.

Run by hand: ``python tests/stress_review.py [--rounds 50] [--seed N]``. Not a test (it takes
minutes). Each round copies a fresh repository (the seeds, Parks annotated, the auditor's own
staged and unstaged work around it, a pre-commit hook that takes 0.3 s), starts a real
``reviewer verify`` process and sends it a signal after a random delay of 0.3-1.2 s. Here a
verify takes about 1 s: Python starts and plans until about 0.55 s, then writes the record,
git's hook runs from about 0.6 s to 0.9 s, then the checks and the exit; so about half of
the signals arrive while the record is written and not committed.

A round held when the process said no traceback and the repository is in one of two states:
untouched (HEAD, index, working files as before; no journal, no lock files), or the verify
committed (one commit on top, holding exactly the record, verified, with the trailer;
everything else as before). For
SIGINT, SIGTERM and SIGHUP that must be so right after the process exits. For SIGKILL
(nothing can react) a journal may be left: it held if the next command says so and
``reviewer recover`` (--undo and --finish in turn) then brings it to one of the two states.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS))
sys.path.insert(0, str(TESTS.parent))

from test_hostile_review import PARKS_FILE, alive, git_locks, user_changes  # noqa: E402
from test_review import PARKS, ROOT, cli, files_in, hook, set_field, state  # noqa: E402

from conftest import SEEDS, explain_citations, git, init_repo  # noqa: E402

SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGKILL)
HOOK = "echo $$ >> .git/hook-pids\nsleep 0.3\n"
JOURNAL = Path(".git") / "reviewer-review.json"


def isolated_git(home: Path) -> None:
    """Git sees only the configuration this script makes (as the tests' git_env)."""
    (home / ".gitconfig").write_text("", encoding="utf-8")
    os.environ.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
                      GIT_CONFIG_GLOBAL=str(home / ".gitconfig"), GIT_CONFIG_NOSYSTEM="1",
                      XDG_CACHE_HOME=str(home / "cache"))
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
                 "GIT_COMMITTER_EMAIL", "EMAIL", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
                 "REVIEWER_DEBUG"):
        os.environ.pop(name, None)


def template(folder: Path) -> Path:
    ws = folder / "template"
    shutil.copytree(SEEDS, ws)
    init_repo(ws)
    explain_citations(ws, PARKS)   # the auditor's notes, after the draft's commit (issue 12)
    user_changes(ws)
    set_field(ws, PARKS, ("analysis", "mrv", "score"), 70)
    hook(ws, "pre-commit", HOOK)
    return ws


def hook_pids(ws: Path) -> list[int]:
    path = ws / ".git" / "hook-pids"
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def settle(ws: Path) -> None:
    """Wait for what may outlive a killed reviewer: git and its hook."""
    deadline = time.monotonic() + 15
    while git_locks(ws) or any(alive(pid) for pid in hook_pids(ws)):
        if time.monotonic() > deadline:
            return
        time.sleep(0.05)


def outcome(ws: Path, before: dict) -> str:
    """'untouched', 'committed' or what is wrong."""
    if git_locks(ws):
        return f"lock files left: {git_locks(ws)}"
    if (ws / JOURNAL).exists():
        return "journal"
    now = state(ws)
    if now == before:
        return "untouched"
    if git(ws, "rev-parse", "HEAD~1").stdout != before["head"] or files_in(ws) != [PARKS_FILE]:
        return "changed, but not by one commit of the record"
    committed = git(ws, "show", f"HEAD:{PARKS_FILE}").stdout
    trailer = git(ws, "log", "-1", "--format=%(trailers:key=Reviewed-by,valueonly)").stdout
    others_same = {p: b for p, b in now["files"].items() if p.name != f"{PARKS}.md"} == \
        {p: b for p, b in before["files"].items() if p.name != f"{PARKS}.md"}
    status = git(ws, "status", "--porcelain").stdout
    if ("reviewStatus: verified" in committed and trailer.strip() == "Jane Doe <jane@example.org>"
            and others_same and f" {PARKS_FILE}" not in status
            and (ws / PARKS_FILE).read_text(encoding="utf-8") == committed):
        return "committed"
    return "committed, but not as verified"


def one_round(base: Path, ws_template: Path, signum: int, delay: float, finish: bool) -> tuple:
    ws = base / "ws"
    shutil.rmtree(ws, ignore_errors=True)
    shutil.copytree(ws_template, ws, symlinks=True)
    before = state(ws)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "reviewer", "-w", str(ws), "verify", PARKS,
                             "--reviewer", "Jane Doe", "--email", "jane@example.org"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    time.sleep(delay)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    settle(ws)
    result = outcome(ws, before)
    if "Traceback" in err:
        return False, f"{result}, with a traceback", proc.returncode, err
    if result == "journal" and signum == signal.SIGKILL:
        return recover_round(ws, before, finish, proc.returncode)
    return result in ("untouched", "committed"), result, proc.returncode, err


def recover_round(ws: Path, before: dict, finish: bool, code: int) -> tuple:
    """After SIGKILL left a journal: the next command must mention it, and recover (--finish
    or --undo; a refused --finish, as when the file was never written, then --undo, as the
    message says) must bring the repository to one of the two good states."""
    noticed = "reviewer: an interrupted verify" in cli(ws, "list").stderr
    hook(ws, "pre-commit", "exit 0\n")
    steps, said = ["--finish"] if finish else ["--undo"], ""
    recovered = cli(ws, "recover", steps[0])
    if recovered.returncode and finish and "reviewer recover --undo" in recovered.stderr:
        said = recovered.stderr.splitlines()[0]
        steps.append(f"--undo (--finish said: {said.split('verify: ', 1)[-1].split(';')[0]})")
        recovered = cli(ws, "recover", "--undo")
    hook(ws, "pre-commit", HOOK)
    result = outcome(ws, before)
    held = noticed and recovered.returncode == 0 and result in ("untouched", "committed")
    label = f"journal, {' then '.join(steps)} -> {result}" + ("" if noticed else " (not noticed)")
    return held, label, code, recovered.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=50, help="rounds per signal")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--signals", default=",".join(s.name for s in SIGNALS),
                        help="which signals (default: %(default)s)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    report = {}
    with tempfile.TemporaryDirectory(prefix="reviewer-stress-") as tmp:
        base = Path(tmp)
        (base / "home").mkdir()
        isolated_git(base / "home")
        ws_template = template(base)
        for signum in [signal.Signals[name] for name in args.signals.split(",")]:
            name = signal.Signals(signum).name
            held, outcomes, codes, failures = 0, collections.Counter(), collections.Counter(), []
            for n in range(args.rounds):
                ok, result, code, err = one_round(base, ws_template, signum,
                                                  rng.uniform(0.3, 1.2), finish=n % 2 == 1)
                held += ok
                outcomes[f"{result} (exit {code})"] += 1
                codes[code] += 1
                if not ok or code not in (0, -signum, 128 + signum):
                    failures.append({"round": n, "held": ok, "outcome": result,
                                     "exit": code, "stderr": err[-500:]})
            # "failures": rounds that did not hold, or held with an unexpected exit status
            report[name] = {"rounds": args.rounds, "held": held, "outcomes": dict(outcomes),
                            "exit codes": {str(k): v for k, v in codes.items()},
                            "failures": failures}
            print(f"{name:8} {held}/{args.rounds} held   "
                  + ", ".join(f"{n} {what}" for what, n in sorted(outcomes.items())), flush=True)
    print(json.dumps({k: v["failures"] for k, v in report.items() if v["failures"]},
                     indent=1, ensure_ascii=False) if any(v["failures"] for v in report.values())
          else "every round held, each with the exit status of its signal or 0")
    sys.exit(0 if all(v["held"] == v["rounds"] for v in report.values()) else 1)


if __name__ == "__main__":
    main()
