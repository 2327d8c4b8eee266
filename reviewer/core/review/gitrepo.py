"""The git repository a workspace lives in: the checks before a commit, running git.

Everything here refuses early and says why, because the history is the audit trail: a
commit made while a merge is half done, on a detached HEAD or next to another git process
would be a commit nobody meant. The commit itself is in :mod:`reviewer.core.review.gitcommit`.

Git is run through GitPython's command wrapper (real ``git`` processes, so hooks, config,
attributes and signing behave as they do for the user); blobs are read through its
persistent ``cat-file`` process. Commands that run code the repository's owner chose (hooks,
filters) run through :meth:`GitRepo.run_guarded` instead: in their own process group, with a
deadline (:mod:`reviewer.core.review.gitprocess`).
"""

from __future__ import annotations

import os
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:  # GitPython is imported when a repository is opened: not at app start
    import git

from reviewer.core import locks
from reviewer.core.errors import IdentityMissing, NotARepository, Refused, RepositoryBusy
from reviewer.core.review.gitprocess import GitRun, run_git

INDEX_LOCK_WAIT = 2.0      # seconds to wait for another git process's index.lock to go
REVIEW_LOCK_WAIT = 30.0    # seconds to wait for another reviewer commit in this repository
REVIEW_LOCK_NAME = "reviewer.lock"
SYNC_STATE = "reviewer/sync.json"   # a reviewer sync in progress (see review.syncstate)
LOCK_CLOCK_SLACK = 0.05    # file times come from a coarser clock than time.time()

# Files git leaves in its folder while an operation waits for the user, and how to end it.
IN_PROGRESS = (
    ("MERGE_HEAD", "a merge", "commit it or run git merge --abort"),
    ("rebase-merge", "a rebase", "git rebase --continue or git rebase --abort"),
    ("rebase-apply", "a rebase or git am", "--continue or --abort it"),
    ("CHERRY_PICK_HEAD", "a cherry-pick", "git cherry-pick --continue or git cherry-pick --abort"),
    ("REVERT_HEAD", "a revert", "git revert --continue or git revert --abort"),
    ("sequencer", "a cherry-pick or revert sequence", "--continue or --abort it"),
)


@dataclass(frozen=True)
class Identity:
    """Who reviewed: becomes the commit's author and its ``Reviewed-by`` trailer."""
    name: str
    email: str

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


def _clean_identity_part(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _check_identity(name: str, email: str) -> None:
    # Git silently drops '<', '>' and newlines from identities; refuse instead of recording
    # a different name than the auditor typed.
    for label, value in (("name", name), ("email", email)):
        if any(c in value for c in "<>\n\r\0"):
            raise IdentityMissing(f"reviewer {label} {value!r} may not contain '<', '>' or a line break")
    if any(c.isspace() for c in email):
        raise IdentityMissing(f"reviewer email {email!r} may not contain spaces")


class GitRepo:
    """A git work tree (opened from any folder inside it). Use as a context manager so the
    persistent git processes GitPython starts are closed."""

    def __init__(self, repo: git.Repo) -> None:
        self.repo = repo
        self.root = Path(repo.working_tree_dir).resolve()
        self.git_dir = Path(repo.git_dir).resolve()
        self._identity: tuple[str | None, str | None] | None = None

    @classmethod
    def open(cls, folder: Path | str) -> "GitRepo":
        import git
        try:
            repo = git.Repo(folder, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise NotARepository(f"not a git repository: {folder} (nor any parent folder); "
                                 "reviews are recorded as git commits") from None
        if repo.bare or repo.working_tree_dir is None:
            repo.close()
            raise NotARepository(f"{folder} is in a bare git repository (no work tree)")
        return cls(repo)

    def close(self) -> None:
        self.repo.close()

    def __enter__(self) -> "GitRepo":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- running git ---------------------------------------------------------------------
    def run(self, *args: str, env: dict[str, str] | None = None,
            text: bool = True) -> tuple[int, str | bytes, str]:
        """(status, stdout, stderr) of ``git ARGS`` in the work tree; never raises on status."""
        import git
        return self.repo.git.execute(
            [git.Git.GIT_PYTHON_GIT_EXECUTABLE or "git", *args],
            with_extended_output=True, with_exceptions=False, stdout_as_string=text,
            # stdin closed: a hook must not wait for a terminal the GUI does not have
            strip_newline_in_stdout=text, istream=subprocess.DEVNULL,
            env={"GIT_LITERAL_PATHSPECS": "1", **(env or {})})

    def run_guarded(self, *args: str, env: dict[str, str] | None = None,
                    timeout: float | None = None, stdin: bytes | None = None) -> GitRun:
        """``git ARGS`` in its own process group, stopped after ``timeout`` seconds: for
        commands that run hooks or filters, and for input on stdin. Git's messages are in
        English (C locale) unless ``env`` says otherwise."""
        import git
        full_env = {**os.environ, "LANGUAGE": "C", "LC_ALL": "C", "GIT_LITERAL_PATHSPECS": "1",
                    **(env or {})}
        return run_git([git.Git.GIT_PYTHON_GIT_EXECUTABLE or "git", *args], cwd=self.root,
                       env=full_env, timeout=timeout, stdin=stdin,
                       after_kill=self.remove_locks_left_by)

    def remove_locks_left_by(self, pid: int, started: float) -> list[Path]:
        """Remove the lock files a stopped or killed git left: the index's, the temporary
        index of ``commit --only``, HEAD's and the branch's; only those made after that git
        started (so none of another process, which could not take them while ours held
        them)."""
        removed = []
        for path in (self.git_dir / "index.lock", self.git_dir / f"next-index-{pid}.lock",
                     *self.ref_lock_files()):
            try:
                if path.stat().st_mtime >= started - LOCK_CLOCK_SLACK:
                    path.unlink()
                    removed.append(path)
            except FileNotFoundError:
                pass
        return removed

    def ref_lock_files(self) -> list[Path]:
        """The lock files a commit takes on HEAD and on the branch HEAD is on."""
        try:
            head = (self.git_dir / "HEAD").read_text(encoding="utf-8").strip()
        except OSError:
            head = ""
        files = [self.git_dir / "HEAD.lock"]
        if head.startswith("ref: refs/"):
            files.append(Path(self.repo.common_dir) / f"{head[len('ref: '):]}.lock")
        return files

    def relpath(self, path: Path | str) -> str:
        """The file's path inside the work tree, as git spells it (``/`` separators)."""
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            raise Refused(f"{path} is outside the git work tree {self.root}") from None

    # ---- state ---------------------------------------------------------------------------
    def check_state(self) -> None:
        """Refuse when a commit now would land in the middle of something else."""
        for name, what, how in IN_PROGRESS:
            if name.startswith("rebase") and (self.git_dir / name).exists() \
                    and (self.git_dir / SYNC_STATE).exists():
                raise RepositoryBusy(f"a sync is paused on conflicts in {self.root}; resolve them "
                                     "(the Sync button, or reviewer resolve) and continue it, or "
                                     "abort it (reviewer sync --abort); nothing was committed")
            if (self.git_dir / name).exists():
                raise RepositoryBusy(f"{what} is in progress in {self.root}; finish it first "
                                     f"({how}); nothing was committed")
        if self.repo.head.is_detached:
            raise RepositoryBusy(f"HEAD is detached in {self.root} (not on a branch); check out "
                                 "a branch first (git switch BRANCH); nothing was committed")

    def index_locked(self) -> bool:
        return (self.git_dir / "index.lock").exists()

    def wait_for_index(self, wait: float = INDEX_LOCK_WAIT) -> None:
        """Wait up to ``wait`` seconds for another git process to release the index."""
        deadline = time.monotonic() + wait
        while self.index_locked():
            if time.monotonic() >= deadline:
                raise RepositoryBusy(self.index_lock_message(wait))
            time.sleep(0.05)

    def index_lock_message(self, wait: float) -> str:
        return (f"another git process holds {self.git_dir / 'index.lock'} (waited {wait:g} s); "
                "retry when it is done, or remove the file if no git process is running; "
                "nothing was committed")

    @contextmanager
    def review_lock(self, wait: float = REVIEW_LOCK_WAIT) -> Iterator[None]:
        """One reviewer commit at a time per repository (other processes included): two
        verifies at once would otherwise race for the index and HEAD."""
        path = self.git_dir / REVIEW_LOCK_NAME
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                locks.wait_for(fd, wait, f"another reviewer command is committing in {self.root} "
                                         f"(waited {wait:g} s for {path}); try again")
            except locks.LockTimeout as exc:
                raise RepositoryBusy(exc.message) from None
            try:
                yield
            finally:
                locks.unlock(fd)
        finally:
            os.close(fd)  # the file stays: deleting a lock file others may hold races

    # ---- index and objects ---------------------------------------------------------------
    def index_stages(self, rel: str) -> set[int]:
        """Stages of the path in the index: empty = untracked, {0} = tracked, 1-3 = unmerged."""
        # -z everywhere git lists paths: without it git quotes non-ASCII names ("\345...").
        status, out, err = self.run("ls-files", "-z", "--stage", "--", rel)
        if status:
            raise Refused(f"git ls-files failed: {err.strip()}")
        stages = set()
        for entry in out.split("\0"):
            meta, _, name = entry.partition("\t")
            if name == rel:
                stages.add(int(meta.split()[2]))
        return stages

    def ignored_by(self, rel: str) -> str | None:
        """The ignore rule (``source:line:pattern``) that ignores an untracked path, if any."""
        # check-ignore takes plain paths and rejects the "literal" pathspec magic. --quiet
        # decides (--verbose also reports "!pattern" rules that un-ignore), --verbose names.
        plain = {"GIT_LITERAL_PATHSPECS": "0"}
        status, _, err = self.run("check-ignore", "--quiet", "--", rel, env=plain)
        if status == 1:
            return None
        if status != 0:
            raise Refused(f"git check-ignore failed: {err.strip()}")
        named = self.run_guarded("check-ignore", "-z", "--verbose", "--stdin", env=plain,
                                 stdin=rel.encode("utf-8") + b"\0")
        source, line, pattern, *_ = named.out.decode("utf-8", "replace").split("\0") + ["", "", ""]
        return f"{source}:{line}:{pattern}" if source else "an ignore rule"

    def blob(self, rev: str, rel: str) -> bytes | None:
        """The file's bytes at a revision; None when it does not exist there."""
        try:
            _, kind, _, data = self.repo.git.get_object_data(f"{rev}:{rel}")
        except ValueError:
            return None
        return data if kind == b"blob" else None

    def commit_object(self, rev: str) -> bytes | None:
        """The raw commit object (its headers, a blank line, its message); None when
        ``rev`` is not a commit."""
        try:
            _, kind, _, data = self.repo.git.get_object_data(rev)
        except ValueError:
            return None
        return data if kind == b"commit" else None

    def head_sha(self) -> str | None:
        try:
            return self.repo.head.commit.hexsha
        except ValueError:  # unborn branch: no commit yet
            return None

    # ---- identity ------------------------------------------------------------------------
    def config_identity(self) -> tuple[str | None, str | None]:
        """``user.name`` and ``user.email`` from git's configuration (all levels)."""
        if self._identity is None:
            status, out, _ = self.run("config", "--get-regexp", r"^user\.(name|email)$")
            found: dict[str, str] = {}
            for line in out.splitlines() if status == 0 else []:
                key, _, value = line.partition(" ")
                found[key.lower()] = value  # the last (most specific) value wins
            self._identity = (_clean_identity_part(found.get("user.name")),
                              _clean_identity_part(found.get("user.email")))
        return self._identity

    def identity(self, name: str | None = None, email: str | None = None) -> Identity:
        """The reviewer: given name/email, else git's ``user.name``/``user.email``."""
        config_name, config_email = self.config_identity()
        name = _clean_identity_part(name) or config_name
        email = _clean_identity_part(email) or config_email
        missing = [what for what, value in (("name", name), ("email", email)) if not value]
        if missing:
            flags = " and ".join(f"--{'reviewer' if m == 'name' else 'email'}" for m in missing)
            keys = " and ".join(f"user.{m}" for m in missing)
            raise IdentityMissing(f"no reviewer {' or '.join(missing)}: pass {flags}, or set git's "
                                  f"{keys} (git config user.{missing[0]} ...)")
        _check_identity(name, email)
        return Identity(name, email)

    # ---- commands that take index.lock ---------------------------------------------------
    def index_command(self, *args: str, wait: float, env: dict[str, str] | None = None,
                      timeout: float | None = None) -> GitRun:
        """Run a command that takes index.lock (guarded: see :meth:`run_guarded`); retry
        while another process holds the lock, for up to ``wait`` seconds."""
        deadline = time.monotonic() + wait
        while True:
            run = self.run_guarded(*args, env=env, timeout=timeout)
            if run.status == 0 or run.timed_out or not self.lock_held(run.text) \
                    or time.monotonic() >= deadline:
                return run
            time.sleep(0.1)

    def lock_held(self, output: str) -> bool:
        """Git failed because another process holds index.lock: it says "File exists" about
        it, or (in another language) the lock is there now; git removes its own on failure.
        A full disk also names index.lock ("sha1 file '.../index.lock' write error")."""
        if "index.lock" not in output or no_space(output, self.git_dir):
            return False
        return "File exists" in output or self.index_locked()


# What git (and the C library under it) says when a write finds the disk or the quota full,
# and what it says about a failed write without saying why.
NO_SPACE_MESSAGES = ("No space left on device", "Out of diskspace", "Disk quota exceeded")
WRITE_FAILED_MESSAGES = ("couldn't write", "could not write", "unable to write", "write error")
LOW_SPACE = 1024 * 1024


def no_space(output: str, folder: Path | None = None) -> bool:
    """Git failed for want of disk space: it says so, or (in another language, or naming
    only the file it could not write) the disk that holds ``folder`` is nearly full."""
    if any(message in output for message in NO_SPACE_MESSAGES):
        return True
    if folder is None:
        return False
    free = free_bytes(folder)
    if free is None:
        return False
    failed_write = any(m in output.lower() for m in WRITE_FAILED_MESSAGES)
    return free == 0 or (failed_write and free < LOW_SPACE)


def free_bytes(folder: Path) -> int | None:
    """Bytes we may still write on the file system of ``folder`` (0 also when no inode is
    left); None where that cannot be known."""
    try:
        info = os.statvfs(folder)
    except (OSError, AttributeError):  # AttributeError: no statvfs on Windows
        return None
    if info.f_files > 0 and info.f_favail == 0:
        return 0
    return info.f_bavail * info.f_frsize
