"""What a verify or reopen is: the plan (computed, nothing written yet) and the result (a
commit that was made). Shared by planning (:mod:`plan`) and doing (:mod:`committing`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewer.core.errors import Refused
from reviewer.core.record.document import RecordFile
from reviewer.core.record.editor import Change
from reviewer.core.record.fielddiff import FieldChange
from reviewer.core.review.gate import GateReason
from reviewer.core.review.gitrepo import Identity
from reviewer.core.sources.citations import CitationResult


@dataclass
class PlannedFile:
    """One file of the record (the record's only file, or one language's): what it holds,
    and what the review writes in it."""
    language: str | None
    path: Path                      # the file
    repo_path: str                  # its path in the repository
    record: RecordFile = field(repr=False)
    edits: list[Change]             # the record-engine changes
    old_bytes: bytes = field(repr=False)
    head_bytes: bytes | None = field(repr=False)    # the file in HEAD (None: not in HEAD)
    tracked: bool                   # the file is in the index
    new_bytes: bytes | None = field(repr=False, default=None)   # None: not rendered yet
    new_data: Any = field(repr=False, default=None)             # the data after the edits

    @property
    def new_file(self) -> bool:
        return self.head_bytes is None


@dataclass
class ReviewPlan:
    """What a verify or reopen will do; nothing has been written yet. A record kept in
    several language files is planned, gated and committed as one: ``files`` are all of
    them, the primary language first (the single-file properties are the primary's)."""
    action: str                     # VERIFY or REOPEN
    record_id: str
    title: str                      # the primary file's
    identity: Identity
    files: list[PlannedFile]
    changes: list[FieldChange]      # field changes since the last commit, edits included
    reasons: list[GateReason]       # why it may not be verified; empty: it may
    subject: str
    message: str                    # the whole commit message
    today: str                      # the audit date written (YYYY-MM-DD)
    text: str                       # the note (verify) or reason (reopen)
    citations: list[CitationResult] = field(default_factory=list)  # verify: checked vs sources
    # Audit notes the draft already held, still unchanged (pillar -> note): they explain a
    # failing pillar only when confirmed, i.e. named in kept_notes.
    drafted_notes: dict[str, str] = field(default_factory=dict)
    kept_notes: frozenset[str] = frozenset()

    @property
    def allowed(self) -> bool:
        return not self.reasons

    @property
    def primary(self) -> PlannedFile:
        return self.files[0]

    @property
    def path(self) -> Path:
        return self.primary.path

    @property
    def repo_path(self) -> str:
        return self.primary.repo_path

    @property
    def paths(self) -> list[Path]:
        return [f.path for f in self.files]

    @property
    def repo_paths(self) -> list[str]:
        return [f.repo_path for f in self.files]

    @property
    def record(self) -> RecordFile:
        return self.primary.record

    @property
    def edits(self) -> list[Change]:
        return self.primary.edits

    @property
    def old_bytes(self) -> bytes:
        return self.primary.old_bytes

    @property
    def new_bytes(self) -> bytes | None:
        return self.primary.new_bytes

    @property
    def head_bytes(self) -> bytes | None:
        return self.primary.head_bytes

    @property
    def new_file(self) -> bool:
        return all(f.new_file for f in self.files)


@dataclass
class ReviewResult:
    """A commit that was made."""
    action: str
    path: Path                      # the record's (primary) file
    repo_path: str
    record_id: str
    title: str
    identity: Identity
    commit: str
    subject: str
    message: str
    changes: list[FieldChange]
    paths: list[Path] = field(default_factory=list)         # every file of the record
    repo_paths: list[str] = field(default_factory=list)

    @property
    def short(self) -> str:
        return self.commit[:7]


def nothing_to_commit(data: dict, path: Path) -> Refused:
    return Refused(f"already {data.get('reviewStatus')} and unchanged since the last commit; "
                   "nothing to commit", path=path)
