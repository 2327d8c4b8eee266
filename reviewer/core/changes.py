"""Turn "the data as the auditor left it" into the smallest list of edits for the engine.

The app edits a working copy of the record's data; saving asks for the changes between
the file's data and that copy, leaf by leaf, so the record engine touches only those
values (appends stay appends, removals at a list's end stay removals).
"""

from __future__ import annotations

from typing import Any

from reviewer.core.document import same
from reviewer.core.editor import Change
from reviewer.core.nodes import Path


def changes_between(old: Any, new: Any, path: Path = ()) -> list[Change]:
    if same(old, new):
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[Change] = []
        for key in old:
            if key not in new:
                out.append(Change(path + (key,)))
        for key, value in new.items():
            if key not in old:
                out.append(Change(path + (key,), value))
            else:
                out.extend(changes_between(old[key], value, path + (key,)))
        return out
    if isinstance(old, list) and isinstance(new, list) and old and new:
        common = min(len(old), len(new))
        out = []
        for i in range(common):
            out.extend(changes_between(old[i], new[i], path + (i,)))
        out += [Change(path + (i,), new[i]) for i in range(common, len(new))]
        out += [Change(path + (i,)) for i in reversed(range(common, len(old)))]
        return out
    if not path:
        raise ValueError("the frontmatter itself must stay a mapping")
    return [Change(path, new)]
