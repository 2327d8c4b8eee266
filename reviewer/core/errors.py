"""Errors the user sees, each one line: ``path:line:col: message``.

Every failure the core can foresee is raised as a :class:`ReviewerError`; the CLI and the
GUI print ``str(error)`` and never a traceback.
"""

from __future__ import annotations

from pathlib import Path


class ReviewerError(Exception):
    """A problem with a file or request, located as precisely as we know."""

    def __init__(self, message: str, *, path: str | Path | None = None,
                 line: int | None = None, col: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.col = col

    def located(self, path: str | Path | None = None) -> "ReviewerError":
        """Attach a file path (kept if one is already set) and return self."""
        if self.path is None and path is not None:
            self.path = str(path)
        return self

    def __str__(self) -> str:
        where = [p for p in (self.path, self.line, self.col) if p is not None]
        prefix = ":".join(str(p) for p in where)
        return f"{prefix}: {self.message}" if prefix else self.message


class ReadError(ReviewerError):
    """The file cannot be read as a record (encoding, frontmatter, YAML/JSON syntax)."""


class EditRefused(ReviewerError):
    """An edit was refused; the file is untouched."""


class ConflictError(ReviewerError):
    """The file changed on disk since it was read; nothing was written."""


class SourceError(ReviewerError):
    """A source file cannot be attached or read (the message says which and why)."""


class Refused(ReviewerError):
    """A review action (verify, reopen) was refused: nothing was committed and the record
    file is as it was. ``details`` are extra lines shown under the one-line message: the
    gate's reasons or a hook's output."""

    def __init__(self, message: str, *, details: list[str] | tuple[str, ...] = (),
                 path: str | Path | None = None) -> None:
        super().__init__(message, path=path)
        self.details = [line for line in details if line.strip()]

    def __str__(self) -> str:
        return "\n".join([super().__str__(), *(f"  {line}" for line in self.details)])


class NotARepository(Refused):
    """The workspace is not inside a git work tree."""


class RepositoryBusy(Refused):
    """Git cannot commit now: an operation is in progress, HEAD is detached, a lock is held."""


class GateRefused(Refused):
    """The record does not pass the verification gate; ``reasons`` are GateReasons."""

    def __init__(self, message: str, *, reasons: list, path: str | Path | None = None) -> None:
        super().__init__(message, details=[str(r) for r in reasons], path=path)
        self.reasons = list(reasons)


class CommitRefused(Refused):
    """``git commit`` itself said no (a pre-commit or commit-msg hook, or git); the details
    are its output."""


class CommitUndone(CommitRefused):
    """Git made a commit that is not what was verified (a hook or filter changed it): it
    was undone; the details say what differed."""


class SigningFailed(CommitRefused):
    """Signing is on (``commit.gpgsign``) and git could not sign the commit: gpg or
    ssh-keygen failed, is missing, or has no key; nothing was committed."""


class HookTimedOut(CommitRefused):
    """A hook or filter did not finish within ``reviewer.hookTimeout``; it was stopped."""


class NoSpace(Refused):
    """A write found the disk (or the quota) full: git's own, or the reviewer's."""


class IdentityMissing(Refused):
    """No reviewer name or email: neither given nor in git's configuration."""
