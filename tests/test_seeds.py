"""The seeds are the first fixtures: they must round-trip byte for byte and edit minimally."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from conftest import SEEDS, SHARED
from reviewer.core.errors import EditRefused
from reviewer.core.record.datapath import same
from reviewer.core.record.document import RecordFile
from reviewer.core.record.editor import Change

RECORDS = sorted((SEEDS / "records").glob("*.md"))
ORDOS = SEEDS / "records" / "cn-ordos-pilot-2024.md"
PARKS = SEEDS / "records" / "cn-zero-carbon-parks.md"
MIIT = SEEDS / "records" / "cn-miit-industrial-plan-2022.md"


def diff_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.ndiff(old.splitlines(keepends=True), new.splitlines(keepends=True)):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared/seeds not present")
def test_seed_workspace_is_byte_identical_to_shared_seeds():
    shared = {p.read_bytes() for p in (SHARED / "seeds").glob("0*.txt")}
    bundled = {p.read_bytes() for p in SEEDS.rglob("*") if p.is_file()}
    assert shared == bundled


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.stem)
def test_seed_round_trips_byte_for_byte(path: Path):
    raw = path.read_bytes()
    rf = RecordFile.load(path)
    assert rf.split.join().encode("utf-8") == raw
    assert rf.render([]).encode("utf-8") == raw
    assert rf.record_id == path.stem


def test_seed_formats_are_detected():
    assert RecordFile.load(ORDOS).fmt == "yaml"
    assert RecordFile.load(MIIT).fmt == "json"


# (record, change, expected removed lines, expected added lines) for every field type.
EDITS = [
    (ORDOS, Change(("analysis", "mrv", "score"), 70), ["    score: 85\n"], ["    score: 70\n"]),
    (ORDOS, Change(("analysis", "incentive", "citation"), "七、保障措施（二）推进重点工程"),
     ["    citation: 第四章：重点工程\n"], ["    citation: 七、保障措施（二）推进重点工程\n"]),
    (ORDOS, Change(("pubDate",), "2024-04-30"), ["pubDate: '2024-04-29'\n"], ["pubDate: '2024-04-30'\n"]),
    (ORDOS, Change(("year",), 2025), ["year: 2024\n"], ["year: 2025\n"]),
    (ORDOS, Change(("provenance", "reviewer"), "Jane Doe"), [], ["  reviewer: Jane Doe\n"]),
    (ORDOS, Change(("analysis", "strategic", "auditNote"), "Kept: see plan 一、总体要求"),
     [], ["    auditNote: 'Kept: see plan 一、总体要求'\n"]),
    (ORDOS, Change(("tags", 1), "Energy Base"), ["  - Energy Hub\n"], ["  - Energy Base\n"]),
    (ORDOS, Change(("tags", 3), "CCUS"), [], ["  - CCUS\n"]),
    (ORDOS, Change(("tags", 0)), ["  - Ordos Pilot\n"], []),
    (ORDOS, Change(("sectors", 0), "Coal"), ["sectors: []\n"], ["sectors: [Coal]\n"]),
    (ORDOS, Change(("impactAnalysis", "economic"), "yes"), ["  economic: ''\n"], ["  economic: 'yes'\n"]),
    (PARKS, Change(("description",), "It's short: now"),
     [next(line for line in PARKS.read_text(encoding="utf-8").splitlines(keepends=True)
           if line.startswith("description:"))], ["description: 'It''s short: now'\n"]),
    (PARKS, Change(("analysis", "technical", "score"), 60), ["    score: 85\n"], ["    score: 60\n"]),
    (PARKS, Change(("provenance", "reviewer"), "李明"), ["  reviewer: Human Audit Pending\n"], ["  reviewer: 李明\n"]),
    (MIIT, Change(("analysis", "mrv", "score"), 70), ['      "score": 75\n'], ['      "score": 70\n']),
    (MIIT, Change(("status",), "Active"), ['  "status": "现行",\n'], ['  "status": "Active",\n']),
    (MIIT, Change(("analysis", "strategic", "auditNote"), "保留：迁移占位"),
     ['      "auditNote": "",\n'], ['      "auditNote": "保留：迁移占位",\n']),
    (MIIT, Change(("scope",), "National"), [], ['  "scope": "National",\n']),
    (MIIT, Change(("evolution", "clusters", 0), "CCUS"), ['    "clusters": [],\n'], ['    "clusters": ["CCUS"],\n']),
]


@pytest.mark.parametrize("path,change,removed,added", EDITS,
                         ids=[f"{p.stem[:8]}-{c}" for p, c, _, _ in EDITS])
def test_seed_edit_changes_only_that_field(path, change, removed, added):
    rf = RecordFile.load(path)
    new = rf.render([change])
    assert diff_lines(rf.split.join(), new) == (removed, added)
    reread = RecordFile.from_bytes(new.encode("utf-8"))
    assert reread.split.body == rf.split.body
    assert same(reread.data, _applied(rf.data, change))
    if rf.fmt == "json":
        json.loads(reread.split.frontmatter)  # still plain JSON


def _applied(data, change):
    from reviewer.core.record.datapath import apply_change as apply_to_data
    return apply_to_data(data, change)


def test_several_edits_land_together_or_not_at_all(seed_workspace: Path):
    path = seed_workspace / "records" / "cn-ordos-pilot-2024.md"
    before = path.read_bytes()
    rf = RecordFile.load(path)
    with pytest.raises(EditRefused):
        rf.save([Change(("analysis", "mrv", "score"), 70), Change(("analysis", "market", "score"), 170)])
    assert path.read_bytes() == before
    saved = rf.save([Change(("analysis", "mrv", "score"), 70), Change(("reviewStatus",), "verified")])
    assert saved.data["analysis"]["mrv"]["score"] == 70 and saved.data["reviewStatus"] == "verified"
    removed, added = diff_lines(before.decode(), path.read_text(encoding="utf-8"))
    assert removed == ["reviewStatus: draft\n", "    score: 85\n"]
    assert added == ["reviewStatus: verified\n", "    score: 70\n"]


@pytest.mark.parametrize("change,fragment", [
    (Change(("analysis", "mrv", "score"), 150), "out of range"),
    (Change(("analysis", "mrv", "score"), "high"), "whole number"),
    (Change(("analysis", "mrv", "score"), True), "whole number"),
    (Change(("reviewStatus",), "done"), "must be one of"),
    (Change(("title", "x"), "y"), "single value"),
    (Change(("tags", 7), "x"), "out of range"),
    (Change(("analysis", "mrv"), "strong"), "must be a mapping"),
])
def test_schema_and_path_refusals_leave_the_file_untouched(seed_workspace, change, fragment):
    path = seed_workspace / "records" / "cn-ordos-pilot-2024.md"
    before = path.read_bytes()
    with pytest.raises(EditRefused) as info:
        RecordFile.load(path).save([change])
    assert fragment in str(info.value)
    assert str(path) in str(info.value) and ":" in str(info.value)
    assert path.read_bytes() == before
