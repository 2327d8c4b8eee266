"""What a verify or reopen is: the plan (computed, nothing written yet) and the result (a
commit that was made). Shared by planning (:mod:`plan`) and doing (:mod:`committing`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reviewer.core.errors import Refused
from reviewer.core.record.document import RecordFile
from reviewer.core.record.editor import Change
from reviewer.core.record.fielddiff import FieldChange
from reviewer.core.review.gate import GateReason
from reviewer.core.review.gitrepo import Identity
from reviewer.core.sources.citations import CitationResult


@dataclass
class ReviewPlan:
    """What a verify or reopen will do; nothing has been written yet."""
    action: str                     # VERIFY or REOPEN
    path: Path                      # the record file
    repo_path: str                  # its path in the repository
    record_id: str
    title: str
    identity: Identity
    edits: list[Change]             # the record-engine changes
    changes: list[FieldChange]      # field changes since the file's last commit, edits included
    reasons: list[GateReason]       # why it may not be verified; empty: it may
    subject: str
    message: str                    # the whole commit message
    new_file: bool                  # the file is not in HEAD yet
    tracked: bool                   # the file is in the index
    today: str                      # the audit date written (YYYY-MM-DD)
    text: str                       # the note (verify) or reason (reopen)
    old_bytes: bytes = field(repr=False)
    new_bytes: bytes | None = field(repr=False, default=None)   # None: not rendered yet
    head_bytes: bytes | None = field(repr=False, default=None)  # the file in HEAD
    record: RecordFile | None = field(repr=False, compare=False, default=None)
    citations: list[CitationResult] = field(default_factory=list)  # verify: checked vs sources

    @property
    def allowed(self) -> bool:
        return not self.reasons


@dataclass
class ReviewResult:
    """A commit that was made."""
    action: str
    path: Path
    repo_path: str
    record_id: str
    title: str
    identity: Identity
    commit: str
    subject: str
    message: str
    changes: list[FieldChange]

    @property
    def short(self) -> str:
        return self.commit[:7]



def nothing_to_commit(data: dict, path: Path) -> Refused:
    return Refused(f"already {data.get('reviewStatus')} and unchanged since the last commit; "
                   "nothing to commit", path=path)
