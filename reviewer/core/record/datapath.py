"""Record data addressed by paths: ``("analysis", "mrv", "score")``.

One place reads, sets and compares nested record data for everyone: the engine computes
what a file must read as after an edit (:func:`apply_change`), the app keeps a working copy
of the record (:func:`set_path`, :func:`get_path`) and turns it back into the smallest list
of edits when saving (:func:`changes_between`).
"""

from __future__ import annotations

import copy
import math
from typing import Any

from reviewer.core.record.editor import DELETE, Change
from reviewer.core.record.nodes import Path


def same(a: Any, b: Any) -> bool:
    """Equality that tells 1 from True from 1.0 and treats NaN as equal to itself.

    Key order is not compared: the text keeps its order by construction, and a new key
    may be inserted where its sorted siblings want it.
    """
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


def get_path(data: Any, path: Path, default: Any = None) -> Any:
    """The value at ``path``, or ``default`` when any step of it is missing."""
    node = data
    for key in path:
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
        else:
            return default
    return node


def set_path(data: Any, path: Path, value: Any, *, make_room: bool = False) -> None:
    """Set ``path`` in place (``DELETE`` removes it; a list index one past the end appends).

    Missing mappings on the way are created. A single value in the way raises TypeError,
    unless ``make_room``: then it is replaced by a mapping (the app's working copy, where
    adding a pillar to a record whose ``analysis`` is not a mapping must still work)."""
    node = data
    for key in path[:-1]:
        if isinstance(node, dict):
            key = str(key)
            if make_room and not isinstance(node.get(key), (dict, list)):
                node[key] = {}
            node = node.setdefault(key, {})
        else:
            node = node[key]
    last = path[-1]
    if isinstance(node, dict):
        last = str(last)
        if value is DELETE and make_room:
            node.pop(last, None)     # the working copy: removing what is gone is fine
        elif value is DELETE:
            del node[last]           # the engine: a missing key is an unreachable edit
        else:
            node[last] = value
    elif value is DELETE and make_room:
        if 0 <= last < len(node):
            del node[last]
    elif value is DELETE:
        del node[last]
    elif last == len(node):
        node.append(value)
    else:
        node[last] = value


def apply_change(data: Any, change: Change) -> Any:
    """The data with one change applied (a copy): what the file must read as afterwards.
    Raises KeyError, IndexError or TypeError when the path cannot be reached."""
    out = copy.deepcopy(data)
    set_path(out, change.path, change.value)
    return out


def changes_between(old: Any, new: Any, path: Path = ()) -> list[Change]:
    """The smallest list of edits that turns ``old`` into ``new``, leaf by leaf, so the
    engine touches only those values (appends stay appends, removals at a list's end stay
    removals)."""
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
