"""Verify and reopen in repositories, hooks and filters that others control; interruptions.

Everything here is real: temporary git repositories, executable hooks, clean filters from
``.gitattributes``, ``reviewer`` processes and the signals a terminal, a service manager or
the kernel sends them. A refused or interrupted review must leave the branch, the index and
the record file as they were (or, when the process cannot react, say so at the next command),
and a "Verify" commit must be exactly what was verified.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_review import JANE, PARKS, cli, hook, record, state, verify

from conftest import SEEDS, explain_citations, git, init_repo
from reviewer.core.errors import CommitRefused, Refused
from reviewer.core.review import plan as review
from reviewer.core.workspace import Workspace

AUDIT = "records/审计.md"     # a name git quotes in its plain output ("records/\345\256...")


def copy_parks(ws: Path, rel: str, commit: bool) -> Path:
    """A second passing record at ``rel`` (same content as Parks, its own id)."""
    path = ws / rel
    path.write_text(record(ws, PARKS).read_text(encoding="utf-8")
                    .replace(f"id: {PARKS}", "id: cn-audit-copy"), encoding="utf-8")
    if commit:
        git(ws, "add", "--", rel)
        git(ws, "commit", "-q", "-m", "Add a record with a non-ASCII name")
    return path


# ---- 1. paths git would quote ----------------------------------------------------------------
def test_refused_verify_of_a_non_ascii_name_stages_nothing(git_workspace):
    copy_parks(git_workspace, AUDIT, commit=True)
    hook(git_workspace, "pre-commit", "echo no >&2\nexit 1\n")
    before = state(git_workspace)
    with pytest.raises(CommitRefused, match="pre-commit hook refused"):
        verify(git_workspace, AUDIT)
    assert git(git_workspace, "status", "--porcelain").stdout == ""
    assert state(git_workspace) == before


def test_a_non_ascii_name_is_verified_tracked_or_new(git_workspace):
    ws = git_workspace
    copy_parks(ws, AUDIT, commit=True)
    result = cli(ws, "verify", AUDIT)
    assert result.returncode == 0, result.stderr
    assert git(ws, "show", "-z", "--name-only", "--format=", "HEAD").stdout == f"{AUDIT}\0"
    new = "records/新-审计.md"
    copy_parks(ws, new, commit=False)
    verify(ws, new)
    assert git(ws, "show", "-z", "--name-only", "--format=", "HEAD").stdout == f"{new}\0"
    assert git(ws, "status", "--porcelain").stdout == ""


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
