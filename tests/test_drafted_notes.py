"""An audit note must come from the auditor (issue 12).

The Ordos draft's statutory pillar cites an external document and carries the draft's own
note "Strong policy-led statutory pillar."; that note must not wave the pillar through. A
note counts when the auditor wrote or changed it in this review, or confirmed it.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import git
from test_cli import assert_no_traceback, run

from reviewer.core.record.document import RecordFile
from reviewer.core.record.editor import Change
from reviewer.core.review import plan as review
from reviewer.core.terms import VERIFY
from reviewer.core.workspace import Workspace

JANE = dict(reviewer="Jane Doe", email="jane@example.org", today="2026-11-22")
ORDOS = "cn-ordos-pilot-2024"
DRAFTED = "Strong policy-led statutory pillar."


def statutory_reasons(ws: Path, **options) -> list:
    plan = review.plan(Workspace(ws), ORDOS, VERIFY, **JANE, **options)
    return plan, [r for r in plan.reasons if r.pillar == "statutory"]


def set_note(ws: Path, pillar: str, note: str) -> None:
    RecordFile.load(ws / "records" / f"{ORDOS}.md").save([Change(("analysis", pillar, "auditNote"), note)])


def test_the_drafts_own_note_does_not_pass_an_external_citation(raw_git_workspace: Path):
    plan, reasons = statutory_reasons(raw_git_workspace)
    assert plan.drafted_notes == {"statutory": DRAFTED}
    assert reasons and all(r.drafted_note for r in reasons)
    assert "is the draft's" in reasons[0].message and DRAFTED in reasons[0].message


def test_confirming_the_drafted_note_lets_it_count(raw_git_workspace: Path):
    plan, reasons = statutory_reasons(raw_git_workspace, kept_notes=["statutory"])
    assert reasons == [] and plan.kept_notes == frozenset({"statutory"})


def test_a_note_the_auditor_changed_counts(raw_git_workspace: Path):
    set_note(raw_git_workspace, "statutory", "Checked the NDRC notice itself: it stands.")
    plan, reasons = statutory_reasons(raw_git_workspace)
    assert reasons == [] and "statutory" not in plan.drafted_notes


def test_a_note_committed_while_a_draft_is_the_drafts(raw_git_workspace: Path):
    set_note(raw_git_workspace, "mrv", "Our own words.")
    git(raw_git_workspace, "commit", "-qam", "work in progress")
    plan, _ = statutory_reasons(raw_git_workspace)
    assert plan.drafted_notes["mrv"] == "Our own words."


def test_after_a_reopen_the_drafted_version_is_the_reopened_one(git_workspace: Path):
    parks = "cn-zero-carbon-parks"
    ws = Workspace(git_workspace)
    review.verify(ws, parks, **JANE)              # its notes were written in this review
    review.reopen(ws, parks, reason="recheck the sources", **JANE)
    plan = review.plan(ws, parks, VERIFY, **JANE)
    assert set(plan.drafted_notes) == {"incentive", "statutory", "mrv", "strategic", "technical"}
    assert not plan.allowed and all(r.drafted_note for r in plan.reasons)
    again = review.plan(ws, parks, VERIFY, kept_notes=list(plan.drafted_notes), **JANE)
    assert again.allowed


def test_a_record_never_committed_takes_the_file_as_read_or_the_given_baseline(raw_git_workspace: Path):
    ws = raw_git_workspace
    source = ws / "records" / f"{ORDOS}.md"
    copy = ws / "records" / "cn-ordos-copy.md"
    copy.write_text(source.read_text(encoding="utf-8").replace(f"id: {ORDOS}", "id: cn-ordos-copy"),
                    encoding="utf-8")
    plan = review.plan(Workspace(ws), "cn-ordos-copy", VERIFY, **JANE)
    assert plan.drafted_notes.get("statutory") == DRAFTED
    loaded = RecordFile.load(copy).data
    loaded["analysis"]["statutory"]["auditNote"] = "something else the draft said"
    plan = review.plan(Workspace(ws), "cn-ordos-copy", VERIFY, baseline=loaded, **JANE)
    assert "statutory" not in plan.drafted_notes


def test_cli_names_the_drafted_notes_and_keep_note_confirms(raw_git_workspace: Path):
    ws = raw_git_workspace
    refused = run(ws, "verify", ORDOS, "--reviewer", "Jane Doe", "--email", "jane@example.org")
    assert_no_traceback(refused)
    assert refused.returncode == 1
    assert "is the draft's" in refused.stderr and "--keep-note statutory" in refused.stderr
    # The other pillars still fail for their own reasons: the keep-note alone is not enough,
    # and the message for statutory is gone.
    kept = run(ws, "verify", ORDOS, "--keep-note", "statutory", "--reviewer", "Jane Doe",
               "--email", "jane@example.org")
    assert kept.returncode == 1 and "statutory:" not in kept.stderr
    assert "--keep-note statutory" not in kept.stderr
    bad = run(ws, "verify", ORDOS, "--keep-note")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    # Nothing was committed or written by the refusals.
    assert git(ws, "status", "--porcelain").stdout == ""
    assert json.loads(run(ws, "list", "--json").stdout)


def test_validate_is_not_changed_by_drafted_notes(raw_git_workspace: Path):
    # validate reports the record as it is; who wrote a note is the review's question.
    result = run(raw_git_workspace, "validate", "--json")
    assert "draft's" not in result.stdout


def test_keep_note_for_a_pillar_the_record_lacks_is_refused(raw_git_workspace: Path):
    result = run(raw_git_workspace, "verify", ORDOS, "--keep-note", "statutroy",
                 "--reviewer", "Jane Doe", "--email", "jane@example.org")
    assert_no_traceback(result)
    assert result.returncode == 1 and "no pillar 'statutroy'" in result.stderr
    assert git(raw_git_workspace, "status", "--porcelain").stdout == ""
