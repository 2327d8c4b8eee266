"""Staging and committing a record's files: ``git add`` of new ones, ``git commit --only``.

``git commit --only -- PATH...`` commits those files (the record's one file, or its
language files) from the working tree and leaves every other staged and unstaged change
exactly as it was. Hooks and filters run as they do for
the user, but in their own process group and with a deadline (``git config
reviewer.hookTimeout SECONDS``, default 60): a hook that hangs is stopped with everything it
started, and the lock files a killed git could not remove are removed (see
:meth:`GitRepo.remove_locks_left_by`). A refusal says what
refused: a hook (named from git's trace2 log), a full disk, another git process, a timeout,
signing (git signs the commit itself when ``commit.gpgsign`` is on: :mod:`signing`).
"""

from __future__ import annotations

import math
import os
import signal
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from reviewer.core.errors import CommitRefused, HookTimedOut, NoSpace, Refused, RepositoryBusy
from reviewer.core.review.gitprocess import GitRun, HookTrace, hook_trace
from reviewer.core.review.gitrepo import INDEX_LOCK_WAIT, GitRepo, Identity, free_bytes, no_space
from reviewer.core.review.signing import signing_hung, signing_refusal

HOOK_TIMEOUT_KEY = "reviewer.hookTimeout"
DEFAULT_HOOK_TIMEOUT = 60.0


@dataclass
class CommitRun:
    """A commit git made, and the hooks that ran while it did."""
    sha: str
    hooks: HookTrace


def hook_timeout(repo: GitRepo) -> float:
    """Seconds a git command that runs hooks or filters may take in this repository."""
    status, out, _ = repo.run("config", "--get", HOOK_TIMEOUT_KEY)
    if status:
        return DEFAULT_HOOK_TIMEOUT
    try:
        value = float(out.strip())
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise Refused(f"git config {HOOK_TIMEOUT_KEY} is {out.strip()!r}; it must be a number of "
                      "seconds greater than 0; nothing was committed")
    return value


def add(repo: GitRepo, rels: list[str], wait: float = INDEX_LOCK_WAIT,
        timeout: float = DEFAULT_HOOK_TIMEOUT) -> None:
    """Stage new files (their clean filter runs, under the same deadline as hooks)."""
    run = repo.index_command("add", "--", *rels, wait=wait, timeout=timeout)
    if run.timed_out:
        raise HookTimedOut(f"git add did not finish within {timeout:g} s "
                           f"({filter_note(repo, rels)}git config {HOOK_TIMEOUT_KEY}); it was "
                           "stopped and nothing was committed")
    if run.status:
        raise refusal(repo, "git add", run, wait)


def commit_only(repo: GitRepo, rels: list[str], message: str, author: Identity,
                wait: float = INDEX_LOCK_WAIT, timeout: float = DEFAULT_HOOK_TIMEOUT) -> CommitRun:
    """Commit the working-tree files at ``rels`` and nothing else.

    The author is the reviewer; the committer is git's configured user, or the reviewer
    where git has none (the user's config is never changed). Hooks see the user's locale.
    """
    env = _author_env(repo, author)
    with _scratch_file(repo.git_dir, ".reviewer-msg", message.encode("utf-8")) as msg_file, \
            _scratch_file(repo.git_dir, ".reviewer-trace", b"") as trace_file:
        env["GIT_TRACE2_EVENT"] = str(trace_file)  # which hooks ran, failed, hung
        run = repo.index_command("commit", "--only", "--quiet", "--cleanup=whitespace",
                                 "-F", str(msg_file), "--", *rels, wait=wait, env=env,
                                 timeout=timeout)
        hooks = hook_trace(trace_file)
    if run.timed_out:
        what = f"the {hooks.unfinished} hook" if hooks.unfinished else "git commit"
        hung = None if hooks.unfinished else signing_hung(hooks, timeout, HOOK_TIMEOUT_KEY)
        raise HookTimedOut(hung or f"{what} did not finish within {timeout:g} s "
                           f"({filter_note(repo, rels)}git config {HOOK_TIMEOUT_KEY}); it was "
                           "stopped and nothing was committed", details=_lines(run.text))
    if run.status:
        raise refusal(repo, "git commit", run, wait, hooks.failed, hooks)
    sha = repo.head_sha()
    assert sha is not None
    return CommitRun(sha, hooks)


def _author_env(repo: GitRepo, author: Identity) -> dict[str, str]:
    config_name, config_email = repo.config_identity()
    env = {"GIT_AUTHOR_NAME": author.name, "GIT_AUTHOR_EMAIL": author.email,
           "LC_ALL": os.environ.get("LC_ALL", ""), "LANGUAGE": os.environ.get("LANGUAGE", "")}
    if not config_name and "GIT_COMMITTER_NAME" not in os.environ:
        env["GIT_COMMITTER_NAME"] = author.name
    if not config_email and "GIT_COMMITTER_EMAIL" not in os.environ:
        env["GIT_COMMITTER_EMAIL"] = author.email
    return env


def refusal(repo: GitRepo, what: str, run: GitRun, wait: float,
            hook: tuple[str, int] | None = None, trace: HookTrace | None = None) -> Refused:
    """Why git said no, as the user should read it (``trace``: what git's trace2 log of
    the command says, to tell a signing failure)."""
    lines = _lines(run.text)
    if hook is not None:
        name, code = hook
        return CommitRefused(f"the {name} hook refused the commit (exit {code}); nothing was "
                             "committed", details=lines)
    if no_space(run.text, repo.git_dir):
        free = free_bytes(repo.git_dir)
        return NoSpace(f"{what} failed: no space left on the device (the disk that holds "
                       f"{repo.git_dir} has {'?' if free is None else free // 1024} KB free); "
                       "free some space and try again; nothing was committed", details=lines)
    if run.status < 0:
        name = signal.Signals(-run.status).name if -run.status in signal.valid_signals() else "?"
        return CommitRefused(f"{what} was killed by signal {-run.status} ({name}); nothing was "
                             "committed", details=lines)
    if repo.lock_held(run.text):
        return RepositoryBusy(repo.index_lock_message(wait), details=lines)
    signing = signing_refusal(repo, run.text, trace) if trace is not None else None
    if signing is not None:
        return signing
    return CommitRefused(f"{what} failed (exit {run.status}); nothing was committed", details=lines)


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def filter_of(repo: GitRepo, rel: str) -> str | None:
    """The filter driver ``.gitattributes`` gives the file, if git has it configured."""
    status, out, _ = repo.run("check-attr", "-z", "filter", "--", rel)
    fields = out.split("\0") if status == 0 else []
    name = fields[2] if len(fields) > 2 else ""
    if name in ("", "unspecified", "unset", "set"):
        return None
    for kind in ("clean", "process"):
        if repo.run("config", "--get", f"filter.{name}.{kind}")[0] == 0:
            return name
    return None


def filter_note(repo: GitRepo, rels: list[str]) -> str:
    for rel in rels:
        name = filter_of(repo, rel)
        if name:
            return f"the file has the filter '{name}' (filter.{name}.clean); "
    return ""


@contextmanager
def _scratch_file(folder: Path, prefix: str, data: bytes) -> Iterator[Path]:
    try:
        fd, name = tempfile.mkstemp(prefix=prefix, dir=folder)
    except OSError as exc:
        raise _cannot_write(folder, exc) from None
    try:
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        except OSError as exc:
            raise _cannot_write(folder, exc) from None
        yield Path(name)
    finally:
        try:
            os.unlink(name)
        except FileNotFoundError:
            pass


def _cannot_write(folder: Path, exc: OSError) -> Refused:
    error = NoSpace if no_space(str(exc)) else Refused
    return error(f"cannot write in {folder}: {exc.strerror or exc}; nothing was committed")
