"""Finishing or undoing a verify or reopen whose process died (SIGKILL, a crash, a power cut).

The journal (:mod:`journal`) says what the action was doing; the repository says how far it
got: each of the record's files holds what was written (or its bytes before, or something
else since; a record in several language files may have been killed between two writes),
and HEAD is where it was, or the action's commit is on top of it (git runs in its own
session, so it may finish the commit after the reviewer died), or HEAD moved otherwise.

``finish`` commits the written files (only if each still holds what was written, or its
bytes before, which it then writes; and HEAD has not moved), with the journal's message and
author, running the hooks and the same checks as a verify; if the commit was made after
all, it checks that one. ``undo`` puts back each file that still holds what was written,
moves the branch back over the action's commit if that commit is on top, and puts the
files' index entries back. Neither touches anything else; each says what it did.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.core.atomic import write_atomic
from reviewer.core.errors import CommitUndone, Refused, ReviewerError
from reviewer.core.locks import record_lock, record_locks
from reviewer.core.record.document import RecordFile
from reviewer.core.review import commitcheck, gitcommit
from reviewer.core.review.commitcheck import Expected
from reviewer.core.review.committing import Attempt, commit_and_check, undo_and_explain
from reviewer.core.review.gitrepo import INDEX_LOCK_WAIT, REVIEW_LOCK_WAIT, GitRepo, Identity
from reviewer.core.review.gitundo import index_entry, move_branch, set_index_entry
from reviewer.core.review.journal import (
    Journal,
    JournalFile,
    leftover,
    read_journal,
    remove_journal,
    writer_at_work,
)
from reviewer.core.review.message import trailer_names
from reviewer.core.texts import text

# What a file holds now, against the journal (PARTLY: some files written, the others not yet).
WRITTEN, BEFORE, CHANGED, MISSING, PARTLY = "written", "before", "changed", "missing", "partly"
_ONE = {WRITTEN: "holds what the action wrote", BEFORE: "holds its bytes from before the action",
        CHANGED: "has changed since the action wrote it", MISSING: "is missing"}
_ALL = {WRITTEN: "the files hold what the action wrote",
        BEFORE: "the files hold their bytes from before the action",
        CHANGED: "the files have changed since the action wrote them",
        MISSING: "the files are missing"}


@dataclass
class FileState:
    """One of the record's files, and what it holds now."""
    entry: JournalFile
    path: Path
    state: str                    # WRITTEN, BEFORE, CHANGED or MISSING


def _aggregate(states: list[str]) -> str:
    if len(set(states)) == 1:
        return states[0]
    return MISSING if MISSING in states else CHANGED if CHANGED in states else PARTLY


@dataclass
class Interrupted:
    """A verify or reopen that did not finish, and how far it got."""
    journal: Journal
    files: list[FileState]        # the record's files (one, or one per language)
    head: str | None              # HEAD now
    commit: str | None = None     # the action's own commit, made after all
    commit_on_top: bool = False   # that commit is HEAD (the branch can move back over it)

    @property
    def path(self) -> Path:
        """The record's (first) file."""
        return self.files[0].path

    @property
    def file(self) -> str:
        """What the files hold: WRITTEN, BEFORE, CHANGED, MISSING, or PARTLY written."""
        return _aggregate([f.state for f in self.files])

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
            return text("HEAD moved since (it was {was}, it is {now})",
                        was=_short(self.journal.head), now=_short(self.head))
        if self.file == BEFORE:
            return text("it stopped before it wrote the file (nothing to commit)") \
                if len(self.files) == 1 else \
                text("it stopped before it wrote any of the files (nothing to commit)")
        for f in self.files:
            if f.state in (CHANGED, MISSING):
                return _changed_or_gone(f, len(self.files) == 1)
        return None

    def lines(self) -> list[str]:
        j = self.journal
        lines = [f"interrupted: {j.action} of {j.what} ({j.subject}), started {j.started} "
                 f"by process {j.pid}, which stopped before it was done", self._holds()]
        if self.commit_on_top:
            lines.append(f"git made the commit {_short(self.commit)} after all (HEAD)")
        elif self.commit:
            lines.append(f"git made the commit {_short(self.commit)} after all; later commits "
                         "are on top of it")
        elif not self.head_moved:
            lines.append(f"nothing was committed (HEAD is still {_short(self.head)})")
        why_not = self.cannot_finish
        files = "file" if len(self.files) == 1 else "files"
        lines.append("--finish: " + ("check that commit and keep it" if self.commit_on_top
                                     else f"commit the {files} as the action meant to"
                                     if why_not is None else f"not possible: {why_not}"))
        lines.append("--undo: " + "; ".join(self.undo_steps() or ["nothing left to undo"]))
        return lines

    def _holds(self) -> str:
        if len(self.files) == 1:
            return "the file " + _ONE[self.files[0].state]
        if self.file in _ALL:
            return _ALL[self.file] if len({f.state for f in self.files}) == 1 else \
                "; ".join(f"{f.entry.record} {_ONE[f.state]}" for f in self.files)
        return "the files are partly written (stopped between two writes): " + \
            "; ".join(f"{f.entry.record} {_ONE[f.state]}" for f in self.files)

    def undo_steps(self) -> list[str]:
        steps = []
        if self.commit_on_top:
            steps.append(f"move the branch back to {_short(self.journal.head)}")
        written = [f for f in self.files if f.state == WRITTEN]
        if len(self.files) == 1 and written:
            steps.append("put the file back as it was before")
        else:
            steps += [f"put {f.entry.record} back as it was before" for f in written]
        return steps + ["forget the interrupted action"]

    def to_json(self) -> dict:
        j = self.journal
        return {"action": j.action, "record": j.record, "records": j.records,
                "subject": j.subject, "pid": j.pid, "started": j.started, "file": self.file,
                "files": [{"record": f.entry.record, "file": f.state} for f in self.files],
                "head_before": j.head, "head": self.head, "commit": self.commit,
                "commit_on_top": self.commit_on_top, "can_finish": self.cannot_finish is None,
                "why_not": self.cannot_finish, "lines": self.lines()}


@dataclass
class Recovered:
    """What ``finish`` or ``undo`` did."""
    action: str                   # "finish" or "undo"
    journal: Journal
    paths: list[Path]             # the record's files
    commit: str | None = None     # finish: the commit that stands
    done: list[str] = field(default_factory=list)

    @property
    def path(self) -> Path:
        return self.paths[0]


def _short(sha: str | None) -> str:
    return sha[:7] if sha else "(no commit)"


def _changed_or_gone(f: FileState, only: bool) -> str:
    if only:
        return text("the file changed since the action wrote it") if f.state == CHANGED \
            else text("the file is gone")
    return text("{file} changed since the action wrote it", file=f.entry.record) \
        if f.state == CHANGED else text("{file} is gone", file=f.entry.record)


def _state(path: Path, entry: JournalFile) -> str:
    try:
        data = path.read_bytes()
    except OSError:
        return MISSING
    if hashlib.sha256(data).hexdigest() == entry.written_sha256:
        return WRITTEN
    return BEFORE if data == entry.before else CHANGED


def inspect(repo: GitRepo, *, locked: bool = False) -> Interrupted | None:
    """The interrupted action in this repository, if one was left behind (``locked``: the
    caller holds the review lock, so no other process is at work)."""
    if not locked and writer_at_work(repo.git_dir):
        return None
    journal = read_journal(repo.git_dir)
    if journal is None:
        return None
    files = [FileState(entry, repo.root / entry.record, _state(repo.root / entry.record, entry))
             for entry in journal.files]
    found = Interrupted(journal, files, repo.head_sha())
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
        raise Refused(text("cannot finish the interrupted {action}: {why}",
                           action=journal.action, why=why_not) + "; " +
                      text("reviewer recover --undo puts back what can be put back and forgets it"))
    saved = [RecordFile.from_bytes(f.entry.written, f.path) for f in found.files]
    identity = Identity(*journal.author)
    timeout = gitcommit.hook_timeout(repo)
    if found.commit_on_top:  # git finished it after the reviewer died: check it
        return _accept(repo, found, saved, identity, index_wait, timeout)
    repo.check_state()
    with record_locks(f.path for f in found.files):
        _write_the_rest(found)
        attempt = Attempt.start(repo, [(f.path, f.entry.record, f.entry.before)
                                       for f in found.files])
        tracked = [index_entry(repo, f.entry.record) is not None for f in found.files]
        try:
            sha = commit_and_check(repo, attempt, saved, journal.message, identity, tracked,
                                   index_wait, timeout)
        except BaseException as exc:  # git's side goes back; the written files and journal stay
            undo_and_explain(repo, attempt, exc, index_wait, forget=False)
            if isinstance(exc, Refused):
                exc.details.append(
                    text("the file still holds what the interrupted action wrote: fix the cause "
                         "and finish again, or reviewer recover --undo") if len(found.files) == 1
                    else text("the files hold what the interrupted action wrote: fix the cause "
                              "and finish again, or reviewer recover --undo"))
            raise
    return Recovered("finish", journal, [f.path for f in found.files], sha,
                     [text("committed {what} in {sha}: {subject}", what=journal.what,
                           sha=sha[:7], subject=journal.subject)])


def _write_the_rest(found: Interrupted) -> None:
    """Killed between two writes: the files it had not written yet get what it meant to
    write (each only if it still holds its bytes from before)."""
    for f in found.files:
        if f.state != BEFORE:
            continue
        with record_lock(f.path):
            if _state(f.path, f.entry) != BEFORE:
                raise Refused(text("cannot finish the interrupted {action}: {file} changed "
                                   "meanwhile", action=found.journal.action, file=f.entry.record)
                              + "; " + text("nothing was committed"))
            write_atomic(f.path, f.entry.written)
        f.state = WRITTEN


def _accept(repo: GitRepo, found: Interrupted, saved: list[RecordFile], identity: Identity,
            index_wait: float, timeout: float) -> Recovered:
    journal = found.journal
    expected = Expected(list(zip(journal.records, saved)), journal.head, identity,
                        trailer_names(journal.message, identity))
    verdict = commitcheck.inspect(repo, expected)
    if verdict.problems:  # like a verify's refused commit: it goes; the written files stay
        moved = journal.branch is not None and move_branch(repo, journal.branch, journal.head,
                                                           found.head)
        for f in found.files:
            _put_index_entry_back(repo, found, f, index_wait)
        raise CommitUndone(text("the commit {sha} git made after the reviewer stopped is not "
                                "what was meant: {problem}", sha=_short(found.commit),
                                problem=verdict.problems[0][1]) + "; "
                           + (text("it was undone") if moved else text("it could not be undone")),
                           details=[what for _, what in verdict.problems])
    commitcheck.follow_commit(repo, expected, verdict, index_wait, timeout)
    return Recovered("finish", journal, [f.path for f in found.files], found.commit,
                     [text("git made the commit {sha} after all", sha=_short(found.commit))
                      + "; " + text("it is exactly what was meant, and stands")])


def _undo(repo: GitRepo, found: Interrupted, index_wait: float) -> Recovered:
    journal = found.journal
    paths = [f.path for f in found.files]
    done = []
    if found.commit and not found.commit_on_top:  # the history went on: the commit stays
        return Recovered("undo", journal, paths, None, [
            text("left the commit {sha} and {what} alone: later commits are on top of it "
                 "(git revert {sha} takes it back)", sha=_short(found.commit), what=journal.what),
            text("forgot the interrupted action")])
    if found.commit_on_top and journal.branch:
        if not move_branch(repo, journal.branch, journal.head, found.head):
            raise Refused(text("{branch} could not be moved back to {head}",
                               branch=journal.branch, head=_short(journal.head)))
        done.append(text("moved {branch} back to {head} (the commit {sha} stays in git reflog)",
                         branch=journal.branch, head=_short(journal.head),
                         sha=_short(found.commit)))
    for f in found.files:
        if _put_index_entry_back(repo, found, f, index_wait):
            done.append(text("put {file} back in git's index as it was", file=f.entry.record))
    for f in found.files:
        if f.state == WRITTEN:
            write_atomic(f.path, f.entry.before)
            done.append(text("put {file} back as it was before the {action}",
                             file=f.entry.record, action=journal.action))
        elif f.state == CHANGED:
            done.append(text("left {file} as it is: it changed since the {action}",
                             file=f.entry.record, action=journal.action))
    return Recovered("undo", journal, paths, None, done + [text("forgot the interrupted action")])


def _put_index_entry_back(repo: GitRepo, found: Interrupted, f: FileState,
                          index_wait: float) -> bool:
    """The file's index entry as before the action, if the action changed it: its commit
    (on top, now undone) or its git add of a new file. An entry someone else staged since
    stays."""
    rel = f.entry.record
    now = index_entry(repo, rel)
    if now == f.entry.index_entry or now is None:
        return False
    ours = {_blob_id(repo, rel, f.entry.written)}
    if found.commit:
        ours.add(repo.run("rev-parse", f"{found.commit}:{rel}")[1].strip())
    if now[1] not in ours:
        return False
    return set_index_entry(repo, rel, f.entry.index_entry, index_wait)


def _blob_id(repo: GitRepo, rel: str, data: bytes) -> str:
    """The blob id git gives ``data`` as the file at ``rel`` (its filters applied)."""
    run = repo.run_guarded("hash-object", "--stdin", "--path", rel, stdin=data,
                           timeout=gitcommit.hook_timeout(repo))
    return run.out.decode("ascii", "replace").strip()

