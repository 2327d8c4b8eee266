"""Field-level differences between two versions of a record's data.

Auditors think in fields, not lines: ``analysis.mrv.score: 85 → 70`` says what a commit
did even when the file is JSON, a value moved lines, or only quoting changed (which gives
no field change at all). Mappings are flattened to dotted paths; lists of equal length are
compared item by item (so one edited tag reads as one change), lists whose length changed
are shown whole, since an index-by-index diff of a shifted list would be noise.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from reviewer.core.record.datapath import same
from reviewer.core.record.nodes import Path, format_path


class _Absent:
    """The value of a field that does not exist on one side (shown as ``(none)``)."""

    _instance: "_Absent | None" = None

    def __new__(cls) -> "_Absent":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "ABSENT"

    def __bool__(self) -> bool:
        return False


ABSENT: Any = _Absent()
VALUE_LIMIT = 80          # characters of a value shown before it is cut with "…"
ARROW = "→"


@dataclass(frozen=True)
class FieldChange:
    path: Path
    old: Any = ABSENT
    new: Any = ABSENT
    language: str | None = None   # the language file it is in (a record in several files)

    @property
    def kind(self) -> str:
        if self.old is ABSENT:
            return "added"
        if self.new is ABSENT:
            return "removed"
        return "changed"

    @property
    def path_text(self) -> str:
        return format_path(self.path)

    @property
    def label(self) -> str:
        """The field, and its language when the change is in one language's file only."""
        return f"{self.path_text} [{self.language}]" if self.language else self.path_text

    def old_text(self, limit: int | None = VALUE_LIMIT) -> str:
        return format_value(self.old, limit)

    def new_text(self, limit: int | None = VALUE_LIMIT) -> str:
        return format_value(self.new, limit)

    def __str__(self) -> str:
        return f"{self.label}: {self.old_text()} {ARROW} {self.new_text()}"

    def to_json(self) -> dict:
        """``{path, old, new, kind}``; an absent side is ``null`` (``kind`` tells it apart);
        ``language`` too when the change is in one language's file only."""
        out = {"path": self.path_text, "old": _plain(self.old), "new": _plain(self.new),
               "kind": self.kind}
        if self.language:
            out["language"] = self.language
        return out


def _plain(value: Any) -> Any:
    if value is ABSENT:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


# Text that would read as another type if shown bare is quoted, so `2024` (a number) and
# `"2024"` (text) look different in a commit message.
_AMBIGUOUS = re.compile(r"^(?:[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|true|false|"
                        r"null|~|yes|no|on|off|\.nan|[-+]?\.inf)$", re.IGNORECASE)


def format_value(value: Any, limit: int | None = VALUE_LIMIT) -> str:
    """One line for a value: text bare when unambiguous, everything else as JSON."""
    if value is ABSENT:
        return "(none)"
    if isinstance(value, str):
        plain = (value and value == value.strip() and "\n" not in value and "\r" not in value
                 and not _AMBIGUOUS.match(value) and not value.startswith(('"', "(")))
        text = value if plain else json.dumps(value, ensure_ascii=False)
    elif isinstance(value, (dt.date, dt.datetime)):
        text = value.isoformat()
    else:
        text = json.dumps(_plain(value), ensure_ascii=False, default=str)
    if limit is not None and len(text) > limit:
        text = text[: max(limit - 1, 1)] + "…"
    return text


def field_changes(old: Any, new: Any) -> list[FieldChange]:
    """The changes that turn ``old`` into ``new``, in the order the fields appear in ``new``
    (removed fields after their surviving siblings). ``None`` data (no file) is ``{}``."""
    out: list[FieldChange] = []
    _diff({} if old is None else old, {} if new is None else new, (), out)
    return out


def _diff(old: Any, new: Any, path: Path, out: list[FieldChange]) -> None:
    # A mapping added or removed whole is still listed field by field.
    both_maps = isinstance(old, dict) and isinstance(new, dict)
    one_side = (isinstance(old, dict) and old and new is ABSENT) or \
        (isinstance(new, dict) and new and old is ABSENT)
    if both_maps or one_side:
        old_map = old if isinstance(old, dict) else {}
        new_map = new if isinstance(new, dict) else {}
        for key in [*new_map, *(k for k in old_map if k not in new_map)]:
            _diff(old_map.get(key, ABSENT), new_map.get(key, ABSENT), path + (str(key),), out)
        return
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for i, (a, b) in enumerate(zip(old, new)):
            _diff(a, b, path + (i,), out)
        return
    if old is ABSENT and new is ABSENT:
        return
    if old is not ABSENT and new is not ABSENT and same(old, new):
        return
    out.append(FieldChange(path, old, new))
