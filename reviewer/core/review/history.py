"""A record's audit trail: its commits with their field-level changes (its working diff is
in :mod:`workdiff`).

History follows renames (``git log --follow``), and each commit's changes are computed by
reading the file before and after it with the record engine, so a commit reads as
``reviewStatus: draft → verified`` whether the file is YAML or JSON. A record in several
language files follows all of them (renames are not followed then): one entry per commit,
its changes one list, a neutral field changed alike in every file listed once. Who verified
the record and when is the newest commit that moved it to ``verified``. Each commit says
whether it is signed and what checking its signature here says (:mod:`signing`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from reviewer.core.errors import ReviewerError
from reviewer.core.record.bundlediff import record_changes
from reviewer.core.record.document import RecordFile
from reviewer.core.record.fielddiff import FieldChange, field_changes
from reviewer.core.review.gitrepo import GitRepo
from reviewer.core.review.planning import record_files
from reviewer.core.review.signing import Signature, check, signature_kind, unchecked
from reviewer.core.review.workdiff import RecordDiff, diff_against_head, line_diff
from reviewer.core.terms import VERIFIED
from reviewer.core.workspace import Workspace

__all__ = ["HistoryEntry", "RecordDiff", "check_signatures", "diff_against_head",
           "last_verification", "line_diff", "record_history"]

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
    paths: list[str] = field(default_factory=list)          # the record's files it changed
    added_paths: list[str] = field(default_factory=list)    # those it created
    deleted_paths: list[str] = field(default_factory=list)  # those it removed
    signing: Signature = field(default_factory=Signature)   # its signature, as checked here

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

    @property
    def signed(self) -> bool:
        return self.signing.signed

    @property
    def signature(self) -> str:
        """none | good | unverified (signed, cannot be checked here) | bad"""
        return self.signing.status

    @property
    def signer(self) -> str:
        return self.signing.signer

    def to_json(self) -> dict:
        return {"sha": self.sha, "author": self.author, "email": self.email, "date": self.date,
                "subject": self.subject, "path": self.path, "old_path": self.old_path,
                "added": self.added, "deleted": self.deleted,
                "changes": [c.to_json() for c in self.changes], "verified": self.verified,
                "reopened": self.reopened, "unreadable": self.unreadable, "paths": self.paths,
                "added_paths": self.added_paths, "deleted_paths": self.deleted_paths,
                **self.signing.to_json()}


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


def record_history(workspace: Workspace, record: str | Path, *, limit: int | None = None,
                   signatures: bool = True) -> list[HistoryEntry]:
    """The record's commits, newest first: following renames, or (a record in several
    language files) every commit that changed any of its files, once. Each says whether
    it is signed; ``signatures``: check the signatures too (else :func:`check_signatures`
    does, later)."""
    with GitRepo.open(workspace.root) as repo:
        path = workspace.resolve(record)
        files = record_files(workspace, path)
        if repo.head_sha() is None:
            return []
        # --no-show-signature: log.showSignature would write gpg's words into the output
        args = ["log", "-z", "--name-status", "--no-show-signature", f"--format={_FORMAT}"]
        if limit:
            args.append(f"--max-count={int(limit)}")
        if len(files) > 1:
            rels = {repo.relpath(p): language for language, p in files.items()}
            out = _log(repo, path, [*args, "--no-renames", "--", *rels])
            return _signed(repo, _record_entries(_Reader(repo), out, rels,
                                                 workspace.config.is_neutral), signatures)
        rel = repo.relpath(path)
        out = _log(repo, path, [*args[:1], "--follow", *args[1:], "--", rel])
        reader = _Reader(repo)
        entries = []
        current = rel  # the file's name in the newest commit not yet seen
        for chunk in out.split(_COMMIT)[1:]:
            entry = _entry(chunk, current)
            if entry is None:
                continue
            current = entry.old_path or entry.path
            _fill_changes(reader, entry)
            entry.paths = [entry.path]
            entry.added_paths = [entry.path] if entry.added else []
            entry.deleted_paths = [entry.path] if entry.deleted else []
            entries.append(entry)
        return _signed(repo, entries, signatures)


def _signed(repo: GitRepo, entries: list[HistoryEntry], checking: bool) -> list[HistoryEntry]:
    """The entries, each with its signature: read from every commit, and (``checking``)
    checked (gpg, ssh-keygen) for the signed ones only, all at once."""
    for entry in entries:
        entry.signing = unchecked(signature_kind(repo.commit_object(entry.sha)))
    if checking:
        _apply(entries, _check(repo, entries))
    return entries


def _check(repo: GitRepo, entries: list[HistoryEntry]) -> dict[str, Signature]:
    return check(repo, {e.sha: e.signing.kind for e in entries if e.signed})


def _apply(entries: list[HistoryEntry], checked: dict[str, Signature]) -> None:
    for entry in entries:
        entry.signing = checked.get(entry.sha, entry.signing)


def check_signatures(workspace: Workspace, entries: list[HistoryEntry]) -> dict[str, Signature]:
    """What checking each signed entry's signature says (commit -> signature); the entries
    are left as they are (the app applies the result on its own thread)."""
    with GitRepo.open(workspace.root) as repo:
        return _check(repo, entries)


def _log(repo: GitRepo, path: Path, args: list[str]) -> str:
    status, out, err = repo.run(*args)
    if status:
        raise ReviewerError(f"git log failed: {err.strip()}", path=path)
    return out


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


# ---- a record in several language files ------------------------------------------------------
def _record_entries(reader: _Reader, out: str, rels: dict[str, str | None],
                    is_neutral: Callable[[tuple], bool]) -> list[HistoryEntry]:
    """One entry per commit that changed any of the record's files (``rels``: path ->
    language, the primary first): its changes as one list, a neutral change once."""
    entries = []
    for chunk in out.split(_COMMIT)[1:]:
        header, _, rest = chunk.partition("\0")
        parts = header.split(_FIELD)
        if len(parts) != 6:
            continue
        sha, parents, author, email, date, subject = parts
        tokens = [t for t in rest.lstrip("\n").split("\0") if t]
        touched = {path: code for code, path in zip(tokens[::2], tokens[1::2]) if path in rels}
        first = next((r for r in rels if r in touched), next(iter(rels)))
        entry = HistoryEntry(sha, author, email, date, subject, first,
                             parent=parents.split()[0] if parents.split() else None)
        entry.paths = [r for r in rels if r in touched]
        per_file = {}
        for rel in entry.paths:
            changes = _file_changes(reader, entry, rel, touched[rel])
            if changes is not None:
                per_file[rels[rel]] = changes
        entry.changes = record_changes(per_file, list(rels.values()), is_neutral)
        entry.added = bool(entry.paths) and entry.added_paths == entry.paths
        entry.deleted = bool(entry.paths) and entry.deleted_paths == entry.paths
        entry.status_before = _record_status(reader, entry.parent, list(rels))
        entry.status_after = _record_status(reader, entry.sha, list(rels))
        entries.append(entry)
    return entries


def _file_changes(reader: _Reader, entry: HistoryEntry, rel: str,
                  code: str) -> list[FieldChange] | None:
    """One file's changes in the entry's commit (None: nothing to compare: it was added,
    deleted or cannot be read; the entry says which)."""
    before_exists, before, problem_before = (False, None, None) if code == "A" else \
        reader.data(entry.parent, rel)
    after_exists, after, problem_after = (False, None, None) if code == "D" else \
        reader.data(entry.sha, rel)
    if not before_exists and after_exists:
        entry.added_paths.append(rel)
    elif before_exists and not after_exists:
        entry.deleted_paths.append(rel)
    problem = problem_after or problem_before
    if problem is not None:
        entry.unreadable = entry.unreadable or problem
        return None
    return field_changes(before, after) if before_exists and after_exists else None


def _record_status(reader: _Reader, rev: str | None, rels: list[str]) -> Any:
    """The record's reviewStatus at a revision: its first language file's that exists."""
    for rel in rels:
        exists, data, _ = reader.data(rev, rel)
        if exists:
            return _status(data)
    return None
