"""The index's fast reader: whenever it answers, its data is exactly the engine's.

The rule (see :mod:`reviewer.core.index.fastread`): PyYAML's C loader is used only when YAML 1.1
and YAML 1.2 resolve every plain scalar alike and construct it alike, and when the text has
nothing the two readers treat differently; anything else defers to the record engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.core.errors import ReviewerError
from reviewer.core.index import fastread
from reviewer.core.record.datapath import same
from reviewer.core.record.document import RecordFile
from reviewer.core.workspace import Entry

SUITE = Path(__file__).resolve().parent.parent.parent / "shared" / "yaml-test-suite"


def record(value: str) -> bytes:
    return f"---\nid: a\ntitle: {value}\nreviewStatus: draft\n---\nbody\n".encode()


def fast_or_none(raw: bytes):
    try:
        return fastread.read_fast(raw)
    except fastread.Defer:
        return None


def assert_exact(raw: bytes) -> bool:
    """True when the fast reader answered (and then agreed with the engine)."""
    got = fast_or_none(raw)
    if got is None:
        return False
    engine = RecordFile.from_bytes(raw)  # must not raise: the fast reader vouched for it
    data, fmt, body = got
    assert same(data, engine.data) and fmt == engine.fmt and body == engine.split.body
    return True


DEFERRED = ["0755", "007", "0o17", "1e3", "1.0e5", "1_000", "0x1F", "0b11", "+.5", "2024-01-15 10:00:00", "2024-01-15T10:00:00+08:00",
            "<<", "="]
# YAML 1.1 reads yes/on/1:20 as a bool or a number, YAML 1.2 (the engine) as text: its text.
FAST = ["yes", "No", "on", "OFF", "1:20", "12:30", "R &D", "carbon &kg", "a *b", "plain text", "'yes'", '"0755"', "75", "-3", "0", ".5", "1.", "1.5e+3", "-.inf", ".NaN",
        "2024-01-15", "~", "null", "True", "tRue", "y", "n", "2001:db8::1", "1,000", "100%",
        "中文：冒号", "“引号”", '"a\\/b"', '"\\x41\\u4e2d\\U0001F600"', "'it''s'", "a #comment",
        "[a, b]", "{a: 1}", "|\n  x\n  y\n", ">-\n  a\n   b\n  c\n", "plain\n  continued"]


@pytest.mark.parametrize("value", DEFERRED)
def test_values_that_read_differently_defer(value: str) -> None:
    assert fast_or_none(record(value)) is None  # the index asks the engine instead


@pytest.mark.parametrize("value", FAST)
def test_values_both_versions_agree_on_are_read_fast(value: str) -> None:
    assert assert_exact(record(value))


@pytest.mark.parametrize("text", [
    "id: a\ntags: &t [x]\nmore: *t\n",                 # anchors and aliases
    "id: a\nx:\n- &t y\n- *t\n",                       # ... in a block sequence
    "id: a\nx: {k: &t y, j: *t}\n",                    # ... in flow
    "id: a\nx: [&t y,*t]\n",
    "id: a\nx:\n  &t y: 1\n",                          # an anchored key
    "id: a\n? &t k\n: v\n",                            # an explicit key
    "--- &t\nid: a\n",                                 # on the document
    "id: a\nx: !!binary aGVsbG8=\n",                   # a tag
    "%YAML 1.1\n---\nid: a\n",                         # a directive
    "id: a\nx:\n\t- 1\n",                              # a tab
    "id: a\nx: 'q'#c\n",                               # a comment glued to a quoted scalar
    "id: a\nx: >#c\n  t\n",                            # YAML test suite X4QW
    "id: a\nx: >\n \n  \n   \n # c\n",                 # YAML test suite S98Z
    "id: a\nid: b\n",                                  # duplicate keys
    "id: a\n<<: {b: 1}\n",                             # a merge key
    "id: a\nx: [" + "[" * 60 + "]" * 61 + "\n",        # deep flow nesting
    "- just a list\n",                                 # not a mapping
    "id: a\nx: \u2028\n",                              # a Unicode line separator
])
def test_text_the_readers_treat_differently_defers(text: str) -> None:
    assert fast_or_none(f"---\n{text}---\n".encode()) is None


@pytest.mark.parametrize("front", [
    '{"id": "a", "id": "b"}', '{"id": "a", "x": NaN}', '{"id": "a", "x": Infinity}',
    '["a"]', '{"id": "a",}', "{id: a}", '{"x": ' + "[" * 160 + "]" * 160 + "}"])
def test_json_the_engine_refuses_or_reads_as_yaml_defers(front: str) -> None:
    assert fast_or_none(f"---\n{front}\n---\n".encode()) is None


def test_json_is_read_fast_and_exactly() -> None:
    raw = ('---\n{"id": "a", "title": "\\u4e2d \\/ \\ud800", "year": 2024, "x": 1.5e3, '
           '"y": [true, null, -0]}\n---\nbody\n').encode()
    assert assert_exact(raw)


def test_a_deferred_file_gets_the_engines_row() -> None:
    raw = record("0o17")
    row = fastread.read_row("x.md", raw)
    assert row.engine and row.title == "15"  # YAML 1.2 reads 0o17 as octal 15, 1.1 as text
    summary = Entry(Path("x.md"), record=RecordFile.from_bytes(raw, "x.md")).summary("x.md")
    assert (row.record_id, row.title, row.review_status) == (summary.id, summary.title,
                                                             summary.review_status)


@pytest.mark.parametrize("raw", [b"no frontmatter\n", b"---\nid: [\n---\n", b"---\nid: \xff\n---\n",
                                 b'---\n{"id": "a", "id": "b"}\n---\n'])
def test_unreadable_files_get_the_engines_error(raw: bytes) -> None:
    row = fastread.read_row("x.md", raw)
    with pytest.raises(ReviewerError) as caught:
        RecordFile.from_bytes(raw, "x.md")
    assert row.error == caught.value.message and row.error_line == caught.value.line


def test_blob_id_is_gits() -> None:
    assert fastread.blob_id(b"hello\n") == "ce013625030ba8dba906f756967f9e9ca394464a"


def test_every_pillar_the_record_assesses_is_indexed() -> None:
    """One pillar list (terms.PILLARS) for the app; the index takes whatever pillars a
    workspace assesses, its own ones included (issue 11: the site accepts any key)."""
    data = {"analysis": {"frameworkVersion": "5.0", "mrv": {"score": 70, "citation": "c"},
                         "carbonPricing": {"score": 40}}}
    row = fastread.row_from_data(None, data, "yaml", "")
    assert row.pillars == [("mrv", 70, "c"), ("carbonPricing", 40, None)]


_SCALAR = st.text(alphabet="0123456789.:-+_eExXoObByYnNtTrRuUfFaAlLsS~ ", min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(_SCALAR)
def test_any_plain_scalar_is_deferred_or_exact(value: str) -> None:
    raw = record(value.strip() or "x")
    try:
        RecordFile.from_bytes(raw)
    except ReviewerError:
        assert fast_or_none(raw) is None  # what the engine refuses is never vouched for
        return
    assert_exact(raw)


def _suite_cases() -> list[Path]:
    return sorted(SUITE.rglob("in.yaml")) if SUITE.is_dir() else []


@pytest.mark.skipif(not _suite_cases(), reason="the YAML test suite is not available")
def test_yaml_test_suite_whenever_fast_then_exact() -> None:
    """Each case as the whole frontmatter, and indented under a key of a record."""
    answered = 0
    for case in _suite_cases():
        text = case.read_bytes()
        nested = b"".join(b"  " + line + b"\n" for line in text.splitlines())
        for raw in (b"---\n" + text + (b"" if text.endswith(b"\n") else b"\n") + b"---\nbody\n",
                    b"---\nid: a\nx:\n" + nested + b"---\nbody\n"):
            try:
                answered += assert_exact(raw)
            except ReviewerError as exc:  # the engine refused what the fast reader read
                raise AssertionError(f"{case.parent.name}: fast reader accepted, engine: {exc}")
    assert answered > 100
