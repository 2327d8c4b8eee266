"""Each record's review as the history tells it: its draft as authored, its latest verified
version, who verified it and when, and every verify and reopen along the way.

A record in several language files is one record: its versions are read from its primary
language's file (the neutral fields, scores and citations included, are the same in every
file; the workspace checks that), and its verify commits are the ones that made that file
verified. The draft as authored is the earliest committed version; the latest verified
version is the last version whose ``reviewStatus`` is ``verified``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reviewer.core.audit.gitlog import Commit
from reviewer.core.terms import VERIFIED
from reviewer.core.workspace import Workspace


@dataclass
class Version:
    commit: Commit
    blob: str | None          # None: the file was deleted by this commit
    facts: dict


@dataclass
class Event:
    """A change of review status: verified (by ``who``) or reopened."""
    kind: str                 # "verified" or "reopened"
    who: str                  # "Name <email>"
    date: str
    version: Version


@dataclass
class RecordReview:
    record: str
    file: str                                   # the file its versions are read from
    versions: list[Version] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def current(self) -> dict | None:
        last = self.versions[-1] if self.versions else None
        return None if last is None or last.blob is None else last.facts

    @property
    def draft(self) -> Version | None:
        return next((v for v in self.versions if v.blob is not None), None)

    @property
    def verified(self) -> Version | None:
        """The latest verified version (None: never verified)."""
        return next((v for v in reversed(self.versions)
                     if v.blob is not None and v.facts.get("status") == VERIFIED), None)

    @property
    def last_verify(self) -> Event | None:
        return next((e for e in reversed(self.events) if e.kind == VERIFIED), None)

    @property
    def days_as_draft(self) -> float | None:
        draft, event = self.draft, self.last_verify
        if draft is None or event is None:
            return None
        delta = _when(event.date) - _when(draft.commit.date)
        return round(delta.total_seconds() / 86400, 2)


def _when(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def reviews(ws: Workspace, commits: list[Commit], facts: dict[str, dict],
            prefix: str) -> list[RecordReview]:
    """Every record the history knows, with its versions and status changes. ``prefix``:
    the workspace's folder inside the repository ("" at its root)."""
    by_file: dict[str, list[Version]] = {}
    is_record: dict[str, bool] = {}    # asked once a file, not once a version
    for commit in commits:
        for path, blob in commit.files:
            rel = path[len(prefix):] if prefix and path.startswith(prefix) else path
            if rel not in is_record:
                is_record[rel] = ws.record_key(ws.root / rel) is not None
            if not is_record[rel]:
                continue
            by_file.setdefault(rel, []).append(
                Version(commit, blob, facts.get(blob, {}) if blob else {}))
    primary = ws.config.languages[0] if ws.config.languages else None
    chosen: dict[str, tuple[str, list[Version]]] = {}
    for rel, versions in by_file.items():
        role = ws.layout.role(rel)
        key = role.key if role and role.key else _id_of(versions) or rel
        language = role.language if role else None
        if key not in chosen or language == primary:
            chosen[key] = (rel, versions)
    return [_with_events(RecordReview(key, rel, versions)) for key, (rel, versions)
            in sorted(chosen.items())]


def _id_of(versions: list[Version]) -> str | None:
    return next((v.facts.get("id") for v in reversed(versions) if v.facts.get("id")), None)


def _with_events(review: RecordReview) -> RecordReview:
    status, first = None, True
    for version in review.versions:
        if version.blob is None:
            continue
        new = version.facts.get("status")
        if first:   # imported as it was: a change of status is a review, an import is not
            status, first = new, False
            continue
        if new == VERIFIED and status != VERIFIED:
            review.events.append(Event(VERIFIED, version.commit.auditor, version.commit.date, version))
        elif status == VERIFIED and new != VERIFIED:
            review.events.append(Event("reopened", version.commit.auditor, version.commit.date,
                                       version))
        status = new
    return review
