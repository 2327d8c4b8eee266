"""Field-level diffs, ``reviewer diff`` and ``reviewer history`` on real git repositories."""

from __future__ import annotations

import datetime as dt
import json

from test_review import JANE, MIIT, ORDOS, PARKS, TODAY, cli, head, record, set_field, verify

from conftest import git
from reviewer.core.record.fielddiff import ABSENT, FieldChange, field_changes, format_value
from reviewer.core.review import history
from reviewer.core.review import plan as review
from reviewer.core.workspace import Workspace


# ---- field diff ----------------------------------------------------------------------------
def test_field_changes_flatten_mappings_and_compare_equal_length_lists_per_item():
    old = {"id": "a", "analysis": {"mrv": {"score": 85, "label": "x"}}, "tags": ["a", "b"],
           "sectors": ["s"], "gone": 1}
    new = {"id": "a", "analysis": {"mrv": {"score": 70, "label": "x"}}, "tags": ["a", "c"],
           "sectors": ["s", "t"], "provenance": {"reviewer": "Jane"}}
    assert [str(c) for c in field_changes(old, new)] == [
        "analysis.mrv.score: 85 → 70",
        "tags.1: b → c",
        'sectors: ["s"] → ["s", "t"]',
        "provenance.reviewer: (none) → Jane",
        "gone: 1 → (none)",
    ]


def test_field_changes_tell_types_apart_and_ignore_equal_data():
    assert field_changes({"a": 1, "b": [1]}, {"a": 1, "b": [1]}) == []
    assert [str(c) for c in field_changes({"y": "2024"}, {"y": 2024})] == ['y: "2024" → 2024']
    assert [c.kind for c in field_changes({"a": 1}, {"a": True})] == ["changed"]
    assert field_changes(None, {"id": "x"}) == [FieldChange(("id",), ABSENT, "x")]


def test_values_are_one_line_and_long_ones_are_cut():
    assert format_value("draft") == "draft"
    assert format_value("") == '""'
    assert format_value("two\nlines") == '"two\\nlines"'
    assert format_value(None) == "null" and format_value(ABSENT) == "(none)"
    assert format_value(dt.date(2024, 1, 2)) == "2024-01-02"
    long = format_value("x" * 200)
    assert len(long) == 80 and long.endswith("…")
    assert FieldChange(("a",), ABSENT, 1).to_json() == {"path": "a", "old": None, "new": 1,
                                                        "kind": "added"}


# ---- diff ----------------------------------------------------------------------------------
def test_diff_shows_field_changes_against_head(git_workspace):
    set_field(git_workspace, ORDOS, ("analysis", "mrv", "score"), 70)
    set_field(git_workspace, ORDOS, ("tags", 1), "Energy Base")
    result = cli(git_workspace, "diff", ORDOS)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "analysis.mrv.score: 85 → 70\ntags.1: Energy Hub → Energy Base\n"
    as_json = json.loads(cli(git_workspace, "diff", ORDOS, "--json").stdout)
    assert as_json["changes"][0] == {"path": "analysis.mrv.score", "old": 85, "new": 70,
                                     "kind": "changed"}


def test_diff_raw_is_the_line_diff(git_workspace):
    set_field(git_workspace, ORDOS, ("analysis", "mrv", "score"), 70)
    result = cli(git_workspace, "diff", "--raw", ORDOS)
    assert result.returncode == 0, result.stderr
    assert "-    score: 85\n+    score: 70\n" in result.stdout
    assert result.stdout.startswith("diff --git a/records/cn-ordos-pilot-2024.md")


def test_diff_of_an_unchanged_record_and_of_a_json_record(git_workspace):
    unchanged = cli(git_workspace, "diff", ORDOS)   # (Parks holds this review's audit notes)
    assert unchanged.returncode == 0 and unchanged.stdout == ""
    assert "no field changes against HEAD" in unchanged.stderr
    set_field(git_workspace, MIIT, ("analysis", "mrv", "score"), 70)
    assert cli(git_workspace, "diff", MIIT).stdout == "analysis.mrv.score: 75 → 70\n"


def test_diff_of_a_new_file_lists_every_field(git_workspace):
    new = record(git_workspace, "cn-new")
    new.write_text("---\nid: cn-new\ntitle: New\nreviewStatus: draft\n---\n", encoding="utf-8")
    d = history.diff_against_head(Workspace(git_workspace), "cn-new")
    assert d.new_file and [str(c) for c in d.changes] == [
        "id: (none) → cn-new", "title: (none) → New", "reviewStatus: (none) → draft"]
    raw = cli(git_workspace, "diff", "--raw", "cn-new")
    assert raw.returncode == 0 and "+title: New" in raw.stdout


def test_diff_outside_git_is_refused(seed_workspace, git_env):
    result = cli(seed_workspace, "diff", ORDOS)
    assert result.returncode == 1 and "not a git repository" in result.stderr
    assert "Traceback" not in result.stderr


# ---- history -------------------------------------------------------------------------------
def test_history_lists_commits_with_field_changes_and_who_verified(git_workspace):
    set_field(git_workspace, PARKS, ("analysis", "mrv", "score"), 70)
    result = verify(git_workspace, PARKS, note="ok")
    entries = history.record_history(Workspace(git_workspace), PARKS)
    assert [e.subject for e in entries] == [result.subject, "Import seed records"]
    newest, first = entries
    assert newest.verified and newest.author == "Jane Doe" and newest.email == "jane@example.org"
    assert "analysis.mrv.score: 85 → 70" in [str(c) for c in newest.changes]
    assert first.added and first.changes == [] and not first.verified
    assert history.last_verification(entries) is newest
    human = cli(git_workspace, "history", PARKS)
    assert human.returncode == 0, human.stderr
    today = dt.date.today().isoformat()  # the commit's author date
    assert human.stdout.splitlines()[0] == \
        f"verified by Jane Doe <jane@example.org> on {today} ({result.short})"
    assert "    reviewStatus: draft → verified" in human.stdout
    listed = json.loads(cli(git_workspace, "history", PARKS, "--json").stdout)
    assert [e["verified"] for e in listed] == [True, False]
    assert set(listed[0]) >= {"sha", "author", "email", "date", "subject", "changes", "verified"}
    assert {"path": "reviewStatus", "old": "draft", "new": "verified", "kind": "changed"} \
        in listed[0]["changes"]


def test_history_follows_a_rename(git_workspace):
    ws = git_workspace
    verify(ws, PARKS)
    (ws / "records" / "archive").mkdir()
    git(ws, "mv", f"records/{PARKS}.md", f"records/archive/{PARKS}.md")
    git(ws, "commit", "-q", "-m", "Archive the parks record")
    moved = ws / "records" / "archive" / f"{PARKS}.md"
    from reviewer.core.record.document import RecordFile
    from reviewer.core.record.editor import Change
    RecordFile.load(moved).save([Change(("analysis", "incentive", "score"), 60)])
    git(ws, "commit", "-q", "-am", "Lower incentive")
    entries = history.record_history(Workspace(ws), PARKS)
    assert [e.subject.split(":")[0] for e in entries] == [
        "Lower incentive", "Archive the parks record", f"Verify {PARKS}", "Import seed records"]
    assert [str(c) for c in entries[0].changes] == ["analysis.incentive.score: 70 → 60"]
    assert entries[1].old_path == f"records/{PARKS}.md" and entries[1].changes == []
    assert entries[2].path == f"records/{PARKS}.md" and entries[2].verified
    assert history.last_verification(entries) is entries[2]
    human = cli(ws, "history", f"records/archive/{PARKS}.md").stdout
    assert f"renamed from records/{PARKS}.md to records/archive/{PARKS}.md" in human
    assert human.startswith("verified by Jane Doe <jane@example.org> on ")


def test_history_after_reopen_has_no_verified_line(git_workspace):
    verify(git_workspace, PARKS)
    review.reopen(Workspace(git_workspace), PARKS, reason="Wrong citation", **JANE, today=TODAY)
    entries = history.record_history(Workspace(git_workspace), PARKS)
    assert entries[0].reopened and entries[1].verified
    assert history.last_verification(entries) is None
    assert not cli(git_workspace, "history", PARKS).stdout.startswith("verified by")


def test_history_of_a_json_record_and_a_limit(git_workspace):
    set_field(git_workspace, MIIT, ("analysis", "market", "score"), 55)
    git(git_workspace, "commit", "-q", "-am", "Market 55")
    entries = history.record_history(Workspace(git_workspace), MIIT, limit=1)
    assert len(entries) == 1 and entries[0].sha == head(git_workspace)
    assert [str(c) for c in entries[0].changes] == ["analysis.market.score: 60 → 55"]
    # the seed was imported already verified: that import is who made it verified
    full = history.record_history(Workspace(git_workspace), MIIT)
    assert history.last_verification(full) is full[-1]
