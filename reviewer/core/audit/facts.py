"""What the audit measures need of one version of a record file: a small dict of facts.

Read with the index's fast reader (PyYAML's C parser, used only when it provably gives the
record engine's data) and the engine otherwise, so a 30,000-version history is read in
seconds. The facts are cached by blob: a version is read once, ever.
"""

from __future__ import annotations

import hashlib
from typing import Any

from reviewer.core.config import WorkspaceConfig
from reviewer.core.errors import ReviewerError
from reviewer.core.index.fastread import Defer, read_fast
from reviewer.core.record.document import RecordFile
from reviewer.core.review.gate import is_placeholder


def read_data(raw: bytes, path: str) -> dict | None:
    """The frontmatter's data, or None when the version cannot be read as a record."""
    try:
        data, _, _ = read_fast(raw)
    except Defer:
        try:
            data = RecordFile.from_bytes(raw, path).data
        except ReviewerError:
            return None
    return data if isinstance(data, dict) else None


def facts_of(data: dict | None, config: WorkspaceConfig) -> dict:
    """``status``, ``author`` (drafting), ``id``, ``country``, ``year`` and each pillar's
    ``score``, ``label``, ``evidence`` (a digest: it is only compared), ``citation``,
    ``note`` and ``placeholder``."""
    if data is None:
        return {"unreadable": True}
    provenance = data.get("provenance") if isinstance(data.get("provenance"), dict) else {}
    analysis = data.get("analysis") if isinstance(data.get("analysis"), dict) else {}
    pillars = {}
    for name, pillar in analysis.items():
        if not isinstance(pillar, dict):
            continue
        pillars[str(name)] = {
            "score": _number(pillar.get("score")),
            "label": _text(pillar.get("label")),
            "evidence": _digest(_text(pillar.get("evidence"))),
            "citation": _text(pillar.get("citation")),
            "note": bool(_text(pillar.get("auditNote"))),
            "placeholder": is_placeholder(pillar, config),
        }
    return {"status": _text(data.get("reviewStatus")), "author": _text(provenance.get("author")),
            "id": _text(data.get("id")), "country": _text(data.get("country")),
            "year": _text(data.get("year")), "pillars": pillars}


def _digest(text: str) -> str:
    # Evidence is only compared, never shown: its digest keeps the cache small.
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest() \
        if text else ""


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    try:
        return float(str(value).strip())
    except (TypeError, ValueError):
        return None


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()
