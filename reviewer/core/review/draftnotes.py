"""Which audit notes are the draft's, not the auditor's.

An ``auditNote`` lets a pillar pass the gate though it fails a check ("cites a document
outside sources/; checked against the published text"). That is an auditor's statement, so
a note the AI or a legacy system drafted must not wave a pillar through: the Ordos draft's
"Strong policy-led statutory pillar." would otherwise pass its external citation.

A note is the draft's when the record's version before this review began already held the
same note for that pillar. That version is the last commit in which the record was a
draft (``reviewStatus: draft``, or absent, which the site's schema defaults to draft), or,
for a record never committed, the file as it was read. A drafted note counts once the
auditor changes it, or confirms it explicitly (the verify dialog's tick, ``reviewer verify
--keep-note PILLAR``).
"""

from __future__ import annotations

from typing import Any

from reviewer.core.errors import ReviewerError
from reviewer.core.record.document import RecordFile
from reviewer.core.review.gitrepo import GitRepo
from reviewer.core.review.model import PlannedFile
from reviewer.core.terms import DRAFT

# Commits of one record looked at for its last draft; records have a handful. Past this the
# oldest version read stands as the baseline (its notes count as drafted: the safe side).
HISTORY_LIMIT = 200


def drafted_notes(repo: GitRepo, file: PlannedFile, baseline: Any = None) -> dict[str, str]:
    """pillar -> the audit note the draft held (stripped), for ``file``'s record.
    ``baseline``: for a record never committed, the data the auditor started from when the
    caller knows it (the app's record as first loaded; else the file as read now)."""
    if file.new_file:
        return notes_of(baseline if baseline is not None else file.record.data)
    return notes_of(_draft_version(repo, file))


def notes_of(data: Any) -> dict[str, str]:
    analysis = data.get("analysis") if isinstance(data, dict) else None
    if not isinstance(analysis, dict):
        return {}
    return {name: pillar["auditNote"].strip() for name, pillar in analysis.items()
            if isinstance(pillar, dict) and isinstance(pillar.get("auditNote"), str)
            and pillar["auditNote"].strip()}


def is_drafted(note: Any, pillar: str, drafted: dict[str, str]) -> bool:
    return isinstance(note, str) and bool(note.strip()) and drafted.get(pillar) == note.strip()


def _draft_version(repo: GitRepo, file: PlannedFile) -> Any:
    """The data of the last committed version that was a draft (the oldest version read
    when none was; the file as read when the history cannot be read)."""
    oldest: Any = None
    for sha, name in _versions(repo, file.repo_path):
        data = _data_at(repo, sha, name, file)
        if data is None:
            continue
        oldest = data
        if data.get("reviewStatus", DRAFT) == DRAFT:
            return data
    return oldest if oldest is not None else file.record.data


def _versions(repo: GitRepo, repo_path: str) -> list[tuple[str, str]]:
    """(commit, the file's name in it), newest first, following renames. NUL-separated:
    a non-ASCII name is not quoted."""
    status, out, _ = repo.run("log", f"--max-count={HISTORY_LIMIT}", "--follow", "--format=%H",
                              "-z", "--name-only", "--", repo_path)
    if status != 0:
        return []
    tokens = [t.lstrip("\n") for t in str(out).split("\0") if t.strip("\n")]
    return list(zip(tokens[0::2], tokens[1::2]))


def _data_at(repo: GitRepo, sha: str, name: str, file: PlannedFile) -> dict | None:
    raw = repo.blob(sha, name)
    if raw is None:
        return None
    try:
        data = RecordFile.from_bytes(raw, file.path).data
    except ReviewerError:
        return None
    return data if isinstance(data, dict) else None
