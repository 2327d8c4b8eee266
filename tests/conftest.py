"""Shared fixtures: the bundled seeds, temporary workspaces and git repositories."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def seed_workspace(tmp_path: Path) -> Path:
    """A private copy of the bundled seeds workspace."""
    dest = tmp_path / "ws"
    shutil.copytree(SEEDS, dest)
    return dest


# ---- git repositories ------------------------------------------------------------------------
AUDITOR = ("Ann Auditor", "ann@example.org")   # the repository's configured git user


def git(cwd: Path, *args: str, check: bool = True, **kwargs) -> "subprocess.CompletedProcess":
    """Run real git in ``cwd``; output as text."""
    import subprocess
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, **kwargs)
    if check and result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result


@pytest.fixture
def git_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Git that sees no user, system or environment identity: only what a test configures."""
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text("", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
                 "GIT_COMMITTER_EMAIL", "EMAIL", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def git_workspace(seed_workspace: Path, git_env: None) -> Path:
    """The seeds in a fresh git repository on ``main``, all committed by the auditor."""
    git(seed_workspace, "init", "-q", "-b", "main")
    git(seed_workspace, "config", "user.name", AUDITOR[0])
    git(seed_workspace, "config", "user.email", AUDITOR[1])
    git(seed_workspace, "config", "commit.gpgsign", "false")
    git(seed_workspace, "add", "-A")
    git(seed_workspace, "commit", "-q", "-m", "Import seed records")
    return seed_workspace
