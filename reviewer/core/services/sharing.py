"""Services of team work: sync with the shared remote, and settle what a sync stops on.

``sync``: fetch the branch's upstream, replay this clone's commits on top of it (a rebase,
never a merge commit), push; a push refused because the remote moved fetches and replays
again, a bounded number of times. Uncommitted edits are put aside and merged back when it
ends (:mod:`reviewer.core.review.syncstate`). A field both sides changed differently pauses
the rebase: ``conflicts`` lists them (mine = this clone's, theirs = the remote's),
``resolve`` settles one, ``continue_sync`` goes on, ``abort_sync`` puts everything back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewer.core.errors import IdentityMissing, Refused, RepositoryBusy, ReviewerError
from reviewer.core.record.merge import ABSENT, MINE, THEIRS
from reviewer.core.review import rebasing, remote, syncstate
from reviewer.core.review.gitcommit import hook_timeout
from reviewer.core.review.gitrepo import GitRepo
from reviewer.core.review.mergedriver import clear_conflicts
from reviewer.core.review.rebasing import Conflict
from reviewer.core.review.remote import RemoteError, Upstream
from reviewer.core.review.syncstate import PutBack, SyncState
from reviewer.core.services import sync as driver
from reviewer.core.services.changes import Changes, Outcome
from reviewer.core.workspace import Workspace

MAX_ATTEMPTS = 3        # pushes refused because the remote moved, before giving up for now
UP_TO_DATE, SYNCED, CONFLICTS, ABORTED = "up-to-date", "synced", "conflicts", "aborted"


@dataclass
class SyncStatus:
    """Where the branch stands against its upstream, as of the last fetch."""
    branch: str | None = None
    upstream: str | None = None       # e.g. origin/main
    ahead: int = 0
    behind: int = 0
    paused: bool = False              # a sync waits on conflicts
    interrupted: bool = False         # a sync stopped half way (killed): the next one finishes it
    problem: str | None = None        # why there is nothing to sync with (no upstream...)

    def to_json(self) -> dict:
        return dict(self.__dict__)


@dataclass
class SyncResult:
    status: str                       # UP_TO_DATE, SYNCED, CONFLICTS or ABORTED
    branch: str = ""
    upstream: str = ""
    received: int = 0                 # the remote's commits now in the branch
    pushed: int = 0                   # commits of this clone now on the remote
    attempts: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    put_back: list[str] = field(default_factory=list)     # about the uncommitted edits
    setup: list[str] = field(default_factory=list)        # the merge driver, set up now
    stopped: str = ""                 # git's words when the rebase paused on something else
    changed: list[str] = field(default_factory=list)      # repository paths the sync changed

    @property
    def message(self) -> str:
        if self.status == CONFLICTS:
            return (f"sync paused: {len(self.conflicts)} conflict(s) to resolve"
                    if self.conflicts else f"sync paused: {self.stopped or 'see git status'}")
        if self.status == ABORTED:
            return "sync aborted: the branch and your edits are as they were before it"
        if self.status == UP_TO_DATE:
            return f"{self.branch} is up to date with {self.upstream}"
        return (f"synced {self.branch} with {self.upstream}: {self.received} commit(s) received, "
                f"{self.pushed} pushed")

    def to_json(self) -> dict:
        return {"status": self.status, "branch": self.branch, "upstream": self.upstream,
                "received": self.received, "pushed": self.pushed, "attempts": self.attempts,
                "conflicts": [conflict_json(c) for c in self.conflicts],
                "put_back": self.put_back, "setup": self.setup, "stopped": self.stopped,
                "changed": self.changed, "message": self.message}


def conflict_json(conflict: Conflict) -> dict:
    def shown(value: Any) -> Any:
        return {"absent": True} if value is ABSENT else value
    return {"record": conflict.record, "field": conflict.label, "kind": conflict.kind,
            "files": conflict.files, "languages": conflict.languages,
            "base": shown(conflict.base), "mine": shown(conflict.mine),
            "theirs": shown(conflict.theirs)}


# ---- where the branch stands ------------------------------------------------------------
def status(ws: Workspace, fetch: bool = False, interactive: bool = False) -> SyncStatus:
    """Ahead/behind against the upstream (after a fetch, with ``fetch``); a missing upstream
    is a ``problem``, not an error; a failed fetch raises its :class:`RemoteError`."""
    with GitRepo.open(ws.root) as repo:
        state = SyncState.read(repo)
        paused = rebasing.in_progress(repo) and state is not None
        interrupted = state is not None and not paused
        try:
            up = remote.upstream(repo, rebasing.rebased_branch(repo) if paused else None)
        except RemoteError as exc:
            return SyncStatus(paused=paused, interrupted=interrupted, problem=exc.message)
        if fetch and not paused:
            remote.fetch(repo, up, interactive)
        ahead, behind = remote.ahead_behind(repo, up)
        return SyncStatus(up.local, up.tracking, ahead, behind, paused, interrupted)


# ---- sync -----------------------------------------------------------------------------------
def sync(ws: Workspace, *, name: str | None = None, email: str | None = None,
         interactive: bool = False, attempts: int = MAX_ATTEMPTS) -> Outcome[SyncResult]:
    """Fetch, replay, push (see the module's docstring). A sync already paused on
    conflicts is reported again rather than started anew."""
    with GitRepo.open(ws.root) as repo, repo.review_lock():
        state = SyncState.read(repo)
        if rebasing.in_progress(repo):
            _own_rebase(repo, state)
            up = remote.upstream(repo, rebasing.rebased_branch(repo))
            return _paused(ws, repo, SyncResult(CONFLICTS, up.local, up.tracking), state.orig_head)
        earlier = syncstate.finish(repo, state) if state is not None else PutBack()
        repo.check_state()
        up = remote.upstream(repo)
        result = SyncResult(UP_TO_DATE, up.local, up.tracking, put_back=earlier.notes,
                            setup=ensure_driver(ws, repo))
        return _share(ws, repo, up, result, None, (name, email), interactive, attempts)


def continue_sync(ws: Workspace, *, name: str | None = None, email: str | None = None,
                  interactive: bool = False, attempts: int = MAX_ATTEMPTS) -> Outcome[SyncResult]:
    """Go on with a sync paused on conflicts, once every one is resolved."""
    with GitRepo.open(ws.root) as repo, repo.review_lock():
        state = SyncState.read(repo)
        if not rebasing.in_progress(repo):
            if state is None:
                raise Refused(f"no sync is paused in {repo.root}; nothing to continue")
            done = syncstate.finish(repo, state)
            return Outcome(SyncResult(UP_TO_DATE, put_back=done.notes), _changes(ws, repo, done.files))
        _own_rebase(repo, state)
        left = conflicts_in(ws, repo)
        if left:
            raise Refused(f"{len(left)} conflict(s) left to resolve; reviewer resolve RECORD FIELD "
                          "(--mine | --theirs | --value JSON), then reviewer sync --continue",
                          details=[f"{c.record}: {c.label}" for c in left])
        conflicted = rebasing.unmerged(repo)
        _refuse_other_edits(repo, set(conflicted))
        for rel in conflicted:
            repo.run("add", "--", rel)   # settled by hand: no markers, no field left
        up = remote.upstream(repo, rebasing.rebased_branch(repo))
        env = _committer(repo, name, email)
        run = rebasing.continue_rebase(repo, env, hook_timeout(repo))
        result = SyncResult(UP_TO_DATE, up.local, up.tracking)
        if not run.finished:
            result.stopped = _last_line(run.output)
            return _paused(ws, repo, result, state.orig_head)
        return _share(ws, repo, up, result, state, (name, email), interactive, attempts)


def abort_sync(ws: Workspace) -> Outcome[SyncResult]:
    """Put the branch, the files and the uncommitted edits back as before the sync."""
    with GitRepo.open(ws.root) as repo, repo.review_lock():
        state = SyncState.read(repo)
        if state is None:
            if rebasing.in_progress(repo):
                _own_rebase(repo, state)
            raise Refused(f"no sync is paused in {repo.root}; nothing to abort")
        before = repo.head_sha()
        failed = rebasing.abort_rebase(repo, hook_timeout(repo))
        if failed:
            raise Refused(f"git rebase --abort failed: {failed}; your commits are in git reflog and "
                          "your edits in git stash list")
        done = syncstate.finish(repo, state)
        clear_conflicts(repo.git_dir)
        changed = _changed(repo, before, repo.head_sha()) + done.files
        return Outcome(SyncResult(ABORTED, put_back=done.notes, changed=changed),
                       _changes(ws, repo, changed))


def _share(ws: Workspace, repo: GitRepo, up: Upstream, result: SyncResult,
           state: SyncState | None, who: tuple[str | None, str | None], interactive: bool,
           attempts: int) -> Outcome[SyncResult]:
    timeout = hook_timeout(repo)
    start = state.orig_head if state else repo.head_sha()
    paused = False
    try:
        while True:
            result.attempts += 1
            remote.fetch(repo, up, interactive)
            ahead, behind = remote.ahead_behind(repo, up)
            if behind:
                env = _committer(repo, *who) if ahead else syncstate.committer_env(repo, *who)
                state = state or syncstate.begin(repo, env, timeout)
                run = rebasing.rebase(repo, up.ref, env, timeout)
                if rebasing.in_progress(repo):
                    paused, result.stopped = True, "" if run.finished else _last_line(run.output)
                    return _paused(ws, repo, result, state.orig_head)
                if not run.finished:
                    raise Refused(f"git could not replay your commits on {up.tracking}: "
                                  f"{_last_line(run.output)}; nothing was changed",
                                  details=_lines(run.output))
                ahead, behind = remote.ahead_behind(repo, up)
            if ahead == 0:
                break
            pushed = remote.push(repo, up, interactive)
            if pushed.pushed:
                result.pushed = ahead
                break
            if result.attempts >= attempts:
                raise RemoteError(f"{up.remote} kept moving: the push was refused {attempts} times "
                                  "because others pushed first; your commits are kept here; sync "
                                  "again")
    finally:
        if state is not None and not paused:
            done = syncstate.finish(repo, state)
            result.put_back += done.notes
            result.changed += done.files
    end = repo.head_sha()
    result.received = max(0, _count(repo, f"{start}..{end}") - result.pushed)
    result.changed = sorted(set(result.changed) | set(_changed(repo, start, end)))
    result.status = SYNCED if result.received or result.pushed else UP_TO_DATE
    clear_conflicts(repo.git_dir)
    changes = _changes(ws, repo, result.changed)
    # New commits (received, or ours rewritten and pushed) change the history and the ↑
    # marks even when no file differs in the end.
    changes.history = changes.history or start != end or bool(result.pushed)
    return Outcome(result, changes)


def _paused(ws: Workspace, repo: GitRepo, result: SyncResult, orig_head: str) -> Outcome[SyncResult]:
    result.status = CONFLICTS
    result.conflicts = conflicts_in(ws, repo)
    if not result.conflicts and not result.stopped:
        result.stopped = "the rebase stopped; see git status"
    result.changed = sorted(set(result.changed) | set(_changed(repo, orig_head, "HEAD"))
                            | {rel for c in result.conflicts for rel in c.files})
    changes = _changes(ws, repo, result.changed)
    changes.message = result.message
    return Outcome(result, changes)


def _refuse_other_edits(repo: GitRepo, conflicted: set[str]) -> None:
    """Files changed while the sync was paused would slip into the replayed commit."""
    status, out, _ = repo.run("diff", "--name-only", "-z")
    changed = sorted(set(str(out).split("\0")) - conflicted - {""}) if status == 0 else []
    if changed:
        raise Refused(f"{len(changed)} file(s) changed while the sync was paused: "
                      f"{', '.join(changed[:5])}; they would slip into your replayed commit: put "
                      "them aside (git stash) or undo them, then continue; nothing was changed")


def _own_rebase(repo: GitRepo, state: SyncState | None) -> None:
    if state is None:
        raise RepositoryBusy(f"a rebase not started by reviewer is in progress in {repo.root}; "
                             "finish it with git (git rebase --continue or git rebase --abort)")


def _committer(repo: GitRepo, name: str | None, email: str | None) -> dict[str, str]:
    """The committer of replayed commits must be a real person: git's user, or the reviewer."""
    config_name, config_email = repo.config_identity()
    if not (config_name or name) or not (config_email or email):
        raise IdentityMissing("replaying your commits on the remote's needs a committer: set git's "
                              "user.name and user.email (git config user.name ...), or pass "
                              "--reviewer and --email; nothing was changed")
    return syncstate.committer_env(repo, name, email)


def _count(repo: GitRepo, span: str) -> int:
    status, out, _ = repo.run("rev-list", "--count", span)
    return int(str(out).strip() or 0) if status == 0 else 0


def _changed(repo: GitRepo, old: str | None, new: str | None) -> list[str]:
    if not old or not new or old == new:
        return []
    status, out, _ = repo.run("diff", "--name-only", "-z", "--no-renames", old, new)
    return [rel for rel in str(out).split("\0") if rel] if status == 0 else []


def _changes(ws: Workspace, repo: GitRepo, rels: list[str]) -> Changes:
    changes = Changes(history=bool(rels))
    for rel in rels:
        path = repo.root / rel
        if ws.record_key(path) is None:
            continue
        try:
            changes.records[path] = ws.load(path)
        except ReviewerError:
            pass  # gone, or conflicted beyond reading: the watcher and the dialog say so
    return changes


def _last_line(output: str) -> str:
    lines = _lines(output)
    return lines[-1] if lines else ""


def _lines(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if line.strip()][-8:]


def ensure_driver(ws: Workspace, repo: GitRepo) -> list[str]:
    """Make this clone merge record files by field: the driver in its git config, and the
    routing in ``.git/info/attributes`` when the repository's ``.gitattributes`` lacks it."""
    done = driver.register_driver(repo.root)
    probe = next(iter(ws.record_paths()), None)
    if probe is None:
        return done
    status, out, _ = repo.run("check-attr", "-z", "merge", "--", repo.relpath(probe))
    if status == 0 and str(out).split("\0")[2:3] == [driver.DRIVER_NAME]:
        return done
    prefix = Path(ws.root).resolve().relative_to(repo.root).as_posix()
    globs = [f"{prefix}/{glob}" if prefix != "." else glob for glob in ws.config.records]
    done.append(driver.route_locally(repo.git_dir, globs))
    return done


# ---- conflicts and resolving them -----------------------------------------------------------
def conflicts_in(ws: Workspace, repo: GitRepo) -> list[Conflict]:
    """What the paused sync waits on; a field of several language files counts once."""
    found: list[Conflict] = []
    for rel, stages in rebasing.unmerged(repo).items():
        key = ws.record_key(repo.root / rel)
        role = ws.layout.role(key) if key else None
        record = role.key if role and role.key else (None if key else rel)
        found.extend(rebasing.file_conflicts(repo, rel, stages, record,
                                             role.language if role else None))
    once: dict[tuple, Conflict] = {}
    for conflict in found:
        same = (conflict.record, conflict.kind, conflict.path, repr(conflict.mine),
                repr(conflict.theirs))
        if same in once and conflict.kind == "field":
            once[same].files += conflict.files
            once[same].languages += conflict.languages
        else:
            once[same + ((tuple(conflict.files),) if same in once else ())] = conflict
    return list(once.values())


def conflicts(ws: Workspace) -> list[Conflict]:
    with GitRepo.open(ws.root) as repo:
        return conflicts_in(ws, repo) if rebasing.in_progress(repo) else []


@dataclass
class Resolved:
    settled: list[Conflict]
    left: list[Conflict]


def resolve(ws: Workspace, record: str, field_label: str, choice: str, value: Any = None,
            language: str | None = None) -> Outcome[Resolved]:
    """Settle one conflict of the paused sync: ``choice`` is :data:`MINE`, :data:`THEIRS`, or
    ``"value"`` with ``value`` (for every language file it is in, unless ``language``)."""
    return resolve_many(ws, [Decision(record, field_label, choice, value, language)])


@dataclass
class Decision:
    record: str
    field: str                # the conflict's label: a dotted path, body or file
    choice: str               # MINE, THEIRS or "value"
    value: Any = None
    language: str | None = None


def resolve_many(ws: Workspace, decisions: list[Decision]) -> Outcome[Resolved]:
    """Settle several conflicts at once (the app's dialog decides a record's together)."""
    with GitRepo.open(ws.root) as repo, repo.review_lock():
        if not rebasing.in_progress(repo):
            raise Refused(f"no sync is paused on conflicts in {repo.root}; nothing to resolve")
        settled: list[Conflict] = []
        for decision in decisions:
            settled += _settle_one(ws, repo, decision)
        left = conflicts_in(ws, repo)
        changes = _changes(ws, repo, sorted({rel for c in settled for rel in c.files}))
        labels = ", ".join(f"{d.record}: {d.field}" for d in decisions)
        changes.message = f"Resolved {labels}; {len(left)} conflict(s) left"
        return Outcome(Resolved(settled, left), changes)


def _settle_one(ws: Workspace, repo: GitRepo, decision: Decision) -> list[Conflict]:
    found = conflicts_in(ws, repo)
    record, language = decision.record, decision.language
    of_record = [c for c in found if c.record == record or record in c.files]
    if not of_record:
        named = sorted({c.record for c in found})
        raise Refused(f"{record} has no conflict; conflicts are in: {', '.join(named) or 'none'}")
    chosen = [c for c in of_record if c.label == decision.field
              and (language is None or language in c.languages)]
    if not chosen:
        raise Refused(f"{record} has no conflict on {decision.field}"
                      f"{f' in {language}' if language else ''}; its conflicts: "
                      f"{', '.join(sorted({c.label for c in of_record}))}")
    for conflict in chosen:
        picked = conflict.mine if decision.choice == MINE else conflict.theirs \
            if decision.choice == THEIRS else decision.value
        rebasing.settle(repo, conflict, picked)
    return chosen
