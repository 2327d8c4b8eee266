"""Services on a record's sources: attach files, check citations."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reviewer.core.record.document import RecordFile
from reviewer.core.services.changes import Changes, Outcome
from reviewer.core.services.locating import record_with_id
from reviewer.core.sources.attach import attach_source
from reviewer.core.sources.citations import CitationResult, check_citations, sources_of
from reviewer.core.sources.reading import SourceText
from reviewer.core.workspace import Workspace
from reviewer.core.texts import text


def attach(ws: Workspace, record_id: str, files: list[Path], *, name: str | None = None,
           overwrite: bool = False) -> Outcome[list[Path]]:
    """Copy files into the record's ``sources/<id>/`` (each copy atomic); the report carries
    the record's sources read again. ``name`` renames a single file."""
    paths = [attach_source(ws, record_id, f, name=name, overwrite=overwrite) for f in files]
    names = ", ".join(p.name for p in paths)
    return Outcome(paths, Changes(sources={record_id: sources_of(ws, record_id)},
                                  message=text("Attached {files} to {id}", files=names, id=record_id)))


@dataclass
class RecordCitations:
    record: RecordFile
    sources: list[SourceText]
    results: list[CitationResult]


def citations(ws: Workspace, ref: str) -> RecordCitations:
    """Each pillar's citation checked against the record's sources, as the app shows it."""
    record = record_with_id(ws, ref)
    sources = sources_of(ws, record.record_id)
    return RecordCitations(record, sources, check_citations(record.data, sources, ws.root))
