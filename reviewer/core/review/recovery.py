"""Finishing or undoing a verify or reopen whose process died (SIGKILL, a crash, a power cut).

The journal (:mod:`journal`) says what the action was doing; the repository says how far it
got: the record file holds what was written (or its bytes before, or something else since),
and HEAD is where it was, or the action's commit is on top of it (git runs in its own
session, so it may finish the commit after the reviewer died), or HEAD moved otherwise.

``finish`` commits the written record (only if the file still holds it and HEAD has not
moved), with the journal's message and author, running the hooks and the same checks as a
verify; if the commit was made after all, it checks that one. ``undo`` puts the file back
(only if it still holds what was written), moves the branch back over the action's commit
if that commit is on top, and puts the record's index entry back. Neither touches anything
else; each says what it did.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.core.atomic import write_atomic
from reviewer.core.errors import CommitUndone, Refused, ReviewerError
from reviewer.core.record.document import RecordFile
from reviewer.core.review import commitcheck, gitcommit
from reviewer.core.review.commitcheck import Expected
from reviewer.core.review.committing import Attempt, commit_and_check, undo_and_explain
from reviewer.core.review.gitrepo import INDEX_LOCK_WAIT, REVIEW_LOCK_WAIT, GitRepo, Identity
from reviewer.core.review.gitundo import index_entry, move_branch, set_index_entry
from reviewer.core.review.journal import Journal, leftover, read_journal, remove_journal, writer_at_work

# What the record file holds now, against the journal.
WRITTEN, BEFORE, CHANGED, MISSING = "written", "before", "changed", "missing"


@dataclass
class Interrupted:
    """A verify or reopen that did not finish, and how far it got."""
    journal: Journal
    path: Path                    # the record file
    file: str                     # WRITTEN, BEFORE, CHANGED or MISSING
    head: str | None              # HEAD now
    commit: str | None = None     # the action's own commit, made after all
    commit_on_top: bool = False   # that commit is HEAD (the branch can move back over it)

    @property
    def head_moved(self) -> bool:
        """HEAD is neither where it was nor on the action's own commit."""
        return self.head != self.journal.head and not self.commit_on_top

    @property
    def cannot_finish(self) -> str | None:
        """Why ``finish`` cannot be done; None when it can."""
        if self.commit_on_top:
            return None
        if self.head_moved:
            return f"HEAD moved since (it was {_short(self.journal.head)}, it is {_short(self.head)})"
        if self.file != WRITTEN:
            return {BEFORE: "it stopped before it wrote the file (nothing to commit)",
                    CHANGED: "the file changed since the action wrote it",
                    MISSING: "the file is gone"}[self.file]
        return None

    def lines(self) -> list[str]:
        j = self.journal
        lines = [f"interrupted: {j.action} of {j.record} ({j.subject}), started {j.started} "
                 f"by process {j.pid}, which stopped before it was done"]
        lines.append({WRITTEN: "the file holds what the action wrote",
                      BEFORE: "the file holds its bytes from before the action",
                      CHANGED: "the file has changed since the action wrote it",
                      MISSING: "the file is missing"}[self.file])
        if self.commit_on_top:
            lines.append(f"git made the commit {_short(self.commit)} after all (HEAD)")
        elif self.commit:
            lines.append(f"git made the commit {_short(self.commit)} after all; later commits "
                         "are on top of it")
        elif not self.head_moved:
            lines.append(f"nothing was committed (HEAD is still {_short(self.head)})")
        why_not = self.cannot_finish
        lines.append("--finish: " + ("check that commit and keep it" if self.commit_on_top
                                     else "commit the file as the action meant to"
                                     if why_not is None else f"not possible: {why_not}"))
        lines.append("--undo: " + "; ".join(self.undo_steps() or ["nothing left to undo"]))
        return lines

    def undo_steps(self) -> list[str]:
        steps = []
        if self.commit_on_top:
            steps.append(f"move the branch back to {_short(self.journal.head)}")
        if self.file == WRITTEN:
            steps.append("put the file back as it was before")
        return steps + ["forget the interrupted action"]

    def to_json(self) -> dict:
        j = self.journal
        return {"action": j.action, "record": j.record, "subject": j.subject, "pid": j.pid,
                "started": j.started, "file": self.file, "head_before": j.head,
                "head": self.head, "commit": self.commit, "commit_on_top": self.commit_on_top,
                "can_finish": self.cannot_finish is None, "why_not": self.cannot_finish,
                "lines": self.lines()}


@dataclass
class Recovered:
    """What ``finish`` or ``undo`` did."""
    action: str                   # "finish" or "undo"
    journal: Journal
    path: Path
    commit: str | None = None     # finish: the commit that stands
    done: list[str] = field(default_factory=list)


def _short(sha: str | None) -> str:
    return sha[:7] if sha else "(no commit)"


def inspect(repo: GitRepo, *, locked: bool = False) -> Interrupted | None:
    """The interrupted action in this repository, if one was left behind (``locked``: the
    caller holds the review lock, so no other process is at work)."""
    if not locked and writer_at_work(repo.git_dir):
        return None
    journal = read_journal(repo.git_dir)
    if journal is None:
        return None
    path = repo.root / journal.record
    try:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        file = WRITTEN if digest == journal.written_sha256 else BEFORE \
            if data == journal.before else CHANGED
    except OSError:
        file = MISSING
    found = Interrupted(journal, path, file, repo.head_sha())
    if found.head != journal.head:
        found.commit = _own_commit(repo, journal)
        found.commit_on_top = found.commit is not None and found.commit == found.head
    return found


def interrupted_in(root: Path) -> Interrupted | None:
    """The interrupted action in the repository holding ``root`` (None: none, or not in git)."""
    if leftover(root) is None:  # cheap: no git process unless there is a journal
        return None
    with GitRepo.open(root) as repo:
        return inspect(repo)


def _own_commit(repo: GitRepo, journal: Journal) -> str | None:
    """The first commit on the branch since the journal's HEAD, if it is the action's:
    its first parent is that HEAD and its subject is the journal's."""
    span = f"{journal.head}..HEAD" if journal.head else "HEAD"
    status, out, _ = repo.run("rev-list", "--first-parent", "--reverse", "--format=%P%x00%s", span)
    lines = out.splitlines() if status == 0 else []
    if len(lines) < 2 or not lines[0].startswith("commit "):
        return None
    parents, _, subject = lines[1].partition("\0")
    first_parent = parents.split()[0] if parents.split() else None
    if first_parent == journal.head and subject == journal.subject:
        return lines[0].split()[1]
    return None


def recover(root: Path, finish: bool, *, lock_wait: float = REVIEW_LOCK_WAIT,
            index_wait: float = INDEX_LOCK_WAIT) -> Recovered:
    """Finish or undo the interrupted action in the repository at ``root``."""
    with GitRepo.open(root) as repo, repo.review_lock(lock_wait):
        repo.wait_for_index(index_wait)  # git may still be at it (it outlives the reviewer)
        found = inspect(repo, locked=True)
        if found is None:
            raise Refused("no interrupted verify or reopen to recover in this repository")
        try:
            done = _finish(repo, found, index_wait) if finish else _undo(repo, found, index_wait)
        except ReviewerError as exc:
            raise exc.located(found.path) from None
        remove_journal(repo.git_dir)
        return done


def _finish(repo: GitRepo, found: Interrupted, index_wait: float) -> Recovered:
    journal = found.journal
    why_not = found.cannot_finish
    if why_not is not None:
        raise Refused(f"cannot finish the interrupted {journal.action}: {why_not}; "
                      "reviewer recover --undo puts back what can be put back and forgets it")
    saved = RecordFile.from_bytes(journal.written, found.path)
    identity = Identity(*journal.author)
    timeout = gitcommit.hook_timeout(repo)
    if found.commit_on_top:  # git finished it after the reviewer died: check it
        return _accept(repo, found, saved, identity, index_wait, timeout)
    repo.check_state()
    attempt = Attempt.start(repo, found.path, journal.record, journal.before)
    try:
        sha = commit_and_check(repo, attempt, saved, journal.message, identity,
                               index_entry(repo, journal.record) is not None, index_wait, timeout)
    except BaseException as exc:  # git's side goes back; the written file and journal stay
        undo_and_explain(repo, attempt, exc, index_wait, forget=False)
        if isinstance(exc, Refused):
            exc.details.append("the file still holds what the interrupted action wrote: fix "
                               "the cause and finish again, or reviewer recover --undo")
        raise
    return Recovered("finish", journal, found.path, sha,
                     [f"committed {journal.record} in {sha[:7]}: {journal.subject}"])


def _accept(repo: GitRepo, found: Interrupted, saved: RecordFile, identity: Identity,
            index_wait: float, timeout: float) -> Recovered:
    journal = found.journal
    expected = Expected(journal.record, journal.head, saved, identity)
    verdict = commitcheck.inspect(repo, expected)
    if verdict.problems:  # like a verify's refused commit: it goes; the written file stays
        moved = journal.branch is not None and move_branch(repo, journal.branch, journal.head,
                                                           found.head)
        _put_index_entry_back(repo, found, index_wait)
        raise CommitUndone(f"the commit {_short(found.commit)} git made after the reviewer "
                           f"stopped is not what was meant: {verdict.problems[0][1]}; "
                           + ("it was undone" if moved else "it could not be undone"),
                           details=[what for _, what in verdict.problems])
    commitcheck.follow_commit(repo, expected, verdict, found.path, index_wait, timeout)
    return Recovered("finish", journal, found.path, found.commit,
                     [f"git made the commit {_short(found.commit)} after all; it is exactly "
                      "what was meant, and stands"])


def _undo(repo: GitRepo, found: Interrupted, index_wait: float) -> Recovered:
    journal = found.journal
    done = []
    if found.commit and not found.commit_on_top:  # the history went on: the commit stays
        return Recovered("undo", journal, found.path, None, [
            f"left the commit {_short(found.commit)} and {journal.record} alone: later commits "
            f"are on top of it (git revert {_short(found.commit)} takes it back)",
            "forgot the interrupted action"])
    if found.commit_on_top and journal.branch:
        if not move_branch(repo, journal.branch, journal.head, found.head):
            raise Refused(f"{journal.branch} could not be moved back to {_short(journal.head)}")
        done.append(f"moved {journal.branch} back to {_short(journal.head)} (the commit "
                    f"{_short(found.commit)} stays in git reflog)")
    if _put_index_entry_back(repo, found, index_wait):
        done.append(f"put {journal.record} back in git's index as it was")
    if found.file == WRITTEN:
        write_atomic(found.path, journal.before)
        done.append(f"put {journal.record} back as it was before the {journal.action}")
    elif found.file == CHANGED:
        done.append(f"left {journal.record} as it is: it changed since the {journal.action}")
    return Recovered("undo", journal, found.path, None, done + ["forgot the interrupted action"])


def _put_index_entry_back(repo: GitRepo, found: Interrupted, index_wait: float) -> bool:
    """The record's index entry as before the action, if the action changed it: its commit
    (on top, now undone) or its git add of a new file. An entry someone else staged since
    stays."""
    journal = found.journal
    now = index_entry(repo, journal.record)
    if now == journal.index_entry or now is None:
        return False
    ours = {_blob_id(repo, journal.record, journal.written)}
    if found.commit:
        ours.add(repo.run("rev-parse", f"{found.commit}:{journal.record}")[1].strip())
    if now[1] not in ours:
        return False
    return set_index_entry(repo, journal.record, journal.index_entry, index_wait)


def _blob_id(repo: GitRepo, rel: str, data: bytes) -> str:
    """The blob id git gives ``data`` as the file at ``rel`` (its filters applied)."""
    run = repo.run_guarded("hash-object", "--stdin", "--path", rel, stdin=data,
                           timeout=gitcommit.hook_timeout(repo))
    return run.out.decode("ascii", "replace").strip()

