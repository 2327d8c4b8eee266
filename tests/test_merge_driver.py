"""git's merge driver for record files (issue 13): two auditors' edits of one record merge
field by field; only a field changed differently on both sides conflicts, and the file
still parses. Real git, a real `.gitattributes`, the driver registered as the README says."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from conftest import ROOT, git
from reviewer.core.record.document import RecordFile
from reviewer.core.record.editor import Change
from reviewer.core.review.mergedriver import merge_record, read_conflicts

ORDOS = "records/cn-ordos-pilot-2024.md"


@pytest.fixture
def team_repo(raw_git_workspace: Path, monkeypatch) -> Path:
    """The seeds with the driver registered and records/*.md routed to it."""
    repo = raw_git_workspace
    driver = f"{sys.executable} -m reviewer merge-file %O %A %B %P"
    git(repo, "config", "merge.reviewer.name", "reviewer field-level merge")
    git(repo, "config", "merge.reviewer.driver", driver)
    (repo / ".gitattributes").write_text("records/*.md merge=reviewer\n", encoding="utf-8")
    git(repo, "add", ".gitattributes")
    git(repo, "commit", "-q", "-m", "route records to the field-level merge")
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    return repo


def edit(repo: Path, *changes: tuple[tuple, object], message: str) -> None:
    RecordFile.load(repo / ORDOS).save([Change(path, value) for path, value in changes])
    git(repo, "commit", "-q", "-am", message)


def two_branches(repo: Path, ours: list, theirs: list) -> None:
    git(repo, "checkout", "-q", "-b", "theirs")
    edit(repo, *theirs, message="their edit")
    git(repo, "checkout", "-q", "main")
    edit(repo, *ours, message="our edit")


def test_different_fields_of_one_record_merge_with_a_minimal_diff(team_repo: Path):
    two_branches(team_repo, [(("analysis", "mrv", "score"), 70)], [(("analysis", "market", "score"), 35)])
    before = (team_repo / ORDOS).read_text(encoding="utf-8")
    result = git(team_repo, "merge", "--no-edit", "theirs", check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    data = RecordFile.load(team_repo / ORDOS).data
    assert data["analysis"]["mrv"]["score"] == 70 and data["analysis"]["market"]["score"] == 35
    after = (team_repo / ORDOS).read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert len(before.splitlines()) == len(after.splitlines()) and len(changed) == 1
    assert read_conflicts(Path(git(team_repo, "rev-parse", "--absolute-git-dir").stdout.strip())) == {}


def test_the_same_field_changed_differently_conflicts_and_the_file_still_parses(team_repo: Path):
    two_branches(team_repo, [(("analysis", "mrv", "score"), 70), (("title",), "Ours")],
                 [(("analysis", "mrv", "score"), 60), (("analysis", "market", "score"), 35)])
    result = git(team_repo, "merge", "--no-edit", "theirs", check=False)
    assert result.returncode != 0 and "CONFLICT" in result.stdout
    assert "analysis.mrv.score changed on both sides" in result.stdout + result.stderr
    data = RecordFile.load(team_repo / ORDOS).data                    # parses: no markers
    assert data["analysis"]["mrv"]["score"] == 70                     # ours, until resolved
    assert data["analysis"]["market"]["score"] == 35 and data["title"] == "Ours"
    git_dir = Path(git(team_repo, "rev-parse", "--absolute-git-dir").stdout.strip())
    assert read_conflicts(git_dir)[ORDOS] == [
        {"field": ["analysis", "mrv", "score"], "base": 85, "ours": 70, "theirs": 60}]
    assert "UU " + ORDOS in git(team_repo, "status", "--porcelain").stdout


def test_a_rebase_replays_a_record_edit_over_anothers(team_repo: Path):
    two_branches(team_repo, [(("analysis", "mrv", "score"), 70)], [(("analysis", "market", "score"), 35)])
    result = git(team_repo, "rebase", "theirs", check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    data = RecordFile.load(team_repo / ORDOS).data
    assert (data["analysis"]["mrv"]["score"], data["analysis"]["market"]["score"]) == (70, 35)


def test_bodies_merge_by_lines_and_a_body_conflict_is_marked():
    base = (ROOT / "seeds" / ORDOS).read_bytes()
    ours = base + b"\nOur closing line.\n"
    theirs = base.replace(b"---\n", b"---\n", 1) + b"\nTheir closing line.\n"
    merged = merge_record(base, ours, theirs, ORDOS)
    assert merged.body_conflicts == 1 and b"<<<<<<< ours" in merged.text
    assert RecordFile.from_bytes(merged.text).data == RecordFile.from_bytes(base).data


def test_the_same_change_on_both_sides_is_taken_once():
    base = (ROOT / "seeds" / ORDOS).read_bytes()
    record = RecordFile.from_bytes(base, ORDOS)
    same = record.render([Change(("analysis", "mrv", "score"), 70)]).encode("utf-8")
    merged = merge_record(base, same, same, ORDOS)
    assert merged.clean and merged.text == same


def test_a_version_that_is_no_record_is_merged_by_lines_and_says_why():
    base = (ROOT / "seeds" / ORDOS).read_bytes()
    broken = b"---\ntitle: [unclosed\n---\n"
    merged = merge_record(base, base, broken, ORDOS)
    assert merged.line_merge and "cannot be read as a record" in merged.line_merge


def test_the_command_refuses_missing_files_plainly(tmp_path: Path):
    import subprocess
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "reviewer", "merge-file", str(tmp_path / "a"),
                           str(tmp_path / "b"), str(tmp_path / "c"), "records/x.md"],
                          capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "cannot read a version to merge" in done.stderr
    assert not (tmp_path / "b").exists()
