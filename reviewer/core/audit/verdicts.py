"""Citation verdicts of versions of records, against each record's sources as they are now.

Remembered by what was checked (the citations, and the sources' names, sizes and times), so
sources are read again only when one of those changed. Within a run each distinct citation
of a record is checked once: a review keeps most of its draft's citations. A citation of a
record without sources rests on its text alone, so those are shared across records. The
records with sources (matching headings costs about a millisecond a citation) are checked
half in a worker process when there are many: on a cold run that is the most of what is
left once the history is read.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

from reviewer.core.audit.workers import spawn_pool
from reviewer.core.sources.citations import citation_checker, sources_of
from reviewer.core.sources.reading import source_paths
from reviewer.core.terms import PILLARS
from reviewer.core.workspace import Workspace, safe_record_id

PARALLEL_FROM = 200      # records with sources to check before worker processes pay off


class Verdicts:
    def __init__(self, ws: Workspace, known: dict[str, dict]) -> None:
        self.ws, self.known, self.new = ws, known, {}
        self._signatures: dict[str, str] = {}
        self._checkers: dict[str, tuple[Callable, dict]] = {}
        self._sourceless: tuple[Callable, dict] | None = None

    def of(self, record: str, facts: dict) -> dict[str, str]:
        """Each pillar's verdict ("resolved", "mismatch", ...) for this version's citations."""
        return self._checked(record, _citations(facts))

    def _checked(self, record: str, citations: dict) -> dict[str, str]:
        key = self._key(record, citations)
        if key not in self.known:
            check, memo = self._checker(record)
            self.known[key] = self.new[key] = verdicts(check, memo, citations)
        return self.known[key]

    def prefetch(self, asked: list[tuple[str, dict]]) -> None:
        """Check ahead the versions ``asked`` (record, facts) that are not known yet: those
        of records with sources in worker processes, when there are many."""
        todo: dict[str, list[dict]] = {}
        for record, facts in asked:
            citations = _citations(facts)
            if self._key(record, citations) not in self.known and self._signature(record):
                todo.setdefault(record, []).append(citations)
        if len(todo) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
            return       # checked as asked, in this process
        jobs = list(todo.items())
        theirs, ours = jobs[0::2], jobs[1::2]
        try:
            with spawn_pool() as pool:
                future = pool.submit(check_many, str(self.ws.root), theirs)
                for record, versions in ours:      # half here meanwhile
                    for citations in versions:
                        self._checked(record, citations)
                done = future.result()
        except (OSError, RuntimeError):
            return       # no worker process here (a sandbox, a frozen app): checked as asked
        for record, citations, found in done:
            key = self._key(record, citations)
            self.known[key] = self.new[key] = found

    def _key(self, record: str, citations: dict) -> str:
        text = json.dumps([record, citations, self._signature(record)], sort_keys=True,
                          ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()

    def _checker(self, record: str) -> tuple[Callable, dict]:
        if record not in self._checkers:
            sources = sources_of(self.ws, record)
            if sources:
                self._checkers[record] = (citation_checker(sources, self.ws.root, record), {})
            else:   # nothing to check against: the verdict rests on the citation alone
                if self._sourceless is None:
                    self._sourceless = (citation_checker([], self.ws.root), {})
                self._checkers[record] = self._sourceless
        return self._checkers[record]

    def _signature(self, record: str) -> str:
        if record not in self._signatures:
            parts = []
            if safe_record_id(record):
                for path in source_paths(self.ws.sources_dir(record), self.ws):
                    try:
                        info = path.stat()
                        parts.append(f"{path.name}:{info.st_size}:{info.st_mtime_ns}")
                    except OSError:
                        parts.append(f"{path.name}:?")
            self._signatures[record] = "|".join(sorted(parts))
        return self._signatures[record]


def verdicts(check: Callable, memo: dict, citations: dict) -> dict[str, str]:
    found = {}
    for name in PILLARS:      # the pillars citations are checked for, in their order
        if name in citations:
            citation = citations[name]
            if citation not in memo:
                memo[citation] = check(name, citation).status
            found[name] = memo[citation]
    return found


def check_many(root: str, jobs: list[tuple[str, list[dict]]]) -> list[tuple[str, dict, dict]]:
    """In a worker process: ``(record, citations, verdicts)`` for each version asked."""
    ws = Workspace(Path(root))
    out = []
    for record, versions in jobs:
        check, memo = citation_checker(sources_of(ws, record), ws.root, record), {}
        out += [(record, citations, verdicts(check, memo, citations)) for citations in versions]
    return out


def _citations(facts: dict) -> dict:
    return {name: p.get("citation") or None for name, p in facts.get("pillars", {}).items()}
