"""``reviewer show``: one record's fields and issues, on a warm cache without the engine.

The record is found through the index (:mod:`locating`), read with the fast reader when it
vouches for the file (its data is then the engine's), and its issues come from the kept
findings (:mod:`validation`), checked again only if the file, its sources or the
configuration changed. Anything else (a file only the engine reads, a language layout)
goes through the record engine, with the same result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewer.core.files import MAX_RECORD_BYTES, read_regular
from reviewer.core.record.summary import Summary
from reviewer.core.review.issues import Issue
from reviewer.core.services.locating import locate
from reviewer.core.workspace import Workspace


@dataclass
class Shown:
    path: Path
    data: dict[str, Any]
    body: str
    summary: Summary
    issues: list[Issue] = field(default_factory=list)


def show_record(ws: Workspace, ref: str) -> Shown:
    path, known = locate(ws, ref)
    if known is None and not ws.config.multilingual:
        fast = _read_fast(path)
        if fast is not None:
            from reviewer.core.services.validation import validate_paths
            data, fmt, body = fast
            return Shown(path, data, body, Summary.of(path, ws.relative(path), data, fmt),
                         validate_paths([path]))
    from reviewer.core.record.document import RecordFile
    from reviewer.core.review.validate import validate_record
    record = known or RecordFile.load(path)
    return Shown(path, record.data, record.split.body, ws.summary_of(record),
                 validate_record(record, workspace=ws))


def _read_fast(path: Path) -> tuple[dict, str, str] | None:
    from reviewer.core.index.fastread import Defer, read_fast
    try:
        return read_fast(read_regular(path, MAX_RECORD_BYTES, "record"))
    except (OSError, Defer):
        return None   # the engine reads it, and words any error
