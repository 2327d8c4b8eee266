"""A record's audit trail: its commits with their field-level changes, and its working diff.

History follows renames (``git log --follow``), and each commit's changes are computed by
reading the file before and after it with the record engine, so a commit reads as
``reviewStatus: draft → verified`` whether the file is YAML or JSON. Who verified the
record and when is the newest commit that moved it to ``verified``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewer.core.errors import ReviewerError
from reviewer.core.record.document import RecordFile
from reviewer.core.record.fielddiff import FieldChange, field_changes
from reviewer.core.review.gitrepo import GitRepo
from reviewer.core.terms import VERIFIED
from reviewer.core.workspace import Workspace

_COMMIT, _FIELD = "\x1e", "\x1f"
_FORMAT = _COMMIT + _FIELD.join(["%H", "%P", "%an", "%ae", "%aI", "%s"])


@dataclass
class HistoryEntry:
    sha: str
    author: str
    email: str
    date: str                        # author date, ISO 8601 with offset
    subject: str
    path: str                        # the file's path in this commit
    old_path: str | None = None      # set when this commit renamed the file
    added: bool = False              # the commit created the file
    deleted: bool = False            # the commit removed the file
    changes: list[FieldChange] = field(default_factory=list)
    status_before: Any = None        # reviewStatus before and after the commit
    status_after: Any = None
    unreadable: str | None = None    # a version that could not be read as a record
    parent: str | None = None        # first parent: what "before" means

    @property
    def short(self) -> str:
        return self.sha[:7]

    @property
    def day(self) -> str:
        return self.date[:10]

    @property
    def verified(self) -> bool:
        """This commit moved the record to ``verified`` (or added it verified)."""
        return self.status_after == VERIFIED and self.status_before != VERIFIED

    @property
    def reopened(self) -> bool:
        return self.status_before == VERIFIED and self.status_after not in (None, VERIFIED)

    def to_json(self) -> dict:
        return {"sha": self.sha, "author": self.author, "email": self.email, "date": self.date,
                "subject": self.subject, "path": self.path, "old_path": self.old_path,
                "added": self.added, "deleted": self.deleted,
                "changes": [c.to_json() for c in self.changes], "verified": self.verified,
                "reopened": self.reopened, "unreadable": self.unreadable}


@dataclass
class RecordDiff:
    """The working file against HEAD."""
    path: Path
    repo_path: str
    changes: list[FieldChange]
    new_file: bool                   # not in HEAD

    def to_json(self) -> dict:
        return {"file": self.repo_path, "new_file": self.new_file,
                "changes": [c.to_json() for c in self.changes]}


class _Reader:
    """Record data of files at revisions, each read once: in a straight history the
    'after' of one commit is the 'before' of the next newer one."""

    def __init__(self, repo: GitRepo) -> None:
        self.repo = repo
        self.cache: dict[str, tuple[bool, Any, str | None]] = {}

    def data(self, rev: str | None, rel: str) -> tuple[bool, Any, str | None]:
        """(exists, data, why it cannot be read) of the file at a revision."""
        if rev is None:
            return False, None, None
        key = f"{rev}:{rel}"
        if key not in self.cache:
            raw = self.repo.blob(rev, rel)
            if raw is None:
                self.cache[key] = (False, None, None)
            else:
                try:
                    self.cache[key] = (True, RecordFile.from_bytes(raw).data, None)
                except ReviewerError as exc:
                    self.cache[key] = (True, None, f"{rel} at {rev[:7]}: {exc}")
        return self.cache[key]


def _status(data: Any) -> Any:
    return data.get("reviewStatus") if isinstance(data, dict) else None


def record_history(workspace: Workspace, record: str | Path, *,
                   limit: int | None = None) -> list[HistoryEntry]:
    """The record's commits, newest first, following renames."""
    with GitRepo.open(workspace.root) as repo:
        path = workspace.resolve(record)
        rel = repo.relpath(path)
        if repo.head_sha() is None:
            return []
        args = ["log", "--follow", "-z", "--name-status", f"--format={_FORMAT}"]
        if limit:
            args.append(f"--max-count={int(limit)}")
        status, out, err = repo.run(*args, "--", rel)
        if status:
            raise ReviewerError(f"git log failed: {err.strip()}", path=path)
        reader = _Reader(repo)
        entries = []
        current = rel  # the file's name in the newest commit not yet seen
        for chunk in out.split(_COMMIT)[1:]:
            entry = _entry(chunk, current)
            if entry is None:
                continue
            current = entry.old_path or entry.path
            _fill_changes(reader, entry)
            entries.append(entry)
        return entries


def _entry(chunk: str, current: str) -> HistoryEntry | None:
    header, _, rest = chunk.partition("\0")
    parts = header.split(_FIELD)
    if len(parts) != 6:
        return None
    sha, parents, author, email, date, subject = parts
    entry = HistoryEntry(sha, author, email, date, subject, current)
    tokens = [t for t in rest.lstrip("\n").split("\0") if t]
    if tokens:  # merges show no status line: the file keeps its current name
        code = tokens[0]
        if code.startswith(("R", "C")) and len(tokens) >= 3:
            entry.old_path, entry.path = tokens[1], tokens[2]
            if code.startswith("C"):  # a copy: the source stays, this file is new
                entry.old_path, entry.added = None, True
        elif len(tokens) >= 2:
            entry.path = tokens[1]
            entry.added, entry.deleted = code == "A", code == "D"
    entry.parent = parents.split()[0] if parents.split() else None
    return entry


def _fill_changes(reader: _Reader, entry: HistoryEntry) -> None:
    parent = entry.parent
    before_path = entry.old_path or entry.path
    before_exists, before, problem_before = (False, None, None) if entry.added else \
        reader.data(parent, before_path)
    after_exists, after, problem_after = (False, None, None) if entry.deleted else \
        reader.data(entry.sha, entry.path)
    entry.unreadable = problem_after or problem_before
    entry.status_before, entry.status_after = _status(before), _status(after)
    if not before_exists:
        entry.added = entry.added or after_exists
    # A new file's fields are in the file; they are not repeated as changes.
    if entry.unreadable is None and before_exists and after_exists:
        entry.changes = field_changes(before, after)


def last_verification(entries: list[HistoryEntry]) -> HistoryEntry | None:
    """The commit that made the record verified, if the newest commit leaves it verified."""
    if not entries or entries[0].status_after != VERIFIED:
        return None
    return next((e for e in entries if e.verified), None)


def diff_against_head(workspace: Workspace, record: str | Path) -> RecordDiff:
    """Field changes of the working file against HEAD (all fields when HEAD lacks it)."""
    with GitRepo.open(workspace.root) as repo:
        path = workspace.resolve(record)
        rel = repo.relpath(path)
        head = repo.blob("HEAD", rel) if repo.head_sha() else None
        old = None
        if head is not None:
            try:
                old = RecordFile.from_bytes(head).data
            except ReviewerError as exc:
                raise ReviewerError(f"the committed version (HEAD) cannot be read: {exc}",
                                    path=path) from None
        new = RecordFile.load(path).data
        return RecordDiff(path, rel, field_changes(old, new), head is None)


def line_diff(workspace: Workspace, record: str | Path) -> str:
    """``git diff`` of the working file against HEAD (against nothing when HEAD lacks it)."""
    with GitRepo.open(workspace.root) as repo:
        path = workspace.resolve(record)
        rel = repo.relpath(path)
        if repo.head_sha() and repo.blob("HEAD", rel) is not None:
            args = ["diff", "--no-color", "--no-ext-diff", "HEAD", "--", rel]
        else:
            args = ["diff", "--no-color", "--no-ext-diff", "--no-index", "--", "/dev/null", rel]
        status, out, err = repo.run(*args)
        if status not in (0, 1):
            raise ReviewerError(f"git diff failed: {err.strip()}", path=path)
        return out + "\n" if out else ""
