"""Doing a planned verify or reopen: write the record's files, commit exactly them in one
commit, and put everything back when anything refuses or interrupts.

The order is what makes every failure recoverable: the index is read (to put back) and the
journal written (:mod:`journal`, for a crash nothing can catch) before anything changes;
then, under the locks of all the record's files, each file is written, the new ones
staged, all committed, and the commit is checked (:mod:`commitcheck`: exactly the record's
files, as verified, with the trailers). Whatever goes wrong after that (git refuses, a hook
hangs and is stopped, a check fails, the process gets SIGINT, SIGTERM or SIGHUP) undoes
it: the branch back to the commit it was on, the index as it was, each file to its bytes
before the verify (unless someone else changed it meanwhile). The undo itself is not
interrupted: those signals wait until it is done.
"""

from __future__ import annotations

import os
import signal
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from reviewer.core.atomic import write_atomic
from reviewer.core.errors import Refused
from reviewer.core.locks import record_locks
from reviewer.core.record.document import RecordFile
from reviewer.core.review import commitcheck, gitcommit
from reviewer.core.review.commitcheck import Expected
from reviewer.core.review.gitrepo import GitRepo, Identity
from reviewer.core.review.gitundo import branch_ref, index_entry, move_branch, read_index, restore_index
from reviewer.core.review.journal import Journal, JournalFile, now_text, remove_journal, write_journal
from reviewer.core.review.message import trailer_names
from reviewer.core.review.model import ReviewPlan, ReviewResult, nothing_to_commit
from reviewer.core.review.planning import rendered

STOPPING_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
                         if hasattr(signal, name))
WARNING = "warning: "


@dataclass
class FileAttempt:
    """One file of the record, to put back."""
    path: Path                      # the file
    rel: str                        # its path in the repository
    old_bytes: bytes                # its bytes before
    written: bytes | None = None    # the file as written (None: not written, leave it)
    tampered: bytes | None = None   # the file as a refused commit held it


@dataclass
class Attempt:
    """What a review changed so far, to undo it."""
    files: list[FileAttempt]        # the record's files
    head: str | None                # HEAD before
    branch: str | None              # the branch HEAD was on
    index: bytes | None             # the index file before
    git_ran: bool = False           # git add or commit ran (and may have changed something)
    sha: str = ""                   # the commit made, once it is checked

    @classmethod
    def start(cls, repo: GitRepo, files: list[tuple[Path, str, bytes]]) -> "Attempt":
        """``files``: (path, path in the repository, bytes before) of each file."""
        return cls([FileAttempt(*f) for f in files], repo.head_sha(), branch_ref(repo),
                   read_index(repo))

    @property
    def rels(self) -> list[str]:
        return [f.rel for f in self.files]


def commit_plan(repo: GitRepo, plan: ReviewPlan, index_wait: float) -> ReviewResult:
    """Write the plan's edits in each of the record's files and commit them in one commit;
    on any failure undo and re-raise."""
    timeout = gitcommit.hook_timeout(repo)  # a bad setting refuses before anything is written
    news = [f.new_bytes if f.new_bytes is not None else rendered(f) for f in plan.files]
    if all(new == f.head_bytes for new, f in zip(news, plan.files)):
        # e.g. an uncommitted un-verify, verified again
        raise nothing_to_commit(RecordFile.from_bytes(news[0]).data, plan.path)
    attempt = Attempt.start(repo, [(f.path, f.repo_path, f.old_bytes) for f in plan.files])
    journal = Journal(plan.action, [JournalFile(f.repo_path, f.old_bytes, new,
                                                index_entry(repo, f.repo_path))
                                    for f, new in zip(plan.files, news)],
                      attempt.head, attempt.branch, plan.message,
                      (plan.identity.name, plan.identity.email), os.getpid(), now_text())
    # No other writer of the record's files between our writes and the checked commit.
    with record_locks(plan.paths):
        _write_and_commit(repo, plan, attempt, journal, news, index_wait, timeout)
    remove_journal(repo.git_dir)
    return ReviewResult(plan.action, plan.path, plan.repo_path, plan.record_id, plan.title,
                        plan.identity, attempt.sha, plan.subject, plan.message, plan.changes,
                        plan.paths, plan.repo_paths)


def _write_and_commit(repo: GitRepo, plan: ReviewPlan, attempt: Attempt, journal: Journal,
                      news: list[bytes], index_wait: float, timeout: float) -> None:
    try:
        write_journal(repo.git_dir, journal)
        saved = []
        for file, step, new_bytes in zip(plan.files, attempt.files, news):
            # Set before the write: a signal may arrive the instant after it, before save returns.
            step.written = new_bytes if new_bytes != file.old_bytes else None
            done = file.record.save(file.edits)  # refuses if the file changed since it was read
            step.written = done.raw if done.raw != file.old_bytes else None
            if done.raw != new_bytes:  # same engine, same input
                raise Refused("the saved file differs from the planned one; nothing was committed",
                              path=file.path)
            saved.append(done)
        attempt.sha = commit_and_check(repo, attempt, saved, plan.message, plan.identity,
                                       [f.tracked for f in plan.files], index_wait, timeout)
    except BaseException as exc:
        undo_and_explain(repo, attempt, exc, index_wait)
        raise


def commit_and_check(repo: GitRepo, attempt: Attempt, saved: list[RecordFile], message: str,
                     identity: Identity, tracked: list[bool], index_wait: float,
                     timeout: float) -> str:
    """Stage the written files that are new, commit exactly the record's files, check the
    commit (raising CommitUndone if it is not what was verified); returns the commit."""
    attempt.git_ran = True
    new = [step.rel for step, known in zip(attempt.files, tracked) if not known]
    if new:
        gitcommit.add(repo, new, index_wait, timeout)
    run = gitcommit.commit_only(repo, attempt.rels, message, identity, index_wait, timeout)
    expected = Expected(list(zip(attempt.rels, saved)), attempt.head, identity,
                        trailer_names(message, identity))
    verdict = commitcheck.inspect(repo, expected)
    if verdict.problems:
        for step in attempt.files:
            step.tampered = verdict.committed.get(step.rel)
        raise verdict.refusal(commitcheck.culprit(repo, attempt.rels, verdict, run.hooks),
                              run.hooks)
    commitcheck.follow_commit(repo, expected, verdict, index_wait, timeout)
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
    """Put the branch, the index and the record's files back as they were; returns lines
    to show: what was undone in git, and warnings for what could not be. A file is put back
    if it holds what was written, or what a refused commit held (a hook that rewrote the
    working file too)."""
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
    for step in attempt.files:
        if step.written is not None:
            notes += _restore_file(step, {step.written, step.tampered} - {None})
    return notes


def _restore_file(step: FileAttempt, ours: set) -> list[str]:
    try:
        current = step.path.read_bytes()
    except OSError:
        current = None
    # Only our own write is undone: if someone saved the file meanwhile, theirs stays.
    if current not in ours:
        return []
    try:
        write_atomic(step.path, step.old_bytes)
    except OSError as exc:
        return [f"{WARNING}could not restore {step.rel}: {exc.strerror or exc}"]
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
