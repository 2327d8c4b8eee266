"""Verify and reopen a record: edit it through the record engine and commit exactly it.

A record is one file, or one file per language in a language layout; either way it is
reviewed and committed whole. :func:`plan` computes everything for either action (the
edits, the gate's reasons, the field changes since the last commit, the commit message)
without writing (:mod:`planning`), so the app can show a confirmation. :func:`execute` does
it: under a per-repository lock it checks git's state, re-reads the record's files, and
hands them to :mod:`committing`, which writes the edits (minimal diff), commits those files
in one commit, and puts everything back when anything refuses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from reviewer.core.errors import ConflictError, GateRefused, RepositoryBusy, ReviewerError
from reviewer.core.review.committing import commit_plan
from reviewer.core.review.gitrepo import INDEX_LOCK_WAIT, REVIEW_LOCK_WAIT, GitRepo
from reviewer.core.review.journal import read_journal
from reviewer.core.review.model import ReviewPlan, ReviewResult
from reviewer.core.review.planning import plan_review
from reviewer.core.terms import REOPEN, REVIEW_ACTIONS, VERIFY
from reviewer.core.workspace import Workspace


# ---- public API ----------------------------------------------------------------------------
def plan(workspace: Workspace, record: str | Path, action: str, *, reviewer: str | None = None,
         email: str | None = None, text: str | None = None,
         today: dt.date | str | None = None, kept_notes: Iterable[str] = (),
         baseline: Any = None) -> ReviewPlan:
    """What ``action`` (verify or reopen) would commit; writes nothing. ``text`` is the
    verify note or the reopen reason; ``kept_notes`` the pillars whose drafted audit note
    the auditor confirmed; ``baseline`` the data the auditor began from (see
    :mod:`draftnotes`)."""
    _known_action(action)
    with GitRepo.open(workspace.root) as repo:
        path, known = workspace.locate(record)
        return plan_review(repo, workspace, path, action, repo.identity(reviewer, email), text,
                           today, render=True, known=known, kept_notes=kept_notes,
                           baseline=baseline)


def execute(workspace: Workspace, record: str | Path, action: str, *,
            reviewer: str | None = None, email: str | None = None, text: str | None = None,
            today: dt.date | str | None = None, expected: ReviewPlan | None = None,
            kept_notes: Iterable[str] | None = None, baseline: Any = None,
            lock_wait: float = REVIEW_LOCK_WAIT, index_wait: float = INDEX_LOCK_WAIT) -> ReviewResult:
    """Do ``action`` and commit the record (all its files, in one commit). ``expected``: the
    plan the user confirmed (its identity, text and date are used unless given); if the
    record or its last commit changed since, nothing is done."""
    _known_action(action)
    if expected is not None:
        reviewer, email = reviewer or expected.identity.name, email or expected.identity.email
        text = expected.text if text is None else text
        today = expected.today if today is None else today
        kept_notes = expected.kept_notes if kept_notes is None else kept_notes
    with GitRepo.open(workspace.root) as repo:
        path, known = workspace.locate(record)
        identity = repo.identity(reviewer, email)
        try:
            with repo.review_lock(lock_wait):
                _check_no_interrupted_action(repo)
                # Planned again under the lock: another reviewer may have committed the
                # record meanwhile (the parse from finding the file is reused if unchanged).
                now = plan_review(repo, workspace, path, action, identity, text, today,
                                  render=False, known=known, kept_notes=kept_notes or (),
                                  baseline=baseline)
                _check_still_as_shown(now, expected)
                repo.wait_for_index(index_wait)
                return commit_plan(repo, now, index_wait)
        except ReviewerError as exc:
            raise exc.located(path) from None


def verify(workspace: Workspace, record: str | Path, *, note: str | None = None,
           **options: Any) -> ReviewResult:
    """Mark the record verified and commit it (see :func:`execute`)."""
    return execute(workspace, record, VERIFY, text=note, **options)


def reopen(workspace: Workspace, record: str | Path, *, reason: str, **options: Any) -> ReviewResult:
    """Move a verified record back to draft and commit it, with the reason."""
    return execute(workspace, record, REOPEN, text=reason, **options)


def _known_action(action: str) -> None:
    if action not in REVIEW_ACTIONS:
        raise ValueError(f"unknown review action {action!r}")


def _check_no_interrupted_action(repo: GitRepo) -> None:
    # Under the review lock a journal is a dead process's: its action must be finished or
    # undone first (and a new journal would overwrite what it knows).
    pending = read_journal(repo.git_dir)
    if pending is not None:
        raise RepositoryBusy(f"an interrupted {pending.action} of {pending.what} (process "
                             f"{pending.pid}, {pending.started}) was never finished; run "
                             "reviewer recover to see it, then reviewer recover --finish or "
                             "--undo; nothing was changed")


def _check_still_as_shown(now: ReviewPlan, expected: ReviewPlan | None) -> None:
    if expected is not None and (
            [(f.repo_path, f.old_bytes, f.head_bytes) for f in now.files]
            != [(f.repo_path, f.old_bytes, f.head_bytes) for f in expected.files]):
        raise ConflictError("the record or its history changed since the review was "
                            "prepared; review it again (nothing was committed)")
    if now.action == VERIFY and now.reasons:
        count = len(now.reasons)
        raise GateRefused(f"not verified: the record does not pass the verification "
                          f"gate ({count} reason{'s' if count > 1 else ''}); nothing "
                          "was changed", reasons=now.reasons)
