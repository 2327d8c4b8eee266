"""A team on one shared repository, for the sync tests: a bare repository in a temporary
folder as the remote, and clones of it as the auditors (each with its own git identity)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT, git
from reviewer.core.record.document import RecordFile
from reviewer.core.record.editor import Change

ORDOS = "records/cn-ordos-pilot-2024.md"
PARKS = "records/cn-zero-carbon-parks.md"


@dataclass
class Team:
    remote: Path
    ann: Path
    bob: Path

    def clone(self, folder: Path, name: str, email: str) -> Path:
        git(folder.parent, "clone", "-q", str(self.remote), folder.name)
        git(folder, "config", "user.name", name)
        git(folder, "config", "user.email", email)
        git(folder, "config", "commit.gpgsign", "false")
        return folder


def make_team(seeded: Path, base: Path, attributes: bool = True) -> Team:
    """``seeded`` (a committed repository on main) pushed to a bare remote, cloned twice."""
    if attributes:
        (seeded / ".gitattributes").write_text("records/*.md merge=reviewer\n", encoding="utf-8")
        git(seeded, "add", ".gitattributes")
        git(seeded, "commit", "-q", "-m", "chore: route records to the field-level merge")
    remote = base / "origin.git"
    git(base, "init", "-q", "--bare", "-b", "main", str(remote))
    git(seeded, "push", "-q", str(remote), "main")
    team = Team(remote, base / "ann", base / "bob")
    team.clone(team.ann, "Ann Auditor", "ann@example.org")
    team.clone(team.bob, "Bob Auditor", "bob@example.org")
    return team


def edit(clone: Path, rel: str, *changes: tuple[tuple, object]) -> None:
    RecordFile.load(clone / rel).save([Change(path, value) for path, value in changes])


def commit(clone: Path, rel: str, *changes: tuple[tuple, object], message: str) -> None:
    """An auditor's committed edit (what a verify leaves, without the gate's demands)."""
    edit(clone, rel, *changes)
    git(clone, "commit", "-q", "-am", message)


def data(clone: Path, rel: str = ORDOS) -> dict:
    return RecordFile.load(clone / rel).data


def remote_data(team: Team, rel: str = ORDOS) -> dict:
    raw = git(team.remote, "show", f"main:{rel}").stdout.encode("utf-8")
    return RecordFile.from_bytes(raw, rel).data


def cli(clone: Path, *args: str, **popen) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("REVIEWER_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "reviewer", "-w", str(clone), *args],
                          capture_output=True, text=True, env=env, cwd=clone, stdin=subprocess.DEVNULL,
                          **popen)


def cli_json(clone: Path, *args: str) -> tuple[int, dict]:
    done = cli(clone, *args, "--json")
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    try:
        return done.returncode, json.loads(done.stdout)
    except ValueError:
        raise AssertionError(f"not JSON: {done.stdout!r} {done.stderr!r}") from None


def log(clone: Path, span: str = "main") -> list[str]:
    return git(clone, "log", "--format=%s", span).stdout.splitlines()
