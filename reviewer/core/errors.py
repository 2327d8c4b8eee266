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
