"""Services on records: open one for review, save edits, set fields, list, show, validate."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from reviewer.core.config import DEFAULT, WorkspaceConfig
from reviewer.core.errors import ConflictError, EditRefused, ReviewerError
from reviewer.core.record.bundle import Mismatch, RecordBundle, data_mismatches
from reviewer.core.record.document import RecordFile
from reviewer.core.record.editor import Change
from reviewer.core.record.summary import Summary
from reviewer.core.review.validate import (ERROR, Finding, Issue, data_findings, parity_issues,
                                           validate_record)
from reviewer.core.services.changes import Changes, Outcome
from reviewer.core.services.locating import locate, record_with_id  # noqa: F401 (callers ask here)
from reviewer.core.sources.citations import CitationResult, check_citations, sources_of
from reviewer.core.sources.reading import SourceText
from reviewer.core.terms import REVIEW_STATUSES
from reviewer.core.workspace import Entry, Workspace
from reviewer.core.texts import text


@dataclass
class LoadedRecord:
    """A record opened for review: read, checked, with its sources and citation verdicts.
    ``record`` is the file opened; ``bundle`` all of the record's language files."""
    path: Path
    record: RecordFile | None
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)
    sources: list[SourceText] = field(default_factory=list)
    citations: list[CitationResult] = field(default_factory=list)
    bundle: RecordBundle | None = None
    mismatches: list[Mismatch] = field(default_factory=list)


def load_record(ws: Workspace, path: Path) -> LoadedRecord:
    try:
        bundle = ws.bundle_of(path)
    except ReviewerError as exc:
        return LoadedRecord(path, None, error=str(exc))
    record = next((r for r in bundle.files.values() if r.path == path), bundle.primary)
    sources = sources_of(ws, record.record_id)
    return LoadedRecord(path, record, findings=findings_for(record.data, record, ws.config),
                        sources=sources, citations=check_citations(record.data, sources, ws.root),
                        bundle=bundle, mismatches=bundle.mismatches(ws.config.neutral))


def findings_for(data: dict, record: RecordFile, config: WorkspaceConfig = DEFAULT) -> list[Finding]:
    """Findings for a working copy of ``record``'s data; the YAML 1.1 comparison applies
    only to the data as the file has it."""
    same_as_file = data is record.data
    return data_findings(data, record.fmt, record.parsed.data11 if same_as_file else None,
                         record.parsed.error11 if same_as_file else None,
                         config=config, language=record.language)


def language_findings(datas: dict[str | None, dict], files: dict[str | None, RecordFile],
                      config: WorkspaceConfig) -> dict[str | None, list[Finding]]:
    """Findings for the working copies of a record's language files (the primary first),
    each checked against its own language's vocabulary; a neutral field the copies disagree
    on is an error of the primary's (the app edits neutral fields in every copy at once)."""
    out = {lang: findings_for(datas[lang], record, config) for lang, record in files.items()}
    primary = next(iter(files))
    out[primary] += [Finding(ERROR, "parity", m.path, m.message)
                     for m in data_mismatches(datas, config.neutral)]
    return out


def save_languages(ws: Workspace, files: dict[str | None, RecordFile],
                   edits: dict[str | None, list[Change]]) -> Outcome[RecordBundle]:
    """Write each language file's edits as one change set: every file's edits verify or
    none is written, and the save is refused (nothing written) if a file to write changed
    on disk since it was read."""
    for record in files.values():
        ws.refuse_outside(record.path, "record")
    bundle = RecordBundle(next(iter(files.values())).key, dict(files))
    saved = bundle.save(edits)
    written = {r.path: r for lang, r in saved.files.items() if r is not files[lang]}
    names = ", ".join(ws.relative(path) for path in written)
    return Outcome(saved, Changes(records=written, message=text("Saved {files}", files=names) if names
                                                             else text("no change")))


def save_record(ws: Workspace, record: RecordFile, edits: Iterable[Change]) -> Outcome[RecordFile]:
    """Write only these edits (refused whole, nothing written, if any cannot be verified or
    the file changed on disk since ``record`` was read)."""
    ws.refuse_outside(record.path, "record")
    saved = record.save(edits)
    return Outcome(saved, Changes(records={saved.path: saved},
                                  message=text("Saved {files}", files=ws.relative(saved.path))))


def set_fields(ws: Workspace, ref: str, edits: list[Change],
               language: str | None = None) -> Outcome[RecordFile]:
    """``reviewer set``: apply every edit in one verified write, or none. The review status
    is not a field to set: it changes only through a verify or a reopen, which commit it."""
    for edit in edits:
        # (A value that is no status at all is the schema's to refuse, with its own words.)
        if edit.path[:1] == ("reviewStatus",) and (edit.is_delete or edit.value in REVIEW_STATUSES):
            raise EditRefused("reviewStatus changes only through reviewer verify and reviewer "
                              "reopen (they check the gate and commit the record); nothing was "
                              "written")
    path, _ = locate(ws, ref)
    if not ws.config.multilingual:
        before, saved = RecordFile.update(path, edits)  # on top of another writer's save
        if saved is before:
            return Outcome(saved, Changes(message=text("no change")))
        return Outcome(saved, Changes(records={saved.path: saved},
                                      message="set " + ", ".join(str(c) for c in edits)))
    return _set_in_languages(ws, path, edits, language)


def _set_in_languages(ws: Workspace, path: Path, edits: list[Change],
                      language: str | None) -> Outcome[RecordFile]:
    """A neutral field in every language file, a translated one in ``language``'s, all as
    one change set; a concurrent writer's save is read again and written on top of."""
    for attempt in range(3):
        bundle = ws.bundle_of(path)
        per_file = bundle.route(edits, language, ws.config.is_neutral)
        try:
            saved = bundle.save(per_file)
        except ConflictError:
            if attempt == 2:
                raise
            continue
        written = {r.path: r for lang, r in saved.files.items() if r is not bundle.files[lang]}
        if not written:
            return Outcome(saved.primary, Changes(message=text("no change")))
        where = ", ".join(r.language or "" for r in written.values())
        return Outcome(saved.primary, Changes(records=written, message="set " + ", ".join(
            str(c) for c in edits) + (f" in {where}" if where else "")))
    raise AssertionError("unreachable")


def list_records(ws: Workspace) -> list[Summary]:
    return ws.summaries()


def validate_by_engine(ws: Workspace | None, paths: list[Path]) -> list[Issue]:
    """Issues of these files of one workspace (or of none), each read by the record engine:
    for a language layout, whose parity checks need every language file (elsewhere
    :func:`validation.validate_paths` answers from the index)."""
    issues: list[Issue] = []
    entries = [_entry(ws, path) for path in paths]
    duplicates = ws.duplicate_ids(entries) if ws is not None and not ws.config.multilingual else {}
    for entry in entries:
        if entry.record is None:
            exc = entry.error
            issues.append(Issue("error", "read", exc.message, (), exc.path or str(entry.path),
                                exc.line, exc.col))
            continue
        found = validate_record(entry.record, duplicates.get(entry.path), ws)
        issues.extend(_once_per_record(ws, entry.record, found, entries) if ws else found)
    if ws is not None and ws.config.multilingual:
        issues.extend(_parity(ws, entries))
    return issues


def _entry(ws: Workspace | None, path: Path) -> Entry:
    outside = ws.outside_message(path) if ws is not None else None
    if outside is not None:
        return Entry(path, error=ReviewerError(outside, path=path))
    try:
        return Entry(path, record=ws.load(path) if ws is not None else RecordFile.load(path))
    except ReviewerError as exc:
        return Entry(path, error=exc)


def _once_per_record(ws: Workspace, record: RecordFile, issues: list[Issue],
                     entries: list[Entry]) -> list[Issue]:
    """A finding about a language-neutral field is the record's, not each file's: it is
    reported on the primary language's file only (parity errors say when files differ)."""
    if record.key is None or not ws.config.multilingual:
        return issues
    order = {lang: i for i, lang in enumerate(ws.config.languages)}
    present = [e.record.language for e in entries
               if e.record is not None and e.record.key == record.key]
    if min(present, key=lambda lang: order.get(lang, len(order))) == record.language:
        return issues
    return [i for i in issues if not i.path or not ws.config.is_neutral(i.path)]


def _parity(ws: Workspace, entries: list[Entry]) -> list[Issue]:
    """Language-neutral fields that differ between a record's files: once per record."""
    out: list[Issue] = []
    seen: set[str] = set()
    for entry in entries:
        record = entry.record
        if record is None or record.key is None or record.key in seen:
            continue
        seen.add(record.key)
        try:
            bundle = ws.bundle_of(entry.path)
        except ReviewerError:
            continue  # an unreadable language file is reported as such
        out.extend(parity_issues(bundle, ws.config))
    return out
