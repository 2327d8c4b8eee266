"""Signed commits (issue 13): verify and reopen honour ``commit.gpgsign`` and ``gpg.format``;
the history says whether each commit is signed and what checking the signature says.

Real git, a real SSH key made with ssh-keygen (it signs offline, no agent), real files. Git
sees only the configuration each test writes (``git_env``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from test_review import JANE, PARKS, PARKS_NOTED, cli, head, record, set_field, state, verify

from conftest import AUDITOR, git
from reviewer.core.errors import HookTimedOut, SigningFailed
from reviewer.core.review import history
from reviewer.core.review import plan as review
from reviewer.core.review.gitrepo import GitRepo
from reviewer.core.review.signing import check, signature_kind
from reviewer.core.workspace import Workspace

pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None,
                                reason="ssh-keygen (openssh-client) signs the commits")


# ---- helpers -------------------------------------------------------------------------------
def make_key(folder: Path, name: str = "key") -> Path:
    """A new ed25519 key without passphrase; returns the private key's path."""
    key = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)],
                   check=True, capture_output=True, stdin=subprocess.DEVNULL)
    return key


def public(key: Path) -> str:
    return key.with_name(key.name + ".pub").read_text(encoding="utf-8").strip()


def allow(path: Path, *keys: Path) -> Path:
    """An allowed signers file trusting each key for the auditor's email."""
    path.write_text("".join(f'{AUDITOR[1]} namespaces="git" {public(k)}\n' for k in keys),
                    encoding="utf-8")
    return path


def sign_with(ws: Path, key: Path, allowed: Path | None) -> None:
    """The four settings the README gives for SSH signing."""
    git(ws, "config", "gpg.format", "ssh")
    git(ws, "config", "user.signingkey", f"{key}.pub")
    git(ws, "config", "commit.gpgsign", "true")
    if allowed is not None:
        git(ws, "config", "gpg.ssh.allowedSignersFile", str(allowed))


def history_json(ws: Path, rid: str = PARKS) -> list[dict]:
    result = cli(ws, "history", rid, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def key(tmp_path: Path) -> Path:
    keys = tmp_path / "keys"
    keys.mkdir()
    return make_key(keys)


@pytest.fixture
def signing_ws(git_workspace: Path, key: Path, tmp_path: Path) -> Path:
    """``git_workspace`` (its import commit unsigned) signing its commits from now on with
    the SSH key, whose signatures it can check."""
    sign_with(git_workspace, key, allow(tmp_path / "allowed_signers", key))
    return git_workspace


# ---- signing verify and reopen -------------------------------------------------------------
def test_cli_verify_makes_a_commit_git_verifies_and_the_history_says_so(signing_ws, key):
    result = cli(signing_ws, "verify", PARKS, "--reviewer", JANE["reviewer"], "--email",
                 JANE["email"])
    assert result.returncode == 0, result.stderr
    checked = git(signing_ws, "verify-commit", "HEAD", check=False)
    assert checked.returncode == 0, checked.stderr
    assert f'Good "git" signature for {AUDITOR[1]}' in checked.stderr
    newest, imported = history_json(signing_ws)
    assert newest["verified"] and newest["signed"] is True and newest["signature"] == "good"
    assert newest["signer"] == AUDITOR[1] and newest["signing_key"].startswith("SHA256:")
    assert newest["signature_note"].startswith(f"signature good: signed by {AUDITOR[1]}")
    assert imported["signed"] is False and imported["signature"] == "none"
    assert imported["signer"] is None and imported["signature_note"] == "not signed"
    text = cli(signing_ws, "history", PARKS).stdout.splitlines()
    assert text[0].endswith(f"({head(signing_ws)[:7]}, signed ✓)")
    assert f"    signature good: signed by {AUDITOR[1]} with key SHA256:" in "\n".join(text)
    assert sum("signature" in line or "signed" in line for line in text) == 2


def test_service_verify_and_reopen_are_both_signed(signing_ws):
    verify(signing_ws, PARKS)
    review.reopen(Workspace(signing_ws), PARKS, reason="The citation is a draft.", **JANE)
    for rev in ("HEAD", "HEAD~1"):
        checked = git(signing_ws, "verify-commit", rev, check=False)
        assert checked.returncode == 0, checked.stderr
    entries = history.record_history(Workspace(signing_ws), PARKS)
    assert [(e.reopened, e.verified, e.signature) for e in entries] == \
        [(True, False, "good"), (False, True, "good"), (False, False, "none")]


def test_a_clone_without_an_allowed_signers_file_cannot_check(signing_ws, key, tmp_path):
    verify(signing_ws, PARKS)
    git(signing_ws, "config", "--unset", "gpg.ssh.allowedSignersFile")
    newest = history.record_history(Workspace(signing_ws), PARKS)[0]
    assert newest.signed and newest.signature == "unverified"
    assert "set gpg.ssh.allowedSignersFile" in newest.signing.describe()
    # a signers file that does not list the key: signed by a key this clone does not trust
    other = make_key(tmp_path / "keys", "other")
    git(signing_ws, "config", "gpg.ssh.allowedSignersFile",
        str(allow(tmp_path / "others", other)))
    listed = history_json(signing_ws)[0]
    assert listed["signed"] and listed["signature"] == "unverified"
    assert listed["signing_key"].startswith("SHA256:")
    assert "not in the allowed signers file" in listed["signature_note"]


def test_unsigned_commits_read_none(git_workspace):
    verify(git_workspace, PARKS)
    assert git(git_workspace, "cat-file", "commit", "HEAD").stdout.count("gpgsig") == 0
    assert [(e["signed"], e["signature"]) for e in history_json(git_workspace)] == \
        [(False, "none"), (False, "none")]
    assert "signed" not in cli(git_workspace, "history", PARKS).stdout


def test_a_commit_changed_after_signing_has_a_bad_signature(signing_ws):
    verify(signing_ws, PARKS)
    raw = git(signing_ws, "cat-file", "commit", "HEAD").stdout
    forged = raw.replace("Reviewed-by: Jane Doe", "Reviewed-by: Eve Forger")
    sha = git(signing_ws, "hash-object", "-t", "commit", "-w", "--stdin", input=forged).stdout
    git(signing_ws, "update-ref", "refs/heads/main", sha.strip())
    assert git(signing_ws, "verify-commit", "HEAD", check=False).returncode != 0
    newest = history_json(signing_ws)[0]
    assert newest["signed"] and newest["signature"] == "bad"
    assert newest["signature_note"].startswith("BAD signature")


def test_history_is_not_confused_by_log_show_signature(signing_ws):
    verify(signing_ws, PARKS)
    git(signing_ws, "config", "log.showSignature", "true")
    entries = history.record_history(Workspace(signing_ws), PARKS)
    assert [e.subject.split(":")[0] for e in entries] == [f"Verify {PARKS}", "Import seed records"]
    assert [e.changes[0].path for e in entries[:1]] == [("reviewStatus",)]


def test_a_check_that_does_not_finish_reads_not_checked(signing_ws, tmp_path):
    verify(signing_ws, PARKS)
    slow = tmp_path / "slow-ssh-keygen"
    slow.write_text("#!/bin/sh\nsleep 30\n", encoding="utf-8")
    slow.chmod(0o755)
    git(signing_ws, "config", "gpg.ssh.program", str(slow))
    with GitRepo.open(signing_ws) as repo:
        sha = head(signing_ws)
        assert signature_kind(repo.commit_object(sha)) == "ssh"
        found = check(repo, {sha: "ssh"}, timeout=0.5)[sha]
    assert found.signed and found.status == "unverified"
    assert "did not finish within 0.5 s" in found.describe()


# ---- signing that fails: a clear refusal, nothing committed -----------------------------------
@pytest.mark.parametrize("setting,value,said,fix", [
    ("user.signingkey", "{tmp}/missing.pub", "Couldn't load public key {tmp}/missing.pub",
     "check that user.signingkey ({tmp}/missing.pub) is your SSH public key"),
    ("gpg.ssh.program", "{tmp}/no-such-ssh-keygen", "no-such-ssh-keygen could not be run",
     "install it (openssh-client) or set gpg.ssh.program"),
    ("user.signingkey", "", "user.signingKey needs to be set", "set user.signingkey to your SSH"),
])
def test_a_signing_failure_is_a_clear_refusal_and_commits_nothing(signing_ws, tmp_path, setting,
                                                                    value, said, fix):
    git(signing_ws, "config", setting, value.format(tmp=tmp_path))
    set_field(signing_ws, PARKS, ("analysis", "mrv", "score"), 70)   # the auditor's, kept
    before = state(signing_ws)
    file_before = record(signing_ws, PARKS).read_bytes()
    with pytest.raises(SigningFailed) as info:
        verify(signing_ws, PARKS)
    message = info.value.message
    assert message.startswith(f"signing the commit failed: {said.format(tmp=tmp_path)}")
    assert "commit signing is on (commit.gpgsign, gpg.format ssh)" in message
    assert fix.format(tmp=tmp_path) in message
    assert message.endswith("or turn it off (git config commit.gpgsign false); nothing was "
                            "committed")
    assert state(signing_ws) == before and record(signing_ws, PARKS).read_bytes() == file_before
    result = cli(signing_ws, "verify", PARKS)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"records/{PARKS}.md: signing the commit failed")
    assert state(signing_ws) == before


def test_a_signer_that_hangs_is_stopped_and_says_so(signing_ws, tmp_path):
    stuck = tmp_path / "stuck-ssh-keygen"   # as ssh-keygen asking for a passphrase no one types
    stuck.write_text("#!/bin/sh\nsleep 60\n", encoding="utf-8")
    stuck.chmod(0o755)
    git(signing_ws, "config", "gpg.ssh.program", str(stuck))
    git(signing_ws, "config", "reviewer.hookTimeout", "1")
    before = state(signing_ws)
    with pytest.raises(HookTimedOut, match=r"\.md: signing the commit \(stuck-ssh-keygen\) did not "
                                           r"finish within 1 s \(git config reviewer\.hookTimeout\)"):
        verify(signing_ws, PARKS)
    assert state(signing_ws) == before


# ---- the history panel -----------------------------------------------------------------------
def test_the_history_panel_marks_signed_review_commits(qtbot, signing_ws):
    from reviewer.core.services import reviews
    from reviewer.ui.widgets.history_panel import SIGNATURE_COLUMN, HistoryPanel
    verify(signing_ws, PARKS)
    review.reopen(Workspace(signing_ws), PARKS, reason="The citation is a draft.", **JANE)
    set_field(signing_ws, PARKS, ("analysis", "mrv", "score"), 60)
    git(signing_ws, "config", "commit.gpgsign", "false")
    verify(signing_ws, PARKS, kept_notes=PARKS_NOTED)   # a verify made without signing
    panel = HistoryPanel()
    qtbot.addWidget(panel)
    panel.show_history(reviews.history(Workspace(signing_ws), PARKS))
    rows = [panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())]
    assert not panel.tree.isColumnHidden(SIGNATURE_COLUMN)
    marks = [(row.text(SIGNATURE_COLUMN), row.toolTip(SIGNATURE_COLUMN)) for row in rows]
    assert [m for m, _ in marks] == ["unsigned", "signed ✓", "signed ✓", ""]
    assert marks[0][1] == "This verify commit is not signed"
    assert marks[1][1].startswith(f"Signature good: signed by {AUDITOR[1]} with key SHA256:")
    assert "Verified" in panel.headline.text() and "unsigned" in panel.headline.text()
    # the same history where this clone cannot check signatures
    git(signing_ws, "config", "--unset", "gpg.ssh.allowedSignersFile")
    panel.show_history(reviews.history(Workspace(signing_ws), PARKS))
    assert panel.tree.topLevelItem(1).text(SIGNATURE_COLUMN) == "signed"
    assert "set gpg.ssh.allowedSignersFile" in panel.tree.topLevelItem(1).toolTip(SIGNATURE_COLUMN)


def test_the_history_panel_hides_the_column_where_nothing_is_signed(qtbot, git_workspace):
    from reviewer.core.services import reviews
    from reviewer.ui.widgets.history_panel import SIGNATURE_COLUMN, HistoryPanel
    verify(git_workspace, PARKS)
    panel = HistoryPanel()
    qtbot.addWidget(panel)
    panel.show_history(reviews.history(Workspace(git_workspace), PARKS))
    assert panel.tree.isColumnHidden(SIGNATURE_COLUMN)
    assert "signed" not in panel.headline.text()


def test_the_panel_shows_the_history_first_and_the_signatures_once_checked(qtbot, signing_ws):
    from reviewer.core.services import reviews
    from reviewer.ui.widgets.history_panel import SIGNATURE_COLUMN, HistoryPanel
    verify(signing_ws, PARKS)
    ws = Workspace(signing_ws)
    shown = reviews.history(ws, PARKS, signatures=False)   # no gpg or ssh-keygen run yet
    assert shown.entries[0].signed and not shown.entries[0].signing.checked
    panel = HistoryPanel()
    qtbot.addWidget(panel)
    panel.show_history(shown)
    newest = panel.tree.topLevelItem(0)
    assert newest.text(SIGNATURE_COLUMN) == "signed"
    assert newest.toolTip(SIGNATURE_COLUMN) == "Signed; the signature is not checked yet"
    newest.setExpanded(False)   # the auditor's doing: kept when the signatures come
    checked = reviews.signatures(ws, shown)
    assert [s.status for s in checked.values()] == ["good"]
    panel.show_signatures(reviews.history(ws, PARKS), checked)   # not the history shown: ignored
    assert newest.text(SIGNATURE_COLUMN) == "signed"
    panel.show_signatures(shown, checked)
    assert panel.tree.topLevelItem(0) is newest and not newest.isExpanded()
    assert newest.text(SIGNATURE_COLUMN) == "signed ✓" and "signed ✓" in panel.headline.text()


@pytest.fixture
def signed_repo(repo: Path, key: Path, tmp_path: Path) -> Path:
    """The app's ``repo`` with Parks verified in a signed commit."""
    sign_with(repo, key, allow(tmp_path / "allowed_signers", key))
    git(repo, "config", "user.email", AUDITOR[1])
    verify(repo, PARKS)
    return repo


def test_the_app_marks_a_signed_verify_in_the_history(qtbot, git_env, signed_repo, window):
    from reviewer.ui.widgets.history_panel import SIGNATURE_COLUMN
    with qtbot.waitSignal(window.records.loaded, timeout=10000):
        window.record_list.select_record_id(PARKS)
    tree = window.history.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 2
                    and tree.topLevelItem(0).text(SIGNATURE_COLUMN) == "signed ✓", timeout=10000)
    assert tree.topLevelItem(0).toolTip(SIGNATURE_COLUMN).startswith(
        f"Signature good: signed by {AUDITOR[1]}")
