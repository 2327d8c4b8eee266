"""Verify and reopen on real temporary git repositories (no mocks of git).

Each refusal is provoked the way a user would meet it (a real conflicting merge, rebase,
cherry-pick and revert; real executable hooks; a held index.lock) and must leave no commit,
the record file byte for byte as it was, and everything else in the repository untouched.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import AUDITOR, ROOT, explain_citations, git
from reviewer.core.errors import (
    CommitRefused,
    ConflictError,
    GateRefused,
    IdentityMissing,
    NotARepository,
    Refused,
    RepositoryBusy,
)
from reviewer.core.record import frontmatter
from reviewer.core.record.document import RecordFile
from reviewer.core.record.editor import Change
from reviewer.core.review import plan as review
from reviewer.core.review.gitrepo import GitRepo
from reviewer.core.terms import VERIFY
from reviewer.core.workspace import Workspace

ORDOS, PARKS, MIIT = "cn-ordos-pilot-2024", "cn-zero-carbon-parks", "cn-miit-industrial-plan-2022"
JANE = dict(reviewer="Jane Doe", email="jane@example.org")
TODAY = "2026-11-22"


# ---- helpers -------------------------------------------------------------------------------
def record(ws: Path, rid: str) -> Path:
    return ws / "records" / f"{rid}.md"


def set_field(ws: Path, rid: str, path: tuple, value) -> None:
    RecordFile.load(record(ws, rid)).save([Change(path, value)])


def head(ws: Path) -> str:
    return git(ws, "rev-parse", "HEAD").stdout.strip()


def files_in(ws: Path, rev: str = "HEAD") -> list[str]:
    return git(ws, "show", "--name-only", "--format=", rev).stdout.split()


def body(ws: Path, rev: str = "HEAD") -> str:
    """The commit message exactly as stored."""
    raw = git(ws, "cat-file", "commit", rev).stdout
    return raw.split("\n\n", 1)[1]


def state(ws: Path, besides: str | None = None) -> dict:
    """Everything a refused command must leave as it was (``besides``: all but that file,
    a path relative to ``ws``)."""
    only = ["--", ".", f":(exclude){besides}"] if besides else []
    return {"head": git(ws, "rev-parse", "HEAD").stdout,
            "staged": git(ws, "diff", "--cached", "--binary", *only).stdout,
            "unstaged": git(ws, "diff", "--binary", *only).stdout,
            "status": git(ws, "status", "--porcelain=v1", "-uall", *only).stdout,
            "files": {p: p.read_bytes() for p in (ws / "records").rglob("*")
                      if p.is_file() and p != (ws / besides if besides else None)}}


def cli(ws: Path, *args: str, **popen) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("REVIEWER_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "reviewer", "-w", str(ws), *args],
                          capture_output=True, text=True, env=env, cwd=ws, **popen)


# Ordos's statutory citation is external too; the seed has an audit note there, but it is the
# draft's own ("Strong policy-led statutory pillar.") and explains nothing until the auditor
# changes or confirms it (issue 12).
ORDOS_CITATION_PILLARS = {"incentive", "liability", "mrv", "market"}
ORDOS_DRAFTED_NOTE = "statutory"
# The pillars the fixtures' explain_citations gives Parks a note on.
PARKS_NOTED = ["incentive", "statutory", "mrv", "strategic", "technical"]


def make_ordos_pass(ws: Path) -> None:
    """The auditor's notes on Ordos's strategic placeholder and loose citations, written in
    this review (not committed: a note committed while the record is a draft is the
    draft's). Its statutory note is the draft's: verifying Ordos also needs it confirmed
    (``kept_notes=[ORDOS_DRAFTED_NOTE]``, ``--keep-note statutory``)."""
    set_field(ws, ORDOS, ("analysis", "strategic", "auditNote"),
              "Kept at 30 until the 2025 revision is published.")
    assert set(explain_citations(ws, ORDOS)) == ORDOS_CITATION_PILLARS


def hook(ws: Path, name: str, script: str) -> None:
    path = ws / ".git" / "hooks" / name
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(0o755)


def verify(ws: Path, rid: str, **kwargs):
    return review.verify(Workspace(ws), rid, **{**JANE, "today": TODAY, **kwargs})


# ---- the gate on the seeds -----------------------------------------------------------------
def test_seed_gate_blocks_unchecked_citations_and_the_strategic_placeholder(raw_git_workspace):
    ws = Workspace(raw_git_workspace)
    ordos = review.plan(ws, ORDOS, VERIFY, **JANE, today=TODAY)
    assert not ordos.allowed
    by_pillar = {}
    for reason in ordos.reasons:
        by_pillar.setdefault(reason.pillar, []).append(reason.message)
    assert set(by_pillar) == ORDOS_CITATION_PILLARS | {"strategic", ORDOS_DRAFTED_NOTE}
    assert any("placeholder" in m for m in by_pillar["strategic"])
    # statutory's note is the seed's own: it names it, and only it stands in the way
    assert all("'Strong policy-led statutory pillar.' is the draft's" in m
               for m in by_pillar["statutory"])
    assert {r.pillar for r in ordos.reasons if r.drafted_note} == {"statutory"}
    assert by_pillar["incentive"][0].startswith("citation is mismatch: title matches （二）推进重点工程")
    assert {c.pillar: c.status for c in ordos.citations}["statutory"] == "external"
    assert by_pillar["mrv"][0].startswith("citation is unresolved")
    assert all("audit note" in m for ms in by_pillar.values() for m in ms)
    # the plan carries every pillar's verdict, so the dialog can list them
    assert {c.pillar: c.status for c in ordos.citations}["market"] == "mismatch"
    parks = review.plan(ws, PARKS, VERIFY, **JANE, today=TODAY)
    assert {r.pillar for r in parks.reasons} == {"incentive", "statutory", "mrv", "strategic",
                                                 "technical"}
    assert {c.status for c in parks.citations} == {"external", "unresolved"}


def test_audit_notes_on_unchecked_citations_let_parks_pass(raw_git_workspace):
    assert len(explain_citations(raw_git_workspace, PARKS)) == 5
    parks = review.plan(Workspace(raw_git_workspace), PARKS, VERIFY, **JANE, today=TODAY)
    assert parks.allowed and parks.reasons == []


def test_a_resolved_citation_needs_no_note(raw_git_workspace):
    """Fixing Ordos's incentive citation the way the plan writes it clears that reason."""
    set_field(raw_git_workspace, ORDOS, ("analysis", "incentive", "citation"),
              "七、保障措施（二）推进重点工程")
    plan = review.plan(Workspace(raw_git_workspace), ORDOS, VERIFY, **JANE, today=TODAY)
    assert {c.pillar: c.status for c in plan.citations}["incentive"] == "resolved"
    assert "incentive" not in {r.pillar for r in plan.reasons}


def test_gate_refusal_lists_reasons_pillar_by_pillar_and_writes_nothing(git_workspace):
    before = state(git_workspace)
    result = cli(git_workspace, "verify", ORDOS, "--reviewer", "Jane Doe", "--email", "j@x.org")
    assert result.returncode == 1
    first, *rest = result.stderr.splitlines()
    assert first.startswith("records/cn-ordos-pilot-2024.md: not verified")
    *reasons, hint = rest
    assert {line.split(":")[0].strip() for line in reasons} == \
        ORDOS_CITATION_PILLARS | {"strategic", ORDOS_DRAFTED_NOTE}
    assert hint.strip().startswith("hint: ") and hint.strip().endswith("--keep-note statutory")
    assert "Traceback" not in result.stderr
    assert state(git_workspace) == before
    with pytest.raises(GateRefused) as info:
        verify(git_workspace, ORDOS)
    assert {r.pillar for r in info.value.reasons} == \
        ORDOS_CITATION_PILLARS | {"strategic", ORDOS_DRAFTED_NOTE}
    assert state(git_workspace) == before


def test_an_audit_note_lets_a_placeholder_pillar_pass(git_workspace):
    make_ordos_pass(git_workspace)
    ws = Workspace(git_workspace)
    # the auditor's notes cleared the placeholder and the loose citations; the draft's own
    # note on statutory is all that is left until confirmed
    left = review.plan(ws, ORDOS, VERIFY, **JANE).reasons
    assert left and {r.pillar for r in left} == {ORDOS_DRAFTED_NOTE}
    assert all(r.drafted_note for r in left)
    assert review.plan(ws, ORDOS, VERIFY, kept_notes=[ORDOS_DRAFTED_NOTE], **JANE).allowed


def test_plan_writes_nothing_and_predicts_the_commit(git_workspace):
    before = state(git_workspace)
    plan = review.plan(Workspace(git_workspace), PARKS, VERIFY, **JANE, text="ok", today=TODAY)
    assert state(git_workspace) == before
    # what the user confirmed is what gets committed, even with no other arguments
    result = review.verify(Workspace(git_workspace), PARKS, expected=plan)
    assert body(git_workspace) == plan.message
    assert result.subject == plan.subject and result.commit == head(git_workspace)


def test_a_plan_made_stale_by_an_edit_is_refused(git_workspace):
    plan = review.plan(Workspace(git_workspace), PARKS, VERIFY, **JANE, today=TODAY)
    set_field(git_workspace, PARKS, ("analysis", "mrv", "score"), 70)
    before = state(git_workspace)
    with pytest.raises(ConflictError, match="changed since"):
        verify(git_workspace, PARKS, expected=plan)
    assert state(git_workspace) == before


# ---- the commit ----------------------------------------------------------------------------
def test_verify_commits_exactly_the_record_with_author_subject_changes_note_trailer(git_workspace):
    path = record(git_workspace, PARKS)
    set_field(git_workspace, PARKS, ("analysis", "mrv", "score"), 70)  # the auditor's own fix
    old = head(git_workspace)
    result = verify(git_workspace, PARKS, note="Checked against the 2025 work report.")
    assert result.commit == head(git_workspace) and git(git_workspace, "rev-parse", "HEAD~1").stdout.strip() == old
    assert files_in(git_workspace) == ["records/cn-zero-carbon-parks.md"]
    stat = git(git_workspace, "show", "--stat", "--format=", "HEAD").stdout
    # the review's edits, and the five audit notes the auditor wrote in this review
    assert "1 file changed, 9 insertions(+), 4 deletions(-)" in stat
    author = git(git_workspace, "log", "-1", "--format=%an <%ae>|%cn <%ce>").stdout.strip()
    assert author == f"Jane Doe <jane@example.org>|{AUDITOR[0]} <{AUDITOR[1]}>"
    assert body(git_workspace) == (
        "Verify cn-zero-carbon-parks: China Zero Carbon Industrial Parks Guidance\n\n"
        "reviewStatus: draft → verified\n"
        "analysis.strategic.auditNote: (none) → Cites a document outside sources…\n"
        "analysis.statutory.auditNote: (none) → Cites a document outside sources…\n"
        "analysis.technical.auditNote: (none) → Cites a document outside sources…\n"
        "analysis.mrv.score: 85 → 70\n"
        "analysis.mrv.auditNote: (none) → Cites a document outside sources/; …\n"
        "analysis.incentive.auditNote: (none) → Cites a document outside sources…\n"
        "provenance.reviewer: Human Audit Pending → Jane Doe\n"
        "provenance.lastAuditDate: 2026-02-08 → 2026-11-22\n\n"
        "Checked against the 2025 work report.\n\n"
        "Reviewed-by: Jane Doe <jane@example.org>\n")
    trailers = git(git_workspace, "log", "-1", "--format=%(trailers:key=Reviewed-by,valueonly)").stdout
    assert trailers.strip() == "Jane Doe <jane@example.org>"
    data = RecordFile.load(path).data
    assert data["reviewStatus"] == "verified"
    assert data["provenance"]["lastAuditDate"] == TODAY  # a string, not a date
    assert "  lastAuditDate: '2026-11-22'\n" in path.read_text(encoding="utf-8")
    assert git(git_workspace, "status", "--porcelain").stdout == ""
    assert [str(c) for c in result.changes][0] == "reviewStatus: draft → verified"


def test_unrelated_staged_and_unstaged_changes_survive_byte_for_byte(git_workspace):
    ws = git_workspace
    set_field(ws, ORDOS, ("analysis", "mrv", "score"), 70)
    git(ws, "add", "records/cn-ordos-pilot-2024.md")                 # staged
    set_field(ws, ORDOS, ("analysis", "liability", "score"), 50)     # and unstaged on top
    (ws / "notes.txt").write_text("staged new file\n", encoding="utf-8")
    git(ws, "add", "notes.txt")
    source = next((ws / "sources").rglob("*.txt"))
    source.write_bytes(source.read_bytes() + b"\nunstaged source edit\n")
    git(ws, "rm", "-q", "--cached", "records/cn-miit-industrial-plan-2022.md")  # staged removal
    (ws / "scratch.md").write_text("untracked\n", encoding="utf-8")
    before = state(ws)
    others = state(ws, besides=f"records/{PARKS}.md")
    before_source = source.read_bytes()
    verify(ws, PARKS)
    after = state(ws)
    assert files_in(ws) == ["records/cn-zero-carbon-parks.md"]
    assert after["staged"] == before["staged"]
    # Parks's own unstaged change (the auditor's notes) went into the verify commit; every
    # other change is as it was, byte for byte
    assert f" M records/{PARKS}.md\n" in before["status"]
    assert after["status"] == before["status"].replace(f" M records/{PARKS}.md\n", "")
    assert after["unstaged"] == others["unstaged"]
    assert git(ws, "status", "--porcelain", "--", f"records/{PARKS}.md").stdout == ""
    assert source.read_bytes() == before_source
    assert {p: b for p, b in after["files"].items() if p.name != f"{PARKS}.md"} == \
        {p: b for p, b in before["files"].items() if p.name != f"{PARKS}.md"}


def test_several_records_one_commit_each_in_order(git_workspace):
    make_ordos_pass(git_workspace)
    start = head(git_workspace)
    result = cli(git_workspace, "verify", PARKS, ORDOS, "--reviewer", "Jane Doe",
                 "--email", "jane@example.org", "--note", "Batch review",
                 "--keep-note", ORDOS_DRAFTED_NOTE)
    assert result.returncode == 0, result.stderr
    subjects = git(git_workspace, "log", "--format=%s", f"{start}..HEAD").stdout.splitlines()
    assert [s.split(":")[0] for s in subjects] == [f"Verify {ORDOS}", f"Verify {PARKS}"]
    assert files_in(git_workspace, "HEAD") == [f"records/{ORDOS}.md"]
    assert files_in(git_workspace, "HEAD~1") == [f"records/{PARKS}.md"]
    assert f"{PARKS}: verified in " in result.stdout and f"{ORDOS}: verified in " in result.stdout
    today = dt.date.today().isoformat()
    assert f"provenance.lastAuditDate: 2026-02-07 → {today}" in body(git_workspace)


def test_the_first_refusal_stops_and_says_which(git_workspace):
    start = head(git_workspace)
    result = cli(git_workspace, "verify", PARKS, ORDOS, MIIT, "--reviewer", "Jane Doe",
                 "--email", "jane@example.org")
    assert result.returncode == 1
    assert git(git_workspace, "log", "--format=%s", f"{start}..HEAD").stdout.startswith(f"Verify {PARKS}")
    assert len(git(git_workspace, "rev-list", f"{start}..HEAD").stdout.split()) == 1
    assert result.stderr.startswith(f"records/{ORDOS}.md: not verified")
    assert f"stopped at records/{ORDOS}.md: 1 committed before it, 1 not attempted" in result.stderr
    assert RecordFile.load(record(git_workspace, MIIT)).data["provenance"]["lastAuditDate"] == "2026-02-08"


def test_an_unknown_record_in_a_batch_commits_nothing(git_workspace):
    start = head(git_workspace)
    result = cli(git_workspace, "verify", PARKS, "no-such-record")
    assert result.returncode == 1 and "no record with id 'no-such-record'" in result.stderr
    assert head(git_workspace) == start


def test_verifying_an_unchanged_verified_record_again_is_refused(git_workspace):
    verify(git_workspace, PARKS)
    with pytest.raises(Refused, match="already verified and unchanged"):
        verify(git_workspace, PARKS)


# ---- identity ------------------------------------------------------------------------------
def test_identity_comes_from_git_config_when_no_flags(git_workspace):
    result = cli(git_workspace, "verify", PARKS)
    assert result.returncode == 0, result.stderr
    assert git(git_workspace, "log", "-1", "--format=%an <%ae>").stdout.strip() == f"{AUDITOR[0]} <{AUDITOR[1]}>"
    assert f"Reviewed-by: {AUDITOR[0]} <{AUDITOR[1]}>" in body(git_workspace)
    assert RecordFile.load(record(git_workspace, PARKS)).data["provenance"]["reviewer"] == AUDITOR[0]


def test_no_identity_anywhere_is_a_clear_error(git_workspace):
    git(git_workspace, "config", "--unset", "user.name")
    git(git_workspace, "config", "--unset", "user.email")
    before = state(git_workspace)
    result = cli(git_workspace, "verify", PARKS)
    assert result.returncode == 1
    assert "no reviewer name or email: pass --reviewer and --email" in result.stderr
    assert "Traceback" not in result.stderr
    assert state(git_workspace) == before
    only_name = cli(git_workspace, "verify", PARKS, "--reviewer", "Jane Doe")
    assert only_name.returncode == 1 and "no reviewer email: pass --email" in only_name.stderr
    assert state(git_workspace) == before


def test_without_git_identity_the_reviewer_is_also_the_committer(git_workspace):
    git(git_workspace, "config", "--unset", "user.name")
    git(git_workspace, "config", "--unset", "user.email")
    verify(git_workspace, PARKS)
    assert git(git_workspace, "log", "-1", "--format=%an <%ae>|%cn <%ce>").stdout.strip() == \
        "Jane Doe <jane@example.org>|Jane Doe <jane@example.org>"
    assert git(git_workspace, "config", "--local", "--get", "user.name", check=False).stdout == ""


def test_a_name_git_would_alter_is_refused(git_workspace):
    with pytest.raises(IdentityMissing, match="may not contain"):
        verify(git_workspace, PARKS, reviewer="Jane <boss>")


# ---- refusals: nothing lost when git says no ------------------------------------------------
def assert_refused(ws: Path, before: dict, exc_type, match: str, **kwargs) -> Refused:
    with pytest.raises(exc_type, match=match) as info:
        verify(ws, PARKS, **kwargs)
    assert state(ws) == before
    assert str(info.value).splitlines()[0].count("\n") == 0
    return info.value


def test_not_a_git_repository(seed_workspace, git_env):
    before = record(seed_workspace, PARKS).read_bytes()
    with pytest.raises(NotARepository, match="not a git repository"):
        verify(seed_workspace, PARKS)
    result = cli(seed_workspace, "verify", PARKS, "--reviewer", "J", "--email", "j@x")
    assert result.returncode == 1 and "not a git repository" in result.stderr
    assert "Traceback" not in result.stderr
    assert record(seed_workspace, PARKS).read_bytes() == before


def diverge(ws: Path) -> None:
    """main and other both change ORDOS's mrv score: any combination conflicts."""
    git(ws, "switch", "-q", "-c", "other")
    set_field(ws, ORDOS, ("analysis", "mrv", "score"), 60)
    git(ws, "commit", "-q", "-am", "other: mrv 60")
    git(ws, "switch", "-q", "main")
    set_field(ws, ORDOS, ("analysis", "mrv", "score"), 70)
    git(ws, "commit", "-q", "-am", "main: mrv 70")


@pytest.mark.parametrize("operation,command,marker,message", [
    ("merge", ["merge", "other"], "MERGE_HEAD", "a merge is in progress"),
    ("rebase", ["rebase", "other"], "rebase-merge", "a rebase is in progress"),
    ("cherry-pick", ["cherry-pick", "other"], "CHERRY_PICK_HEAD", "a cherry-pick is in progress"),
])
def test_conflicted_operation_in_progress_is_refused(git_workspace, operation, command, marker, message):
    diverge(git_workspace)
    stopped = git(git_workspace, *command, check=False)
    assert stopped.returncode != 0 and "CONFLICT" in stopped.stdout + stopped.stderr
    assert (git_workspace / ".git" / marker).exists()
    set_field(git_workspace, PARKS, ("analysis", "mrv", "score"), 70)  # auditor's own edit
    before = state(git_workspace)
    error = assert_refused(git_workspace, before, RepositoryBusy, message)
    assert error.path.endswith(f"{PARKS}.md")
    result = cli(git_workspace, "verify", PARKS)
    assert result.returncode == 1 and message in result.stderr
    assert state(git_workspace) == before


def test_conflicted_revert_in_progress_is_refused(git_workspace):
    set_field(git_workspace, ORDOS, ("analysis", "mrv", "score"), 70)
    git(git_workspace, "commit", "-q", "-am", "mrv 70")
    set_field(git_workspace, ORDOS, ("analysis", "mrv", "score"), 60)
    git(git_workspace, "commit", "-q", "-am", "mrv 60")
    stopped = git(git_workspace, "revert", "--no-edit", "HEAD~1", check=False)
    assert stopped.returncode != 0
    assert (git_workspace / ".git" / "REVERT_HEAD").exists()
    assert_refused(git_workspace, state(git_workspace), RepositoryBusy, "a revert is in progress")


def test_detached_head_is_refused(git_workspace):
    git(git_workspace, "checkout", "-q", "--detach")
    assert_refused(git_workspace, state(git_workspace), RepositoryBusy, "HEAD is detached")


def test_conflict_markers_are_refused_before_the_yaml_is_read(git_workspace):
    ws = git_workspace
    # A real conflict without MERGE_HEAD: popping a stash over a conflicting commit.
    set_field(ws, PARKS, ("analysis", "mrv", "score"), 60)
    git(ws, "stash", "-q")
    set_field(ws, PARKS, ("analysis", "mrv", "score"), 70)
    git(ws, "commit", "-q", "-am", "mrv 70")
    popped = git(ws, "stash", "pop", check=False)
    assert popped.returncode != 0 and "CONFLICT" in popped.stdout + popped.stderr
    assert not (ws / ".git" / "MERGE_HEAD").exists()
    text = record(ws, PARKS).read_text(encoding="utf-8")
    line = text.splitlines().index(next(l for l in text.splitlines() if l.startswith("<<<<<<< "))) + 1
    before = state(ws)
    error = assert_refused(ws, before, Refused, f"line {line} is a git conflict marker")
    assert error.path.endswith(f"{PARKS}.md")
    result = cli(ws, "verify", PARKS)
    assert result.returncode == 1
    assert f"records/{PARKS}.md: line {line} is a git conflict marker" in result.stderr


def test_conflict_marker_detection():
    assert frontmatter.conflict_marker_line(b"---\na: 1\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> x\n---\n") == 3
    assert frontmatter.conflict_marker_line(b"---\na: 1\n=======\n---\n") == 3
    # In the Markdown body, a line of seven '=' underlines a heading.
    assert frontmatter.conflict_marker_line(b"---\na: 1\n---\nTitle\n=======\n") is None
    assert frontmatter.conflict_marker_line(b"---\na: '<<<<<<<x'\n---\n") is None


def test_held_index_lock_is_refused_after_a_short_retry(git_workspace):
    set_field(git_workspace, PARKS, ("analysis", "mrv", "score"), 70)
    (git_workspace / ".git" / "index.lock").write_bytes(b"")
    before = state(git_workspace)
    error = assert_refused(git_workspace, before, RepositoryBusy, "index.lock", index_wait=0.3)
    assert "another git process" in str(error)
    result = cli(git_workspace, "verify", PARKS)  # the CLI's own wait (2 s), then the same
    assert result.returncode == 1 and "index.lock" in result.stderr
    assert state(git_workspace) == before


def test_index_lock_released_during_the_wait_is_fine(git_workspace):
    lock = git_workspace / ".git" / "index.lock"
    lock.write_bytes(b"")
    timer = threading.Timer(0.3, lock.unlink)
    timer.start()
    try:
        result = verify(git_workspace, PARKS, index_wait=10)
    finally:
        timer.join()
    assert files_in(git_workspace) == [f"records/{PARKS}.md"] and result.commit == head(git_workspace)


@pytest.mark.parametrize("name,script,shown", [
    ("pre-commit", 'echo "lint: records/ must be signed off by the editor" >&2\nexit 1\n',
     "lint: records/ must be signed off by the editor"),
    ("commit-msg", 'echo "policy: the subject must start with a ticket number"\nexit 7\n',
     "policy: the subject must start with a ticket number"),
])
def test_failing_hook_shows_its_output_and_restores_the_file(git_workspace, name, script, shown):
    hook(git_workspace, name, script)
    set_field(git_workspace, PARKS, ("analysis", "mrv", "score"), 70)  # kept through the refusal
    git(git_workspace, "add", f"records/{PARKS}.md")
    set_field(git_workspace, PARKS, ("analysis", "incentive", "score"), 65)
    before = state(git_workspace)
    error = assert_refused(git_workspace, before, CommitRefused, f"the {name} hook refused the commit")
    assert shown in error.details
    result = cli(git_workspace, "verify", PARKS)
    assert result.returncode == 1
    first, *rest = result.stderr.splitlines()
    assert first.startswith(f"records/{PARKS}.md: the {name} hook refused the commit")
    assert f"  {shown}" in rest
    assert state(git_workspace) == before


def test_untracked_ignored_record_is_refused(git_workspace):
    new = record(git_workspace, "cn-parks-copy")
    new.write_text(record(git_workspace, PARKS).read_text(encoding="utf-8")
                   .replace(f"id: {PARKS}", "id: cn-parks-copy"), encoding="utf-8")
    (git_workspace / ".gitignore").write_text("records/*-copy.md\n", encoding="utf-8")
    before = state(git_workspace)
    with pytest.raises(Refused, match=r"not tracked and git ignores it \(\.gitignore:1:"):
        review.verify(Workspace(git_workspace), "cn-parks-copy", **JANE)
    assert state(git_workspace) == before


def test_untracked_record_is_added_in_its_own_commit(git_workspace):
    new = record(git_workspace, "cn-parks-copy")
    new.write_text(record(git_workspace, PARKS).read_text(encoding="utf-8")
                   .replace(f"id: {PARKS}", "id: cn-parks-copy"), encoding="utf-8")
    (git_workspace / "other.txt").write_text("stays untracked\n", encoding="utf-8")
    # ignored by a rule, then un-ignored by a later "!" rule: not ignored
    (git_workspace / ".gitignore").write_text("records/*-copy.md\n!records/cn-parks-copy.md\n",
                                              encoding="utf-8")
    # never committed: the notes it came with are the draft's until the auditor confirms them
    verify(git_workspace, "cn-parks-copy", kept_notes=PARKS_NOTED)
    assert files_in(git_workspace) == ["records/cn-parks-copy.md"]
    assert "New record file" in body(git_workspace)
    assert git(git_workspace, "status", "--porcelain").stdout == \
        f" M records/{PARKS}.md\n?? .gitignore\n?? other.txt\n"   # Parks: this review's notes


def test_untracked_record_refused_by_a_hook_is_untracked_again(git_workspace):
    new = record(git_workspace, "cn-parks-copy")
    new.write_text(record(git_workspace, PARKS).read_text(encoding="utf-8")
                   .replace(f"id: {PARKS}", "id: cn-parks-copy"), encoding="utf-8")
    hook(git_workspace, "pre-commit", "echo no >&2\nexit 1\n")
    before = state(git_workspace)
    with pytest.raises(CommitRefused):   # past the gate: its notes confirmed, so the hook runs
        verify(git_workspace, "cn-parks-copy", kept_notes=PARKS_NOTED)
    assert state(git_workspace) == before
    assert "?? records/cn-parks-copy.md" in before["status"]


def test_passing_hooks_run_and_see_only_the_record(git_workspace):
    hook(git_workspace, "pre-commit", "git diff --cached --name-only > .git/hook-saw\n")
    (git_workspace / "notes.txt").write_text("x\n", encoding="utf-8")
    git(git_workspace, "add", "notes.txt")
    verify(git_workspace, PARKS)
    assert (git_workspace / ".git" / "hook-saw").read_text() == f"records/{PARKS}.md\n"


# ---- reopen --------------------------------------------------------------------------------
def test_reopen_moves_verified_back_to_draft_with_the_reason(git_workspace):
    verify(git_workspace, PARKS)
    result = cli(git_workspace, "reopen", PARKS, "--reason", "Citation points to a draft text.",
                 "--reviewer", "Bob Boss", "--email", "bob@example.org")
    assert result.returncode == 0, result.stderr
    assert files_in(git_workspace) == [f"records/{PARKS}.md"]
    assert body(git_workspace) == (
        "Reopen cn-zero-carbon-parks: China Zero Carbon Industrial Parks Guidance\n\n"
        "reviewStatus: verified → draft\n\n"
        "Reason: Citation points to a draft text.\n\n"
        "Reviewed-by: Bob Boss <bob@example.org>\n")
    assert git(git_workspace, "log", "-1", "--format=%an").stdout.strip() == "Bob Boss"
    assert RecordFile.load(record(git_workspace, PARKS)).data["reviewStatus"] == "draft"


def test_reopen_refuses_a_draft_and_needs_a_reason(git_workspace):
    before = state(git_workspace)
    with pytest.raises(Refused, match="is not verified"):
        review.reopen(Workspace(git_workspace), PARKS, reason="x", **JANE)
    with pytest.raises(Refused, match="a reason is needed"):
        review.reopen(Workspace(git_workspace), PARKS, reason="  ", **JANE)
    usage = cli(git_workspace, "reopen", PARKS)
    assert usage.returncode == 2 and "--reason" in usage.stderr
    assert state(git_workspace) == before


# ---- concurrency ---------------------------------------------------------------------------
def test_concurrent_verifies_make_well_formed_single_file_commits(git_workspace):
    ws = git_workspace
    ids = [PARKS, ORDOS]
    committed_parks = git(ws, "show", f"HEAD:records/{PARKS}.md").stdout   # as imported
    for n in range(2):
        rid = f"cn-parks-{n}"
        record(ws, rid).write_text(committed_parks.replace(f"id: {PARKS}", f"id: {rid}"),
                                   encoding="utf-8")
        ids.append(rid)
    git(ws, "add", *(f"records/{rid}.md" for rid in ids[2:]))
    git(ws, "commit", "-q", "-m", "Two more records")
    # the auditor's notes, written in this review (after the records' draft commits)
    for rid in ids[2:]:
        assert sorted(explain_citations(ws, rid)) == sorted(PARKS_NOTED)
    make_ordos_pass(ws)
    start = head(ws)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    keep = {ORDOS: ["--keep-note", ORDOS_DRAFTED_NOTE]}
    procs = [subprocess.Popen([sys.executable, "-m", "reviewer", "-w", str(ws), "verify", rid,
                               "--reviewer", f"Reviewer {i}", "--email", f"r{i}@example.org",
                               *keep.get(rid, [])],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for i, rid in enumerate(ids)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * len(ids), outputs
    commits = git(ws, "rev-list", f"{start}..HEAD").stdout.split()
    assert len(commits) == len(ids)
    touched = sorted(f for c in commits for f in files_in(ws, c))
    assert touched == sorted(f"records/{rid}.md" for rid in ids)
    for c in commits:
        assert len(files_in(ws, c)) == 1
        message = body(ws, c)
        assert message.startswith("Verify ") and "reviewStatus: draft → verified" in message
        assert message.rstrip().splitlines()[-1].startswith("Reviewed-by: Reviewer ")
    fsck = git(ws, "fsck", "--full", "--strict")
    assert fsck.returncode == 0 and "error" not in fsck.stdout + fsck.stderr
    assert git(ws, "status", "--porcelain").stdout == ""
    for rid in ids:
        assert RecordFile.load(record(ws, rid)).data["reviewStatus"] == "verified"


def test_two_verifies_of_the_same_record_at_once_make_one_commit(git_workspace):
    start = head(git_workspace)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-m", "reviewer", "-w", str(git_workspace),
                               "verify", PARKS], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env) for _ in range(2)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert sorted(p.returncode for p in procs) == [0, 1], outputs
    refused = next(err for p, (_, err) in zip(procs, outputs) if p.returncode == 1)
    assert "already verified and unchanged since the last commit" in refused
    assert len(git(git_workspace, "rev-list", f"{start}..HEAD").stdout.split()) == 1
    assert git(git_workspace, "status", "--porcelain").stdout == ""
    assert git(git_workspace, "fsck", "--full").returncode == 0


def test_a_held_review_lock_refuses_after_its_timeout(git_workspace):
    set_field(git_workspace, PARKS, ("analysis", "mrv", "score"), 70)
    before = state(git_workspace)
    with GitRepo.open(git_workspace) as repo, repo.review_lock():
        assert_refused(git_workspace, before, RepositoryBusy, "another reviewer command",
                       lock_wait=0.3)


def test_workspace_in_a_subfolder_of_the_repository(tmp_path, git_env):
    import shutil

    from conftest import SEEDS
    site = tmp_path / "site"
    shutil.copytree(SEEDS, site / "content")
    (site / "index.html").write_text("<html></html>\n", encoding="utf-8")
    git(site, "init", "-q", "-b", "main")
    git(site, "config", "user.name", AUDITOR[0])
    git(site, "config", "user.email", AUDITOR[1])
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "Site")
    explain_citations(site / "content", PARKS)   # the auditor's, in this review
    result = cli(site / "content", "verify", PARKS)
    assert result.returncode == 0, result.stderr
    assert files_in(site) == [f"content/records/{PARKS}.md"]
    from reviewer.core.review.history import record_history
    assert record_history(Workspace(site / "content"), PARKS)[0].verified
