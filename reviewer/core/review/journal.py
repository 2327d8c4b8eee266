"""The journal of a verify or reopen in progress: what to finish or undo after a crash.

SIGKILL, a crash or a power cut cannot be caught, and may stop a verify after it wrote the
record and before (or while) git committed it. So before writing the record, the verify
writes ``reviewer-review.json`` in the git folder: the action; for each of the record's
files (one, or one per language) its path, its bytes before and as written (and their
sha-256) and its index entry before; HEAD and the branch before, the commit message and
author. The journal is removed once the commit is checked, or once a refused verify is
undone. One left behind means the process that wrote it died: the next command says so,
and ``reviewer recover`` finishes or undoes it.

Reading the journal needs no git process (so every command can look for one cheaply); a
journal whose writer is still at work holds the repository's review lock and is not
reported.
"""

from __future__ import annotations

import base64
import datetime as dt
import errno
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from reviewer.core import locks
from reviewer.core.atomic import write_atomic
from reviewer.core.errors import NoSpace, Refused, ReviewerError
from reviewer.core.review.gitrepo import REVIEW_LOCK_NAME
from reviewer.core.texts import text

JOURNAL_NAME = "reviewer-review.json"
VERSION = 2             # 1: one file, its fields at the top level (still read)


@dataclass
class JournalFile:
    """One file of the record: its path in the repository, its bytes before and as written,
    and its index entry before ((mode, sha); None: untracked)."""
    record: str
    before: bytes
    written: bytes
    index_entry: tuple[str, str] | None

    @property
    def written_sha256(self) -> str:
        return hashlib.sha256(self.written).hexdigest()

    def to_json(self) -> dict:
        return {"record": self.record, "before": _b64(self.before), "written": _b64(self.written),
                "written_sha256": self.written_sha256, "index_entry": self.index_entry}

    @classmethod
    def from_json(cls, data: dict) -> "JournalFile":
        written = base64.b64decode(data["written"])
        if hashlib.sha256(written).hexdigest() != data["written_sha256"]:
            raise ValueError("its written bytes do not match their sha-256")
        entry = data["index_entry"]
        return cls(str(data["record"]), base64.b64decode(data["before"]), written,
                   tuple(entry) if entry else None)


@dataclass
class Journal:
    action: str                           # verify or reopen
    files: list[JournalFile]              # the record's files (the primary language first)
    head: str | None                      # HEAD before (None: no commit yet)
    branch: str | None                    # the branch HEAD was on
    message: str                          # the commit message
    author: tuple[str, str]               # (name, email): the reviewer
    pid: int                              # the process that wrote the journal
    started: str                          # when (ISO 8601, local time)

    @property
    def record(self) -> str:
        """The record's (first) file in the repository."""
        return self.files[0].record

    @property
    def records(self) -> list[str]:
        return [f.record for f in self.files]

    @property
    def what(self) -> str:
        """The record's files, to name them in a sentence: ``a`` or ``a and b``."""
        names = self.records
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    @property
    def subject(self) -> str:
        return self.message.split("\n", 1)[0]

    def to_json(self) -> dict:
        return {"version": VERSION, "action": self.action, "files": [f.to_json() for f in self.files],
                "head": self.head, "branch": self.branch, "message": self.message,
                "author": list(self.author), "pid": self.pid, "started": self.started}

    @classmethod
    def from_json(cls, data: dict) -> "Journal":
        version = data.get("version")
        if version == 1:  # one file, its fields at the top (an older reviewer's journal)
            files = [JournalFile.from_json(data)]
        elif version == VERSION:
            files = [JournalFile.from_json(f) for f in data["files"]]
            if not files:
                raise ValueError("it names no file")
        else:
            raise ValueError(f"unknown journal version {version!r}")
        return cls(str(data["action"]), files, data["head"], data["branch"], str(data["message"]),
                   tuple(data["author"]), int(data["pid"]), str(data["started"]))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def now_text() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def journal_path(git_dir: Path) -> Path:
    return git_dir / JOURNAL_NAME


def write_journal(git_dir: Path, journal: Journal) -> None:
    data = json.dumps(journal.to_json(), ensure_ascii=False, indent=1).encode("utf-8")
    try:
        write_atomic(journal_path(git_dir), data)
    except OSError as exc:
        error = NoSpace if exc.errno == errno.ENOSPC else Refused
        raise error(text("cannot write {path}: {why}", path=journal_path(git_dir),
                         why=exc.strerror or exc) + "; " + text("nothing was changed")) from None


def read_journal(git_dir: Path) -> Journal | None:
    """The journal in ``git_dir``; None when there is none."""
    path = journal_path(git_dir)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ReviewerError(text("cannot read {path}: {why}", path=path,
                                 why=exc.strerror or exc)) from None
    try:
        return Journal.from_json(json.loads(raw.decode("utf-8")))
    except (ValueError, KeyError, TypeError) as exc:
        raise ReviewerError(text("{path} (the journal of an interrupted verify or reopen) cannot "
                                 "be read ({why})", path=path, why=exc) + "; "
                            + text("look at it, then remove it")) from None


def remove_journal(git_dir: Path) -> None:
    try:
        journal_path(git_dir).unlink()
    except FileNotFoundError:
        pass


def writer_at_work(git_dir: Path) -> bool:
    """Another process holds the review lock: a journal now is its own, not a leftover."""
    try:
        fd = os.open(git_dir / REVIEW_LOCK_NAME, os.O_RDWR)
    except OSError:
        return False
    try:
        if locks.try_lock(fd):
            locks.unlock(fd)
            return False
        return True
    finally:
        os.close(fd)


def find_work_tree(folder: Path) -> tuple[Path, Path] | None:
    """(work tree root, git folder) of the repository holding ``folder``: the git folder is
    ``.git``, or where a ``.git`` file points (linked work trees, submodules). No git runs."""
    for candidate in [folder, *folder.parents]:
        dot_git = candidate / ".git"
        if dot_git.is_dir():
            return candidate, dot_git
        if dot_git.is_file():
            try:
                pointer = dot_git.read_text(encoding="utf-8", errors="replace").strip()
            except OSError:
                return None
            if not pointer.startswith("gitdir:"):
                return None
            return candidate, (candidate / pointer[len("gitdir:"):].strip()).resolve()
    return None


def leftover(folder: Path) -> tuple[Path, Journal] | None:
    """(work tree root, journal) of an interrupted verify or reopen in the repository
    holding ``folder``, if one was left behind; cheap enough for every command."""
    found = find_work_tree(folder.resolve())
    if found is None:
        return None
    root, git_dir = found
    if not journal_path(git_dir).exists() or writer_at_work(git_dir):
        return None
    journal = read_journal(git_dir)
    return (root, journal) if journal is not None else None
