"""Three-way merge of a record's data, field by field.

``base`` is the version both sides started from (the file as the auditor loaded it),
``mine`` the auditor's working copy, ``theirs`` the file as it is now (changed on disk by
someone else, a pull, a restored journal's file). A field changed on one side only takes
that side's value; a field changed on both sides to the same value is simply that value;
a field changed on both sides to different values is a :class:`FieldConflict`, which the
auditor resolves (:meth:`Merge.resolved`). Nothing is decided silently.

Mappings merge key by key. A list is one field: two people adding to the same list of tags
is a conflict to look at, not two appends to interleave. The merged mapping keeps the key
order of ``theirs`` (the file that will be edited), with keys only ``mine`` added after.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from reviewer.core.record.datapath import changes_between, same
from reviewer.core.record.nodes import Path, format_path

MINE = "mine"
THEIRS = "theirs"


class _Absent:
    """A field that is not there (on one side): distinct from a null value."""

    def __repr__(self) -> str:
        return "ABSENT"

    def __deepcopy__(self, memo: dict) -> "_Absent":
        return self     # one of a kind: "is ABSENT" must hold for copies too

    def __copy__(self) -> "_Absent":
        return self


ABSENT: Any = _Absent()


@dataclass(frozen=True)
class FieldConflict:
    """A field both sides changed, differently. ABSENT stands for "removed"/"not there"."""
    path: Path
    base: Any
    mine: Any
    theirs: Any

    @property
    def label(self) -> str:
        return format_path(self.path)


@dataclass
class Merge:
    """The merged data with every conflict still at ``theirs`` until resolved."""
    data: dict
    conflicts: list[FieldConflict] = field(default_factory=list)
    mine: list[Path] = field(default_factory=list)      # fields taken from mine alone
    theirs: list[Path] = field(default_factory=list)    # fields taken from theirs alone

    @property
    def clean(self) -> bool:
        return not self.conflicts

    def resolved(self, choices: dict[Path, str]) -> dict:
        """The data with each conflict settled: ``choices[path]`` is :data:`MINE` or
        :data:`THEIRS`. Every conflict needs a choice (a missing one is a programming error,
        not a default: an unseen conflict must not be decided)."""
        missing = [c.label for c in self.conflicts if c.path not in choices]
        if missing:
            raise ValueError(f"no choice for {', '.join(missing)}")
        data = copy.deepcopy(self.data)
        for conflict in self.conflicts:
            if choices[conflict.path] == MINE:
                _put(data, conflict.path, conflict.mine)
            elif choices[conflict.path] != THEIRS:
                raise ValueError(f"choice for {conflict.label} must be {MINE!r} or {THEIRS!r}")
        return data


def three_way(base: dict, mine: dict, theirs: dict) -> Merge:
    """Merge ``mine`` and ``theirs``, both made from ``base`` (see the module's docstring)."""
    result = Merge(data={})
    merged = _merge(base, mine, theirs, (), result)
    result.data = merged if isinstance(merged, dict) else {}
    return result


def _merge(base: Any, mine: Any, theirs: Any, path: Path, result: Merge) -> Any:
    if _same(mine, theirs):
        return copy.deepcopy(mine)
    if _same(base, mine):
        result.theirs += _changed_fields(base, theirs, path)
        return copy.deepcopy(theirs)
    if _same(base, theirs):
        result.mine += _changed_fields(base, mine, path)
        return copy.deepcopy(mine)
    if isinstance(mine, dict) and isinstance(theirs, dict):
        old = base if isinstance(base, dict) else {}
        merged: dict = {}
        keys = list(theirs) + [k for k in mine if k not in theirs]
        keys += [k for k in old if k not in mine and k not in theirs]
        for key in keys:
            value = _merge(old.get(key, ABSENT), mine.get(key, ABSENT), theirs.get(key, ABSENT),
                           path + (key,), result)
            if value is not ABSENT:
                merged[key] = value
        return merged
    result.conflicts.append(FieldConflict(path, base, mine, theirs))
    return copy.deepcopy(theirs)


def resolved_values(merge: "Merge", values: dict[Path, Any]) -> dict:
    """The merged data with each conflict set to the value chosen for it (ABSENT removes
    the field): yours, theirs, or one the auditor typed. Every conflict needs a value."""
    missing = [c.label for c in merge.conflicts if c.path not in values]
    if missing:
        raise ValueError(f"no value for {', '.join(missing)}")
    data = copy.deepcopy(merge.data)
    for conflict in merge.conflicts:
        _put(data, conflict.path, values[conflict.path])
    return data


def _changed_fields(old: Any, new: Any, path: Path) -> list[Path]:
    """The leaf fields that differ between ``old`` and ``new`` (under ``path``)."""
    if isinstance(old, dict) and isinstance(new, dict):
        return [change.path for change in changes_between(old, new, path)]
    return [path]


def _same(a: Any, b: Any) -> bool:
    if a is ABSENT or b is ABSENT:
        return a is b
    return same(a, b)


def _put(data: dict, path: Path, value: Any) -> None:
    """Set (or, for ABSENT, remove) ``path``, making the mappings on the way."""
    node = data
    for key in path[:-1]:
        if not isinstance(node.get(key), dict):
            node[key] = {}
        node = node[key]
    if value is ABSENT:
        node.pop(path[-1], None)
    else:
        node[path[-1]] = copy.deepcopy(value)
