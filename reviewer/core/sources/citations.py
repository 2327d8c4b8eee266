"""Check every pillar's citation against the outlines of the record's sources.

Each citation gets one verdict:

- ``resolved``: its number and title agree with one heading (or a title alone, or a number
  alone, picks out exactly one);
- ``mismatch``: the title matches a heading but the number points elsewhere, or the number
  matches a heading whose title is similar but not the one cited;
- ``ambiguous``: several headings match equally well;
- ``unresolved``: nothing in the sources matches (a number that happens to exist under an
  unrelated title is not a match: every plan has a "chapter 5");
- ``external``: it names another document (a document number, a standard, a 《title》, a
  report) that is not among the sources;
- ``missing``: there is no citation.

:func:`check_citations` is pure (no file access), so the app can re-run it on every edit.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from reviewer.core.record.document import RecordFile
from reviewer.core.sources.citematch import Candidate, Library, match
from reviewer.core.sources.citeparse import ParsedCitation, parse_citation
from reviewer.core.sources.reading import SourceText, read_sources
from reviewer.core.terms import AMBIGUOUS, EXTERNAL, MISMATCH, MISSING, PILLARS, RESOLVED, UNRESOLVED
from reviewer.core.texts import text
from reviewer.core.workspace import Workspace, safe_record_id

# Citations repeat across records ("Article 5", the plan's own title): each text is parsed
# once. Nothing changes a ParsedCitation after parsing, so sharing one is safe.
_parsed = lru_cache(maxsize=8192)(parse_citation)


@dataclass
class CitationResult:
    pillar: str
    citation: str
    status: str
    source: str | None = None      # the matched source, relative to the workspace
    heading: str | None = None     # the matched heading as the document writes it
    line: int | None = None        # 1-based line of that heading
    end_line: int | None = None    # last line of its section
    detail: str = ""               # one sentence saying why
    suggestion: str | None = None  # the citation as the document writes the place
    candidates: list[dict] = field(default_factory=list)  # ambiguous: the equal matches

    def to_json(self) -> dict:
        return asdict(self)

    @property
    def ok(self) -> bool:
        return self.status == RESOLVED


def _relative(path: Path, root: Path | None) -> str:
    if root is not None:  # abspath, not resolve(): no file system access on every edit
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
        except ValueError:
            pass
    parts = Path(path).parts
    if "sources" in parts:  # a workspace's sources/<id>/... without knowing the workspace
        index = len(parts) - 1 - parts[::-1].index("sources")
        return Path(*parts[index:]).as_posix()
    return Path(path).name


def _found(pillar: str, citation: str, status: str, c: Candidate, detail: str) -> CitationResult:
    return CitationResult(pillar, citation, status, c.source.rel, c.heading.label, c.heading.line,
                          c.heading.end_line or c.heading.line, detail, c.suggestion)


def check_citations(data: dict, sources: list[SourceText],
                    sources_root: Path | None = None) -> list[CitationResult]:
    """One result per pillar present in ``data``, in :data:`PILLARS` order. ``sources_root``
    is the workspace root (the folder holding ``sources/``): source paths in the results
    are relative to it."""
    analysis = data.get("analysis") if isinstance(data, dict) else None
    if not isinstance(analysis, dict):
        return []
    library = Library(list(sources), lambda p: _relative(p, sources_root),
                      record_id=data.get("id") if isinstance(data.get("id"), str) else None)
    out = []
    for name in PILLARS:
        pillar = analysis.get(name)
        if isinstance(pillar, dict):
            out.append(check_one(name, pillar.get("citation"), library))
    return out


def citation_checker(sources: list[SourceText], sources_root: Path | None = None,
                     record_id: str | None = None) -> Callable[[str, Any], CitationResult]:
    """``check(pillar, citation)`` against one record's sources, which are indexed once:
    for checking many versions of a record (the audit checks a draft and its review)."""
    library = Library(list(sources), lambda p: _relative(p, sources_root), record_id=record_id)
    return lambda pillar, citation: check_one(pillar, citation, library)


def check_one(pillar: str, citation: Any, library: Library) -> CitationResult:
    if not isinstance(citation, str) or not citation.strip():
        detail = text("no citation") if citation is None or isinstance(citation, str) \
            else text("the citation is not text ({type})", type=type(citation).__name__)
        return CitationResult(pillar, "" if citation is None else str(citation), MISSING,
                              detail=detail)
    parsed = _parsed(citation.strip())
    scope = library.readable
    named = None
    if parsed.references:  # a document number, a standard or a 《title》: which document?
        named = library.naming(parsed.references)
        if named is None and not parsed.locators:
            return _external(pillar, citation, parsed, library, parsed.references)
        if named is not None:
            scope = [named[0]]
            if not parsed.locators:
                verdict = match(parsed, scope) if parsed.title else None
                if verdict is None or verdict[0] == UNRESOLVED:
                    return _whole(pillar, citation, named)
    if not library.readable:
        if parsed.references or parsed.named_document:
            names = parsed.references or [parsed.named_document]
            return _external(pillar, citation, parsed, library, names)
        return CitationResult(pillar, citation, UNRESOLVED, detail=library.nothing_to_check())
    result = _verdict(pillar, citation, match(parsed, scope))
    if result.status == UNRESOLVED and not parsed.locators:
        # No heading is called that: it may name a whole document, one of ours or not.
        whole = library.naming([parsed.title], close=True)
        if whole is not None:
            return _whole(pillar, citation, whole)
        if parsed.named_document:  # "… Report 2025", "…通知"
            return _external(pillar, citation, parsed, library, [parsed.named_document])
    if parsed.references and named is None:
        if result.status != RESOLVED:
            return _external(pillar, citation, parsed, library, parsed.references)
        # The place exists in a source, but the document it names is not recognised.
        result.detail += "; " + text("but {names} is not named at the top of any source: check that "
                                     "it is this document", names=", ".join(parsed.references))
    return result


def _whole(pillar: str, citation: str, named: tuple) -> CitationResult:
    src, line = named
    return CitationResult(pillar, citation, RESOLVED, src.rel, None, line, line,
                          text("names {file} itself (line {line})", file=src.source.name, line=line))


def _external(pillar: str, citation: str, parsed: ParsedCitation, library: Library,
              names: list[str]) -> CitationResult:
    what = ", ".join(_kind_of(parsed, n) for n in names)
    where = library.mention(names)
    detail = text("names another document ({what}), not among the record's sources", what=what)
    if not library.sources:
        detail = text("names another document ({what})", what=what) + "; " + text("the record has no sources")
    elif not library.readable:
        detail = text("names another document ({what})", what=what) + "; " + \
            text("none of the record's sources can be read")
    if where is not None:
        detail += "; " + text("{file} mentions it at line {line}", file=where[0].source.name, line=where[1])
    return CitationResult(pillar, citation, EXTERNAL, detail=detail)


def _kind_of(parsed: ParsedCitation, name: str) -> str:
    if name in parsed.doc_numbers:
        return text("document number {name}", name=name)
    if name in parsed.standards:
        return text("standard {name}", name=name)
    return name


def _verdict(pillar: str, citation: str, verdict) -> CitationResult:
    status, best, others, detail = verdict
    if status in (RESOLVED, MISMATCH):
        return _found(pillar, citation, status, best, detail)
    result = CitationResult(pillar, citation, status, detail=detail)
    if status == AMBIGUOUS:
        result.candidates = [{"source": c.source.rel, "heading": c.heading.label,
                              "line": c.heading.line, "end_line": c.heading.end_line,
                              "suggestion": c.suggestion} for c in others]
    return result


# ---- the record's sources, read ------------------------------------------------------------
def sources_of(workspace: Workspace, record_id: str | None) -> list[SourceText]:
    """The record's sources in the one order (see :func:`read_sources`); none for an id
    that cannot name a folder (one being typed in the app may be anything)."""
    if not safe_record_id(record_id):
        return []
    return read_sources(workspace.sources_dir(record_id), workspace)


def check_data(workspace: Workspace, data: dict, record_id: str | None = None) -> list[CitationResult]:
    """Check ``data`` (e.g. the record as it will be committed) against its sources;
    ``record_id`` when the record is named by its file, not its ``id`` field."""
    if record_id is None:
        record_id = data.get("id") if isinstance(data, dict) else None
    return check_citations(data, sources_of(workspace, record_id), workspace.root)


def check_record(workspace: Workspace, record_file: RecordFile | Path | str) -> list[CitationResult]:
    """Check a record (a RecordFile, or a path or id the workspace resolves) on disk."""
    if not isinstance(record_file, RecordFile):
        path, known = workspace.locate(record_file)
        record_file = known or RecordFile.load(path)
    return check_data(workspace, record_file.data)


def check_data_at(record_path: Path, data: dict) -> list[CitationResult] | None:
    """For callers that know only the record's file: its workspace's verdicts, or None when
    the file is not inside a workspace (then there is nothing to check against)."""
    workspace = Workspace.containing(record_path)
    return check_data(workspace, data) if workspace is not None else None
