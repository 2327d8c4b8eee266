"""Verify and reopen in repositories, hooks and filters that others control; interruptions.

Everything here is real: temporary git repositories, executable hooks, clean filters from
``.gitattributes``, ``reviewer`` processes and the signals a terminal, a service manager or
the kernel sends them. A refused or interrupted review must leave the branch, the index and
the record file as they were (or, when the process cannot react, say so at the next command),
and a "Verify" commit must be exactly what was verified.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_review import (
    JANE,
    ORDOS,
    PARKS,
    PARKS_NOTED,
    body,
    cli,
    files_in,
    head,
    hook,
    record,
    set_field,
    state,
    verify,
)

from conftest import ROOT, SEEDS, explain_citations, git, init_repo
from reviewer.core.errors import CommitRefused, CommitUndone, Refused
from reviewer.core.review import plan as review
from reviewer.core.workspace import Workspace

AUDIT = "records/审计.md"     # a name git quotes in its plain output ("records/\345\256...")


def copy_parks(ws: Path, rel: str, commit: bool) -> Path:
    """A second passing record at ``rel`` (same content as Parks, its own id). Committed:
    as Parks was imported (a draft without notes), then given the auditor's notes in this
    review, as Parks has. New: Parks with its notes, never committed; such a file's notes
    are the draft's until confirmed (``kept_notes=PARKS_NOTED``)."""
    path = ws / rel
    if commit:
        imported = git(ws, "show", f"HEAD:./records/{PARKS}.md").stdout
        path.write_text(imported.replace(f"id: {PARKS}", "id: cn-audit-copy"), encoding="utf-8")
        git(ws, "add", "--", rel)
        git(ws, "commit", "-q", "-m", "Add a record with a non-ASCII name")
        assert sorted(explain_citations(ws, Path(rel).stem)) == sorted(PARKS_NOTED)
    else:
        path.write_text(record(ws, PARKS).read_text(encoding="utf-8")
                        .replace(f"id: {PARKS}", "id: cn-audit-copy"), encoding="utf-8")
    return path


# ``git status --porcelain`` of the auditor's notes in this review, on Parks and the copy at AUDIT
PARKS_NOTES_STATUS = f" M records/{PARKS}.md\n"
AUDIT_NOTES_STATUS = ' M "records/\\345\\256\\241\\350\\256\\241.md"\n'


# ---- 1. paths git would quote ----------------------------------------------------------------
def test_refused_verify_of_a_non_ascii_name_stages_nothing(git_workspace):
    copy_parks(git_workspace, AUDIT, commit=True)
    hook(git_workspace, "pre-commit", "echo no >&2\nexit 1\n")
    before = state(git_workspace)
    with pytest.raises(CommitRefused, match="pre-commit hook refused"):
        verify(git_workspace, AUDIT)
    # nothing staged: only the notes of this review, unstaged, as before
    assert git(git_workspace, "status", "--porcelain").stdout == PARKS_NOTES_STATUS + AUDIT_NOTES_STATUS
    assert state(git_workspace) == before


def test_a_non_ascii_name_is_verified_tracked_or_new(git_workspace):
    ws = git_workspace
    copy_parks(ws, AUDIT, commit=True)
    result = cli(ws, "verify", AUDIT)
    assert result.returncode == 0, result.stderr
    assert git(ws, "show", "-z", "--name-only", "--format=", "HEAD").stdout == f"{AUDIT}\0"
    new = "records/新-审计.md"
    copy_parks(ws, new, commit=False)
    verify(ws, new, kept_notes=PARKS_NOTED)
    assert git(ws, "show", "-z", "--name-only", "--format=", "HEAD").stdout == f"{new}\0"
    assert git(ws, "status", "--porcelain").stdout == PARKS_NOTES_STATUS   # not verified here


def test_the_ignore_rule_of_a_non_ascii_folder_is_named_as_written(tmp_path, git_env):
    """A workspace in a folder git quotes: check-ignore quotes the rule's source too."""
    site = tmp_path / "site"
    shutil.copytree(SEEDS, site / "审计")
    ws = site / "审计"
    explain_citations(ws, PARKS)
    init_repo(site)
    copy_parks(ws, "records/parks-copy.md", commit=False)
    (ws / "records" / ".gitignore").write_text("*-copy.md\n", encoding="utf-8")
    before = state(ws)
    with pytest.raises(Refused, match=r"git ignores it \(审计/records/\.gitignore:1:\*-copy\.md\)"):
        review.verify(Workspace(ws), "records/parks-copy.md", **JANE)
    assert state(ws) == before


# ---- 2. the commit is what was verified ------------------------------------------------------
PARKS_FILE = f"records/{PARKS}.md"
SOURCE_EDIT = "sources/cn-ordos-pilot-2024"


def user_changes(ws: Path) -> None:
    """The auditor's own work in progress: an unstaged edit of another tracked file, and a
    staged one; a verify must leave both as they are."""
    source = next((ws / "sources").rglob("*.txt"))
    source.write_bytes(source.read_bytes() + b"\nan unstaged note\n")
    (ws / "notes.txt").write_text("staged notes\n", encoding="utf-8")
    git(ws, "add", "notes.txt")


@pytest.mark.parametrize("name,script,culprit,problem", [
    ("pre-commit", "git add -u sources\n", "the pre-commit hook", "it also changes sources/"),
    ("pre-commit", f"sed -i 's/^reviewStatus: verified/reviewStatus: draft/' {PARKS_FILE}\n"
                   f"git add {PARKS_FILE}\n",
     "the pre-commit hook", "reviewStatus: verified → draft"),
    ("commit-msg", "sed -i '/^Reviewed-by:/d' \"$1\"\n", "the commit-msg hook",
     "the trailer Reviewed-by: Jane Doe <jane@example.org> is missing"),
])
def test_a_hook_that_changes_the_commit_is_undone_and_named(git_workspace, name, script,
                                                            culprit, problem):
    ws = git_workspace
    user_changes(ws)
    hook(ws, name, script)
    before = state(ws)
    result = cli(ws, "verify", PARKS, "--reviewer", "Jane Doe", "--email", "jane@example.org")
    assert result.returncode == 1, result.stdout + result.stderr
    first, *details = result.stderr.splitlines()
    assert first.startswith(f"{PARKS_FILE}: {culprit} changed the commit"), result.stderr
    assert "the commit was undone; nothing was committed" in first
    assert any(problem in line for line in details), result.stderr
    assert state(ws) == before


def test_a_clean_filter_that_rewrites_the_record_is_undone_and_named(git_workspace):
    ws = git_workspace
    (ws / ".gitattributes").write_text("records/*.md filter=stamp\n", encoding="utf-8")
    git(ws, "add", ".gitattributes")
    git(ws, "commit", "-q", "-m", "A filter on records")
    git(ws, "config", "filter.stamp.clean",
        "sed 's/^reviewStatus: verified/reviewStatus: draft/'")
    user_changes(ws)
    before = state(ws)
    with pytest.raises(CommitUndone) as info:
        verify(ws, PARKS)
    assert str(info.value).splitlines()[0].endswith(
        "the clean filter 'stamp' changed the commit: the committed record says "
        "reviewStatus: verified → draft; the commit was undone; nothing was committed")
    assert state(ws) == before


# Both requote the audit date: '2026-11-22' -> "2026-11-22" (the same data).
REQUOTE = "sed \"s/lastAuditDate: '\\(.*\\)'/lastAuditDate: \\\"\\1\\\"/\""
FORMATTERS = {
    # formats the working file and stages it, as most formatter hooks do
    "working file": f"{REQUOTE} -i {PARKS_FILE}\ngit add {PARKS_FILE}\n",
    # formats only what is staged (as lint-staged does), leaving the working file alone
    "index only": f"git show :{PARKS_FILE} | {REQUOTE} > .git/formatted\n"
                  f"git update-index --cacheinfo 100644 $(git hash-object -w .git/formatted) "
                  f"{PARKS_FILE}\n",
}


@pytest.mark.parametrize("how", FORMATTERS)
def test_a_formatter_hook_is_fine_and_the_working_file_and_index_follow_the_commit(git_workspace,
                                                                                   how):
    """A pre-commit hook that reformats the record (same data) and stages it: the commit is
    accepted, and the working file and the index hold what was committed (git commit --only
    would leave the index with the unformatted file)."""
    ws = git_workspace
    user_changes(ws)
    hook(ws, "pre-commit", FORMATTERS[how])
    before = state(ws)
    verify(ws, PARKS)
    committed = git(ws, "show", f"HEAD:{PARKS_FILE}").stdout
    assert '  lastAuditDate: "2026-11-22"\n' in committed
    assert record(ws, PARKS).read_text(encoding="utf-8") == committed
    assert files_in(ws) == [PARKS_FILE]
    after = state(ws)
    # Parks's unstaged notes went into the commit; the rest is as it was
    assert f" M {PARKS_FILE}\n" in before["status"]
    assert (after["staged"], after["unstaged"], after["status"]) == \
        (before["staged"], without_file(before["unstaged"], PARKS_FILE),
         before["status"].replace(f" M {PARKS_FILE}\n", ""))


# ---- 3. a hook that hangs --------------------------------------------------------------------
# A hook that ignores SIGTERM, with a child that ignores it too: only SIGKILL stops them.
STUBBORN = """trap '' TERM
echo $$ >> .git/hook-pids
sleep 60 &
echo $! >> .git/hook-pids
for i in $(seq 60); do sleep 1; done
"""


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie is dead
    except FileNotFoundError:
        return False


@pytest.fixture
def hook_pids(git_workspace):
    """The pids hooks wrote to .git/hook-pids; any still alive after the test are killed."""
    pids_file = git_workspace / ".git" / "hook-pids"
    yield lambda: [int(p) for p in pids_file.read_text().split()] if pids_file.exists() else []
    for pid in [int(p) for p in pids_file.read_text().split()] if pids_file.exists() else []:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("name", ["pre-commit", "post-commit"])
def test_a_hanging_hook_is_stopped_after_the_timeout_and_everything_undone(git_workspace, hook_pids,
                                                                          name):
    ws = git_workspace
    git(ws, "config", "reviewer.hookTimeout", "2")
    hook(ws, name, STUBBORN)
    set_field(ws, PARKS, ("analysis", "mrv", "score"), 70)   # the auditor's own edit stays
    before = state(ws)
    started = time.monotonic()
    result = cli(ws, "verify", PARKS, timeout=40)
    took = time.monotonic() - started
    assert result.returncode == 1, result.stderr
    first = result.stderr.splitlines()[0]
    assert f"the {name} hook did not finish within 2 s" in first, result.stderr
    assert "nothing was committed" in first
    assert took < 2 + 10, took
    assert state(ws) == before
    assert not (ws / ".git" / "index.lock").exists()
    assert len(hook_pids()) == 2 and not any(alive(pid) for pid in hook_pids())


def test_git_killed_under_the_verify_leaves_no_lock_behind(git_workspace):
    """A hook that kills git (as the OOM killer might): git cannot remove its index.lock."""
    ws = git_workspace
    hook(ws, "pre-commit", "kill -KILL $PPID\n")
    before = state(ws)
    with pytest.raises(CommitRefused, match="git commit was killed by signal 9"):
        verify(ws, PARKS)
    assert state(ws) == before
    assert sorted(p.name for p in (ws / ".git").glob("*.lock")) == ["reviewer.lock"]
    hook(ws, "pre-commit", "exit 0\n")
    verify(ws, PARKS)   # the next verify is not blocked by a stale lock
    assert files_in(ws) == [f"records/{PARKS}.md"]


# ---- 5. interrupted by a signal -----------------------------------------------------------------
# A slow pre-commit hook: the verify has written the record and git is committing.
SLOW = "echo $$ >> .git/hook-pids\ntouch .git/hook-started\nexec sleep 30\n"
EXIT_BY_SIGNAL = {signal.SIGINT: 130, signal.SIGTERM: 143, signal.SIGHUP: 129}


def start_verify(ws: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("REVIEWER_DEBUG", None)
    # As started from a terminal: SIGINT at its default. (A test run started in the
    # background inherits SIGINT ignored, and a program started so rightly keeps ignoring
    # Ctrl+C; that is not the case under test.)
    return subprocess.Popen([sys.executable, "-m", "reviewer", "-w", str(ws), "verify", PARKS,
                             "--reviewer", "Jane Doe", "--email", "jane@example.org", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def wait_for(path: Path, proc: subprocess.Popen, limit: float = 30) -> None:
    deadline = time.monotonic() + limit
    while not path.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.02)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT],
                         ids=["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_during_the_commit_restores_everything(git_workspace, hook_pids, signum):
    ws = git_workspace
    user_changes(ws)
    set_field(ws, PARKS, ("analysis", "mrv", "score"), 70)   # the auditor's own edit
    hook(ws, "pre-commit", SLOW)
    before = state(ws)
    for round_ in range(3):
        started = ws / ".git" / "hook-started"
        started.unlink(missing_ok=True)
        proc = start_verify(ws)
        wait_for(started, proc)
        time.sleep(0.1 * round_)
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=20)
        assert state(ws) == before, f"round {round_}: {err}"
        assert proc.returncode == EXIT_BY_SIGNAL[signum], err
        assert "Traceback" not in err
        assert sorted(p.name for p in (ws / ".git").glob("*.lock")) == ["reviewer.lock"]
        assert not any(alive(pid) for pid in hook_pids())


# ---- 6. SIGKILL, a crash, a power cut ---------------------------------------------------------
JOURNAL = Path(".git") / "reviewer-review.json"
NOTICE = f"reviewer: an interrupted verify of {PARKS_FILE}"


def without_file(diff: str, rel: str) -> str:
    """A diff without the section of one file."""
    sections = re.split(r"(?=^diff --git )", diff, flags=re.M)
    return "".join(s for s in sections if not s.startswith(f"diff --git a/{rel} "))


def git_locks(ws: Path) -> list[str]:
    return sorted(p.name for p in (ws / ".git").glob("*.lock") if p.name != "reviewer.lock")


def wait_until(condition, limit: float = 30) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def kill_mid_commit(ws: Path, hook_pids, everything: bool = True) -> None:
    """SIGKILL the verify while its pre-commit hook runs. ``everything``: the hook dies too,
    as in a power cut (git, which outlives the reviewer in its own session, then gives up);
    otherwise git goes on and finishes the commit on its own."""
    started = ws / ".git" / "hook-started"
    started.unlink(missing_ok=True)
    proc = start_verify(ws)
    wait_for(started, proc)
    proc.kill()
    proc.communicate(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    if everything:
        for pid in hook_pids():
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
    wait_until(lambda: not git_locks(ws) and not any(alive(pid) for pid in hook_pids()))


@pytest.fixture
def killed(git_workspace, hook_pids):
    """A verify of Parks SIGKILLed mid-commit, with the auditor's work around it; returns
    the state from before the verify."""
    ws = git_workspace
    user_changes(ws)
    set_field(ws, PARKS, ("analysis", "mrv", "score"), 70)
    hook(ws, "pre-commit", SLOW)
    before = state(ws)
    kill_mid_commit(ws, hook_pids)
    hook(ws, "pre-commit", "exit 0\n")
    assert head(ws) == before["head"].strip()
    assert "reviewStatus: verified" in record(ws, PARKS).read_text(encoding="utf-8")
    assert (ws / JOURNAL).exists()
    return before


def test_after_sigkill_every_command_says_so_and_verify_waits(git_workspace, killed):
    ws = git_workspace
    for args in (["list"], ["show", PARKS], ["diff", PARKS], ["history", PARKS], ["validate"],
                 ["validate", PARKS_FILE], ["set", ORDOS, "analysis.mrv.score=85"]):
        result = cli(ws, *args)
        assert result.returncode in (0, 1), result.stderr
        assert NOTICE in result.stderr and "reviewer recover --finish" in result.stderr, args
    for args in (["verify", ORDOS], ["reopen", PARKS, "--reason", "x"]):
        result = cli(ws, *args)
        assert result.returncode == 1
        assert f"an interrupted verify of {PARKS_FILE}" in result.stderr, args
        assert "reviewer recover" in result.stderr
    shown = cli(ws, "recover")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines()[:3] == [
        shown.stdout.splitlines()[0], "the file holds what the action wrote",
        f"nothing was committed (HEAD is still {head(ws)[:7]})"]
    assert shown.stdout.startswith(f"interrupted: verify of {PARKS_FILE} (Verify {PARKS}: ")
    as_json = json.loads(cli(ws, "recover", "--json").stdout)["interrupted"]
    assert (as_json["file"], as_json["can_finish"], as_json["commit"]) == ("written", True, None)


def test_after_sigkill_recover_finish_commits_what_was_meant(git_workspace, killed):
    ws = git_workspace
    result = cli(ws, "recover", "--finish")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"finish: committed {PARKS_FILE} in ")
    assert git(ws, "rev-parse", "HEAD~1").stdout == killed["head"]
    assert files_in(ws) == [PARKS_FILE]
    assert git(ws, "log", "-1", "--format=%an <%ae>").stdout.strip() == "Jane Doe <jane@example.org>"
    assert body(ws).endswith("\n\nReviewed-by: Jane Doe <jane@example.org>\n")
    assert "analysis.mrv.score: 85 → 70" in body(ws)
    after = state(ws)
    assert after["staged"] == killed["staged"]
    assert after["unstaged"] == without_file(killed["unstaged"], PARKS_FILE)
    assert not (ws / JOURNAL).exists()
    assert "reviewer:" not in cli(ws, "list").stderr


def test_after_sigkill_recover_undo_puts_everything_back(git_workspace, killed):
    ws = git_workspace
    result = cli(ws, "recover", "--undo")
    assert result.returncode == 0, result.stderr
    assert f"undo: put {PARKS_FILE} back as it was before the verify" in result.stdout
    assert state(ws) == killed
    assert not (ws / JOURNAL).exists()
    assert cli(ws, "verify", PARKS).returncode == 0   # and the next verify goes ahead


@pytest.mark.parametrize("how", ["--finish", "--undo", "--undo after a later commit"])
def test_when_git_finishes_the_commit_after_sigkill_recover_checks_or_undoes_it(
        git_workspace, hook_pids, how):
    ws = git_workspace
    user_changes(ws)
    hook(ws, "pre-commit", "echo $$ >> .git/hook-pids\ntouch .git/hook-started\nsleep 1\n")
    before = state(ws)
    kill_mid_commit(ws, hook_pids, everything=False)
    wait_until(lambda: head(ws) != before["head"].strip())
    ours = head(ws)
    shown = cli(ws, "recover")
    assert f"git made the commit {ours[:7]} after all (HEAD)" in shown.stdout
    if how.endswith("later commit"):
        hook(ws, "pre-commit", "exit 0\n")
        git(ws, "commit", "-q", "-m", "The auditor's notes")
    result = cli(ws, "recover", how.split()[0])
    assert result.returncode == 0, result.stderr
    if how == "--finish":
        assert "it is exactly what was meant, and stands" in result.stdout
        # what was meant includes Parks's unstaged notes; the rest is as it was
        assert f" M {PARKS_FILE}\n" in before["status"]
        assert files_in(ws) == [PARKS_FILE] and git(ws, "status", "--porcelain").stdout == \
            before["status"].replace(f" M {PARKS_FILE}\n", "")
    elif how == "--undo":
        assert f"moved refs/heads/main back to {before['head'][:7]}" in result.stdout
        assert state(ws) == before
    else:  # the history went on: nothing is taken back behind the auditor's back
        assert f"left the commit {ours[:7]} and {PARKS_FILE} alone" in result.stdout
        assert git(ws, "rev-parse", "HEAD~1").stdout.strip() == ours
    assert not (ws / JOURNAL).exists()


# ---- 4. a full disk --------------------------------------------------------------------------
NO_SPACE = ("No space left on device", "Out of diskspace")


def test_a_full_disk_is_reported_as_such_and_changes_nothing(git_workspace, tmp_path):
    """On a real, small tmpfs, filled to leave 0, 4, 8... KB: at each level the verify
    commits correctly or refuses, saying the disk is full (never "another git process"),
    with everything as it was. Some levels must make git's own writes fail. The mount
    lives in a private mount namespace (``unshare``), so it vanishes with the test."""
    if sys.platform != "linux" or shutil.which("unshare") is None:
        pytest.skip("needs Linux mount namespaces (unshare)")
    user = [] if os.geteuid() == 0 else ["--user", "--map-root-user"]
    results = tmp_path / "full-disk.jsonl"
    run = subprocess.run(["unshare", *user, "--mount", "--propagation", "private",
                          sys.executable, __file__, "full-disk-sweep", str(git_workspace),
                          str(tmp_path / "tiny"), str(results)],
                         capture_output=True, text=True, timeout=600, cwd=Path(__file__).parent)
    if run.returncode == CANNOT_MOUNT:
        pytest.skip(f"cannot mount a tmpfs here: {run.stderr.strip()}")
    assert run.returncode == 0, run.stdout + run.stderr
    rows = [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines()]
    git_said_full = []
    for row in rows:
        where = f"{row['free_kb']} KB free: {row['stderr']}"
        assert row["rc"] in (0, 1), where
        assert "Traceback" not in row["stderr"] and "another git process" not in row["stderr"], where
        assert not row["leftovers"], where
        if row["rc"] == 0:
            assert row["committed_just_the_record"], where
            continue
        assert row["unchanged"], where
        first = row["stderr"].splitlines()[0]
        assert "no space left" in first.lower(), where
        if any(s in line for line in row["stderr"].splitlines()[1:] for s in NO_SPACE):
            git_said_full.append(row["free_kb"])
    assert git_said_full, rows          # git's own writes failed at some level
    assert rows[-1]["rc"] == 0, rows    # and with enough room, it works


CANNOT_MOUNT = 77


def full_disk_sweep(pristine: Path, mount: Path, results: Path) -> int:
    """Runs inside a private mount namespace (see the test above)."""
    mount.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
                             capture_output=True, text=True)
    if mounted.returncode:
        print(mounted.stderr, file=sys.stderr)
        return CANNOT_MOUNT
    ws, filler = mount / "ws", mount / "filler"
    with results.open("w", encoding="utf-8") as out:
        for free_kb in range(0, 84, 4):
            shutil.rmtree(ws, ignore_errors=True)
            shutil.copytree(pristine, ws, symlinks=True)
            before, start = state(ws), head(ws)
            fill(mount, filler, free_kb)
            result = cli(ws, "verify", PARKS)
            filler.unlink()
            leftovers = [p.name for p in (ws / ".git").iterdir() if p.name != "reviewer.lock"
                         and (p.name.endswith(".lock") or p.name.startswith("reviewer-review"))]
            committed = (result.returncode == 0 and files_in(ws) == [f"records/{PARKS}.md"]
                         and git(ws, "rev-parse", "HEAD~1").stdout.strip() == start
                         and git(ws, "status", "--porcelain").stdout == "")
            out.write(json.dumps({"free_kb": free_kb, "rc": result.returncode,
                                  "stderr": result.stderr, "unchanged": state(ws) == before,
                                  "committed_just_the_record": committed,
                                  "leftovers": leftovers}) + "\n")
    return 0


def fill(mount: Path, filler: Path, free_kb: int) -> None:
    """Fill the file system at ``mount`` until ``free_kb`` KB are left."""
    stat = os.statvfs(mount)
    size = stat.f_bavail * stat.f_frsize - free_kb * 1024
    with filler.open("wb") as handle:
        try:
            handle.write(b"\0" * max(0, size))
        except OSError:
            pass


if __name__ == "__main__" and sys.argv[1:2] == ["full-disk-sweep"]:
    sys.exit(full_disk_sweep(*(Path(a) for a in sys.argv[2:5])))


# ---- the app offers the same ----------------------------------------------------------------
@pytest.mark.parametrize("answer", ["Finish the commit", "Put the file back"])
def test_the_app_offers_to_finish_or_undo_an_interrupted_verify(qtbot, git_workspace, killed,
                                                                 tmp_path, answer):
    from PySide6.QtCore import QSettings

    from reviewer.core.workspace import Workspace
    from reviewer.ui.main_window import MainWindow
    ws = git_workspace
    window = MainWindow(QSettings(str(tmp_path / "app.ini"), QSettings.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.open_workspace(Workspace(ws))
    qtbot.waitUntil(lambda: window.recovery.box is not None, timeout=15000)
    box = window.recovery.box
    assert "verify of records/cn-zero-carbon-parks.md" in box.text()
    button = next(b for b in box.buttons() if b.text() == answer)
    assert button.isEnabled()
    button.click()
    qtbot.waitUntil(lambda: not (ws / JOURNAL).exists(), timeout=15000)
    window.workers.wait(10000)
    text = record(ws, PARKS).read_text(encoding="utf-8")
    if answer == "Finish the commit":
        assert head(ws) != killed["head"].strip()
        assert git(ws, "log", "-1", "--format=%s").stdout.startswith("Verify cn-zero-carbon-parks")
        assert "reviewStatus: verified" in text
    else:
        assert head(ws) == killed["head"].strip()
        assert "reviewStatus: verified" not in text and "score: 70" in text
    window.close()
