"""Writes are atomic, keep the file mode, skip no-ops and never overwrite a change on disk."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from reviewer.core.errors import ConflictError, EditRefused, ReadError
from reviewer.core.record.document import RecordFile
from reviewer.core.record.editor import Change

RECORD = ("---\r\nid: r1\r\ntitle: Demo  # trailing comment\r\nreviewStatus: draft\r\n"
          "analysis:\r\n  mrv:\r\n    score: 40\r\n    label: L\r\n    evidence: E\r\n"
          "    citation: C\r\n---\r\nBody with --- inside\r\n---\r\nno final newline")


@pytest.fixture
def record(tmp_path: Path) -> Path:
    path = tmp_path / "r1.md"
    path.write_bytes(RECORD.encode("utf-8"))
    os.chmod(path, 0o640)
    return path


def test_save_keeps_mode_line_endings_and_body(record: Path):
    RecordFile.load(record).save([Change(("analysis", "mrv", "score"), 55)])
    raw = record.read_bytes()
    assert raw == RECORD.replace("score: 40", "score: 55").encode("utf-8")
    assert stat.S_IMODE(record.stat().st_mode) == 0o640
    assert [p.name for p in record.parent.iterdir()] == ["r1.md"]  # no temp file left


def test_inserted_line_uses_the_files_crlf(record: Path):
    RecordFile.load(record).save([Change(("analysis", "mrv", "auditNote"), "checked")])
    assert b"    citation: C\r\n    auditNote: checked\r\n---\r\n" in record.read_bytes()


def test_no_op_save_does_not_touch_the_file(record: Path):
    before = record.stat().st_mtime_ns
    rf = RecordFile.load(record)
    os.utime(record, ns=(before - 10**9, before - 10**9))
    assert rf.save([Change(("analysis", "mrv", "score"), 40)]) is rf
    assert record.stat().st_mtime_ns == before - 10**9


def test_file_changed_on_disk_is_never_overwritten(record: Path):
    rf = RecordFile.load(record)
    record.write_bytes(RECORD.replace("title: Demo", "title: Theirs").encode("utf-8"))
    with pytest.raises(ConflictError) as info:
        rf.save([Change(("analysis", "mrv", "score"), 55)])
    assert "changed on disk" in str(info.value)
    assert b"title: Theirs" in record.read_bytes() and b"score: 40" in record.read_bytes()


def test_file_deleted_underneath_is_a_conflict(record: Path):
    rf = RecordFile.load(record)
    record.unlink()
    with pytest.raises(ConflictError):
        rf.save([Change(("title",), "x")])
    assert not record.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_unwritable_folder_refuses_and_keeps_the_file(record: Path):
    os.chmod(record.parent, 0o500)
    try:
        with pytest.raises(EditRefused):
            RecordFile.load(record).save([Change(("title",), "x")])
    finally:
        os.chmod(record.parent, 0o700)
    assert record.read_bytes() == RECORD.encode("utf-8")


def test_failed_write_leaves_original_and_no_temp(record: Path, monkeypatch):
    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(EditRefused) as info:
        RecordFile.load(record).save([Change(("title",), "x")])
    assert "No space left" in str(info.value)
    assert record.read_bytes() == RECORD.encode("utf-8")
    assert [p.name for p in record.parent.iterdir()] == ["r1.md"]


def test_write_through_symlink_keeps_the_link(record: Path, tmp_path: Path):
    link = tmp_path / "link.md"
    link.symlink_to(record)
    RecordFile.load(link).save([Change(("title",), "Linked")])
    assert link.is_symlink()
    assert b"title: Linked  # trailing comment" in record.read_bytes()


@pytest.mark.parametrize("raw,fragment,line", [
    (b"id: x\n", "no frontmatter", 1),
    (b"---\nid: x\n", "unclosed frontmatter", 1),
    (b"---\nid: x\ntitle: \xe9t\xe9\n---\n", "not UTF-8", 3),
    (b"---\nid: x\nid: y\n---\n", "duplicate key", 3),
    (b"---\nid: x\n--- second\n---\n", "several YAML documents", None),
    (b"---\n- a\n- b\n---\n", "must be a mapping", 2),
    (b"---\n{\"id\": \"x\", \"id\": \"y\"}\n---\n", "duplicate key", 2),
    (b"---\n{\"id\": \"x\",}\n---\n", "JSON syntax error", 2),
    (b"---\na: !!python/object/apply:os.system ['echo owned']\n---\n", "constructor", 2),
])
def test_unreadable_files_get_a_located_message(tmp_path: Path, raw: bytes, fragment: str, line):
    path = tmp_path / "bad.md"
    path.write_bytes(raw)
    with pytest.raises(ReadError) as info:
        RecordFile.load(path)
    assert fragment in str(info.value)
    assert str(path) in str(info.value)
    if line is not None:
        assert info.value.line == line


def test_missing_file_and_folder_are_read_errors(tmp_path: Path):
    with pytest.raises(ReadError, match="file not found"):
        RecordFile.load(tmp_path / "nope.md")
    with pytest.raises(ReadError, match="folder"):
        RecordFile.load(tmp_path)


@pytest.mark.parametrize("frontmatter_text", ["", "# nothing yet\n"])
def test_empty_frontmatter_reads_as_no_fields_and_takes_a_first_one(tmp_path: Path, frontmatter_text):
    """gray-matter and python-frontmatter both read an empty frontmatter as {}: so does the
    engine (issue 10); the schema says what is missing, and the first field can be added."""
    path = tmp_path / "empty.md"
    path.write_bytes(f"---\n{frontmatter_text}---\nThe body.\n".encode())
    record = RecordFile.load(path)
    assert record.data == {}
    record.save([Change(("id",), "new-record"), Change(("title",), "New"),
                 Change(("reviewStatus",), "draft")])
    assert path.read_text(encoding="utf-8") == (f"---\n{frontmatter_text}id: new-record\n"
                                               "title: New\nreviewStatus: draft\n---\nThe body.\n")


@pytest.mark.parametrize("raw, fragment", [
    (b"----\nid: x\n----\n", "four or more dashes"),
    (b"---\rid: x\r---\r", "CR only"),
])
def test_fences_the_website_cannot_read_are_explained(tmp_path: Path, raw: bytes, fragment: str):
    path = tmp_path / "odd.md"
    path.write_bytes(raw)
    with pytest.raises(ReadError, match=fragment):
        RecordFile.load(path)


def test_a_value_with_nel_is_written_as_an_escape_both_yaml_readers_agree_on(tmp_path: Path):
    path = tmp_path / "nel.md"
    path.write_bytes(b"---\nid: x\ntitle: T\n---\n")
    RecordFile.load(path).save([Change(("title",), "line\x85next")])
    assert b'title: "line\\Nnext"' in path.read_bytes()
    assert RecordFile.load(path).data["title"] == "line\x85next"


JSON_RECORD = b'---\n{"id": "x", "title": "T"}\n---\n'


def test_json_writes_escape_what_yaml_readers_take_for_a_line_break(tmp_path: Path):
    """gray-matter reads JSON frontmatter with a YAML parser: a raw NEL would read as a
    line break there, so it is written as the JSON escape every reader agrees on."""
    import yaml
    from ruamel.yaml import YAML
    path = tmp_path / "j.md"
    path.write_bytes(JSON_RECORD)
    RecordFile.load(path).save([Change(("title",), "a\x85b")])
    text = path.read_text(encoding="utf-8").split("---\n")[1]
    want = {"id": "x", "title": "a\x85b"}
    assert "\\u0085" in text
    assert json.loads(text) == want and yaml.safe_load(text) == want and YAML(typ="safe").load(text) == want


def test_a_json_write_yaml_readers_cannot_read_is_refused(tmp_path: Path):
    path = tmp_path / "j.md"
    path.write_bytes(JSON_RECORD)
    with pytest.raises(EditRefused, match="JSON and YAML 1.2 and 1.1"):
        RecordFile.load(path).save([Change(("k" * 2002,), "x")])  # YAML keys stop at 1024
    assert path.read_bytes() == JSON_RECORD


def test_fifty_thousand_plain_keys_are_no_alias_bomb(tmp_path: Path):
    """Over 100,000 values, but no alias: nothing expands, so nothing is refused."""
    path = tmp_path / "wide.md"
    path.write_text("---\nid: wide\n" + "".join(f"k{i}: {i}\n" for i in range(50_500)) + "---\n",
                    encoding="utf-8")
    assert len(RecordFile.load(path).data) == 50_501


def test_an_alias_bomb_is_refused_saying_the_limit(tmp_path: Path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(10))}]" for i in range(1, 8)]
    path = tmp_path / "bomb.md"
    path.write_text("---\nid: b\n" + "\n".join(lines) + "\n---\n", encoding="utf-8")
    with pytest.raises(ReadError, match=r"more than 100,000 values .* alias bomb"):
        RecordFile.load(path)
