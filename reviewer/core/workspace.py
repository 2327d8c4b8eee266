"""A workspace: a folder (normally a git repository) of records and their sources.

Layout: ``records/**/*.md`` hold the records, ``sources/<record-id>/`` each record's source
texts. A record is named by its ``id`` field; the file name usually matches it, which gives
a fast path, but the field is what counts.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from reviewer.core.document import RecordFile, is_record_file
from reviewer.core.errors import ReviewerError

RECORDS_DIR = "records"
SOURCES_DIR = "sources"


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

    @property
    def status_rank(self) -> int:
        """Drafts first, then unreadable files, then everything else."""
        return {"draft": 0, "": 1}.get(self.review_status, 2)

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "reviewStatus": self.review_status or None,
                "author": self.author or None, "country": self.country or None,
                "year": self.year or None, "file": self.file, "format": self.fmt}


def _text(value: object) -> str:
    return "" if value is None else str(value)


@dataclass
class Entry:
    """One record file as scanned: either read (``record``) or not (``error``)."""
    path: Path
    record: RecordFile | None = None
    error: ReviewerError | None = None

    @property
    def record_id(self) -> str | None:
        return self.record.record_id if self.record else None

    def summary(self, file: str) -> Summary:
        if self.record is None:
            err = self.error
            return Summary(self.path, file, error=err.message if err else "unreadable",
                           error_line=err.line if err else None)
        data = self.record.data
        provenance = data.get("provenance") if isinstance(data.get("provenance"), dict) else {}
        return Summary(self.path, file, id=self.record.record_id, title=_text(data.get("title")),
                       review_status=_text(data.get("reviewStatus")),
                       author=_text(provenance.get("author")), country=_text(data.get("country")),
                       year=_text(data.get("year")), fmt=self.record.fmt)


class Workspace:
    def __init__(self, root: Path | str) -> None:
        self.root = Path(root).resolve()
        if not self.root.is_dir():
            raise ReviewerError(f"workspace folder not found: {root}")
        if not self.records_dir.is_dir():
            raise ReviewerError(f"not a reviewer workspace: {self.root} has no '{RECORDS_DIR}/' folder")

    @classmethod
    def discover(cls, start: Path | str | None = None) -> "Workspace":
        """The workspace at ``start`` or the nearest parent folder that has ``records/``."""
        here = Path(start or os.getcwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / RECORDS_DIR).is_dir():
                return cls(folder)
        raise ReviewerError(f"not a reviewer workspace: no '{RECORDS_DIR}/' folder in {here} "
                            "or its parents (use -w DIR)")

    @classmethod
    def containing(cls, path: Path | str) -> "Workspace | None":
        """The workspace whose ``records/`` folder holds the file ``path``, or None (a
        record validated on its own, outside any workspace, has no sources)."""
        here = Path(path).resolve()
        for folder in here.parents:
            if folder.name == RECORDS_DIR and folder.is_dir():
                try:
                    return cls(folder.parent)
                except ReviewerError:
                    return None
        return None

    @property
    def records_dir(self) -> Path:
        return self.root / RECORDS_DIR

    def sources_dir(self, record_id: str) -> Path:
        return self.root / SOURCES_DIR / record_id

    def relative(self, path: Path | str) -> str:
        try:
            return str(Path(path).resolve().relative_to(self.root))
        except ValueError:
            return str(path)

    def record_paths(self) -> list[Path]:
        out = []
        for folder, dirs, files in os.walk(self.records_dir):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            out.extend(Path(folder) / f for f in sorted(files)
                       if is_record_file(f) and not f.startswith("."))
        return out

    def scan(self) -> list[Entry]:
        entries = []
        for path in self.record_paths():
            try:
                entries.append(Entry(path, record=RecordFile.load(path)))
            except ReviewerError as exc:
                entries.append(Entry(path, error=exc))
        return entries

    def summaries(self) -> list[Summary]:
        return [e.summary(self.relative(e.path)) for e in self.scan()]

    def duplicate_ids(self, entries: list[Entry]) -> dict[Path, str]:
        """For each file whose id another file also uses: the other file (relative)."""
        first: dict[str, Path] = {}
        out: dict[Path, str] = {}
        for entry in entries:
            rid = entry.record_id
            if rid is None:
                continue
            if rid in first:
                out[entry.path] = self.relative(first[rid])
                out.setdefault(first[rid], self.relative(entry.path))
            else:
                first[rid] = entry.path
        return out

    def resolve(self, ref: str) -> Path:
        """A record reference (an id, or a file path) -> the record's file."""
        candidate = Path(ref)
        for path in (candidate, self.root / candidate):
            if path.is_file():
                return path.resolve()
        if candidate.suffix in (".md", ".markdown") or os.sep in ref:
            raise ReviewerError(f"record file not found: {ref}")
        fast = self.records_dir / f"{ref}.md"
        if fast.is_file():
            try:
                if RecordFile.load(fast).record_id == ref:
                    return fast
            except ReviewerError:
                pass
        matches = [e.path for e in self.scan() if e.record_id == ref]
        if not matches:
            raise ReviewerError(f"no record with id {ref!r} in {self.relative(self.records_dir)}/")
        if len(matches) > 1:
            files = ", ".join(self.relative(p) for p in matches)
            raise ReviewerError(f"id {ref!r} is used by several files: {files}")
        return matches[0]
