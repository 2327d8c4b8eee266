"""The verification gate: may this record become ``verified``?

A record passes when it has no schema error and every pillar it assesses has evidence and a
citation and is not a migration placeholder, unless the pillar carries a non-empty
``auditNote`` explaining why it stands as it is, written by the auditor: a note the draft
already held counts only once changed or confirmed (:mod:`draftnotes`). Reasons are given pillar by pillar, so
the CLI and the app can say exactly what is missing where.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from reviewer.core.config import DEFAULT, WorkspaceConfig
from reviewer.core.record.nodes import format_path
from reviewer.core.record.schema import schema_errors
from reviewer.core.terms import UNBACKED_STATUSES
from reviewer.core.texts import text


@dataclass(frozen=True)
class GateReason:
    pillar: str | None      # None: a reason about the record as a whole
    message: str
    drafted_note: bool = False  # only a drafted audit note stands in the way: confirmable

    def __str__(self) -> str:
        return f"{self.pillar}: {self.message}" if self.pillar else self.message


def is_placeholder(pillar: dict, config: WorkspaceConfig = DEFAULT) -> bool:
    """A pillar left by a migration, not assessed (the workspace's placeholder rules)."""
    return (pillar.get("label") in config.placeholder_labels
            or pillar.get("evidence") in config.placeholder_evidence)


def _blank(value: Any) -> bool:
    return not isinstance(value, str) or not value.strip()


def pillar_problems(pillar: dict, config: WorkspaceConfig = DEFAULT) -> list[str]:
    """What keeps one pillar from passing, before its audit note is considered."""
    problems = []
    if is_placeholder(pillar, config):
        problems.append(text("is a migration placeholder (label {label!r} / baseline evidence), not "
                             "an assessment", label=config.placeholder_labels[0]))
    if _blank(pillar.get("evidence")):
        problems.append(text("has no evidence"))
    if _blank(pillar.get("citation")):
        problems.append(text("has no citation"))
    return problems


def gate_reasons(data: Any, citations: list | None = None, config: WorkspaceConfig = DEFAULT,
                 drafted_notes: dict[str, str] | None = None,
                 kept_notes: Collection[str] = ()) -> list[GateReason]:
    """Why ``data`` may not be verified; an empty list means it may.

    ``citations`` (CitationResults of :mod:`reviewer.core.sources.citations`, checked against the
    record's sources) add a reason for each pillar whose citation does not resolve to a
    heading, unless the pillar's audit note explains it. ``missing`` is left out: "has no
    citation" already says so. Without ``citations`` the sources are not consulted.
    ``drafted_notes`` (pillar -> note) are the notes the draft held: such a note explains
    nothing unless its pillar is in ``kept_notes`` (the auditor confirmed it)."""
    reasons = [GateReason(None, f"{format_path(path)}: {message}")
               for path, message in schema_errors(data, config)]
    if not isinstance(data, dict):
        return reasons
    analysis = data.get("analysis")
    pillars = {name: analysis[name] for name in config.pillars
               if isinstance(analysis, dict) and isinstance(analysis.get(name), dict)}
    if not pillars:
        reasons.append(GateReason(None, text("no pillar is assessed")))
    unchecked = {r.pillar: r for r in citations or () if r.status in UNBACKED_STATUSES}
    for name, pillar in pillars.items():
        problems = pillar_problems(pillar, config)
        if name in unchecked:
            problems.append(text("citation is {status}: {detail}", status=unchecked[name].status,
                                 detail=unchecked[name].detail))
        if not problems:
            continue
        note = pillar.get("auditNote")
        if _blank(note):
            reasons.extend(GateReason(name, text("{problem} (or add an audit note explaining why it "
                                                 "stands)", problem=p))
                           for p in problems)
        elif name not in kept_notes and (drafted_notes or {}).get(name) == note.strip():
            reasons.extend(GateReason(name, text("{problem} (its audit note {note} is the draft's: write "
                                                 "your own, or confirm it)", problem=p, note=_quoted(note)),
                                      drafted_note=True)
                           for p in problems)
    return reasons


def _quoted(note: str, limit: int = 60) -> str:
    note = " ".join(note.split())
    return repr(note if len(note) <= limit else note[: limit - 1] + "…")
