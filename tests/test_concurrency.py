"""Two writers at once, and writers killed mid-write (issue 10): no edit is lost silently,
and no temporary file is left behind for good. Real processes and real signals; the loops
of 50 rounds and more are in ``tests/stress_records.py`` (run by hand)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT
from reviewer.core.atomic import TEMP_SUFFIX, write_atomic
from reviewer.core.errors import ConflictError
from reviewer.core.record import document
from reviewer.core.record.document import RecordFile
from reviewer.core.record.editor import Change

PARKS = "cn-zero-carbon-parks"


def reviewer(ws: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "reviewer", "-w", str(ws), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def set_both_at_once(ws: Path, round_: int) -> tuple[list[int], str]:
    first = reviewer(ws, "set", PARKS, f"analysis.mrv.label=mrv {round_}")
    second = reviewer(ws, "set", PARKS, f"analysis.strategic.label=strategic {round_}")
    codes = [p.wait(timeout=60) for p in (first, second)]
    return codes, (ws / "records" / f"{PARKS}.md").read_text(encoding="utf-8")


def test_two_set_processes_on_one_record_keep_both_edits(seed_workspace: Path):
    for round_ in range(6):
        codes, text = set_both_at_once(seed_workspace, round_)
        assert codes == [0, 0]
        assert f'"mrv {round_}"' in text or f"mrv {round_}" in text
        assert f"strategic {round_}" in text, f"round {round_}: the strategic edit was lost"


def test_the_check_and_the_rename_are_one_step_for_every_writer(seed_workspace: Path, monkeypatch):
    """Two saves of the same version, the first one slow to write: without a lock both pass
    the "unchanged on disk" check and the second silently overwrites the first."""
    path = seed_workspace / "records" / f"{PARKS}.md"
    real_write = document.write_atomic

    def slow_write(target, data):
        time.sleep(0.3)  # a slow disk, or a big file: the window the race needs
        real_write(target, data)
    monkeypatch.setattr(document, "write_atomic", slow_write)
    a, b = RecordFile.load(path), RecordFile.load(path)
    results: dict[str, object] = {}

    def save(name: str, record: RecordFile, field: str) -> None:
        try:
            results[name] = record.save([Change(("analysis", field, "label"), f"by {name}")])
        except ConflictError as exc:
            results[name] = exc
    first = threading.Thread(target=save, args=("a", a, "mrv"))
    first.start()
    time.sleep(0.1)  # a is past its check, writing
    save("b", b, "strategic")
    first.join()
    text = path.read_text(encoding="utf-8")
    assert "by a" in text, "the first save was overwritten"
    assert isinstance(results["b"], ConflictError) and "changed on disk" in str(results["b"])


def test_a_writer_killed_mid_write_leaves_no_temp_file_for_the_next(tmp_path: Path):
    folder = tmp_path / "records"
    folder.mkdir()
    code = ("import sys; sys.path.insert(0, sys.argv[1])\n"
            "from reviewer.core.atomic import write_atomic\n"
            "write_atomic(sys.argv[2], b'x' * (200 * 1024 * 1024))\n")
    writer = subprocess.Popen([sys.executable, "-c", code, str(ROOT), str(folder / "big.md")])
    deadline = time.monotonic() + 30
    while not list(folder.glob(f"*{TEMP_SUFFIX}")):
        assert time.monotonic() < deadline and writer.poll() is None, "no temp file seen"
        time.sleep(0.01)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    left = list(folder.glob(f"*{TEMP_SUFFIX}"))
    assert left, "the killed writer left its temporary file (as SIGKILL does)"
    write_atomic(folder / "other.md", b"---\nid: other\n---\n")
    assert not list(folder.glob(f"*{TEMP_SUFFIX}")), "the next write removed it"


def test_a_live_writers_temp_file_is_left_alone(tmp_path: Path, monkeypatch):
    """The sweep takes only dead writers' files: one being written (locked) stays."""
    folder = tmp_path / "records"
    folder.mkdir()
    entered, release = threading.Event(), threading.Event()
    real_fsync = os.fsync

    def paused_fsync(fd):
        if threading.current_thread().name == "slow":
            entered.set()
            release.wait(10)
        real_fsync(fd)
    monkeypatch.setattr(os, "fsync", paused_fsync)
    slow = threading.Thread(name="slow", target=write_atomic, args=(folder / "a.md", b"a" * 1000))
    slow.start()
    assert entered.wait(10)
    write_atomic(folder / "b.md", b"b")  # sweeps the folder while a.md is being written
    release.set()
    slow.join()
    assert (folder / "a.md").read_bytes() == b"a" * 1000


@pytest.mark.parametrize("field", ["reviewStatus"])
def test_set_cannot_change_the_review_status(seed_workspace: Path, field: str):
    path = seed_workspace / "records" / f"{PARKS}.md"
    before = path.read_bytes()
    for value in ("verified", "draft"):
        result = subprocess.run([sys.executable, "-m", "reviewer", "-w", str(seed_workspace), "set",
                                 PARKS, f"{field}={value}"], capture_output=True, text=True,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert result.returncode == 1
        assert "only through reviewer verify and reviewer reopen" in result.stderr
    assert path.read_bytes() == before
