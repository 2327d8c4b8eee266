"""reviewer sync over a real network transport (issue 13): the team's bare repository served
by ``git daemon`` on the loopback address, on a free port, started and stopped by the tests
themselves. The two auditors clone it as ``git://127.0.0.1:PORT/origin.git``, so every
fetch and push of the sync goes through a socket, git's protocol and a receive-pack on the
other side, as with a team's server: edits of different fields both reach the remote, a
same-field conflict is resolved and continued, and a server that is down is named as
unreachable, keeps the commit, and is pushed to once it is back."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from conftest import git
from team_fixture import ORDOS, Team, cli, cli_json, commit, data, log, remote_data

MRV = ("analysis", "mrv", "score")
MARKET = ("analysis", "market", "score")
LOOPBACK = "127.0.0.1"
START_DEADLINE = 15.0     # seconds for the daemon to say it listens and to accept a connection
STOP_DEADLINE = 5.0       # seconds after SIGTERM before SIGKILL
PORT_TRIES = 5            # fresh ports tried when one is taken between choosing and binding


def daemon_program() -> Path | None:
    exec_path = subprocess.run(["git", "--exec-path"], capture_output=True, text=True,
                               check=False).stdout.strip()
    program = Path(exec_path) / "git-daemon"
    return program if exec_path and os.access(program, os.X_OK) else None


def free_port() -> int:
    """A port nothing listens on right now (the kernel's choice for port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def accepts(port: int) -> bool:
    try:
        with socket.create_connection((LOOPBACK, port), timeout=0.5):
            return True
    except OSError:
        return False


class Daemon:
    """``git daemon`` serving every repository under ``base``, pushes allowed, on the
    loopback address only. ``start`` picks a free port the first time, and the same one
    again after ``stop`` (the clones' URLs name it)."""

    def __init__(self, program: Path, base: Path, logs: Path):
        self.program, self.base, self.logs = program, base, logs
        self.port: int | None = None
        self.proc: subprocess.Popen | None = None
        self.starts = 0

    def url(self, name: str) -> str:
        return f"git://{LOOPBACK}:{self.port}/{name}"

    def start(self) -> None:
        assert self.proc is None, "the daemon is already running"
        if self.port is not None:                    # again, on the port the clones know
            failure = self._try(self.port)
            if failure:
                pytest.fail(f"git daemon did not come back on port {self.port}: {failure}")
            return
        failures = []
        for _ in range(PORT_TRIES):
            port = free_port()
            failure = self._try(port)
            if not failure:
                self.port = port
                return
            failures.append(f"port {port}: {failure}")
        pytest.fail("git daemon never came up:\n" + "\n".join(failures))

    def _try(self, port: int) -> str | None:
        """Start the daemon on ``port`` and wait until it listens; why not, when it does not."""
        self.starts += 1
        log_path = self.logs / f"daemon-{self.starts}.log"
        with open(log_path, "wb") as log_file:
            proc = subprocess.Popen(
                [str(self.program), "--verbose", "--reuseaddr", f"--base-path={self.base}",
                 "--export-all", "--enable=receive-pack", f"--listen={LOOPBACK}", f"--port={port}",
                 str(self.base)],
                stdin=subprocess.DEVNULL, stdout=log_file, stderr=log_file,
                start_new_session=True)      # its own group: the per-connection children too
        deadline = time.monotonic() + START_DEADLINE
        while time.monotonic() < deadline:
            said = log_path.read_text(encoding="utf-8", errors="replace")
            if proc.poll() is not None:
                return f"exited with {proc.returncode}: {said.strip() or '(nothing said)'}"
            # "Ready to rumble" comes after it bound the port: the connection is to this
            # daemon, not to whatever may have taken the port meanwhile.
            if "Ready to rumble" in said and accepts(port):
                self.proc = proc
                return None
            time.sleep(0.05)
        self._stop(proc)
        said = log_path.read_text(encoding="utf-8", errors="replace").strip()
        return f"not listening after {START_DEADLINE:g} s: {said or '(nothing said)'}"

    def stop(self) -> None:
        if self.proc is not None:
            self._stop(self.proc)
            self.proc = None

    @staticmethod
    def _stop(proc: subprocess.Popen) -> None:
        for signum in (signal.SIGTERM, signal.SIGKILL):
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signum)      # the group this daemon leads, by its id
                except ProcessLookupError:
                    pass
            try:
                proc.wait(STOP_DEADLINE)
                break
            except subprocess.TimeoutExpired:
                continue
        # Children still serving a connection (same group) go with SIGKILL too.
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def clone(url: str, folder: Path, name: str, email: str) -> Path:
    git(folder.parent, "clone", "-q", url, folder.name)
    git(folder, "config", "user.name", name)
    git(folder, "config", "user.email", email)
    git(folder, "config", "commit.gpgsign", "false")
    return folder


@pytest.fixture
def served(raw_git_workspace: Path, tmp_path: Path):
    """The seeds in a bare repository served by git daemon, cloned twice over git://."""
    program = daemon_program()
    if program is None:
        pytest.skip("git-daemon is not installed with this git (git --exec-path)")
    seeded = raw_git_workspace
    (seeded / ".gitattributes").write_text("records/*.md merge=reviewer\n", encoding="utf-8")
    git(seeded, "add", ".gitattributes")
    git(seeded, "commit", "-q", "-m", "chore: route records to the field-level merge")
    base, logs, clones = tmp_path / "served", tmp_path / "daemon-logs", tmp_path / "clones"
    for folder in (base, logs, clones):
        folder.mkdir()
    remote = base / "origin.git"
    git(base, "init", "-q", "--bare", "-b", "main", str(remote))
    git(seeded, "push", "-q", str(remote), "main")
    daemon = Daemon(program, base, logs)
    daemon.start()
    try:
        url = daemon.url("origin.git")
        team = Team(remote, clone(url, clones / "ann", "Ann Auditor", "ann@example.org"),
                    clone(url, clones / "bob", "Bob Auditor", "bob@example.org"))
        yield team, daemon
    finally:
        daemon.stop()


def test_the_clones_reach_the_remote_through_the_daemon(served):
    team, daemon = served
    for auditor in (team.ann, team.bob):
        assert git(auditor, "remote", "get-url", "origin").stdout.strip() == daemon.url("origin.git")
    assert accepts(daemon.port)


def test_different_fields_of_one_record_both_reach_the_remote_over_the_network(served):
    team, _ = served
    commit(team.ann, ORDOS, (MRV, 70), message="fix(ordos): mrv score")
    commit(team.bob, ORDOS, (MARKET, 35), message="fix(ordos): market score")
    code, out = cli_json(team.ann, "sync")
    assert (code, out["status"], out["pushed"]) == (0, "synced", 1), out
    code, out = cli_json(team.bob, "sync")
    assert (code, out["status"], out["pushed"], out["received"]) == (0, "synced", 1, 1), out
    on_remote = remote_data(team)["analysis"]
    assert (on_remote["mrv"]["score"], on_remote["market"]["score"]) == (70, 35)
    assert git(team.remote, "log", "--format=%s", "main").stdout.splitlines()[:2] == [
        "fix(ordos): market score", "fix(ordos): mrv score"]
    assert git(team.remote, "rev-list", "--merges", "--count", "main").stdout.strip() == "0"
    code, out = cli_json(team.ann, "sync")
    assert (code, out["status"], out["received"]) == (0, "synced", 1), out
    assert data(team.ann) == data(team.bob) == remote_data(team)


def test_a_same_field_conflict_is_resolved_mine_and_continued_over_the_network(served):
    team, _ = served
    commit(team.ann, ORDOS, (MRV, 70), message="fix(ordos): mrv 70")
    assert cli_json(team.ann, "sync")[0] == 0
    commit(team.bob, ORDOS, (MRV, 60), (MARKET, 35), message="fix(ordos): mrv 60, market 35")
    code, out = cli_json(team.bob, "sync")
    assert code == 1 and out["status"] == "conflicts", out
    assert [(c["field"], c["mine"], c["theirs"]) for c in out["conflicts"]] == [
        ("analysis.mrv.score", 60, 70)]
    done = cli(team.bob, "resolve", "cn-ordos-pilot-2024", "analysis.mrv.score", "--mine")
    assert done.returncode == 0 and "no conflict left" in done.stdout, done.stderr
    code, out = cli_json(team.bob, "sync", "--continue")
    assert (code, out["status"], out["pushed"]) == (0, "synced", 1), out
    on_remote = remote_data(team)["analysis"]
    assert (on_remote["mrv"]["score"], on_remote["market"]["score"]) == (60, 35)
    assert git(team.remote, "rev-parse", "main").stdout == git(team.bob, "rev-parse", "HEAD").stdout
    code, out = cli_json(team.ann, "sync")
    assert (code, out["received"]) == (0, 1) and data(team.ann)["analysis"]["mrv"]["score"] == 60


def test_a_stopped_server_is_unreachable_the_commit_kept_and_pushed_once_it_is_back(served):
    team, daemon = served
    commit(team.ann, ORDOS, (MRV, 70), message="ann")
    head = git(team.ann, "rev-parse", "HEAD").stdout
    on_remote = git(team.remote, "rev-parse", "main").stdout
    daemon.stop()
    assert not accepts(daemon.port), "the daemon still accepts connections after it was stopped"
    done = cli(team.ann, "sync")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "cannot reach origin" in done.stderr and daemon.url("origin.git") in done.stderr
    assert "your commits are kept here" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    code, out = cli_json(team.ann, "sync")
    assert (code, out["status"], out["error"]) == (1, "failed", "unreachable"), out
    assert git(team.ann, "rev-parse", "HEAD").stdout == head and log(team.ann)[0] == "ann"
    assert git(team.ann, "status", "--porcelain").stdout == ""
    assert git(team.remote, "rev-parse", "main").stdout == on_remote
    daemon.start()                                           # back, on the same port
    code, out = cli_json(team.ann, "sync")
    assert (code, out["status"], out["pushed"]) == (0, "synced", 1), out
    assert git(team.remote, "rev-parse", "main").stdout == head
    assert remote_data(team)["analysis"]["mrv"]["score"] == 70


def test_a_repository_the_server_no_longer_has_is_unreachable_too(served):
    """git daemon answers "access denied or repository not exported" for a repository it
    does not serve (moved, renamed, never there): the remote cannot be reached at that URL,
    as a missing path or an HTTP 404 is."""
    team, _ = served
    commit(team.ann, ORDOS, (MRV, 70), message="ann")
    team.remote.rename(team.remote.with_name("moved.git"))
    done = cli(team.ann, "sync")
    assert done.returncode == 1 and "cannot reach origin" in done.stderr, done.stderr
    assert "not exported" in done.stderr and "Traceback" not in done.stderr
    code, out = cli_json(team.ann, "sync")
    assert (code, out["error"]) == (1, "unreachable"), out
    assert log(team.ann)[0] == "ann"
    team.remote.with_name("moved.git").rename(team.remote)
    assert cli_json(team.ann, "sync")[1]["pushed"] == 1


def test_a_server_gone_after_the_conflicts_were_resolved_keeps_the_resolution(served):
    """The replay finishes locally (--continue), the push cannot: the resolved commit stays
    on the branch, nothing stays paused, and the next sync pushes it."""
    team, daemon = served
    commit(team.ann, ORDOS, (MRV, 70), message="ann")
    assert cli_json(team.ann, "sync")[0] == 0
    commit(team.bob, ORDOS, (MRV, 60), message="bob")
    assert cli_json(team.bob, "sync")[1]["status"] == "conflicts"
    assert cli(team.bob, "resolve", "cn-ordos-pilot-2024", "analysis.mrv.score",
               "--mine").returncode == 0
    daemon.stop()
    code, out = cli_json(team.bob, "sync", "--continue")
    assert (code, out["error"]) == (1, "unreachable"), out
    git_dir = team.bob / ".git"
    assert not (git_dir / "rebase-merge").exists() and not (git_dir / "reviewer" / "sync.json").exists()
    assert log(team.bob)[:2] == ["bob", "ann"] and data(team.bob)["analysis"]["mrv"]["score"] == 60
    assert git(team.bob, "status", "--porcelain").stdout == ""
    daemon.start()
    code, out = cli_json(team.bob, "sync")
    assert (code, out["status"], out["pushed"]) == (0, "synced", 1), out
    assert remote_data(team)["analysis"]["mrv"]["score"] == 60


def test_a_server_that_accepts_and_never_answers_times_out(served):
    """A listening socket that never speaks git (a hung server, a firewall that swallows the
    traffic): the fetch is stopped at reviewer.networkTimeout and said to have timed out."""
    team, _ = served
    commit(team.ann, ORDOS, (MRV, 70), message="ann")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as silent:
        silent.bind((LOOPBACK, 0))
        silent.listen(8)                    # connections complete in the backlog, unanswered
        url = f"git://{LOOPBACK}:{silent.getsockname()[1]}/origin.git"
        git(team.ann, "remote", "set-url", "origin", url)
        git(team.ann, "config", "reviewer.networkTimeout", "2")
        started = time.monotonic()
        code, out = cli_json(team.ann, "sync")
        took = time.monotonic() - started
    assert (code, out["error"]) == (1, "timeout"), out
    assert "within 2 s" in out["message"] and "your commits are kept here" in out["message"]
    assert took < 2 + 10, f"the sync took {took:.1f} s against a 2 s network timeout"
    assert log(team.ann)[0] == "ann"


def test_the_first_sync_into_an_empty_server_repository_pushes_the_branch(served):
    """A team's new repository on the server is empty: its first clone has an upstream
    (git clone sets it) but the server has no branch yet; the first sync creates it."""
    team, daemon = served
    git(team.remote.parent, "init", "-q", "--bare", "-b", "main", "empty.git")
    first = clone(daemon.url("empty.git"), team.ann.parent / "first", "Ann Auditor",
                  "ann@example.org")
    (first / "records").mkdir()
    (first / ORDOS).write_bytes((team.ann / ORDOS).read_bytes())
    git(first, "add", "-A")
    git(first, "commit", "-q", "-m", "Import the first record")
    code, out = cli_json(first, "sync")
    assert (code, out["status"], out["pushed"], out["received"]) == (0, "synced", 1, 0), out
    served_repo = team.remote.parent / "empty.git"
    assert git(served_repo, "rev-parse", "main").stdout == git(first, "rev-parse", "HEAD").stdout
    assert cli_json(first, "sync")[1]["status"] == "up-to-date"
