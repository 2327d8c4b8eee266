"""The audit's numbers as the app's Dashboard reads them: ``reviewer stats --json --details``
(the same numbers, from the same cache: a warm answer is one SQLite read) with the few
questions the charts ask of it, such as which records are behind a bar.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reviewer.core.audit.measures import Filters
from reviewer.core.services.audit import stats_json
from reviewer.core.workspace import Workspace

UNKNOWN = "(unknown)"     # the audit's name for a draft without provenance.author
CHANGES = ("score_changed", "label_changed", "evidence_changed", "citation_changed",
           "note_added", "placeholder_replaced", "added", "removed")


def _part(key: str) -> property:
    return property(lambda self: self.data[key], doc=f"The JSON's ``{key}``.")


@dataclass
class AuditNumbers:
    data: dict                  # ``stats_json(..., details=True)``
    filters: Filters
    order: tuple[str, ...] = ()  # the workspace's pillars, in display order

    # ---- the JSON's parts ------------------------------------------------------------------
    records = _part("records")
    verified = _part("verified")
    drafts = _part("drafts")
    pillars = _part("pillars")
    authors = _part("authors")
    auditors = _part("auditors")
    timeline = _part("timeline")
    citations = _part("citations")
    placeholders = _part("placeholders")
    agreement = _part("agreement")
    read = _part("read")

    @property
    def details(self) -> list[dict]:
        return self.data.get("details", [])

    # ---- questions the charts ask ----------------------------------------------------------------
    @property
    def reviewed(self) -> int:
        """Records compared with their drafts (verified in this history)."""
        return sum(1 for d in self.details if d["pillars"])

    def change_totals(self) -> dict[str, int]:
        """Each kind of change, summed over the pillars."""
        return {kind: sum(int(p.get(kind, 0)) for p in self.pillars.values()) for kind in CHANGES}

    def records_where(self, pillar: str | None, measure: str, above: float = 0) -> list[str]:
        """The records whose ``pillar`` (any, when None) has ``measure`` (a count's name, or
        ``abs_score_change``) above ``above``."""
        found = []
        for detail in self.details:
            for name, change in detail["pillars"].items():
                if pillar is not None and name != pillar:
                    continue
                value = abs(change.get("score_change") or 0) if measure == "abs_score_change" \
                    else change.get(measure, 0)
                if value > above:
                    found.append(detail["record"])
                    break
        return found

    def records_with_verdict(self, verdict: str, when: str = "after") -> list[str]:
        """The reviewed records with a citation ``verdict`` ("mismatch", ...) ``when``
        ("before" or "after" review)."""
        return [d["record"] for d in self.details
                if verdict in d.get(f"citations_{when}", {}).values()]

    def files(self, records: list[str]) -> set[str]:
        """The workspace-relative files of ``records``."""
        where = {d["record"]: d["file"] for d in self.details}
        return {where[r] for r in records if r in where}

    def values(self, key: str) -> list[str]:
        """The distinct countries or years of the records ("country", "year")."""
        return sorted({str(d.get(key) or "") for d in self.details} - {""})


def numbers(ws: Workspace, filters: Filters | None = None,
            cache_dir: Path | None = None) -> AuditNumbers:
    """The numbers for the Dashboard, from the cache when nothing changed."""
    filters = filters or Filters()
    return AuditNumbers(stats_json(ws, filters, details=True, cache_dir=cache_dir), filters,
                        tuple(ws.config.pillars))

