"""Hostile and broken record files (issue 10): each gives a one-line message, the file is
listed as unreadable, and the other records are never taken down. Real files, FIFOs,
symlinks and ``reviewer`` processes (with a timeout: a hang fails, it never blocks)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, git, init_repo

COMMANDS = (["list", "--json"], ["validate", "--json"], ["index", "--json"],
            ["search", "carbon", "--json"])


def run(ws: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("REVIEWER_DEBUG", None)
    try:
        return subprocess.run([sys.executable, "-m", "reviewer", "-w", str(ws), *args],
                              cwd=ws, capture_output=True, text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"reviewer {' '.join(args)} hung (no answer in {timeout} s)")


def assert_one_line_errors(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr + result.stdout
    assert "internal error" not in result.stderr


def unreadable(result: subprocess.CompletedProcess) -> dict[str, str]:
    return {u["file"]: u["error"] for u in json.loads(result.stdout)["unreadable"]}


def listed_ids(result: subprocess.CompletedProcess) -> set[str]:
    return {r["id"] for r in json.loads(result.stdout)["records"]}


SEED_IDS = {"cn-ordos-pilot-2024", "cn-zero-carbon-parks", "cn-miit-industrial-plan-2022"}


def test_a_fifo_named_like_a_record_hangs_nothing(seed_workspace: Path):
    os.mkfifo(seed_workspace / "records" / "x.md")
    for args in COMMANDS:
        result = run(seed_workspace, *args, timeout=30)
        assert_one_line_errors(result)
    listing = run(seed_workspace, "list", "--json")
    assert listed_ids(listing) == SEED_IDS
    assert "FIFO" in unreadable(listing)["records/x.md"]
    shown = run(seed_workspace, "show", "records/x.md", timeout=30)
    assert shown.returncode == 1 and "FIFO" in shown.stderr
    assert_one_line_errors(shown)


def test_a_record_over_the_size_limit_is_refused_at_once(seed_workspace: Path):
    big = seed_workspace / "records" / "huge.md"
    big.write_bytes(b"---\nid: huge\ntitle: " + b"x" * (9 * 1024 * 1024) + b"\nreviewStatus: draft\n---\n")
    result = run(seed_workspace, "set", "records/huge.md", "title=Short", timeout=30)
    assert result.returncode == 1
    assert "too large for a record" in result.stderr and "limit is 8 MB" in result.stderr
    assert_one_line_errors(result)
    listing = run(seed_workspace, "list", "--json", timeout=30)
    assert listed_ids(listing) == SEED_IDS and "too large" in unreadable(listing)["records/huge.md"]


def test_a_number_of_5000_digits_is_an_unreadable_record_not_a_crash(seed_workspace: Path, git_env):
    path = seed_workspace / "records" / "digits.md"
    path.write_text('---\n{"id": "digits", "title": "T", "reviewStatus": "draft", "year": '
                    + "9" * 5000 + "}\n---\n", encoding="utf-8")
    for args in (*COMMANDS, ["show", "records/digits.md"]):
        result = run(seed_workspace, *args)
        assert_one_line_errors(result)
    listing = run(seed_workspace, "list", "--json")
    assert listed_ids(listing) == SEED_IDS
    assert "digits" in unreadable(listing)["records/digits.md"]
    init_repo(seed_workspace)
    for args in (["history", "records/digits.md"], ["diff", "records/digits.md"]):
        result = run(seed_workspace, *args)
        assert_one_line_errors(result)


def test_a_symlink_loop_under_records_is_listed_as_unreadable(seed_workspace: Path):
    records = seed_workspace / "records"
    os.symlink("b.md", records / "a.md")
    os.symlink("a.md", records / "b.md")
    for args in (*COMMANDS, ["show", "records/a.md"]):
        assert_one_line_errors(run(seed_workspace, *args))
    listing = run(seed_workspace, "list", "--json")
    assert listed_ids(listing) == SEED_IDS
    assert set(unreadable(listing)) == {"records/a.md", "records/b.md"}


def test_an_unreadable_subfolder_is_reported_not_skipped(seed_workspace: Path):
    """A real permission error (see _as_unprivileged for how, when the tests run as root)."""
    sub = seed_workspace / "records" / "closed"
    sub.mkdir()
    (sub / "hidden.md").write_text("---\nid: hidden\ntitle: H\nreviewStatus: draft\n---\n")
    sub.chmod(0)
    try:
        result = _as_unprivileged(seed_workspace, "list", "--json")
    finally:
        sub.chmod(0o755)
    assert result.returncode == 0, result.stderr
    assert "records/closed" in result.stderr and "cannot be read" in result.stderr
    assert_one_line_errors(result)


def _as_unprivileged(ws: Path, *args: str) -> subprocess.CompletedProcess:
    """Run ``reviewer`` so that file permissions apply to it: as root, without the two
    capabilities that let root read any folder."""
    if os.geteuid() != 0:
        return run(ws, *args)
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot drop the capabilities")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(["setpriv", "--bounding-set=-dac_override,-dac_read_search",
                           sys.executable, "-m", "reviewer", "-w", str(ws), *args],
                          cwd=ws, capture_output=True, text=True, env=env, timeout=60)


def test_git_history_of_a_committed_unreadable_version_names_it(seed_workspace: Path, git_env):
    init_repo(seed_workspace)
    path = seed_workspace / "records" / "cn-zero-carbon-parks.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("year: 2024", "year: " + "7" * 5000, 1), encoding="utf-8")
    git(seed_workspace, "commit", "-qam", "a broken version")
    for args in (["history", "cn-zero-carbon-parks"], ["diff", "records/cn-zero-carbon-parks.md"]):
        result = run(seed_workspace, *args)
        assert_one_line_errors(result)


# ---- a damaged index cache is rebuilt, never trusted -----------------------------------------
def _cache_db(cache: Path) -> Path:
    found = list((cache / "reviewer").glob("index-*.sqlite3"))
    assert len(found) == 1
    return found[0]


def test_a_damaged_cache_row_is_rebuilt(seed_workspace: Path, private_cache: Path):
    import sqlite3
    assert run(seed_workspace, "index").returncode == 0
    db = sqlite3.connect(_cache_db(private_cache))
    db.execute("UPDATE records SET packed = NULL, title = ? WHERE file = ?",
               ("\x1b\x1bhex:not-hex", "records/cn-ordos-pilot-2024.md"))
    db.commit()
    db.close()
    result = run(seed_workspace, "search", "", "--json")
    assert result.returncode == 0, result.stderr
    assert_one_line_errors(result)
    titles = {h["id"]: h["title"] for h in json.loads(result.stdout)}
    assert "(Ordos)" in titles["cn-ordos-pilot-2024"]
    assert "rebuilt" in result.stderr


def test_a_dropped_source_text_table_is_noticed_and_rebuilt(seed_workspace: Path, private_cache: Path):
    import sqlite3
    assert run(seed_workspace, "index").returncode == 0
    db = sqlite3.connect(_cache_db(private_cache))
    db.execute("DROP TABLE source_text")
    db.commit()
    db.close()
    indexed = run(seed_workspace, "index", "--json")
    assert indexed.returncode == 0, indexed.stderr
    report = json.loads(indexed.stdout)
    assert report["records"]["rebuilt"] and any("rebuilt" in n for n in report["notes"])
    found = run(seed_workspace, "search", "鄂尔多斯", "--json")
    assert found.returncode == 0, found.stderr
    assert any(h["kind"] == "source" for h in json.loads(found.stdout))


def test_dates_in_the_schema_are_real_dates(seed_workspace: Path):
    path = seed_workspace / "records" / "cn-zero-carbon-parks.md"
    before = path.read_bytes()
    result = run(seed_workspace, "set", "cn-zero-carbon-parks", "provenance.lastAuditDate=2026-13-45")
    assert result.returncode == 1
    assert "2026-13-45" in result.stderr and "not a real date" in result.stderr
    assert path.read_bytes() == before
    assert run(seed_workspace, "set", "cn-zero-carbon-parks",
               "provenance.lastAuditDate=2024-02-29").returncode == 0


def test_an_id_used_by_two_files_is_refused_naming_both(seed_workspace: Path, git_env):
    original = seed_workspace / "records" / "cn-zero-carbon-parks.md"
    copy = seed_workspace / "records" / "zz-parks-copy.md"
    copy.write_bytes(original.read_bytes())
    init_repo(seed_workspace)
    before = {p: p.read_bytes() for p in (original, copy)}
    for args in (["set", "cn-zero-carbon-parks", "title=Changed"],
                 ["verify", "cn-zero-carbon-parks", "--reviewer", "J", "--email", "j@x.org"],
                 ["show", "cn-zero-carbon-parks"], ["citations", "cn-zero-carbon-parks"]):
        result = run(seed_workspace, *args)
        assert result.returncode == 1, args
        assert "records/cn-zero-carbon-parks.md" in result.stderr
        assert "records/zz-parks-copy.md" in result.stderr
        assert_one_line_errors(result)
    assert {p: p.read_bytes() for p in (original, copy)} == before
    assert git(seed_workspace, "log", "--oneline").stdout.count("\n") == 1
    named = run(seed_workspace, "set", "records/zz-parks-copy.md", "title=The copy")
    assert named.returncode == 0, named.stderr


def test_validate_never_reads_a_record_through_a_symlink_leading_outside(seed_workspace: Path,
                                                                         tmp_path: Path):
    secret = tmp_path / "secret.md"
    secret.write_text("---\nid: secret\ntitle: TOP SECRET TITLE\n---\n", encoding="utf-8")
    os.symlink(secret, seed_workspace / "records" / "planted.md")
    for args in (["validate", "--json"], ["validate", "records/planted.md", "--json"],
                 ["list", "--json"], ["show", "records/planted.md"]):
        result = run(seed_workspace, *args)
        assert "TOP SECRET" not in result.stdout + result.stderr, args
        assert_one_line_errors(result)
    issues = json.loads(run(seed_workspace, "validate", "--json").stdout)["issues"]
    planted = [i for i in issues if i["file"].endswith("planted.md")]
    assert planted and "outside the workspace" in planted[0]["message"]
