"""The audit's numbers: how each reviewed record's latest verified version differs from its
draft as authored, aggregated over the workspace, per pillar, per drafting author, per
auditor and over time. Pure functions of the records' reviews (:mod:`.reviews`).

Definitions (the README repeats them):
- A pillar is *reviewed* when the record's latest verified version assesses it.
- ``score_changed``: reviewed pillars whose score differs from the draft's (a pillar the
  draft lacked is ``added`` instead, and changes no score); ``mean_abs_score_change`` is
  the mean over every reviewed pillar of |verified - draft|, an unchanged or added one
  counting 0.
- ``label_changed``, ``evidence_changed``, ``citation_changed``: the text differs;
  ``note_added``: the verified pillar has an audit note the draft's had not;
  ``placeholder_replaced``: the draft's pillar was a migration placeholder, the verified one
  is not; ``removed``: pillars of the draft the verified version no longer assesses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reviewer.core.audit.agreement import interval_alpha
from reviewer.core.audit.reviews import RecordReview
from reviewer.core.terms import DRAFT, VERIFIED

COUNTS = ("reviewed", "score_changed", "label_changed", "evidence_changed", "citation_changed",
          "note_added", "added", "removed", "placeholder_replaced")


@dataclass(frozen=True)
class Filters:
    author: str | None = None      # the drafting author (provenance.author)
    auditor: str | None = None     # "Name <email>", the name or the email
    country: str | None = None
    year: str | None = None
    since: dt.date | None = None   # verified on or after
    until: dt.date | None = None   # verified on or before

    def to_json(self) -> dict:
        return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in self.__dict__.items()}


@dataclass
class PillarChange:
    """One reviewed (or removed) pillar of one record: draft against verified."""
    pillar: str
    draft: dict | None
    verified: dict | None

    @property
    def score_change(self) -> float | None:
        old, new = (self.draft or {}).get("score"), (self.verified or {}).get("score")
        return None if old is None or new is None else new - old

    def counts(self) -> dict[str, int]:
        old, new = self.draft, self.verified
        if new is None:
            return {"removed": 1}
        out = {"reviewed": 1}
        if old is None:
            out["added"] = 1
            return out
        change = self.score_change
        out["score_changed"] = int(old.get("score") != new.get("score"))
        for key in ("label", "evidence", "citation"):
            out[f"{key}_changed"] = int(old.get(key) != new.get(key))
        out["note_added"] = int(new.get("note", False) and not old.get("note", False))
        out["placeholder_replaced"] = int(old.get("placeholder", False) and not new.get("placeholder"))
        out["_abs"] = abs(change) if change is not None else 0
        return out


def pillar_changes(review: RecordReview) -> list[PillarChange]:
    draft, verified = review.draft, review.verified
    if draft is None or verified is None or review.last_verify is None:
        return []   # never reviewed (a record imported as verified was not reviewed here)
    old, new = draft.facts.get("pillars", {}), verified.facts.get("pillars", {})
    names = list(new) + [name for name in old if name not in new]
    return [PillarChange(name, old.get(name), new.get(name)) for name in names]


@dataclass
class Block:
    """The per-pillar counts of a set of reviewed records."""
    totals: dict[str, dict[str, float]] = field(default_factory=dict)

    def add(self, change: PillarChange) -> None:
        slot = self.totals.setdefault(change.pillar, {k: 0 for k in (*COUNTS, "_abs")})
        for key, value in change.counts().items():
            slot[key] += value

    def to_json(self, order: tuple[str, ...] = ()) -> dict:
        out = {}
        names = [p for p in order if p in self.totals] + [p for p in self.totals if p not in order]
        for pillar in names:
            slot = self.totals[pillar]
            row = {key: int(slot[key]) for key in COUNTS}
            reviewed = slot["reviewed"]
            row["mean_abs_score_change"] = round(slot["_abs"] / reviewed, 4) if reviewed else None
            out[pillar] = row
        return out


def matches(review: RecordReview, filters: Filters) -> bool:
    """Whether a record belongs to the filtered set: by its draft's author, its current
    country and year, and its last verification (who, when)."""
    draft = review.draft.facts if review.draft else {}
    now = review.current or draft
    if filters.author is not None and draft.get("author") != filters.author:
        return False
    if filters.country is not None and now.get("country") != filters.country:
        return False
    if filters.year is not None and str(now.get("year")) != str(filters.year):
        return False
    if filters.auditor is None and filters.since is None and filters.until is None:
        return True
    event = review.last_verify
    if event is None:
        return False
    if filters.auditor is not None and not same_person(event.who, filters.auditor):
        return False
    day = dt.date.fromisoformat(event.date[:10])
    return not ((filters.since and day < filters.since) or (filters.until and day > filters.until))


def same_person(who: str, asked: str) -> bool:
    asked = asked.strip()
    name, _, email = who.partition(" <")
    return asked in (who, name, email.rstrip(">"))


def timeline(reviews: list[RecordReview], filters: Filters) -> list[dict]:
    """Verified and draft counts at the end of each day the records changed."""
    changes: list[tuple[str, str, str | None]] = []
    for review in reviews:
        for version in review.versions:
            status = version.facts.get("status") if version.blob is not None else None
            changes.append((version.commit.date, review.record, status))
    changes.sort(key=lambda c: _utc(c[0]))
    state: dict[str, str | None] = {}
    counts = {VERIFIED: 0, DRAFT: 0}      # kept as the records change: no recount per change
    days: dict[str, dict] = {}
    for when, record, status in changes:
        old = state.get(record)
        if old in counts:
            counts[old] -= 1
        if status in counts:
            counts[status] += 1
        state[record] = status
        day = _utc(when).date().isoformat()
        days[day] = {"date": day, "verified": counts[VERIFIED], "drafts": counts[DRAFT]}
    rows = list(days.values())
    return [r for r in rows if (not filters.since or r["date"] >= filters.since.isoformat())
            and (not filters.until or r["date"] <= filters.until.isoformat())]


def _utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).astimezone(dt.UTC)


def agreement(reviews: list[RecordReview]) -> dict:
    """Scores of records verified by two or more different auditors: per (record, pillar),
    each auditor's last verified score."""
    units, records = [], 0
    for review in reviews:
        by_auditor: dict[str, dict] = {}
        for event in review.events:
            if event.kind == VERIFIED:
                by_auditor[event.who] = event.version.facts.get("pillars", {})
        if len(by_auditor) < 2:
            continue
        records += 1
        pillars = set().union(*(set(p) for p in by_auditor.values()))
        for name in sorted(pillars):
            values = [p[name]["score"] for p in by_auditor.values()
                      if name in p and p[name].get("score") is not None]
            units.append(values)
    alpha = interval_alpha(units)
    return {"alpha": None if alpha is None else round(alpha, 4), "records": records,
            "units": sum(1 for u in units if len(u) >= 2)}
