"""Services of the review in git: preview and commit a verify or reopen, history, diffs, and
finishing or undoing a verify or reopen whose process died."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewer.core.errors import IdentityMissing, ReviewerError
from reviewer.core.record.document import RecordFile
from reviewer.core.review import history as record_history
from reviewer.core.review import plan as review_plan
from reviewer.core.review import recovery
from reviewer.core.review.gitrepo import GitRepo
from reviewer.core.review.history import HistoryEntry, RecordDiff
from reviewer.core.review.plan import ReviewPlan, ReviewResult
from reviewer.core.review.recovery import Interrupted, Recovered
from reviewer.core.review.signing import Signature
from reviewer.core.services import records
from reviewer.core.services.changes import Changes, Outcome
from reviewer.core.services.listing import unshared  # noqa: F401 (the app asks it here)
from reviewer.core.terms import VERIFY
from reviewer.core.workspace import Workspace
from reviewer.core.texts import text

# The identity a preview is computed with when neither the dialog nor git has one yet: the
# auditor must still type theirs before committing.
PLACEHOLDER_NAME, PLACEHOLDER_EMAIL = "Reviewer", "reviewer@example.invalid"


@dataclass
class ReviewPreview:
    plan: ReviewPlan
    raw_diff: str
    identity_known: bool    # False: the plan uses the placeholder identity


def preview(ws: Workspace, path: Path, action: str, name: str | None = None,
            email: str | None = None, kept_notes: Iterable[str] = (),
            baseline: Any = None) -> ReviewPreview:
    """What verifying or reopening would commit, with the raw diffs, for a confirmation.
    The identity is the given one, else git's; with neither, a placeholder. A record in
    several language files shows each file's diffs. ``kept_notes``: pillars whose drafted
    audit note the auditor confirmed; ``baseline``: the record's data as the auditor began."""
    known = True
    notes = dict(kept_notes=kept_notes, baseline=baseline)
    try:
        plan = _plan(ws, path, action, name, email, **notes)
    except IdentityMissing:
        known = False
        plan = _plan(ws, path, action, name or PLACEHOLDER_NAME, email or PLACEHOLDER_EMAIL,
                     **notes)
    since_head = record_history.line_diff(ws, path)
    several = len(plan.files) > 1
    stamps = "".join(line for file in plan.files for line in difflib.unified_diff(
        file.old_bytes.decode("utf-8", "replace").splitlines(keepends=True),
        (file.new_bytes or b"").decode("utf-8", "replace").splitlines(keepends=True),
        file.repo_path if several else "working file",
        f"{file.repo_path} after {action}" if several else f"after {action}", n=1))
    raw = (since_head or "(no edits since the last commit)\n") + "\n" + stamps
    return ReviewPreview(plan, raw, known)


def _plan(ws: Workspace, path: Path, action: str, name: str | None, email: str | None,
          **notes: Any) -> ReviewPlan:
    # The reason of a reopen is typed after the preview; the preview shows where it goes.
    text = None if action == VERIFY else "(your reason)"
    return review_plan.plan(ws, path, action, reviewer=name, email=email, text=text, **notes)


def commit(ws: Workspace, shown: ReviewPlan, name: str, email: str,
           text: str | None, kept_notes: Iterable[str] | None = None,
           baseline: Any = None) -> Outcome[ReviewResult]:
    """Commit what a preview showed, with the identity, note or reason and confirmed
    audit notes; refused (nothing committed) if the record or its last commit changed."""
    result = review_plan.execute(ws, shown.path, shown.action, reviewer=name, email=email,
                                 text=text or "", expected=shown, kept_notes=kept_notes,
                                 baseline=baseline)
    return Outcome(result, _committed(result))


def review(ws: Workspace, ref: str | Path, action: str, *, reviewer: str | None = None,
           email: str | None = None, text: str | None = None,
           kept_notes: Iterable[str] = ()) -> Outcome[ReviewResult]:
    """Verify or reopen at once (the command line): plan, check and commit."""
    path, _ = records.locate(ws, ref)
    result = review_plan.execute(ws, path, action, reviewer=reviewer, email=email, text=text,
                                 kept_notes=kept_notes)
    return Outcome(result, _committed(result))


def git_identity(ws: Workspace) -> tuple[str | None, str | None]:
    """Git's own ``user.name`` and ``user.email`` for the workspace's repository (all
    levels of git's configuration): who a commit is by when the auditor names nobody."""
    with GitRepo.open(ws.root) as repo:
        return repo.config_identity()


def _committed(result: ReviewResult) -> Changes:
    if result.action == VERIFY:
        said = text("Verified {id} in commit {commit}: {subject}", id=result.record_id,
                    commit=result.short, subject=result.subject)
    else:
        said = text("Reopened {id} in commit {commit}: {subject}", id=result.record_id,
                    commit=result.short, subject=result.subject)
    changes = Changes(history=True, next_draft=result.action == VERIFY, message=said)
    _reload(changes, result.paths or [result.path])
    return changes


def _reload(changes: Changes, paths: list[Path]) -> None:
    for path in paths:
        try:
            changes.records[path] = RecordFile.load(path)
        except ReviewerError:
            pass  # changed again since, gone or unreadable: the watcher reports it


@dataclass
class History:
    path: Path
    entries: list[HistoryEntry]           # newest first
    verified_by: HistoryEntry | None      # the commit that made it verified, if it is


def history(ws: Workspace, ref: str | Path, limit: int | None = None,
            signatures: bool = True) -> History:
    """A record's commits, newest first, following renames (a record in several language
    files: every commit that changed any of them, once). ``signatures``: check the signed
    commits' signatures (gpg or ssh-keygen for each); else :func:`signatures` does, later."""
    path, _ = records.locate(ws, ref)
    entries = record_history.record_history(ws, path, limit=limit, signatures=signatures)
    return History(path, entries, record_history.last_verification(entries))


def signatures(ws: Workspace, history: History) -> dict[str, Signature]:
    """What checking the signatures of a history's signed commits says (commit -> result),
    for a history got with ``signatures=False``; the history is left as it is."""
    return record_history.check_signatures(ws, history.entries)


# ---- a verify or reopen whose process died -------------------------------------------------
def interrupted(ws: Workspace) -> Interrupted | None:
    """The verify or reopen left unfinished in the workspace's repository (its process was
    killed, or the machine stopped), with how far it got; None when there is none."""
    return recovery.interrupted_in(ws.root)


def recover(ws: Workspace, finish: bool) -> Outcome[Recovered]:
    """Finish (commit, with the usual checks) or undo the interrupted action."""
    done = recovery.recover(ws.root, finish)
    changes = Changes(history=True, message="; ".join(done.done))
    _reload(changes, done.paths)
    return Outcome(done, changes)


def diff(ws: Workspace, ref: str | Path) -> RecordDiff:
    """The record's working files against HEAD, field by field (each file's changes
    labelled with its language when there are several)."""
    return record_history.diff_against_head(ws, records.locate(ws, ref)[0])


def line_diff(ws: Workspace, ref: str | Path) -> str:
    return record_history.line_diff(ws, records.locate(ws, ref)[0])
