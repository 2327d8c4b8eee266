"""Doing a planned verify or reopen: write the record, commit exactly it, and put everything
back when anything refuses or interrupts.

The order is what makes every failure recoverable: the index is read (to put back) before
anything changes, then the record is written, staged if new, committed, and the commit is
checked (:mod:`commitcheck`: exactly the record, as verified, with the trailer). Whatever goes
wrong after that (git refuses, a hook hangs and is stopped, the process gets SIGINT, SIGTERM
or SIGHUP) undoes it: the branch back to the commit it was on, the index as it was, the
record file to its bytes before the verify (unless someone else changed it meanwhile).
The undo itself is not interrupted: those signals wait until it is done.
"""

from __future__ import annotations

import signal
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from reviewer.core.atomic import write_atomic
from reviewer.core.errors import EditRefused, Refused
from reviewer.core.record.document import RecordFile
from reviewer.core.review import commitcheck, gitcommit
from reviewer.core.review.commitcheck import Expected
from reviewer.core.review.gitrepo import GitRepo
from reviewer.core.review.gitundo import branch_ref, move_branch, read_index, restore_index
from reviewer.core.review.model import ReviewPlan, ReviewResult, nothing_to_commit

STOPPING_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
                         if hasattr(signal, name))


@dataclass
class Attempt:
    """What a review changed so far, to undo it."""
    plan: ReviewPlan
    head: str | None                # HEAD before
    branch: str | None              # the branch HEAD was on
    index: bytes | None             # the index file before
    written: bytes | None = None    # the record's bytes as written (None: not written)
    git_ran: bool = False           # git add or commit ran (and may have changed something)
    tampered: bytes | None = None   # the record as a refused commit held it


def commit_plan(repo: GitRepo, plan: ReviewPlan, index_wait: float) -> ReviewResult:
    """Write the plan's edits and commit the record; on any failure undo and re-raise."""
    timeout = gitcommit.hook_timeout(repo)  # a bad setting refuses before anything is written
    record = plan.record or RecordFile.from_bytes(plan.old_bytes, plan.path)
    new_bytes = plan.new_bytes if plan.new_bytes is not None else _render(record, plan)
    if new_bytes == plan.head_bytes:  # e.g. an uncommitted un-verify, verified again
        raise nothing_to_commit(RecordFile.from_bytes(new_bytes).data, plan.path)
    attempt = Attempt(plan, repo.head_sha(), branch_ref(repo), read_index(repo))
    try:
        # Set before the write: a signal may arrive the instant after it, before save returns.
        attempt.written = new_bytes if new_bytes != plan.old_bytes else None
        saved = record.save(plan.edits)  # refuses if the file changed since it was read
        attempt.written = saved.raw if saved.raw != plan.old_bytes else None
        if saved.raw != new_bytes:  # same engine, same input
            raise Refused("the saved file differs from the planned one; nothing was committed")
        attempt.git_ran = True
        if not plan.tracked:
            gitcommit.add(repo, plan.repo_path, index_wait, timeout)
        run = gitcommit.commit_only(repo, plan.repo_path, plan.message, plan.identity,
                                    index_wait, timeout)
        expected = Expected(plan.repo_path, attempt.head, saved, plan.identity)
        verdict = commitcheck.inspect(repo, expected)
        if verdict.problems:
            attempt.tampered = verdict.committed
            raise verdict.refusal(commitcheck.culprit(repo, plan.repo_path, verdict, run.hooks),
                                  run.hooks)
        commitcheck.follow_commit(repo, expected, verdict, plan.path, index_wait, timeout)
    except BaseException as exc:
        with signals_deferred():
            notes = undo(repo, attempt, index_wait)
        if notes and isinstance(exc, Refused):
            exc.details.extend(notes)
        raise
    return ReviewResult(plan.action, plan.path, plan.repo_path, plan.record_id, plan.title,
                        plan.identity, run.sha, plan.subject, plan.message, plan.changes)


def _render(record: RecordFile, plan: ReviewPlan) -> bytes:
    try:
        return record.render(plan.edits).encode("utf-8")
    except UnicodeEncodeError:
        raise EditRefused("the new value has characters that cannot be saved as UTF-8",
                          path=plan.path) from None


def undo(repo: GitRepo, attempt: Attempt, index_wait: float) -> list[str]:
    """Put the branch, the index and the record file back as they were; returns lines to
    show: what was undone in git, and warnings for what could not be. The record file is
    put back if it holds what was written, or what a refused commit held (a hook that
    rewrote the working file too)."""
    problems = []
    plan = attempt.plan
    if attempt.git_ran:
        now = repo.head_sha()
        if now != attempt.head and attempt.branch:
            if move_branch(repo, attempt.branch, attempt.head, now):
                problems.append(f"the commit {(now or '')[:7]} git had made was undone "
                                "(git reflog shows it)")
            else:
                problems.append(f"warning: {attempt.branch} could not be moved back to "
                                f"{(attempt.head or '(no commit)')[:7]}; run git reset --soft "
                                f"{attempt.head or ''}".rstrip())
        if not restore_index(repo, attempt.index, index_wait):
            problems.append("warning: git's index could not be put back (another git process "
                            f"holds {repo.git_dir / 'index.lock'}); check git status")
    if attempt.written is not None:
        problems += _restore_record(plan, {attempt.written, attempt.tampered} - {None})
    return problems


def _restore_record(plan: ReviewPlan, ours: set) -> list[str]:
    try:
        current = plan.path.read_bytes()
    except OSError:
        current = None
    # Only our own write is undone: if someone saved the file meanwhile, theirs stays.
    if current not in ours:
        return []
    try:
        write_atomic(plan.path, plan.old_bytes)
    except OSError as exc:
        return [f"warning: could not restore the file: {exc.strerror or exc}"]
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
