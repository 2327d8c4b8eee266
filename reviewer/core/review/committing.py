"""Doing a planned verify or reopen: write the record, commit exactly it, and put everything
back when anything refuses or interrupts.

The order is what makes every failure recoverable: the index is read (to put back) and the
journal written (:mod:`journal`, for a crash nothing can catch) before anything changes;
then the record is written, staged if new, committed, and the commit is checked
(:mod:`commitcheck`: exactly the record, as verified, with the trailer). Whatever goes
wrong after that (git refuses, a hook hangs and is stopped, a check fails, the process gets
SIGINT, SIGTERM or SIGHUP) undoes it: the branch back to the commit it was on, the index as
it was, the record file to its bytes before the verify (unless someone else changed it
meanwhile). The undo itself is not interrupted: those signals wait until it is done.
"""

from __future__ import annotations

import os
import signal
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from reviewer.core.atomic import write_atomic
from reviewer.core.errors import EditRefused, Refused
from reviewer.core.locks import record_lock
from reviewer.core.record.document import RecordFile
from reviewer.core.review import commitcheck, gitcommit
from reviewer.core.review.commitcheck import Expected
from reviewer.core.review.gitrepo import GitRepo, Identity
from reviewer.core.review.gitundo import branch_ref, index_entry, move_branch, read_index, restore_index
from reviewer.core.review.journal import Journal, now_text, remove_journal, write_journal
from reviewer.core.review.model import ReviewPlan, ReviewResult, nothing_to_commit

STOPPING_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
                         if hasattr(signal, name))
WARNING = "warning: "


@dataclass
class Attempt:
    """What a review changed so far, to undo it."""
    path: Path                      # the record file
    rel: str                        # its path in the repository
    old_bytes: bytes                # its bytes before
    head: str | None                # HEAD before
    branch: str | None              # the branch HEAD was on
    index: bytes | None             # the index file before
    written: bytes | None = None    # the record as written (None: not written, leave it)
    tampered: bytes | None = None   # the record as a refused commit held it
    git_ran: bool = False           # git add or commit ran (and may have changed something)
    sha: str = ""                   # the commit made, once it is checked

    @classmethod
    def start(cls, repo: GitRepo, path: Path, rel: str, old_bytes: bytes) -> "Attempt":
        return cls(path, rel, old_bytes, repo.head_sha(), branch_ref(repo), read_index(repo))


def commit_plan(repo: GitRepo, plan: ReviewPlan, index_wait: float) -> ReviewResult:
    """Write the plan's edits and commit the record; on any failure undo and re-raise."""
    timeout = gitcommit.hook_timeout(repo)  # a bad setting refuses before anything is written
    record = plan.record or RecordFile.from_bytes(plan.old_bytes, plan.path)
    new_bytes = plan.new_bytes if plan.new_bytes is not None else _render(record, plan)
    if new_bytes == plan.head_bytes:  # e.g. an uncommitted un-verify, verified again
        raise nothing_to_commit(RecordFile.from_bytes(new_bytes).data, plan.path)
    attempt = Attempt.start(repo, plan.path, plan.repo_path, plan.old_bytes)
    journal = Journal(plan.action, plan.repo_path, plan.old_bytes, new_bytes, attempt.head,
                      attempt.branch, index_entry(repo, plan.repo_path), plan.message,
                      (plan.identity.name, plan.identity.email), os.getpid(), now_text())
    with record_lock(plan.path):  # no other writer of the record between our write and the commit
        _write_and_commit(repo, plan, record, attempt, journal, new_bytes, index_wait, timeout)
    remove_journal(repo.git_dir)
    return ReviewResult(plan.action, plan.path, plan.repo_path, plan.record_id, plan.title,
                        plan.identity, attempt.sha, plan.subject, plan.message, plan.changes)


def _write_and_commit(repo: GitRepo, plan: ReviewPlan, record: RecordFile, attempt: Attempt,
                      journal: Journal, new_bytes: bytes, index_wait: float, timeout: float) -> None:
    try:
        write_journal(repo.git_dir, journal)
        # Set before the write: a signal may arrive the instant after it, before save returns.
        attempt.written = new_bytes if new_bytes != plan.old_bytes else None
        saved = record.save(plan.edits)  # refuses if the file changed since it was read
        attempt.written = saved.raw if saved.raw != plan.old_bytes else None
        if saved.raw != new_bytes:  # same engine, same input
            raise Refused("the saved file differs from the planned one; nothing was committed")
        attempt.sha = commit_and_check(repo, attempt, saved, plan.message, plan.identity,
                                       plan.tracked, index_wait, timeout)
    except BaseException as exc:
        undo_and_explain(repo, attempt, exc, index_wait)
        raise


def _render(record: RecordFile, plan: ReviewPlan) -> bytes:
    try:
        return record.render(plan.edits).encode("utf-8")
    except UnicodeEncodeError:
        raise EditRefused("the new value has characters that cannot be saved as UTF-8",
                          path=plan.path) from None


def commit_and_check(repo: GitRepo, attempt: Attempt, saved: RecordFile, message: str,
                     identity: Identity, tracked: bool, index_wait: float, timeout: float) -> str:
    """Stage the written record if it is new, commit exactly it, check the commit (raising
    CommitUndone if it is not what was verified); returns the commit."""
    attempt.git_ran = True
    if not tracked:
        gitcommit.add(repo, attempt.rel, index_wait, timeout)
    run = gitcommit.commit_only(repo, attempt.rel, message, identity, index_wait, timeout)
    expected = Expected(attempt.rel, attempt.head, saved, identity)
    verdict = commitcheck.inspect(repo, expected)
    if verdict.problems:
        attempt.tampered = verdict.committed
        raise verdict.refusal(commitcheck.culprit(repo, attempt.rel, verdict, run.hooks),
                              run.hooks)
    commitcheck.follow_commit(repo, expected, verdict, attempt.path, index_wait, timeout)
    return run.sha


def undo_and_explain(repo: GitRepo, attempt: Attempt, exc: BaseException,
                     index_wait: float, forget: bool = True) -> None:
    """Undo (with the stopping signals held); the journal goes once all is back (unless
    not to ``forget`` it). What was undone in git, and what could not be, is added to a
    refusal's details."""
    with signals_deferred():
        notes = undo(repo, attempt, index_wait)
        if not any(note.startswith(WARNING) for note in notes):
            if forget:
                remove_journal(repo.git_dir)
        else:
            notes.append("reviewer recover shows what is left of this action; "
                         "reviewer recover --undo puts the rest back")
    if notes and isinstance(exc, Refused):
        exc.details.extend(notes)


def undo(repo: GitRepo, attempt: Attempt, index_wait: float) -> list[str]:
    """Put the branch, the index and the record file back as they were; returns lines to
    show: what was undone in git, and warnings for what could not be. The record file is
    put back if it holds what was written, or what a refused commit held (a hook that
    rewrote the working file too)."""
    notes = []
    if attempt.git_ran:
        now = repo.head_sha()
        if now != attempt.head and attempt.branch:
            if move_branch(repo, attempt.branch, attempt.head, now):
                notes.append(f"the commit {(now or '')[:7]} git had made was undone "
                             "(git reflog shows it)")
            else:
                notes.append(f"{WARNING}{attempt.branch} could not be moved back to "
                             f"{(attempt.head or '(no commit)')[:7]}; run git reset --soft "
                             f"{attempt.head or ''}".rstrip())
        if not restore_index(repo, attempt.index, index_wait):
            notes.append(f"{WARNING}git's index could not be put back (another git process "
                         f"holds {repo.git_dir / 'index.lock'}); check git status")
    if attempt.written is not None:
        notes += _restore_record(attempt, {attempt.written, attempt.tampered} - {None})
    return notes


def _restore_record(attempt: Attempt, ours: set) -> list[str]:
    try:
        current = attempt.path.read_bytes()
    except OSError:
        current = None
    # Only our own write is undone: if someone saved the file meanwhile, theirs stays.
    if current not in ours:
        return []
    try:
        write_atomic(attempt.path, attempt.old_bytes)
    except OSError as exc:
        return [f"{WARNING}could not restore the file: {exc.strerror or exc}"]
    return []


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP until the block is done (they are delivered then):
    an undo that is itself interrupted would leave half of the repository put back."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
