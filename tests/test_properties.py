"""Property: any edit either verifies with a minimal line diff, or is refused.

Hypothesis picks a record (the seeds and a tricky YAML variant), a path (existing leaves
and collections, new keys, list appends) and a value (strings that look like other types,
multi-line text, numbers, booleans, nulls, small collections). The written text must read
back as the old data with exactly that change under YAML 1.2 and 1.1 (or JSON), and only
lines inside the edited part of the document may change.
"""

from __future__ import annotations

import difflib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEEDS
from reviewer.core.errors import EditRefused
from reviewer.core.record.datapath import apply_change as apply_to_data
from reviewer.core.record.datapath import same
from reviewer.core.record.document import RecordFile
from reviewer.core.record.editor import Change, Editor
from reviewer.core.record.nodes import walk

TRICKY = """---
# a leading comment
id: tricky
title: "Double quoted: title"   # keep me
reviewStatus: draft
notes: |
  first line
  second line
folded: >
  folded text
list4:
    - one
    - 'two'
indentless:
- a
- b
flow: [x, y, {k: v}]
map: {a: 1, b: two}
plain multi: this plain scalar
  continues here
empty:
extra:
    deep:
        value: 3
---
body
"""

DOCS = {p.stem: p.read_bytes() for p in sorted((SEEDS / "records").glob("*.md"))}
DOCS["tricky"] = TRICKY.encode()

LOOKALIKES = ["yes", "no", "on", "off", "true", "null", "~", "2024", "0755", "0o17", "1e3",
              "2026-11-22", "12:30", ".inf", "-", ": x", "#hash", "a #b", "'q'", '"d"',
              "- item", "[x]", "{y}", "*alias", "&anchor", "!tag", "%pct", "@at", "`tick`",
              "  padded  ", "", "第四章：重点工程", "multi\nline", "trail\n", "tab\there"]
scalars = st.one_of(
    st.sampled_from(LOOKALIKES),
    st.text(max_size=40),
    st.integers(min_value=-10**6, max_value=10**6),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)
values = st.one_of(scalars, st.lists(scalars, max_size=3),
                   st.dictionaries(st.sampled_from(["a", "b", "yes", "k v"]), scalars, max_size=3))


def _paths(rf: RecordFile) -> list[tuple]:
    existing = [p for p, _, _ in walk(rf.parsed.root) if p]
    new = [p[:-1] + ("newKey",) for p in existing if not isinstance(p[-1], int)]
    appends = [p + (len(n.items),) for p, n, _ in walk(rf.parsed.root) if n.kind == "seq"]
    return existing + new + appends + [("fresh", "nested")]


def _allowed_lines(rf: RecordFile, path: tuple) -> range:
    """Old line numbers (0-based, frontmatter) that an edit at ``path`` may touch."""
    editor = Editor(rf.split.frontmatter, rf.parsed.root, rf.style)
    parent, node, parent_line = None, rf.parsed.root, 0
    for key in path:
        child = node.child(key if node.kind == "seq" else str(key)) if node.kind != "scalar" else None
        if child is None:
            break
        if parent is not None:
            i = parent.items.index(node)
            parent_line = parent.keys[i].line if parent.kind == "map" else node.line
        parent, node = node, child
    if parent is None:
        return range(0, rf.split.frontmatter.count("\n") + 1)
    idx = parent.items.index(node)
    first = parent.keys[idx].line if parent.kind == "map" else node.line
    if node.kind == "scalar" and node.start == node.end:  # empty value: its key's line
        first = parent.keys[idx].line if parent.kind == "map" else first
    last_pos = editor.value_end(parent, idx)
    last = rf.split.frontmatter.count("\n", 0, last_pos)
    if path and node is not rf.parsed.root and len(path) > 0 and node.child(path[-1]) is None \
            and node.kind != "scalar":
        last += 1  # inserting after the last item may add a comma to it (JSON/flow)
    if parent.flow:
        first -= 1  # removing the last flow/JSON item also drops the comma before it
    if len(parent.items) == 1:
        first = min(first, parent_line)  # removing the only item leaves `key: {}` / `[]`
    return range(first, last + 2)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=st.sampled_from(sorted(DOCS)), data=st.data(), value=values,
       delete=st.booleans())
def test_random_edit_verifies_minimally_or_is_refused(doc, data, value, delete):
    rf = RecordFile.from_bytes(DOCS[doc])
    path = data.draw(st.sampled_from(_paths(rf)))
    change = Change(path) if delete else Change(path, value)
    try:
        new_text = rf.render([change])
    except EditRefused as exc:
        assert str(exc)  # refused with a message; nothing else to check
        return
    new = RecordFile.from_bytes(new_text.encode("utf-8"))
    assert same(new.data, apply_to_data(rf.data, change))
    assert same(new.parsed.data11, apply_to_data(rf.parsed.data11, change))
    assert new.split.body == rf.split.body and new.split.open_line == rf.split.open_line
    old_lines = rf.split.frontmatter.splitlines()
    allowed = _allowed_lines(rf, path)
    changed = [i for i, tag in _changed_old_lines(old_lines, new.split.frontmatter.splitlines())]
    # A line diff may attribute a removal to an identical neighbour (`},` in JSON), so a
    # changed line outside the range is fine only if the same text stands inside it.
    inside = {old_lines[j] for j in allowed if j < len(old_lines)}
    stray = [i for i in changed if i not in allowed and old_lines[i] not in inside]
    assert not stray, (path, changed, allowed)


def _changed_old_lines(old: list[str], new: list[str]):
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            for i in range(i1, i2):
                yield i, tag
