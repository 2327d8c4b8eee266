"""The audit of the AI drafts, from the git history: how each verified record's latest
verified version differs from its draft as authored, aggregated (``reviewer stats``, the
app's Dashboard, the HTML report). Read in bulk and cached by commit and by blob (see
:mod:`reviewer.core.audit`); only commits made since the last reading are asked of git.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer.core.audit.cache import AuditCache
from reviewer.core.audit.measures import (
    Block,
    Filters,
    PillarChange,
    agreement,
    matches,
    pillar_changes,
    same_person,
    timeline,
)
from reviewer.core.audit.reviews import RecordReview, reviews
from reviewer.core.terms import DRAFT, VERIFIED
from reviewer.core.workspace import Workspace

if TYPE_CHECKING:  # (a cached answer needs neither the history reader nor the checks)
    from reviewer.core.audit.verdicts import Verdicts


@dataclass
class RecordAudit:
    """One record's review, for the drill-down from a chart to the list."""
    record: str
    file: str
    status: str
    author: str
    auditor: str | None
    verified_at: str | None
    drafted_at: str | None
    days_as_draft: float | None
    changes: list[PillarChange] = field(default_factory=list)
    country: str = ""
    year: str = ""
    citations_before: dict[str, str] = field(default_factory=dict)
    citations_after: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"record": self.record, "file": self.file, "status": self.status,
                "author": self.author, "auditor": self.auditor, "verified_at": self.verified_at,
                "drafted_at": self.drafted_at, "days_as_draft": self.days_as_draft,
                "country": self.country, "year": self.year,
                "pillars": {c.pillar: {**{k: v for k, v in c.counts().items()
                                          if not k.startswith("_")},
                                       "score_change": c.score_change} for c in self.changes},
                "citations_before": self.citations_before, "citations_after": self.citations_after}


@dataclass
class AuditStats:
    filters: Filters
    order: tuple[str, ...] = ()          # the workspace's pillars, in display order
    records: int = 0
    verified: int = 0
    drafts: int = 0
    unreadable: int = 0    # record files whose version now is not a readable record (as in list)
    pillars: Block = field(default_factory=Block)
    authors: dict[str, Block] = field(default_factory=dict)
    author_counts: dict[str, dict[str, int]] = field(default_factory=dict)
    auditors: dict[str, dict[str, int]] = field(default_factory=dict)
    timeline: list[dict] = field(default_factory=list)
    citations: dict = field(default_factory=dict)
    placeholders: dict[str, int] = field(default_factory=dict)
    agreement: dict = field(default_factory=dict)
    details: list[RecordAudit] = field(default_factory=list)
    read: dict[str, int] = field(default_factory=dict)   # what this run asked of git

    def to_json(self, details: bool = False) -> dict:
        out = {"records": self.records, "verified": self.verified, "drafts": self.drafts,
               "unreadable": self.unreadable,
               "filters": self.filters.to_json(), "pillars": self.pillars.to_json(self.order),
               "authors": {a: {**self.author_counts[a], "pillars": b.to_json(self.order)}
                           for a, b in sorted(self.authors.items())},
               "auditors": dict(sorted(self.auditors.items())), "timeline": self.timeline,
               "citations": self.citations, "placeholders": self.placeholders,
               "agreement": self.agreement, "read": self.read}
        if details:
            out["details"] = [d.to_json() for d in self.details]
        return out


def stats(ws: Workspace, filters: Filters | None = None,
          cache_dir: Path | None = None) -> AuditStats:
    """The audit's numbers, read from the history (see :func:`stats_json` for the cached
    answer)."""
    from reviewer.core.audit.history import read_history
    from reviewer.core.audit.verdicts import Verdicts
    from reviewer.core.review.gitrepo import GitRepo
    filters = filters or Filters()
    with GitRepo.open(ws.root) as repo:
        prefix = ws.root.resolve().relative_to(repo.root).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        cache = AuditCache(ws.root.resolve(), _fingerprint(ws), cache_dir)
        try:
            history = read_history(ws, repo, cache)
            read = history.read()
            found = reviews(ws, history.commits, history.facts, prefix)
            checker = Verdicts(ws, cache.verdicts())
            result = compute(ws, found, filters, checker)
            cache.add_verdicts(checker.new)
        finally:
            cache.close()
    result.read = read
    return result


def stats_json(ws: Workspace, filters: Filters | None = None, details: bool = False,
               cache_dir: Path | None = None) -> dict:
    """:func:`stats` as JSON (``reviewer stats``), answered from the cache when nothing it
    depends on changed: HEAD, the filters, the workspace's configuration, and the sources
    (their tree at HEAD and any uncommitted change to them)."""
    filters = filters or Filters()
    key = _result_key(ws, filters, details)
    known = None
    if key is not None:
        cache = AuditCache(ws.root.resolve(), _fingerprint(ws), cache_dir)
        try:
            known = cache.result(key)
        finally:
            cache.close()
    if known is not None:
        data = json.loads(known)
        data["read"] = {"commits_read": 0, "blobs_read": 0, "cached": True}
        return data
    data = stats(ws, filters, cache_dir).to_json(details=details)
    if key is None:
        return data
    cache = AuditCache(ws.root.resolve(), _fingerprint(ws), cache_dir)
    try:
        cache.add_result(key, json.dumps(data, ensure_ascii=False, default=str))
    finally:
        cache.close()
    return data


def _result_key(ws: Workspace, filters: Filters, details: bool) -> str | None:
    """What the answer depends on, digested; None when git cannot say (no repository:
    :func:`stats` then says why). Plain git processes, not GitPython: a cached answer is
    meant to come at once."""
    head = _git(ws, "rev-parse", "--verify", "--quiet", "HEAD")
    if head is None or head[0] not in (0, 1):   # 1: no commit yet
        return None
    tree = dirty = ""
    if ws.sources_root.exists():
        sources = os.path.relpath(ws.sources_root.resolve(), ws.root.resolve())
        found = _git(ws, "rev-parse", "--verify", "--quiet", f"HEAD:./{sources}")
        changed = _git(ws, "status", "--porcelain", "-z", "--untracked-files=all", "--", sources)
        if found is None or changed is None:
            return None
        tree, dirty = found[1].strip(), changed[1]
    text = json.dumps([head[1].strip(), filters.to_json(), details, tree, dirty], sort_keys=True)
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def _git(ws: Workspace, *args: str) -> tuple[int, str] | None:
    try:
        done = subprocess.run(["git", "-C", str(ws.root), *args], stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=60,
                              env={**os.environ, "GIT_LITERAL_PATHSPECS": "1"})
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.returncode, done.stdout.decode("utf-8", "surrogateescape")


def _fingerprint(ws: Workspace) -> str:
    config = ws.config
    text = repr((config.records, config.languages, config.placeholder_labels,
                 config.placeholder_evidence))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def compute(ws: Workspace, found: list[RecordReview], filters: Filters,
            verdicts: Verdicts | None = None) -> AuditStats:
    """``verdicts``: how to check citations (None: not checked)."""
    out = AuditStats(filters, tuple(ws.config.pillars))
    before_counts: dict[str, int] = {}
    after_counts: dict[str, int] = {}
    chosen = [r for r in found if r.current is not None and matches(r, filters)]  # not deleted
    out.unreadable = sum(1 for r in chosen if r.current.get("unreadable"))
    chosen = [r for r in chosen if not r.current.get("unreadable")]
    if verdicts is not None:
        verdicts.prefetch([(r.record, version.facts) for r in chosen if pillar_changes(r)
                           for version in (r.draft, r.verified)])
    for review in chosen:
        current = review.current
        out.records += 1
        status = current.get("status")
        out.verified += status == VERIFIED
        out.drafts += status == DRAFT
        out.placeholders["left"] = out.placeholders.get("left", 0) + sum(
            1 for p in current.get("pillars", {}).values() if p.get("placeholder"))
        _count_events(out, review)
        detail = _detail(review, verdicts)
        if detail.changes:
            author = detail.author or "(unknown)"
            block = out.authors.setdefault(author, Block())
            counts = out.author_counts.setdefault(author, {"records": 0, "reviewed": 0})
            counts["records"] += 1
            counts["reviewed"] = counts.get("reviewed", 0) + 1
            for change in detail.changes:
                out.pillars.add(change)
                block.add(change)
            for table, found_verdicts in ((before_counts, detail.citations_before),
                                          (after_counts, detail.citations_after)):
                for verdict in found_verdicts.values():
                    table[verdict] = table.get(verdict, 0) + 1
        else:
            counts = out.author_counts.setdefault(detail.author or "(unknown)",
                                                  {"records": 0, "reviewed": 0})
            counts["records"] += 1
            out.authors.setdefault(detail.author or "(unknown)", Block())
        out.details.append(detail)
    totals = out.pillars.to_json(out.order)
    out.citations = {"corrected": sum(p["citation_changed"] for p in totals.values()),
                     "before": dict(sorted(before_counts.items())),
                     "after": dict(sorted(after_counts.items()))}
    out.placeholders["replaced"] = sum(p["placeholder_replaced"] for p in totals.values())
    out.placeholders.setdefault("left", 0)
    out.timeline = timeline([r for r in found if matches(r, Filters(filters.author, None,
                                                                    filters.country, filters.year))],
                            filters)
    out.agreement = agreement([r for r in found if matches(r, filters)])   # deleted ones too
    return out


def _count_events(out: AuditStats, review: RecordReview) -> None:
    for event in review.events:
        if out.filters.auditor is not None and not same_person(event.who, out.filters.auditor):
            continue   # the table answers for the auditor asked about
        slot = out.auditors.setdefault(event.who, {"verified": 0, "reopened": 0})
        slot["verified" if event.kind == VERIFIED else "reopened"] += 1


def _detail(review: RecordReview, verdicts: Verdicts | None) -> RecordAudit:
    draft, verified, event = review.draft, review.verified, review.last_verify
    changes = pillar_changes(review)
    detail = RecordAudit(review.record, review.file, (review.current or {}).get("status", ""),
                         (draft.facts.get("author") if draft else "") or "",
                         event.who if event else None, event.date if event else None,
                         draft.commit.date if draft else None, review.days_as_draft, changes)
    now = review.current or (draft.facts if draft else {})
    detail.country, detail.year = str(now.get("country") or ""), str(now.get("year") or "")
    if changes and verdicts is not None:
        detail.citations_before = verdicts.of(review.record, draft.facts)
        detail.citations_after = verdicts.of(review.record, verified.facts)
    return detail
