"""What a sync in progress keeps, so nothing is lost if it stops half way.

A sync replays this clone's commits on the remote's with ``git rebase``, which needs a
clean work tree, while an auditor's saved but not yet verified edits are exactly such
changes. Before the rebase they go into git's stash (``git stash list`` shows the entry, so
they survive even a crash), and the sync's state is written to
``<git dir>/reviewer/sync.json``: the commit the branch was on, and the stash entry.

When the rebase is done (or aborted) the edits come back file by file, merged with what
the sync brought: a record's fields with the record engine (a field the auditor edited
keeps the auditor's value; the remote's value is in the commit, for the diff to show), other
files by lines. ``reviewer sync --continue``/``--abort`` and a later sync finish what a
stopped one left.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from reviewer.core.atomic import write_atomic
from reviewer.core.errors import Refused, ReviewerError
from reviewer.core.review.gitrepo import SYNC_STATE, GitRepo
from reviewer.core.review.mergedriver import merge_record

STATE_FILE = SYNC_STATE
STASH_MESSAGE = "reviewer sync: edits not verified yet (put back when the sync ends)"


@dataclass
class SyncState:
    orig_head: str                  # where the branch was before the sync
    stash: str | None = None        # the stash commit holding the uncommitted edits
    started: str = ""
    pid: int = 0

    @classmethod
    def read(cls, repo: GitRepo) -> "SyncState | None":
        try:
            raw = json.loads((repo.git_dir / STATE_FILE).read_text(encoding="utf-8"))
            return cls(orig_head=str(raw["orig_head"]), stash=raw.get("stash") or None,
                       started=str(raw.get("started", "")), pid=int(raw.get("pid", 0)))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise Refused(f"{repo.git_dir / STATE_FILE} cannot be read ({exc}); it records a "
                          "sync that stopped half way: check git stash list for your edits, then "
                          "delete the file") from None

    def write(self, repo: GitRepo) -> None:
        target = repo.git_dir / STATE_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, json.dumps(asdict(self), indent=1).encode("utf-8"))

    @staticmethod
    def clear(repo: GitRepo) -> None:
        try:
            (repo.git_dir / STATE_FILE).unlink()
        except FileNotFoundError:
            pass


def committer_env(repo: GitRepo, name: str | None, email: str | None) -> dict[str, str]:
    """Git's committer for the commits a sync writes (the stash, the replayed commits):
    git's configured user, else the reviewer's identity."""
    config_name, config_email = repo.config_identity()
    env = {}
    if not config_name and "GIT_COMMITTER_NAME" not in os.environ:
        env["GIT_COMMITTER_NAME"] = name or "reviewer"
    if not config_email and "GIT_COMMITTER_EMAIL" not in os.environ:
        env["GIT_COMMITTER_EMAIL"] = email or "reviewer@localhost"
    return env


def begin(repo: GitRepo, env: dict[str, str], timeout: float) -> SyncState:
    """Record the sync and put the uncommitted edits of tracked files in the stash."""
    head = repo.head_sha()
    if head is None:
        raise Refused(f"the branch in {repo.root} has no commit yet; nothing to sync")
    status, _, _ = repo.run("diff", "--cached", "--quiet")
    if status != 0:
        raise Refused(f"changes are staged in {repo.root} (git add); commit them or unstage them "
                      "(git restore --staged PATH) before a sync; nothing was changed")
    state = SyncState(head, None, dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                      os.getpid())
    state.write(repo)
    status, dirty, _ = repo.run("status", "--porcelain", "-z", "--untracked-files=no")
    if status == 0 and str(dirty).strip("\0"):
        run = repo.run_guarded("stash", "push", "--quiet", "-m", STASH_MESSAGE, env=env,
                               timeout=timeout)
        if run.status or run.timed_out:
            SyncState.clear(repo)
            raise Refused(f"could not put the uncommitted edits aside (git stash): "
                          f"{run.text.strip()}; nothing was changed")
        state.stash = str(repo.run("rev-parse", "refs/stash")[1]).strip()
        state.write(repo)
    return state


@dataclass
class PutBack:
    """How the uncommitted edits came back after the sync."""
    files: list[str] = field(default_factory=list)     # repository paths written again
    notes: list[str] = field(default_factory=list)     # what the auditor should know


def finish(repo: GitRepo, state: SyncState) -> PutBack:
    """Put the stashed edits back over the current HEAD, drop the stash entry, forget the
    state. Safe to run again after a crash (an edit already back merges to itself)."""
    done = PutBack()
    if state.stash:
        status, out, err = repo.run("diff", "--name-only", "-z", "--no-renames",
                                    f"{state.stash}^1", state.stash)
        if status != 0:
            raise Refused(f"the stashed edits ({state.stash[:10]}) cannot be read: {str(err).strip()}; "
                          "they are still in git stash list")
        for rel in (name for name in str(out).split("\0") if name):
            note = _put_back_file(repo, state.stash, rel)
            done.files.append(rel)
            if note:
                done.notes.append(note)
        _drop_stash(repo, state.stash)
    SyncState.clear(repo)
    return done


def _put_back_file(repo: GitRepo, stash: str, rel: str) -> str | None:
    base, mine = repo.blob(f"{stash}^1", rel), repo.blob(stash, rel)
    new = repo.blob("HEAD", rel)
    target = repo.root / rel
    if mine == new:
        return None
    if mine is None:  # deleted here
        if new == base:
            target.unlink(missing_ok=True)
            return None
        return f"{rel}: deleted here, but changed by the sync; the synced file is kept"
    if new is None or new == base:
        _write(target, mine)
        return None if new is not None else f"{rel}: kept your edits; the sync deleted it"
    merged = merge_record(base or b"", mine, new, rel)
    _write(target, merged.text)
    notes = [f"{c.label} (the remote's value is in the last commit)" for c in merged.conflicts]
    if merged.body_conflicts:
        notes.append(f"{merged.body_conflicts} conflict(s) in the body, marked in the file")
    if merged.line_merge:
        notes.append(f"merged by lines ({merged.line_merge})")
    return f"{rel}: kept your uncommitted {'; '.join(notes)}" if notes else None


def _write(target: Path, data: bytes) -> None:
    try:
        write_atomic(target, data)
    except OSError as exc:
        raise ReviewerError(f"cannot write {target} back: {exc.strerror or exc}; your edits are "
                            "still in git stash list", path=target) from None


def _drop_stash(repo: GitRepo, sha: str) -> None:
    status, out, _ = repo.run("stash", "list", "--format=%H")
    shas = str(out).split() if status == 0 else []
    if sha in shas:
        repo.run("stash", "drop", "--quiet", f"stash@{{{shas.index(sha)}}}")

