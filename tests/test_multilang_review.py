"""Verify, reopen, history and diff of a record kept in several language files (issue 11).

On a real repository shaped like the website (``tests/site_fixture.py``): each policy is one
record in ``en/<id>.md`` and ``zh/<id>.md``, laid out by the real prettier, with the real
commitlint ``commit-msg`` hook (conventional commits). A verify or reopen edits the neutral
review fields in every language file and commits all of them in one commit, or nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from test_hostile_review import alive, git_locks, wait_until
from test_review import body, files_in, head

from conftest import ROOT, git
from reviewer.core.errors import GateRefused
from reviewer.core.record.document import RecordFile
from reviewer.core.record.editor import Change
from reviewer.core.review import plan as review
from reviewer.core.terms import VERIFY
from reviewer.core.workspace import Workspace

PARKS, MIIT, ORDOS = "cn-zero-carbon-parks", "cn-miit-industrial-plan-2022", "cn-ordos-pilot-2024"
POLICIES = "src/content/policies"
JANE = ["--reviewer", "Jane Doe", "--email", "jane@example.org"]
TODAY = dt.date.today().isoformat()
JOURNAL = Path(".git") / "reviewer-review.json"


def rel(record_id: str, language: str) -> str:
    return f"{POLICIES}/{language}/{record_id}.md"


def both(record_id: str) -> list[str]:
    return [rel(record_id, "en"), rel(record_id, "zh")]


def cli(ws: Path, *args: str, **popen) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("REVIEWER_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "reviewer", "-w", str(ws), *args],
                          capture_output=True, text=True, env=env, cwd=ws, **popen)


def state(ws: Path) -> dict:
    """Everything a refused or undone review must leave as it was."""
    return {"head": git(ws, "rev-parse", "HEAD").stdout,
            "staged": git(ws, "diff", "--cached", "--binary").stdout,
            "unstaged": git(ws, "diff", "--binary").stdout,
            "status": git(ws, "status", "--porcelain=v1", "-uall").stdout,
            "files": {p: p.read_bytes() for p in (ws / POLICIES).rglob("*") if p.is_file()}}


def set_in(ws: Path, record_id: str, language: str, path: tuple, value) -> None:
    """Edit one language file only (as a translator, or a careless script, would)."""
    RecordFile.load(ws / rel(record_id, language)).save([Change(path, value)])


def husky(ws: Path, name: str, script: str) -> None:
    path = ws / ".husky" / name
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(0o755)


def matter(node, ws: Path, record_id: str) -> dict:
    return {lang: node.gray_matter(ws / rel(record_id, lang)) for lang in ("en", "zh")}


def reviewed(before: dict, **fields) -> dict:
    """gray-matter's reading of each file from before, with the review fields set."""
    out = {}
    for lang, read in before.items():
        data = json.loads(json.dumps(read["data"]))
        for key, value in fields.items():
            if key in ("reviewer", "lastAuditDate"):
                data["provenance"][key] = value
            else:
                data[key] = value
        out[lang] = {"data": data, "content": read["content"]}
    return out


# ---- verify and reopen: every language file, one commit -------------------------------------
def test_verify_commits_both_language_files_in_one_conventional_commit(site_workspace, node_tools):
    ws = site_workspace
    before, start = matter(node_tools, ws, PARKS), head(ws)
    result = cli(ws, "verify", PARKS, *JANE, "--note", "Checked both languages.")
    assert result.returncode == 0, result.stderr          # commitlint's hook let it through
    assert git(ws, "rev-parse", "HEAD~1").stdout.strip() == start
    assert files_in(ws) == both(PARKS)
    assert body(ws) == (
        f"chore(review): verify {PARKS}\n\n"
        # the audit notes the auditor wrote in this review, once for both files
        "analysis.incentive.auditNote: (none) → Cites a document outside sources…\n"
        "analysis.mrv.auditNote: (none) → Cites a document outside sources/; …\n"
        "analysis.statutory.auditNote: (none) → Cites a document outside sources…\n"
        "analysis.strategic.auditNote: (none) → Cites a document outside sources…\n"
        "analysis.technical.auditNote: (none) → Cites a document outside sources…\n"
        f"provenance.lastAuditDate: 2026-02-08 → {TODAY}\n"
        "provenance.reviewer: Human Audit Pending → Jane Doe\n"
        "reviewStatus: draft → verified\n\n"
        "Checked both languages.\n\n"
        "Reviewed-by: Jane Doe <jane@example.org>\n")
    assert matter(node_tools, ws, PARKS) == reviewed(before, reviewStatus="verified",
                                                     reviewer="Jane Doe", lastAuditDate=TODAY)
    check = node_tools.prettier_check(ws, *both(PARKS))
    assert check.returncode == 0, check.stdout + check.stderr
    assert git(ws, "status", "--porcelain").stdout == ""
    assert f"{PARKS}: verified in {head(ws)[:7]} by Jane Doe <jane@example.org>" in result.stdout
    assert all(f in result.stdout for f in both(PARKS))


def test_verify_named_by_its_chinese_file_commits_the_whole_record(site_workspace):
    ws = site_workspace
    result = review.verify(Workspace(ws), ws / rel(PARKS, "zh"), reviewer="Jane Doe",
                           email="jane@example.org")
    assert files_in(ws) == both(PARKS)
    assert result.record_id == PARKS and result.subject == f"chore(review): verify {PARKS}"
    assert [str(c) for c in result.changes].count("reviewStatus: draft → verified") == 1
    assert result.repo_paths == both(PARKS)


def test_reopen_moves_both_files_back_to_draft_in_one_commit(site_workspace, node_tools):
    ws = site_workspace
    before = matter(node_tools, ws, MIIT)
    result = cli(ws, "reopen", MIIT, *JANE, "--reason", "The zh title is a draft translation.")
    assert result.returncode == 0, result.stderr
    assert files_in(ws) == both(MIIT)
    assert body(ws) == (
        f"chore(review): reopen {MIIT}\n\n"
        "reviewStatus: verified → draft\n\n"
        "Reason: The zh title is a draft translation.\n\n"
        "Reviewed-by: Jane Doe <jane@example.org>\n")
    assert matter(node_tools, ws, MIIT) == reviewed(before, reviewStatus="draft")
    check = node_tools.prettier_check(ws, *both(MIIT))
    assert check.returncode == 0, check.stdout + check.stderr
    # only Parks's audit notes of this review are left, as before
    assert git(ws, "status", "--porcelain").stdout == "".join(f" M {f}\n" for f in both(PARKS))


def test_the_commitlint_hook_is_real_and_a_refusal_puts_both_files_back(site_workspace):
    """Without the conventional subject, the site's hook refuses the default one: nothing
    is committed, and neither language file keeps the verify's edits."""
    ws = site_workspace
    config = (ws / "reviewer.toml").read_text(encoding="utf-8")
    (ws / "reviewer.toml").write_text(config.split("[commits]")[0], encoding="utf-8")
    git(ws, "commit", "-q", "-m", "chore: use the default subject", "reviewer.toml")
    set_in(ws, PARKS, "zh", ("title",), "中国零碳工业园区建设指引（修订）")   # the auditor's own edit
    before = state(ws)
    result = cli(ws, "verify", PARKS, *JANE)
    assert result.returncode == 1
    assert "the commit-msg hook refused the commit" in result.stderr.splitlines()[0]
    assert "subject" in result.stderr                           # commitlint says why
    assert state(ws) == before


def test_the_commit_subject_and_trailers_follow_the_configuration(site_workspace):
    ws = site_workspace
    config = (ws / "reviewer.toml").read_text(encoding="utf-8")
    (ws / "reviewer.toml").write_text(
        config.replace('subject = "chore(review): {action} {id}"',
                       'subject = "docs({id}): {action} {title}"\n'
                       'trailers = ["Reviewed-by", "Signed-off-by"]'), encoding="utf-8")
    git(ws, "commit", "-q", "-m", "chore: sign reviews off", "reviewer.toml")
    notes = {f: (ws / f).read_bytes() for f in both(PARKS)}   # this review's, uncommitted
    assert cli(ws, "verify", PARKS, *JANE).returncode == 0
    message = body(ws)
    assert message.startswith(f"docs({PARKS}): verify China Zero Carbon Industrial Parks Guidance\n")
    assert message.endswith("\n\nReviewed-by: Jane Doe <jane@example.org>\n"
                            "Signed-off-by: Jane Doe <jane@example.org>\n")
    # the check after the commit requires every configured trailer
    git(ws, "reset", "-q", "--hard", "HEAD~1")
    for f, raw in notes.items():   # back to before the verify: the notes unstaged again
        (ws / f).write_bytes(raw)
    husky(ws, "commit-msg", "sed -i '/^Signed-off-by:/d' \"$1\"\n")
    before = state(ws)
    result = cli(ws, "verify", PARKS, *JANE)
    assert result.returncode == 1
    assert "the trailer Signed-off-by: Jane Doe <jane@example.org> is missing" in result.stderr
    assert state(ws) == before


# ---- the gate covers the record -------------------------------------------------------------
def test_languages_that_disagree_on_a_neutral_score_are_refused_by_the_gate(site_workspace):
    ws = site_workspace
    set_in(ws, PARKS, "zh", ("analysis", "mrv", "score"), 70)
    before = state(ws)
    result = cli(ws, "verify", PARKS, *JANE)
    assert result.returncode == 1
    first, *details = result.stderr.splitlines()
    assert "not verified: the record does not pass the verification gate" in first
    assert any("analysis.mrv.score differs between the languages (en: 85, zh: 70)" in line
               for line in details), result.stderr
    assert state(ws) == before
    with pytest.raises(GateRefused) as info:
        review.verify(Workspace(ws), PARKS, reviewer="Jane Doe", email="jane@example.org")
    assert [r.message for r in info.value.reasons if "differs" in r.message] == [
        "analysis.mrv.score differs between the languages (en: 85, zh: 70); a "
        "language-neutral field must be the same"]
    assert state(ws) == before


def test_the_gate_uses_the_workspace_schema_and_the_record_id_from_the_file_name(site_workspace):
    """The site's files have no ``id`` field (the file names the record) and the schema
    does not require one; the citations are checked against ``sources/<id>/``."""
    plan = review.plan(Workspace(site_workspace), PARKS, VERIFY, reviewer="Jane Doe",
                       email="jane@example.org")
    assert plan.allowed, plan.reasons
    assert plan.citations and {c.status for c in plan.citations} == {"external", "unresolved"}
    ordos = review.plan(Workspace(site_workspace), ORDOS, VERIFY, reviewer="Jane Doe",
                        email="jane@example.org")
    assert any(c.status == "mismatch" for c in ordos.citations)   # its sources were read
    assert "strategic" in {r.pillar for r in ordos.reasons}


# ---- hooks and interruptions ----------------------------------------------------------------
def test_a_hook_that_puts_only_the_chinese_file_back_to_draft_is_caught_and_undone(site_workspace):
    ws = site_workspace
    zh = rel(PARKS, "zh")
    husky(ws, "pre-commit", f"sed -i \"s/'reviewStatus': 'verified'/'reviewStatus': 'draft'/\" {zh}\n"
                            f"git add {zh}\n")
    set_in(ws, PARKS, "zh", ("title",), "中国零碳工业园区建设指引（修订）")   # the auditor's own edit
    (ws / "notes.txt").write_text("staged notes\n", encoding="utf-8")
    git(ws, "add", "notes.txt")
    before = state(ws)
    result = cli(ws, "verify", PARKS, *JANE)
    assert result.returncode == 1, result.stdout
    first, *details = result.stderr.splitlines()
    assert "the pre-commit hook changed the commit" in first and "the commit was undone" in first
    assert any(zh in line and "reviewStatus: verified → draft" in line for line in details), \
        result.stderr
    assert state(ws) == before
    assert not (ws / JOURNAL).exists()


def test_both_record_locks_are_held_while_git_commits(site_workspace):
    ws = site_workspace
    probe = ("from reviewer.core.locks import LockTimeout, record_lock\n"
             f"for rel in {both(PARKS)!r}:\n"
             "    try:\n"
             "        with record_lock(rel, wait=0): print(rel, 'free')\n"
             "    except LockTimeout: print(rel, 'held')\n")
    (ws / ".git" / "probe.py").write_text(probe, encoding="utf-8")
    husky(ws, "pre-commit", f'"{sys.executable}" .git/probe.py > .git/locks-seen\n')
    assert cli(ws, "verify", PARKS, *JANE).returncode == 0
    assert (ws / ".git" / "locks-seen").read_text().split("\n")[:2] == [f"{r} held" for r in both(PARKS)]


SLOW = "echo $$ >> .git/hook-pids\ntouch .git/hook-started\nexec sleep 30\n"


@pytest.fixture
def killed(site_workspace):
    """A verify of Parks SIGKILLed while git commits (the hook dies too, as in a power
    cut), with the auditor's own edit of the Chinese title; returns the state before."""
    ws = site_workspace
    set_in(ws, PARKS, "zh", ("title",), "中国零碳工业园区建设指引（修订）")
    (ws / "notes.txt").write_text("staged notes\n", encoding="utf-8")
    git(ws, "add", "notes.txt")
    husky(ws, "pre-commit", SLOW)
    before = state(ws)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "reviewer", "-w", str(ws), "verify", PARKS, *JANE],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    started = ws / ".git" / "hook-started"
    wait_until(lambda: started.exists() or proc.poll() is not None)
    assert proc.poll() is None, proc.communicate()
    proc.kill()
    proc.communicate(timeout=10)
    pids = [int(p) for p in (ws / ".git" / "hook-pids").read_text().split()]
    for pid in pids:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
    wait_until(lambda: not git_locks(ws) and not any(alive(pid) for pid in pids))
    husky(ws, "pre-commit", "exit 0\n")
    assert head(ws) == before["head"].strip()
    for path in both(PARKS):
        assert "'reviewStatus': 'verified'" in (ws / path).read_text(encoding="utf-8")
    assert (ws / JOURNAL).exists()
    return before


def test_after_sigkill_recover_shows_both_files(site_workspace, killed):
    ws = site_workspace
    notice = cli(ws, "list").stderr
    assert f"an interrupted verify of {rel(PARKS, 'en')} and {rel(PARKS, 'zh')}" in notice
    shown = cli(ws, "recover")
    assert shown.stdout.splitlines()[1] == "the files hold what the action wrote", shown.stdout
    as_json = json.loads(cli(ws, "recover", "--json").stdout)["interrupted"]
    assert (as_json["file"], as_json["can_finish"], as_json["records"]) == ("written", True, both(PARKS))


def test_after_sigkill_recover_finish_commits_both_files(site_workspace, killed):
    ws = site_workspace
    result = cli(ws, "recover", "--finish")
    assert result.returncode == 0, result.stderr
    assert git(ws, "rev-parse", "HEAD~1").stdout == killed["head"]
    assert files_in(ws) == both(PARKS)
    assert git(ws, "log", "-1", "--format=%s").stdout.strip() == f"chore(review): verify {PARKS}"
    assert "title [zh]: 中国零碳工业园区建设指引 → 中国零碳工业园区建设指引（修订）" in body(ws)
    after = state(ws)
    assert after["staged"] == killed["staged"] and after["unstaged"] == ""
    assert not (ws / JOURNAL).exists()


def test_after_sigkill_recover_undo_puts_both_files_back(site_workspace, killed):
    ws = site_workspace
    result = cli(ws, "recover", "--undo")
    assert result.returncode == 0, result.stderr
    for path in both(PARKS):
        assert f"undo: put {path} back as it was before the verify" in result.stdout
    assert state(ws) == killed
    assert not (ws / JOURNAL).exists()


@pytest.mark.parametrize("how", ["--finish", "--undo"])
def test_a_verify_killed_between_its_two_writes_is_finished_or_undone(site_workspace, killed, how):
    """Killed after it wrote the English file and before the Chinese one: the journal has
    both; finish writes the rest and commits, undo puts the English file back."""
    ws = site_workspace
    zh = ws / rel(PARKS, "zh")
    zh.write_bytes(killed["files"][zh])
    assert "partly" in cli(ws, "recover").stdout
    result = cli(ws, "recover", how)
    assert result.returncode == 0, result.stderr
    if how == "--finish":
        assert files_in(ws) == both(PARKS)
        assert "'reviewStatus': 'verified'" in zh.read_text(encoding="utf-8")
    else:
        assert state(ws) == killed


# ---- history and diff of the record ---------------------------------------------------------
def test_history_follows_every_language_file_with_neutral_changes_once(site_workspace):
    ws = site_workspace
    # a translator's fix of the Chinese title, committed while the auditor's notes (this
    # review's) wait aside
    git(ws, "stash", "-q")
    set_in(ws, PARKS, "zh", ("title",), "中国零碳工业园区建设指引（修订）")
    git(ws, "commit", "-q", "-am", "fix(zh): the Chinese title")
    git(ws, "stash", "pop", "-q")
    verified = cli(ws, "verify", PARKS, *JANE)
    assert verified.returncode == 0, verified.stderr
    result = cli(ws, "history", PARKS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"verified by Jane Doe <jane@example.org> on {TODAY}")
    entries = json.loads(cli(ws, "history", PARKS, "--json").stdout)
    assert [e["subject"] for e in entries] == [
        f"chore(review): verify {PARKS}", "fix(zh): the Chinese title", "chore: import the policies"]
    verify_entry, title, imported = entries
    assert verify_entry["verified"] and verify_entry["paths"] == both(PARKS)
    # the review fields and the five audit notes, each a neutral change listed once
    paths = [c["path"] for c in verify_entry["changes"]]
    assert [p for p in paths if not p.endswith(".auditNote")] == [
        "provenance.lastAuditDate", "provenance.reviewer", "reviewStatus"]
    assert len(paths) == len(set(paths)) == 8
    assert all("language" not in c for c in verify_entry["changes"])
    assert title["paths"] == [rel(PARKS, "zh")]
    assert title["changes"] == [{"path": "title", "old": "中国零碳工业园区建设指引",
                                 "new": "中国零碳工业园区建设指引（修订）", "kind": "changed",
                                 "language": "zh"}]
    assert imported["added"] and imported["added_paths"] == both(PARKS)
    assert "    title [zh]: 中国零碳工业园区建设指引 → 中国零碳工业园区建设指引（修订）" in result.stdout


def test_diff_shows_each_language_file_labelled(site_workspace):
    ws = site_workspace
    git(ws, "checkout", "-q", "--", *both(PARKS))   # as committed: only the edits below
    set_in(ws, PARKS, "zh", ("title",), "新标题")
    set_in(ws, PARKS, "en", ("description",), "New text.")
    result = cli(ws, "diff", PARKS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"en ({rel(PARKS, 'en')}):",
        "  description: National guidance for zero-carbon industrial parks: renewable energy, "
        "systemic … → New text.",
        f"zh ({rel(PARKS, 'zh')}):",
        "  title: 中国零碳工业园区建设指引 → 新标题"]
    as_json = json.loads(cli(ws, "diff", PARKS, "--json").stdout)
    assert as_json["file"] == rel(PARKS, "en")
    assert [(f["language"], f["file"], [c["path"] for c in f["changes"]]) for f in as_json["files"]] \
        == [("en", rel(PARKS, "en"), ["description"]), ("zh", rel(PARKS, "zh"), ["title"])]
    assert [(c["path"], c["language"]) for c in as_json["changes"]] == [("description", "en"),
                                                                       ("title", "zh")]
    raw = cli(ws, "diff", PARKS, "--raw").stdout
    assert f"diff --git a/{rel(PARKS, 'en')}" in raw and f"diff --git a/{rel(PARKS, 'zh')}" in raw


# ---- the app --------------------------------------------------------------------------------
def test_the_verify_dialog_names_every_file_the_commit_will_hold(qtbot, site_workspace):
    from reviewer.core.services import reviews
    from reviewer.ui.dialogs.review_dialog import ReviewDialog
    ws = Workspace(site_workspace)
    preview = reviews.preview(ws, site_workspace / rel(PARKS, "zh"), VERIFY, "Jane Doe",
                              "jane@example.org")
    dialog = ReviewDialog(VERIFY, PARKS, "Jane Doe", "jane@example.org")
    qtbot.addWidget(dialog)
    dialog.set_preview(preview)
    assert "Ready to verify" in dialog.verdict.text()
    assert all(f in dialog.verdict.text() for f in both(PARKS))
    assert all(f"+++ {f}" in preview.raw_diff or f in preview.raw_diff for f in both(PARKS))
    outcome = reviews.commit(ws, preview.plan, "Jane Doe", "jane@example.org", "")
    assert files_in(site_workspace) == both(PARKS)
    assert set(outcome.changes.records) == {site_workspace / f for f in both(PARKS)}
