"""reviewer stats (issue 14): a repository whose history the test writes commit by commit
(drafts by two authors, verifies by two auditors with known score changes, a reopen and a
re-verify by a third auditor, a bilingual record), and every number of the JSON checked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, git
from reviewer.core.record.document import RecordFile
from reviewer.core.record.editor import Change

GEMINI, LEGACY = "Gemini Intelligence", "Legacy Import"
ANN, BOB, CAROL = ("Ann Auditor", "ann@example.org"), ("Bob Auditor", "bob@example.org"), \
    ("Carol Auditor", "carol@example.org")


def pillar(score, label="Moderate", evidence="Evidence.", citation="第一章", note=None) -> str:
    lines = [f"    score: {score}", f"    label: {label}", f"    evidence: {evidence}",
             f"    citation: {citation}"]
    if note:
        lines.append(f"    auditNote: {note}")
    return "\n".join(lines)


def record(rid: str, author: str, pillars: dict[str, str], country: str = "China") -> str:
    analysis = "\n".join(f"  {name}:\n{text}" for name, text in pillars.items())
    return (f"---\nid: {rid}\ntitle: Record {rid}\nreviewStatus: draft\ncountry: {country}\n"
            f"year: 2024\nprovenance:\n  author: {author}\nanalysis:\n{analysis}\n---\n\nBody.\n")


def commit(ws: Path, who: tuple[str, str], day: int, message: str) -> None:
    date = f"2026-01-{day:02d}T10:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_NAME": who[0], "GIT_AUTHOR_EMAIL": who[1],
           "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    git(ws, "add", "-A")
    git(ws, "commit", "-q", "-m", message, env=env)


def review(ws: Path, rid: str, who: tuple[str, str], day: int, status: str = "verified",
           **changes) -> None:
    """An auditor's commit: field edits and the review status, with the Reviewed-by trailer."""
    path = ws / "records" / f"{rid}.md"
    edits = [Change(tuple(key.split("__")), value) for key, value in changes.items()]
    RecordFile.load(path).save(edits + [Change(("reviewStatus",), status)])
    verb = "Verify" if status == "verified" else "Reopen"
    commit(ws, who, day, f"{verb} {rid}\n\nReviewed-by: {who[0]} <{who[1]}>")


@pytest.fixture
def history(tmp_path: Path, git_env) -> Path:
    ws = tmp_path / "ws"
    (ws / "records").mkdir(parents=True)
    git(ws, "init", "-q", "-b", "main")
    git(ws, "config", "user.name", "Import Bot")
    git(ws, "config", "user.email", "bot@example.org")
    git(ws, "config", "commit.gpgsign", "false")
    files = {
        "r1": record("r1", GEMINI, {"mrv": pillar(60, "Weak"), "market": pillar(50)}),
        "r2": record("r2", GEMINI, {"mrv": pillar(70), "market": pillar(40, citation="第二章")}),
        "r3": record("r3", LEGACY, {"incentive": pillar(40, "Initial Assessment"),
                                    "statutory": pillar(30)}, country="India"),
        "r4": record("r4", LEGACY, {"mrv": pillar(20, "Initial Assessment")}),
    }
    for rid, text in files.items():
        (ws / "records" / f"{rid}.md").write_text(text, encoding="utf-8")
    commit(ws, ("Import Bot", "bot@example.org"), 1, "Import drafts")
    review(ws, "r1", ANN, 3, analysis__mrv__score=80, analysis__mrv__label="Strong")
    review(ws, "r2", BOB, 4, analysis__mrv__score=65, analysis__market__citation="第三章",
           analysis__market__auditNote="Checked against the plan.")
    review(ws, "r3", ANN, 4, analysis__incentive__score=55, analysis__incentive__label="Moderate")
    review(ws, "r3", BOB, 6, status="draft")
    review(ws, "r3", CAROL, 8, analysis__incentive__score=45, analysis__statutory__score=30)
    return ws


def stats(ws: Path, *args: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "reviewer", "-w", str(ws), "stats", "--json",
                           *args], capture_output=True, text=True, env=env)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return json.loads(done.stdout)


def block(reviewed, score=0, mean=0.0, label=0, evidence=0, citation=0, note=0, added=0,
          removed=0, placeholder=0) -> dict:
    return {"reviewed": reviewed, "score_changed": score, "mean_abs_score_change": mean,
            "label_changed": label, "evidence_changed": evidence, "citation_changed": citation,
            "note_added": note, "added": added, "removed": removed,
            "placeholder_replaced": placeholder}


def test_every_number_of_the_json(history: Path):
    out = stats(history)
    assert (out["records"], out["verified"], out["drafts"]) == (4, 3, 1)
    assert out["pillars"] == {
        # r3's incentive: drafted 40 (a placeholder), last verified 45 by Carol
        "incentive": block(1, score=1, mean=5.0, label=1, placeholder=1),
        "statutory": block(1),
        # r1: 60 -> 80 (label too); r2: 70 -> 65
        "mrv": block(2, score=2, mean=12.5, label=1),
        # r2's market: a new citation and an audit note
        "market": block(2, citation=1, note=1),
    }
    assert out["authors"] == {
        GEMINI: {"records": 2, "reviewed": 2, "pillars": {
            "mrv": block(2, score=2, mean=12.5, label=1), "market": block(2, citation=1, note=1)}},
        LEGACY: {"records": 2, "reviewed": 1, "pillars": {
            "incentive": block(1, score=1, mean=5.0, label=1, placeholder=1),
            "statutory": block(1)}},
    }
    assert out["auditors"] == {
        "Ann Auditor <ann@example.org>": {"verified": 2, "reopened": 0},
        "Bob Auditor <bob@example.org>": {"verified": 1, "reopened": 1},
        "Carol Auditor <carol@example.org>": {"verified": 1, "reopened": 0},
    }
    assert out["timeline"] == [
        {"date": "2026-01-01", "verified": 0, "drafts": 4},
        {"date": "2026-01-03", "verified": 1, "drafts": 3},
        {"date": "2026-01-04", "verified": 3, "drafts": 1},
        {"date": "2026-01-06", "verified": 2, "drafts": 2},
        {"date": "2026-01-08", "verified": 3, "drafts": 1},
    ]
    assert out["placeholders"] == {"left": 1, "replaced": 1}      # r4's mrv is still one
    assert out["citations"]["corrected"] == 1
    # No sources in this repository: each of the 6 reviewed citations is unresolved, before and after.
    assert (out["citations"]["before"], out["citations"]["after"]) == ({"unresolved": 6},) * 2
    # Ann gave r3 incentive 55 and statutory 30, Carol 45 and 30: two units, one record.
    values = [[55, 45], [30, 30]]
    assert out["agreement"] == {"alpha": round(alpha(values), 4), "records": 1, "units": 2}


def alpha(units: list[list[float]]) -> float:
    """Krippendorff's interval alpha written out the long way, for the check."""
    values = [v for u in units for v in u]
    n = len(values)
    d_o = sum(sum((a - b) ** 2 for a in u for b in u) / (len(u) - 1) for u in units) / n
    d_e = sum((a - b) ** 2 for a in values for b in values) / (n * (n - 1))
    return 1 - d_o / d_e


def test_filters_by_author_auditor_country_and_dates(history: Path):
    assert stats(history, "--author", LEGACY)["records"] == 2
    assert set(stats(history, "--author", LEGACY)["pillars"]) == {"incentive", "statutory"}
    by_ann = stats(history, "--auditor", "ann@example.org")
    assert by_ann["records"] == 1 and by_ann["pillars"]["mrv"] == block(1, score=1, mean=20.0, label=1)
    assert stats(history, "--auditor", "Carol Auditor")["records"] == 1
    assert stats(history, "--country", "India")["records"] == 1      # r3 only
    late = stats(history, "--since", "2026-01-05")
    assert late["records"] == 1 and set(late["pillars"]) == {"incentive", "statutory"}
    assert [row["date"] for row in late["timeline"]] == ["2026-01-06", "2026-01-08"]
    assert stats(history, "--until", "2026-01-03")["pillars"] == {
        "mrv": block(1, score=1, mean=20.0, label=1), "market": block(1)}


def test_a_second_run_reads_only_new_commits(history: Path):
    first = stats(history)
    assert first["read"]["commits_read"] == 6 and first["read"]["blobs_read"] > 0
    again = stats(history)
    assert again["read"] == {"commits_read": 0, "blobs_read": 0, "cached": True}
    assert {k: v for k, v in again.items() if k != "read"} == \
        {k: v for k, v in first.items() if k != "read"}
    review(history, "r4", BOB, 9, analysis__mrv__score=25, analysis__mrv__label="Low")
    third = stats(history)
    assert third["read"] == {"commits_read": 1, "blobs_read": 1}
    assert stats(history, "--author", LEGACY)["read"] == {"commits_read": 0, "blobs_read": 0}
    source = history / "sources" / "r1" / "plan.txt"         # a source added, not committed:
    source.parent.mkdir(parents=True)                        # the verdicts may change
    source.write_text("第一章 总则\n", encoding="utf-8")
    fresh = stats(history)
    assert "cached" not in fresh["read"]
    assert fresh["citations"] != third["citations"]
    assert third["verified"] == 4 and third["placeholders"] == {"left": 0, "replaced": 2}


def test_a_rewritten_history_is_read_again(history: Path):
    stats(history)
    git(history, "reset", "-q", "--hard", "HEAD~1")          # Carol's re-verify is gone
    out = stats(history)
    assert (out["verified"], out["drafts"]) == (2, 2)
    assert out["auditors"]["Bob Auditor <bob@example.org>"] == {"verified": 1, "reopened": 1}
    assert "Carol Auditor <carol@example.org>" not in out["auditors"]


def test_bad_input_is_said(history: Path, tmp_path: Path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = lambda *a: subprocess.run([sys.executable, "-m", "reviewer", *a], capture_output=True,
                                    text=True, env=env)
    done = run("-w", str(history), "stats", "--since", "yesterday")
    assert done.returncode == 2 and "not a date" in done.stderr
    done = run("-w", str(history), "stats", "--since", "2026-02-01", "--until", "2026-01-01")
    assert done.returncode == 2 and "after --until" in done.stderr
    plain = tmp_path / "plain"
    (plain / "records").mkdir(parents=True)
    done = run("-w", str(plain), "stats")
    assert done.returncode == 1 and "not a git repository" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_bilingual_record_counts_once(site_workspace: Path):
    from reviewer.core.record.document import RecordFile as Rec
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = stats(site_workspace)
    parks = site_workspace / "src/content/policies/en/cn-zero-carbon-parks.md"
    pillars = Rec.load(parks).data["analysis"]
    done = subprocess.run([sys.executable, "-m", "reviewer", "-w", str(site_workspace), "verify",
                           "cn-zero-carbon-parks", "--reviewer", "Jane Doe", "--email",
                           "jane@example.org"], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    out = stats(site_workspace)
    assert out["records"] == before["records"] == 3        # three records in six files
    assert out["verified"] == before["verified"] + 1
    assert out["auditors"]["Jane Doe <jane@example.org>"] == {"verified": 1, "reopened": 0}
    reviewed = {name: row["reviewed"] for name, row in out["pillars"].items()}
    assert sum(reviewed.values()) == sum(before["pillars"].get(n, {}).get("reviewed", 0)
                                         for n in reviewed) + len(pillars)
    assert out["pillars"]["mrv"]["note_added"] >= 1        # the auditor's notes, once each


def test_a_record_file_unreadable_now_is_counted_apart(history: Path):
    """As `reviewer list` does: a file that is no longer a readable record is not a record."""
    before = stats(history)
    (history / "records" / "r4.md").write_text("no frontmatter any more\n", encoding="utf-8")
    commit(history, BOB, 10, "Break r4")
    out = stats(history)
    assert (out["records"], out["unreadable"]) == (before["records"] - 1, 1)
    assert out["drafts"] == before["drafts"] - 1 and out["verified"] == before["verified"]
