"""Core work the app runs in the background, each returning what changed.

Like Anki's operations: a function here runs core code only (no widgets), so it can run in
a worker thread; the window applies the returned result to its views.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.core.citations import CitationResult, check_citations, sources_of
from reviewer.core.document import RecordFile
from reviewer.core.errors import ReviewerError
from reviewer.core.history import HistoryEntry, last_verification, line_diff, record_history
from reviewer.core.review import ReviewPlan, ReviewResult, plan_reopen, plan_verify, reopen, verify
from reviewer.core.sources import SourceText, attach_source
from reviewer.core.validate import Finding, data_findings
from reviewer.core.workspace import Summary, Workspace


@dataclass
class LoadedRecord:
    path: Path
    record: RecordFile | None
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)
    sources: list[SourceText] = field(default_factory=list)
    citations: list[CitationResult] = field(default_factory=list)


def scan_workspace(ws: Workspace) -> list[Summary]:
    return ws.summaries()


def load_record(ws: Workspace, path: Path) -> LoadedRecord:
    try:
        record = RecordFile.load(path)
    except ReviewerError as exc:
        return LoadedRecord(path, None, error=str(exc))
    findings = findings_for(record.data, record)
    sources = load_sources(ws, record.record_id)
    citations = check_citations(record.data, sources, ws.root)
    return LoadedRecord(path, record, findings=findings, sources=sources, citations=citations)


def load_sources(ws: Workspace, record_id: str | None) -> list[SourceText]:
    """The record's sources, read; the policy text itself (the one with an outline) first,
    articles about it after, unreadable ones last."""
    return sorted(sources_of(ws, record_id),
                  key=lambda s: (not s.outline, s.error is not None, s.name))


@dataclass
class Attached:
    """What ``attach_sources`` did: the new files, and the record's sources read again."""
    record_id: str
    paths: list[Path]
    sources: list[SourceText]


def attach_sources(ws: Workspace, record_id: str, files: list[Path],
                   overwrite: bool = False) -> Attached:
    """Copy files into the record's source folder; each copy is atomic. The window asks
    before replacing (``overwrite``), so a refusal here means something changed meanwhile."""
    paths = [attach_source(ws, record_id, f, overwrite=overwrite) for f in files]
    return Attached(record_id, paths, load_sources(ws, record_id))


def findings_for(data: dict, record: RecordFile) -> list[Finding]:
    """Findings for the working copy; the YAML 1.1 comparison only applies to the file."""
    same_as_file = data is record.data
    return data_findings(data, record.fmt, record.parsed.data11 if same_as_file else None,
                         record.parsed.error11 if same_as_file else None)


@dataclass
class History:
    path: Path
    entries: list[HistoryEntry]
    verified_by: HistoryEntry | None
    error: str | None = None


def load_history(ws: Workspace, path: Path) -> History:
    try:
        entries = record_history(ws, path)
    except ReviewerError as exc:
        return History(path, [], None, error=exc.message)
    return History(path, entries, last_verification(entries))


@dataclass
class ReviewPreview:
    plan: ReviewPlan
    raw_diff: str


def preview(ws: Workspace, path: Path, action: str, name: str | None, email: str | None,
            text: str | None) -> ReviewPreview:
    if action == "verify":
        plan = plan_verify(ws, path, reviewer=name, email=email, note=text)
    else:
        # The reason is typed in the dialog afterwards; the preview shows where it will go.
        plan = plan_reopen(ws, path, reason=text or "(your reason)", reviewer=name, email=email)
    since_head = line_diff(ws, path)
    stamp = "".join(difflib.unified_diff(
        plan.old_bytes.decode("utf-8", "replace").splitlines(keepends=True),
        plan.new_bytes.decode("utf-8", "replace").splitlines(keepends=True),
        "working file", f"after {action}", n=1))
    raw = (since_head or "(no edits since the last commit)\n") + "\n" + stamp
    return ReviewPreview(plan, raw)


def commit_review(ws: Workspace, shown: ReviewPlan, name: str, email: str,
                  text: str | None) -> ReviewResult:
    """Commit what the dialog showed; refuse if the file changed since it was shown."""
    if shown.action == "verify":
        plan = plan_verify(ws, shown.path, reviewer=name, email=email, note=text)
    else:
        plan = plan_reopen(ws, shown.path, reason=text or "", reviewer=name, email=email)
    if plan.old_bytes != shown.old_bytes:
        raise ReviewerError("the record changed on disk since this review was shown; "
                            "close the dialog and review it again (nothing was committed)")
    if shown.action == "verify":
        return verify(ws, shown.path, reviewer=name, email=email, note=text, expected=plan)
    return reopen(ws, shown.path, reason=text or "", reviewer=name, email=email, expected=plan)
