"""Hand-written frontmatter variants: every edit reads back exactly and touches few lines.

The promise of the editor is "a save changes only what the auditor changed". Each test
below edits one tricky layout and checks (1) the re-read data is the old data with exactly
that change, under YAML 1.2 and 1.1, (2) everything outside the frontmatter is byte for
byte the same, and (3) a line diff shows only the edited value's lines (or one new line).
The second half checks refusals: inputs and edits that must fail cleanly, never crash.
"""

from __future__ import annotations

import copy
import difflib
import json
import math
import time

import pytest

from reviewer.core.errors import EditRefused, ReadError
from reviewer.core.record.datapath import same
from reviewer.core.record.document import RecordFile
from reviewer.core.record.editor import Change

BOM = "\ufeff"


def record(front: str, *, body: str = "body\n", nl: str = "\n", bom: bool = False,
           close: str = "---") -> bytes:
    text = f"---\n{front}{close}\n".replace("\n", nl) + body
    return ((BOM if bom else "") + text).encode("utf-8")


def expect(data, change: Change):
    """The old data with one change, computed here rather than by the code under test."""
    out = copy.deepcopy(data)
    *parents, last = change.path
    node = out
    for key in parents:
        node = node.setdefault(key, {}) if isinstance(node, dict) else node[key]
    if change.is_delete:
        del node[last]
    elif isinstance(node, list) and last == len(node):
        node.append(change.value)
    else:
        node[last] = change.value
    return out


def edit(raw: bytes, *changes: Change) -> tuple[str, str]:
    """Render the changes, check the result reads back exactly; return (old, new) text."""
    rf = RecordFile.from_bytes(raw)
    new = rf.render(list(changes))
    again = RecordFile.from_bytes(new.encode("utf-8"))
    want, want11 = rf.data, rf.parsed.data11
    for change in changes:
        want, want11 = expect(want, change), expect(want11, change)
    assert same(again.data, want), (again.data, want)
    assert same(again.parsed.data11, want11), (again.parsed.data11, want11)
    for part in ("bom", "open_line", "close_line", "body"):
        assert getattr(again.split, part) == getattr(rf.split, part), part
    return raw.decode("utf-8"), new


def diff(old: str, new: str) -> tuple[list[str], list[str]]:
    """(removed lines, added lines), line endings included."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    removed, added = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            removed += a[i1:i2]
        if tag in ("replace", "insert"):
            added += b[j1:j2]
    return removed, added


def one_line_changed(raw: bytes, change: Change, old_line: str, new_line: str) -> str:
    old, new = edit(raw, change)
    assert diff(old, new) == ([old_line], [new_line])
    return new


def one_line_added(raw: bytes, change: Change, line: str) -> str:
    old, new = edit(raw, change)
    assert diff(old, new) == ([], [line])
    return new


# ---- comments, line endings, BOM, indentation ------------------------------------------
COMMENTED = ("# top comment\nid: rec-1  # trailing on id\ntitle: Old title # keep me\n"
             "# between\ntags: [a, b]  # flow\n")


def test_comments_survive_a_value_edit():
    one_line_changed(record(COMMENTED), Change(("title",), "New title"),
                     "title: Old title # keep me\n", "title: New title # keep me\n")


def test_comments_survive_an_insert():
    new = one_line_added(record(COMMENTED), Change(("status",), "open"), "status: open\n")
    assert "# top comment\n" in new and "# between\n" in new and "# flow\n" in new


def test_crlf_edit_and_insert_use_crlf():
    raw = record("id: rec-1\ntitle: Old\n", nl="\r\n", body="body\r\n")
    one_line_changed(raw, Change(("title",), "New"), "title: Old\r\n", "title: New\r\n")
    new = one_line_added(raw, Change(("extra",), "x"), "extra: x\r\n")
    assert new.count("\n") == new.count("\r\n")


def test_crlf_block_values_and_json():
    raw = record("id: r\nsummary: |\n  a\n  b\nnext: 1\n", nl="\r\n", body="body\r\n")
    old, new = edit(raw, Change(("summary",), "x\ny\nz\n"))
    assert diff(old, new) == (["  a\r\n", "  b\r\n"], ["  x\r\n", "  y\r\n", "  z\r\n"])
    for change in (Change(("more",), "p\nq\n"), Change(("items",), ["a", {"b": 1}])):
        _, new = edit(raw, change)
        assert new.count("\n") == new.count("\r\n")
    raw = record('{\n  "a": 1,\n  "b": 2\n}\n', nl="\r\n", body="body\r\n")
    one_line_added(raw, Change(("ab",), "x"), '  "ab": "x",\r\n')


def test_bom_is_kept():
    raw = record("id: rec-1\ntitle: Old\n", bom=True)
    _, new = edit(raw, Change(("title",), "New"))
    assert new.startswith(BOM + "---\n") and new.count(BOM) == 1


def test_four_space_indentation_is_followed():
    raw = record("analysis:\n    mrv:\n        score: 10\n")
    one_line_added(raw, Change(("analysis", "mrv", "label"), "L"), "        label: L\n")
    old, new = edit(raw, Change(("analysis", "other", "x"), 1))
    assert diff(old, new) == ([], ["    other:\n", "        x: 1\n"])


# ---- sequences and flow collections -------------------------------------------------------
INDENTLESS = "tags:\n- a\n- b\nnext: 1\n"


def test_indentless_sequence_edit_append_delete():
    raw = record(INDENTLESS)
    one_line_changed(raw, Change(("tags", 0), "z"), "- a\n", "- z\n")
    one_line_added(raw, Change(("tags", 2), "c"), "- c\n")
    old, new = edit(raw, Change(("tags", 1)))
    assert diff(old, new) == (["- b\n"], [])


def test_empty_value_and_nested_insert():
    raw = record("note:\nanalysis:\n  mrv:\n    score: 1\n  # end of analysis\nnext: 2\n")
    one_line_changed(raw, Change(("note",), "x"), "note:\n", "note: x\n")
    one_line_added(raw, Change(("analysis", "extra"), 1), "  extra: 1\n")
    one_line_added(raw, Change(("analysis", "mrv", "label"), "L"), "    label: L\n")


def test_commented_list_item_edit():
    raw = record("items:\n  - a  # first\n  - b\n")
    one_line_changed(raw, Change(("items", 0), "z"), "  - a  # first\n", "  - z  # first\n")


def test_indented_sequence_append_keeps_column():
    one_line_added(record("tags:\n  - a\n  - b\n"), Change(("tags", 2), "c"), "  - c\n")


def test_flow_list_edit_append_delete():
    raw = record("id: r\ntags: [a, b]\n")
    one_line_changed(raw, Change(("tags", 1), "c"), "tags: [a, b]\n", "tags: [a, c]\n")
    one_line_changed(raw, Change(("tags", 0)), "tags: [a, b]\n", "tags: [b]\n")
    one_line_changed(raw, Change(("tags", 1)), "tags: [a, b]\n", "tags: [a]\n")
    one_line_changed(raw, Change(("tags", 2), "c"), "tags: [a, b]\n", "tags: [a, b, c]\n")


def test_flow_map_edit_and_insert():
    raw = record("meta: {a: 1, b: x}\n")
    one_line_changed(raw, Change(("meta", "a"), 2), "meta: {a: 1, b: x}\n", "meta: {a: 2, b: x}\n")
    new = one_line_changed(raw, Change(("meta", "c"), "yes"), "meta: {a: 1, b: x}\n",
                           "meta: {a: 1, b: x, c: 'yes'}\n")
    assert RecordFile.from_bytes(new.encode()).parsed.data11["meta"]["c"] == "yes"


# ---- block scalars, long and multi-line scalars ------------------------------------------
BLOCKS = "id: r\nsummary: |\n  line one\n  line two\nnote: >\n  folded\n  text\nnext: x\n"


def test_block_scalar_edits_change_only_their_lines():
    old, new = edit(record(BLOCKS), Change(("summary",), "first\nsecond\n"))
    assert diff(old, new) == (["  line one\n", "  line two\n"], ["  first\n", "  second\n"])
    old, new = edit(record(BLOCKS), Change(("note",), "one line\n"))
    assert diff(old, new) == (["  folded\n", "  text\n"], ["  one line\n"])


def test_neighbours_of_block_scalars():
    raw = record(BLOCKS)
    one_line_changed(raw, Change(("next",), "y"), "next: x\n", "next: y\n")
    one_line_changed(raw, Change(("id",), "s"), "id: r\n", "id: s\n")
    one_line_added(raw, Change(("after",), 1), "after: 1\n")
    # A block scalar as the last value: the new key goes after it, not inside it.
    one_line_added(record("id: r\nsummary: |\n  text\n"), Change(("z",), "z"), "z: z\n")


def test_long_line_is_not_wrapped():
    long = "word " * 60 + "end"
    assert len(long) > 200
    raw = record("id: r\ntitle: short\n")
    one_line_changed(raw, Change(("title",), long), "title: short\n", f"title: {long}\n")
    one_line_added(raw, Change(("desc",), long), f"desc: {long}\n")


def test_multiline_plain_scalar_is_replaced_whole():
    raw = record("title: this title is\n  continued here\nnext: 1\n")
    old, new = edit(raw, Change(("title",), "short"))
    assert diff(old, new) == (["title: this title is\n", "  continued here\n"], ["title: short\n"])
    one_line_changed(raw, Change(("next",), 2), "next: 1\n", "next: 2\n")


# ---- what lies outside the frontmatter -----------------------------------------------------
@pytest.mark.parametrize("body,close", [
    ("Intro\n---\nnot: frontmatter\n---\n", "---"),   # dashes in the body
    ("last line", "---"),                               # no final newline
    ("body\n", "...  "),                                # '...' closing, trailing blanks
])
def test_outside_of_frontmatter_untouched(body, close):
    _, new = edit(record("id: r\n", body=body, close=close), Change(("id",), "s"))
    assert new == f"---\nid: s\n{close}\n{body}"


# ---- JSON frontmatter -----------------------------------------------------------------------
JSON_SORTED = '{\n  "b": 1,\n  "d": "café",\n  "f": true\n}\n'


def test_json_insert_keeps_sorted_order_and_raw_unicode():
    new = one_line_added(record(JSON_SORTED), Change(("c",), "naïve ü"), '  "c": "naïve ü",\n')
    front = RecordFile.from_bytes(new.encode()).split.frontmatter
    assert list(json.loads(front)) == ["b", "c", "d", "f"]
    assert "café" in front and "\\u" not in front


def test_json_value_edit_keeps_indent():
    one_line_changed(record('{\n    "a": 1,\n    "b": "x"\n}\n'), Change(("b",), "ÿ"),
                     '    "b": "x"\n', '    "b": "ÿ"\n')


def test_json_insert_nested_value_is_indented():
    old, new = edit(record(JSON_SORTED), Change(("e",), [1, 2]))
    _, added = diff(old, new)
    assert added == ['  "e": [\n', "    1,\n", "    2\n", "  ],\n"]
    json.loads(RecordFile.from_bytes(new.encode()).split.frontmatter)


def test_json_insert_into_one_line_object_stays_one_line():
    raw = record('{\n  "a": {"x": 1},\n  "b": 2\n}\n')
    one_line_changed(raw, Change(("a", "y"), {"q": 1}), '  "a": {"x": 1},\n',
                     '  "a": {"x": 1, "y": {"q": 1}},\n')


def test_json_delete_stays_valid():
    _, new = edit(record(JSON_SORTED), Change(("f",)))
    json.loads(RecordFile.from_bytes(new.encode()).split.frontmatter)
    old, new = edit(record(JSON_SORTED), Change(("b",)))
    assert diff(old, new) == (['  "b": 1,\n'], [])


# ---- keys and values that need care -------------------------------------------------------
@pytest.mark.parametrize("key", ["has: colon", "#hash", "with space", "true", "1", "-dash",
                                 "null", "[x]", "a,b", "'q'", "é"])
def test_keys_that_need_quoting(key):
    old, new = edit(record("id: r\n"), Change((key,), "v"))
    assert len(diff(old, new)[1]) == 1
    again = RecordFile.from_bytes(new.encode())
    assert again.data[key] == "v" and again.parsed.data11[key] == "v"


TRICKY = ["yes", "no", "on", "off", "true", "2024", "0755", "0o17", "0x1F", "1_000", "2026-11-22",
          "null", "1e3", "~", ".inf", ".nan", "12:30", "=", "", " padded ", "a: b", "# not",
          "- item", "@at", "multi\nline", "'quoted'", '"dq"', "tab\there", "trailing\n"]


SLOTS = {"plain": ("title",), "quoted": ("quoted",), "new-key": ("new",),
         "flow-item": ("flow", 0), "flow-append": ("flow", 1), "block-item": ("items", 0),
         "block-append": ("items", 1)}


@pytest.mark.parametrize("slot", SLOTS)
@pytest.mark.parametrize("text", TRICKY)
def test_strings_that_look_like_other_types_stay_strings(text, slot):
    raw = record("id: r\ntitle: plain\nquoted: 'x'\nflow: [a]\nitems:\n  - a\n")
    change = Change(SLOTS[slot], text)
    _, new = edit(raw, change)  # edit() compares with same(): a bool/int/date would fail
    again = RecordFile.from_bytes(new.encode())
    for data in (again.data, again.parsed.data11):
        got = data[change.path[0]]
        got = got[change.path[1]] if len(change.path) > 1 else got
        assert type(got) is str and got == text


@pytest.mark.parametrize("value", [0, -7, 10**20, True, False, None, 1.5, -0.25, 1e20,
                                   float("inf"), float("nan"), [], {}, ["a", 1, None],
                                   {"k": "yes", "n": [1, 2]}, [{"a": 1}, [2, 3]]])
def test_typed_values(value):
    raw = record("id: r\nscore: 5\nitems:\n  - a\n")  # not schema fields: any type is fine
    edit(raw, Change(("score",), value))
    edit(raw, Change(("items",), value))
    edit(raw, Change(("added",), value))
    rf = RecordFile.from_bytes(record('{\n  "id": "r",\n  "score": 5\n}\n'))
    if isinstance(value, float) and not math.isfinite(value):
        with pytest.raises(EditRefused):  # JSON has no NaN/Infinity: refuse, do not crash
            rf.render([Change(("score",), value)])
    else:
        edit(rf.raw, Change(("score",), value))


def test_deletes():
    raw = record("id: r\ngone: 1\ntags:\n  - a\n  - b\nflow: [x, y]\nlast: z\n")
    old, new = edit(raw, Change(("gone",)))
    assert diff(old, new) == (["gone: 1\n"], [])
    old, new = edit(raw, Change(("tags", 0)))
    assert diff(old, new) == (["  - a\n"], [])
    old, new = edit(raw, Change(("tags",)))
    assert diff(old, new) == (["tags:\n", "  - a\n", "  - b\n"], [])
    one_line_changed(raw, Change(("flow", 1)), "flow: [x, y]\n", "flow: [x]\n")
    old, new = edit(raw, Change(("last",)))
    assert diff(old, new) == (["last: z\n"], [])


# ---- refusals: reading --------------------------------------------------------------------
@pytest.mark.parametrize("raw", [
    record("a: 1\na: 2\n"),                      # duplicate key
    record('{"a": 1, "a": 2}\n'),                # duplicate key, JSON
    record("a: 1\n--- {b: 2}\n"),                # several documents
    b"# just markdown\n",                        # no frontmatter
    b"---\na: 1\n",                              # unclosed
    record("- a\n- b\n"),                        # not a mapping
    record("a: [1, 2\n"),                        # syntax error
], ids=["dup", "dup-json", "two-docs", "no-front", "unclosed", "list", "syntax"])
def test_read_refusals(raw):
    with pytest.raises(ReadError):
        RecordFile.from_bytes(raw)


def test_non_utf8_has_line_and_column():
    with pytest.raises(ReadError) as info:
        RecordFile.from_bytes(b"---\nid: r\ntitle: caf\xe9\n---\n")
    assert (info.value.line, info.value.col) == (3, 11)


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system", "!!python/object/new:os.system",
                                 "!!python/name:os.system", "!!python/object:os.system"])
def test_python_tags_refused_never_run(tmp_path, tag):
    marker = tmp_path / "ran"
    with pytest.raises(ReadError):
        RecordFile.from_bytes(record(f"id: r\nx: {tag} ['touch {marker}']\n"))
    assert not marker.exists()


def test_alias_bomb_refused_quickly():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    start = time.monotonic()
    with pytest.raises(ReadError, match="alias"):
        RecordFile.from_bytes(record("\n".join(lines) + "\n"))
    assert time.monotonic() - start < 5


@pytest.mark.parametrize("front", ["x: " + "[" * 5000 + "]" * 5000 + "\n",
                                   "x: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n",
                                   '{"x": ' + "[" * 5000 + "]" * 5000 + "}\n",
                                   "".join(" " * i + f"k{i}:\n" for i in range(1000)) + " " * 1000 + "k: 1\n"])
def test_deep_nesting_refused_without_recursion_error(front):
    with pytest.raises(ReadError, match="nested"):  # a RecursionError would fail this
        RecordFile.from_bytes(record(front))


# ---- refusals: editing --------------------------------------------------------------------
ANCHOR = "anchor|alias"
MERGE = "merge|<<"  # the documented policy: a mapping with merge keys is not edited
ALIAS_MERGE = "d: &d {a: 1}\nitem:\n  <<: *d\n  b: 2\n"
INLINE_MERGE = "base:\n  <<: {x: 1}\n  y: 2\n"


@pytest.mark.parametrize("front,change,reason", [
    ("base: &b x\nother: *b\n", Change(("base",), "y"), ANCHOR),
    ("base: &b x\nother: *b\n", Change(("other",), "y"), ANCHOR),
    ("base: &b {k: 1}\nother: *b\n", Change(("other", "k"), 2), ANCHOR),
    (ALIAS_MERGE, Change(("item", "c"), 3), MERGE),
    (ALIAS_MERGE, Change(("item", "b"), 3), MERGE),
    (INLINE_MERGE, Change(("base", "x"), 5), MERGE),
    (INLINE_MERGE, Change(("base", "y")), MERGE),
    ("title: T\n", Change(("title", "x"), "v"), "single value"),
    ("tags: [a, b]\n", Change(("tags", 5), "v"), "range"),
    ("tags: [a, b]\n", Change(("tags", 2)), "range"),
    ("tags:\n  - a\n", Change(("tags", -1), "v"), "range"),
    ("tags: [a]\n", Change(("tags", "k"), "v"), r"tags\.k"),
    ("a: 1\n", Change(("missing",)), "does not exist"),
    ("a: 1\n", Change((), "v"), "path"),
], ids=["anchor", "alias", "through-alias", "merge-insert", "merge-edit", "inline-merge-edit",
        "inline-merge-delete", "through-scalar", "index-out", "delete-out", "negative",
        "str-index", "delete-missing", "root"])
def test_edit_refusals(front, change, reason):
    rf = RecordFile.from_bytes(record(front))
    with pytest.raises(EditRefused, match=reason):
        rf.render([change])


VALID = ("id: rec-1\ntitle: A record\nreviewStatus: draft\nanalysis:\n  mrv:\n    score: 60\n"
         "    label: Monitoring\n    evidence: Some evidence.\n    citation: Act 2024\n")


@pytest.mark.parametrize("value", [150, -1, "high", "60", True, 60.0, None])
def test_schema_violation_refused(value):
    rf = RecordFile.from_bytes(record(VALID))
    with pytest.raises(EditRefused, match=r"analysis\.mrv\.score"):
        rf.render([Change(("analysis", "mrv", "score"), value)])


def test_schema_valid_edit_accepted():
    one_line_changed(record(VALID), Change(("analysis", "mrv", "score"), 90),
                     "    score: 60\n", "    score: 90\n")
