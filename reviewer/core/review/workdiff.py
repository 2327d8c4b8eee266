"""A record's working files against HEAD: field changes (``reviewer diff``) and line diffs.

A record in several language files is diffed file by file, each file's changes labelled
with its language; one file's record reads as it always did.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from reviewer.core.errors import ReviewerError
from reviewer.core.record.document import RecordFile
from reviewer.core.record.fielddiff import FieldChange, field_changes
from reviewer.core.review.gitrepo import GitRepo
from reviewer.core.review.planning import record_files
from reviewer.core.workspace import Workspace


@dataclass
class FileDiff:
    """One file of the record against HEAD."""
    language: str | None
    path: Path
    repo_path: str
    changes: list[FieldChange]
    new_file: bool                   # not in HEAD

    def to_json(self) -> dict:
        return {"language": self.language, "file": self.repo_path, "new_file": self.new_file,
                "changes": [c.to_json() for c in self.changes]}


@dataclass
class RecordDiff:
    """The record's working files against HEAD (the single-file fields are the first
    file's; ``changes`` are every file's, labelled with its language when there are
    several)."""
    path: Path
    repo_path: str
    changes: list[FieldChange]
    new_file: bool                   # not in HEAD
    files: list[FileDiff] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"file": self.repo_path, "new_file": self.new_file,
                "changes": [c.to_json() for c in self.changes],
                "files": [f.to_json() for f in self.files]}


def _file_diff(repo: GitRepo, language: str | None, path: Path, label: bool) -> FileDiff:
    rel = repo.relpath(path)
    head = repo.blob("HEAD", rel) if repo.head_sha() else None
    old = None
    if head is not None:
        try:
            old = RecordFile.from_bytes(head).data
        except ReviewerError as exc:
            raise ReviewerError(f"the committed version (HEAD) cannot be read: {exc}",
                                path=path) from None
    changes = field_changes(old, RecordFile.load(path).data)
    if label:
        changes = [replace(c, language=language) for c in changes]
    return FileDiff(language, path, rel, changes, head is None)


def diff_against_head(workspace: Workspace, record: str | Path) -> RecordDiff:
    """Field changes of the record's working files against HEAD (all fields when HEAD
    lacks a file)."""
    with GitRepo.open(workspace.root) as repo:
        files = record_files(workspace, workspace.resolve(record))
        diffs = [_file_diff(repo, language, path, len(files) > 1) for language, path in files.items()]
        first = diffs[0]
        return RecordDiff(first.path, first.repo_path, [c for d in diffs for c in d.changes],
                          all(d.new_file for d in diffs), diffs)


def line_diff(workspace: Workspace, record: str | Path) -> str:
    """``git diff`` of the record's working files against HEAD (against nothing when HEAD
    lacks one)."""
    with GitRepo.open(workspace.root) as repo:
        out = []
        for path in record_files(workspace, workspace.resolve(record)).values():
            rel = repo.relpath(path)
            if repo.head_sha() and repo.blob("HEAD", rel) is not None:
                args = ["diff", "--no-color", "--no-ext-diff", "HEAD", "--", rel]
            else:
                args = ["diff", "--no-color", "--no-ext-diff", "--no-index", "--", "/dev/null", rel]
            status, text, err = repo.run(*args)
            if status not in (0, 1):
                raise ReviewerError(f"git diff failed: {err.strip()}", path=path)
            out.append(text + "\n" if text else "")
        return "".join(out)
