"""What the record list shows of a record file, computed in one place.

The workspace's slow path (every file read by the engine) and the index (files read by the
fast reader, in worker processes) both build their rows with :func:`list_fields`, so a
record reads the same in the list whichever way it was read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewer.core.terms import DRAFT


@dataclass(frozen=True)
class ListFields:
    """The list's columns of one record, as text ("" when absent)."""
    id: str | None
    title: str
    review_status: str
    author: str
    country: str
    year: str


def _text(value: object) -> str:
    return "" if value is None else str(value)


def list_fields(data: Any) -> ListFields:
    data = data if isinstance(data, dict) else {}
    provenance = data.get("provenance") if isinstance(data.get("provenance"), dict) else {}
    rid = data.get("id")
    return ListFields(rid if isinstance(rid, str) else None, _text(data.get("title")),
                      _text(data.get("reviewStatus")), _text(provenance.get("author")),
                      _text(data.get("country")), _text(data.get("year")))


@dataclass(frozen=True)
class Summary:
    """What the record list shows of one file (also for unreadable files: ``error``)."""
    path: Path
    file: str                  # relative to the workspace
    id: str | None = None
    title: str = ""
    review_status: str = ""    # draft, verified, other text, or "" when unreadable
    author: str = ""
    country: str = ""
    year: str = ""
    fmt: str = ""
    error: str | None = None
    error_line: int | None = None
    languages: tuple[str, ...] = ()     # a record in several language files: their languages
    files: tuple[str, ...] = ()         # ...and the files (else just ``file``)

    @classmethod
    def of(cls, path: Path, file: str, data: Any, fmt: str) -> "Summary":
        f = list_fields(data)
        return cls(path, file, f.id, f.title, f.review_status, f.author, f.country, f.year, fmt)

    @classmethod
    def unreadable(cls, path: Path, file: str, error: str, line: int | None) -> "Summary":
        return cls(path, file, error=error, error_line=line)

    def __getattr__(self, name: str):
        # Only for an attribute not set: the index makes a Summary without its Path (a
        # `reviewer list` of ten thousand records never needs one) and leaves how to make
        # it in ``_path_of``; the Path is made on first use and kept.
        if name == "path":
            made = self.__dict__.get("_path_of")
            if made is not None:
                path = self.__dict__["path"] = made[0](made[1])
                return path
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @property
    def status_rank(self) -> int:
        """Drafts first, then unreadable files, then everything else."""
        return {DRAFT: 0, "": 1}.get(self.review_status, 2)

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "reviewStatus": self.review_status or None,
                "author": self.author or None, "country": self.country or None,
                "year": self.year or None, "file": self.file, "format": self.fmt,
                "languages": list(self.languages), "files": list(self.files or (self.file,))}
