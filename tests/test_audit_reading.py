"""How the audit reads the history (issue 14): git's log streamed while the versions are
read, a log git refuses said in words, a reader that stops early leaving no git behind, and
a cache from an earlier version rebuilt in this version's tables."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from test_stats import history  # noqa: F401 - the fixture

from conftest import git
from reviewer.core.audit import gitlog, verdicts
from reviewer.core.audit import history as history_module
from reviewer.core.audit.cache import cache_path
from reviewer.core.errors import Refused
from reviewer.core.review.gitrepo import GitRepo
from reviewer.core.services import audit
from reviewer.core.workspace import Workspace

pytestmark = pytest.mark.usefixtures("git_env")


def git_children() -> list[int]:
    """The git processes this test started that are still running (or unreaped)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            name = (entry / "comm").read_text().strip()
        except (OSError, IndexError):
            continue
        if fields[1] == str(__import__("os").getpid()) and name.startswith("git"):
            found.append(int(entry.name))
    return found


def test_the_streamed_log_is_gits_log_newest_first(history: Path):  # noqa: F811
    with GitRepo.open(history) as repo:
        streamed = list(gitlog.stream(repo, []))
        oldest_first = gitlog.commits(repo, ["records/"])
    shas = git(history, "log", "--format=%H").stdout.split()
    assert [c.sha for c in streamed] == shas and len(shas) == 6
    assert [c.to_row() for c in reversed(streamed)] == [c.to_row() for c in oldest_first]
    first = oldest_first[0]
    assert first.author == "Import Bot <bot@example.org>" and len(first.files) == 4
    assert oldest_first[-1].auditor == "Carol Auditor <carol@example.org>"
    assert all(blob and len(blob) == 40 for c in streamed for _, blob in c.files)


def test_a_reader_that_stops_early_leaves_no_git_running(history: Path):  # noqa: F811
    with GitRepo.open(history) as repo:
        walk = gitlog.stream(repo, [])
        assert next(walk).subject.startswith("Verify r3")
        walk.close()
        with gitlog.BlobReader(repo.root) as reader:
            blob = git(history, "rev-parse", "HEAD:records/r1.md").stdout.strip()
            assert next(reader.read([blob]))[1].startswith(b"---\nid: r1")
    assert git_children() == []


def test_a_log_git_refuses_is_said(history: Path):  # noqa: F811
    with GitRepo.open(history) as repo, pytest.raises(Refused) as refused:
        list(gitlog.stream(repo, [], since="0123456789" * 4))
    assert "git log failed" in refused.value.message and "Invalid revision range" in refused.value.message
    assert git_children() == []


def test_a_cache_of_an_earlier_version_is_rebuilt(history: Path, tmp_path: Path):  # noqa: F811
    ws = Workspace(history)
    fresh = audit.stats(ws, cache_dir=tmp_path / "fresh").to_json()
    old = cache_path(history.resolve(), tmp_path / "old")
    old.parent.mkdir(parents=True)
    with sqlite3.connect(old) as conn:   # version 3's tables, with a row this version must not trust
        conn.executescript("""
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
            CREATE TABLE commits(seq INTEGER PRIMARY KEY, sha TEXT UNIQUE, row TEXT);
            CREATE TABLE blobs(blob TEXT PRIMARY KEY, facts TEXT) WITHOUT ROWID;
            INSERT INTO meta VALUES ('version', '3:whatever');
        """)
        blob = git(history, "rev-parse", "HEAD:records/r1.md").stdout.strip()
        conn.execute("INSERT INTO blobs VALUES (?, ?)", (blob, '{"unreadable": true}'))
    again = audit.stats(ws, cache_dir=tmp_path / "old")
    assert again.to_json() == {**fresh, "read": again.read} and again.read["blobs_read"] > 0
    with sqlite3.connect(old) as conn:
        tables = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"))
    assert "WITHOUT ROWID" not in tables["blobs"] and "verdicts" in tables


def test_a_damaged_answer_in_the_cache_is_computed_again(history: Path, tmp_path: Path):  # noqa: F811
    ws = Workspace(history)
    first = audit.stats_json(ws, details=True, cache_dir=tmp_path)
    assert audit.stats_json(ws, details=True, cache_dir=tmp_path)["read"]["cached"]
    with sqlite3.connect(cache_path(history.resolve(), tmp_path)) as conn:
        packed = conn.execute("SELECT value FROM results").fetchone()[0]
        assert len(packed) < len(str(first))          # stored compressed
        conn.execute("UPDATE results SET value = ?", (b"not zlib",))
    again = audit.stats_json(ws, details=True, cache_dir=tmp_path)
    assert "cached" not in again["read"]
    assert {**again, "read": None} == {**first, "read": None}


def test_citations_checked_in_worker_processes_give_the_same_verdicts(
        history: Path, tmp_path: Path, monkeypatch):  # noqa: F811
    for rid in ("r1", "r2", "r3"):
        source = history / "sources" / rid / "plan.txt"
        source.parent.mkdir(parents=True)
        source.write_text("第一章 总则\n一、目标\n第二章 措施\n", encoding="utf-8")
    ws = Workspace(history)
    here = audit.stats(ws, cache_dir=tmp_path / "here")
    monkeypatch.setattr(verdicts, "PARALLEL_FROM", 1)
    spawned = []
    real = verdicts.spawn_pool              # checks half the records, this process the rest
    monkeypatch.setattr(verdicts, "spawn_pool", lambda: spawned.append(1) or real())
    there = audit.stats(ws, cache_dir=tmp_path / "there")
    assert spawned, "the checks did not go to worker processes"
    assert [d.to_json() for d in there.details] == [d.to_json() for d in here.details]
    assert there.citations == here.citations and here.citations["before"].get("resolved")


def test_versions_parsed_in_a_worker_process_give_the_same_facts(
        history: Path, tmp_path: Path, monkeypatch):  # noqa: F811
    ws = Workspace(history)
    here = audit.stats(ws, cache_dir=tmp_path / "here")
    monkeypatch.setattr(history_module, "BATCH", 1)     # a batch a version: the worker starts
    started = []
    real = history_module.spawn_pool
    monkeypatch.setattr(history_module, "spawn_pool", lambda: started.append(1) or real())
    there = audit.stats(ws, cache_dir=tmp_path / "there")
    assert started and there.read == here.read
    assert there.to_json(details=True) == {**here.to_json(details=True), "read": there.read}


def test_a_worker_that_breaks_leaves_its_versions_to_this_process(
        history: Path, tmp_path: Path, monkeypatch):  # noqa: F811
    from concurrent.futures import BrokenExecutor, Future

    class Broken:
        def __init__(self, *args, **kwargs) -> None:
            self.calls = 0

        def submit(self, *args):
            self.calls += 1
            if self.calls > 2:
                raise RuntimeError("cannot schedule new futures after shutdown")
            future = Future()
            future.set_exception(BrokenExecutor("a child process terminated abruptly"))
            return future

        def shutdown(self, **kwargs) -> None:
            pass

    ws = Workspace(history)
    here = audit.stats(ws, cache_dir=tmp_path / "here")
    monkeypatch.setattr(history_module, "BATCH", 1)
    monkeypatch.setattr(history_module, "spawn_pool", Broken)
    there = audit.stats(ws, cache_dir=tmp_path / "there")
    assert there.to_json(details=True) == {**here.to_json(details=True), "read": there.read}
    assert there.read["blobs_read"] == here.read["blobs_read"] > 3


CHILD = r"""
import signal, sys, time
from pathlib import Path
signal.signal(signal.SIGINT, signal.default_int_handler)   # as from a terminal, even when
                                                           # the tests run in the background
sys.path[:0] = [sys.argv[3], sys.argv[3] + "/tests"]
from reviewer.core.audit import gitlog, history
from reviewer.core.services import audit
from reviewer.core.workspace import Workspace
history.BATCH = 1                           # a batch a version: the worker process starts
real_stream, real_pool = gitlog.stream, history.spawn_pool

def slow_stream(*args, **kwargs):           # a history that takes a while to walk
    for commit in real_stream(*args, **kwargs):
        time.sleep(0.3)
        yield commit

def pool():
    made = real_pool()
    Path(sys.argv[2]).write_text("started")  # the parent interrupts once the worker runs
    return made

gitlog.stream, history.spawn_pool = slow_stream, pool
try:
    audit.stats(Workspace(sys.argv[1]), cache_dir=Path(sys.argv[2]).parent / "cache")
except KeyboardInterrupt:
    sys.exit(130)
"""


def test_ctrl_c_while_a_worker_parses_ends_the_run(history: Path, tmp_path: Path):  # noqa: F811
    """Ctrl+C reaches the whole foreground group: the worker process ignores it, so the pool
    does not wait forever for an answer the interrupted worker never sends."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from conftest import ROOT
    marker = tmp_path / "started"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(history), str(marker), str(ROOT)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while not marker.exists() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)                         # the worker is up and parsing
    os.killpg(child.pid, signal.SIGINT)
    try:
        _, err = child.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        pytest.fail("the run hung after Ctrl+C")
    assert marker.exists() and child.returncode == 130, err.decode()
    assert b"Traceback" not in err, err.decode()
