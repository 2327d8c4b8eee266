"""The recovery folder for unsaved edits (issue 12: nothing lost on a crash)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from reviewer.core.record.merge import three_way
from reviewer.core.record.unsaved import CannotKeep, UnsavedEdits, UnsavedFile, UnsavedStore, now_text, sha256


def entry(ws: Path, name: str = "a.md", mine_score: int = 60, saved_at: str | None = None) -> UnsavedEdits:
    base = {"id": "a", "pubDate": dt.date(2024, 5, 1), "stamp": dt.datetime(2024, 5, 1, 8, 30),
            "analysis": {"mrv": {"score": 70}}}
    mine = {**base, "analysis": {"mrv": {"score": mine_score}}}
    return UnsavedEdits(ws, "a", saved_at or now_text(),
                        [UnsavedFile(ws / "records" / name, sha256(b"x"), base, mine)])


def test_an_entry_round_trips_with_its_dates_and_says_what_changed(tmp_path: Path):
    store = UnsavedStore(tmp_path / "unsaved")
    edits = entry(tmp_path / "ws")
    store.write(edits)
    back = store.entry(tmp_path / "ws", edits.primary)
    assert back == edits
    assert isinstance(back.files[0].base["pubDate"], dt.date)
    assert [str(c) for _, c in back.changes()] == ["analysis.mrv.score: 70 → 60"]


def test_entries_are_per_workspace_newest_first_and_removed(tmp_path: Path):
    store = UnsavedStore(tmp_path / "unsaved")
    store.write(entry(tmp_path / "ws", "a.md", saved_at="2026-12-01T10:00:00+00:00"))
    store.write(entry(tmp_path / "ws", "b.md", saved_at="2026-12-02T10:00:00+00:00"))
    store.write(entry(tmp_path / "other", "a.md"))
    assert [e.primary.name for e in store.entries(tmp_path / "ws")] == ["b.md", "a.md"]
    store.remove(tmp_path / "ws", tmp_path / "ws" / "records" / "b.md")
    store.remove(tmp_path / "ws", tmp_path / "ws" / "records" / "b.md")    # twice: no error
    assert [e.primary.name for e in store.entries(tmp_path / "ws")] == ["a.md"]


@pytest.mark.parametrize("content", ["{not json", json.dumps({"format": 99}),
                                     json.dumps({"format": 1, "files": []}), "[]"])
def test_a_damaged_entry_is_skipped_not_trusted(tmp_path: Path, content: str):
    store = UnsavedStore(tmp_path / "unsaved")
    store.write(entry(tmp_path / "ws"))
    (tmp_path / "unsaved" / "damaged.json").write_text(content, encoding="utf-8")
    assert len(store.entries(tmp_path / "ws")) == 1


def test_a_value_json_cannot_hold_is_refused_with_a_message(tmp_path: Path):
    store = UnsavedStore(tmp_path / "unsaved")
    edits = entry(tmp_path / "ws")
    edits.files[0].mine["blob"] = b"\x00\x01"
    with pytest.raises(CannotKeep, match="cannot be kept for recovery: a value of type bytes"):
        store.write(edits)
    assert store.entries(tmp_path / "ws") == []


def test_an_unwritable_folder_is_refused_with_a_message(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(CannotKeep, match="cannot be kept for recovery in"):
        UnsavedStore(blocker / "unsaved").write(entry(tmp_path / "ws"))


def test_restoring_on_a_file_changed_meanwhile_is_a_three_way_merge(tmp_path: Path):
    edits = entry(tmp_path / "ws")
    f = edits.files[0]
    now = {**f.base, "title": "changed by someone", "analysis": {"mrv": {"score": 70}}}
    merge = three_way(f.base, f.mine, now)
    assert merge.clean and merge.data["analysis"]["mrv"]["score"] == 60
    assert merge.data["title"] == "changed by someone"
