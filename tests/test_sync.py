"""reviewer sync (issue 13): two auditors' clones of one bare remote. Real git, real files:
different fields of one record merge with a minimal diff; the same field changed
differently pauses the sync, is reported with both values, resolved each way or aborted;
a push refused because the other auditor pushed first is retried; a remote that is gone,
a missing upstream and a protected branch each say so; uncommitted edits survive."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from conftest import git
from team_fixture import (ORDOS, PARKS, Team, cli, cli_json, commit, data, edit, log, make_team,
                          remote_data)

MRV = ("analysis", "mrv", "score")
MARKET = ("analysis", "market", "score")


@pytest.fixture
def team(raw_git_workspace: Path, tmp_path: Path) -> Team:
    return make_team(raw_git_workspace, tmp_path)


def test_nothing_to_do_is_up_to_date(team: Team):
    code, out = cli_json(team.ann, "sync")
    assert code == 0 and out["status"] == "up-to-date", out
    assert out["upstream"] == "origin/main" and out["pushed"] == 0 and out["received"] == 0


def test_different_fields_of_one_record_both_reach_the_remote_with_a_minimal_diff(team: Team):
    before = git(team.remote, "show", f"main:{ORDOS}").stdout
    commit(team.ann, ORDOS, (MRV, 70), message="fix(ordos): mrv score")
    commit(team.bob, ORDOS, (MARKET, 35), message="fix(ordos): market score")
    code, out = cli_json(team.ann, "sync")
    assert (code, out["status"], out["pushed"]) == (0, "synced", 1), out
    code, out = cli_json(team.bob, "sync")
    assert (code, out["status"], out["pushed"], out["received"]) == (0, "synced", 1, 1), out
    assert (remote_data(team)["analysis"]["mrv"]["score"],
            remote_data(team)["analysis"]["market"]["score"]) == (70, 35)
    after = git(team.remote, "show", f"main:{ORDOS}").stdout
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert len(before.splitlines()) == len(after.splitlines()) and len(changed) == 2
    # a rebase: no merge commit, Bob's commit on top of Ann's
    assert log(team.bob)[:2] == ["fix(ordos): market score", "fix(ordos): mrv score"]
    assert git(team.bob, "rev-list", "--merges", "--count", "main").stdout.strip() == "0"
    code, out = cli_json(team.ann, "sync")
    assert (out["status"], out["received"]) == ("synced", 1) and data(team.ann) == data(team.bob)


def test_the_same_field_changed_differently_pauses_and_resolves_with_mine(team: Team):
    commit(team.ann, ORDOS, (MRV, 70), message="fix(ordos): mrv 70")
    assert cli_json(team.ann, "sync")[0] == 0
    commit(team.bob, ORDOS, (MRV, 60), (MARKET, 35), message="fix(ordos): mrv 60, market 35")
    code, out = cli_json(team.bob, "sync")
    assert code == 1 and out["status"] == "conflicts", out
    [conflict] = out["conflicts"]
    assert conflict == {"record": "cn-ordos-pilot-2024", "field": "analysis.mrv.score",
                        "kind": "field", "files": [ORDOS], "languages": [], "base": 85,
                        "mine": 60, "theirs": 70}
    text = cli(team.bob, "sync")                       # asked again: the same report, in words
    assert "analysis.mrv.score" in text.stdout and "mine   60" in text.stdout
    assert "theirs 70" in text.stdout and "already on origin/main" in text.stdout
    done = cli(team.bob, "resolve", "cn-ordos-pilot-2024", "analysis.mrv.score", "--mine")
    assert done.returncode == 0 and "no conflict left" in done.stdout, done.stderr
    code, out = cli_json(team.bob, "sync", "--continue")
    assert (code, out["status"], out["pushed"]) == (0, "synced", 1), out
    assert remote_data(team)["analysis"]["mrv"]["score"] == 60
    assert remote_data(team)["analysis"]["market"]["score"] == 35
    assert not (Path(git(team.bob, "rev-parse", "--absolute-git-dir").stdout.strip())
                / "rebase-merge").exists()


def test_resolved_with_theirs_and_with_a_value_of_ones_own(team: Team):
    commit(team.ann, ORDOS, (MRV, 70), (("title",), "Ann's title"), message="ann")
    assert cli_json(team.ann, "sync")[0] == 0
    commit(team.bob, ORDOS, (MRV, 60), (("title",), "Bob's title"), message="bob")
    code, out = cli_json(team.bob, "sync")
    assert sorted(c["field"] for c in out["conflicts"]) == ["analysis.mrv.score", "title"]
    code, out = cli_json(team.bob, "resolve", "cn-ordos-pilot-2024", "analysis.mrv.score",
                         "--theirs")
    assert code == 0 and [c["field"] for c in out["left"]] == ["title"]
    refused = cli(team.bob, "sync", "--continue")
    assert refused.returncode == 1 and "1 conflict(s) left" in refused.stderr
    assert cli(team.bob, "resolve", "cn-ordos-pilot-2024", "title", "--value",
               '"Ordos pilot (agreed)"').returncode == 0
    assert cli_json(team.bob, "sync", "--continue")[0] == 0
    assert remote_data(team)["analysis"]["mrv"]["score"] == 70
    assert remote_data(team)["title"] == "Ordos pilot (agreed)"


def test_resolving_everything_to_theirs_drops_the_empty_commit(team: Team):
    commit(team.ann, ORDOS, (MRV, 70), message="ann")
    assert cli_json(team.ann, "sync")[0] == 0
    commit(team.bob, ORDOS, (MRV, 60), message="bob")
    assert cli_json(team.bob, "sync")[0] == 1
    assert cli(team.bob, "resolve", "cn-ordos-pilot-2024", "analysis.mrv.score",
               "--theirs").returncode == 0
    code, out = cli_json(team.bob, "sync", "--continue")
    assert code == 0 and out["pushed"] == 0, out
    assert git(team.bob, "rev-parse", "HEAD").stdout == git(team.bob, "rev-parse", "origin/main").stdout


def test_abort_puts_the_branch_the_files_and_uncommitted_edits_back(team: Team):
    commit(team.ann, ORDOS, (MRV, 70), message="ann")
    assert cli_json(team.ann, "sync")[0] == 0
    commit(team.bob, ORDOS, (MRV, 60), message="bob")
    edit(team.bob, PARKS, (("title",), "Bob's unsaved-to-git title"))   # saved, not committed
    head = git(team.bob, "rev-parse", "HEAD").stdout
    ordos = (team.bob / ORDOS).read_bytes()
    parks = (team.bob / PARKS).read_bytes()
    assert cli_json(team.bob, "sync")[1]["status"] == "conflicts"
    assert (team.bob / PARKS).read_bytes() != parks      # put aside while paused (git stash)
    assert "reviewer sync" in git(team.bob, "stash", "list").stdout
    code, out = cli_json(team.bob, "sync", "--abort")
    assert (code, out["status"]) == (0, "aborted"), out
    assert git(team.bob, "rev-parse", "HEAD").stdout == head
    assert (team.bob / ORDOS).read_bytes() == ordos and (team.bob / PARKS).read_bytes() == parks
    assert git(team.bob, "stash", "list").stdout == ""
    assert cli(team.bob, "sync", "--abort").returncode == 1     # nothing to abort now
    assert "no sync is paused" in cli(team.bob, "sync", "--continue").stderr


def test_uncommitted_edits_survive_a_sync_and_merge_with_what_it_brings(team: Team):
    commit(team.ann, ORDOS, (MRV, 70), (("title",), "Ann's title"), message="ann")
    assert cli_json(team.ann, "sync")[0] == 0
    edit(team.bob, ORDOS, (MARKET, 35), (("title",), "Bob's title"))   # not committed
    edit(team.bob, PARKS, (("title",), "Parks, retitled"))
    code, out = cli_json(team.bob, "sync")
    assert (code, out["status"], out["received"]) == (0, "synced", 1), out
    bob = data(team.bob)
    assert (bob["analysis"]["mrv"]["score"], bob["analysis"]["market"]["score"]) == (70, 35)
    assert bob["title"] == "Bob's title"          # his edit kept; Ann's is in the commit
    assert any("title" in note for note in out["put_back"])
    assert data(team.bob, PARKS)["title"] == "Parks, retitled"
    assert git(team.bob, "stash", "list").stdout == ""
    assert set(git(team.bob, "status", "--porcelain").stdout.split()) == {"M", ORDOS, PARKS}


def test_a_push_refused_because_the_other_pushed_first_is_retried(team: Team):
    commit(team.bob, PARKS, (("title",), "Bob's parks"), message="bob")
    # Ann pushes between Bob's fetch and his push: a pre-push hook in Bob's clone does it once.
    commit(team.ann, ORDOS, (MRV, 70), message="ann")
    hook = team.bob / ".git" / "hooks" / "pre-push"
    flag = team.bob.parent / "pushed-once"
    hook.write_text(f"#!/bin/sh\n[ -e '{flag}' ] && exit 0\ntouch '{flag}'\n"
                    f"git -C '{team.ann}' push -q origin main\n", encoding="utf-8")
    hook.chmod(hook.stat().st_mode | stat.S_IEXEC)
    code, out = cli_json(team.bob, "sync")
    assert "attempts" in out, out
    assert (code, out["status"], out["attempts"], out["pushed"]) == (0, "synced", 2, 1), out
    assert log(team.bob, "origin/main")[:2] == ["bob", "ann"]
    assert remote_data(team)["analysis"]["mrv"]["score"] == 70


def test_a_remote_that_is_gone_keeps_the_commits_and_says_so(team: Team, tmp_path: Path):
    commit(team.ann, ORDOS, (MRV, 70), message="ann")
    team.remote.rename(tmp_path / "moved.git")
    done = cli(team.ann, "sync")
    assert done.returncode == 1 and "cannot reach origin" in done.stderr, done.stderr
    assert "your commits are kept here" in done.stderr and "Traceback" not in done.stderr
    code, out = cli_json(team.ann, "sync")
    assert code == 1 and out["error"] == "unreachable"
    assert log(team.ann)[0] == "ann"
    (tmp_path / "moved.git").rename(team.remote)          # back: the next sync shares it
    assert cli_json(team.ann, "sync")[1]["pushed"] == 1


def test_a_missing_upstream_says_how_to_set_one(team: Team):
    git(team.ann, "switch", "-q", "-c", "ann-work")
    done = cli(team.ann, "sync")
    assert done.returncode == 1 and "has no upstream" in done.stderr
    assert "git push -u origin ann-work" in done.stderr
    git(team.ann, "remote", "remove", "origin")
    assert "no remote" in cli(team.ann, "sync").stderr


def test_a_protected_branch_is_named_and_the_commit_kept(team: Team):
    hook = team.remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'GH006: Protected branch update failed for refs/heads/main.'"
                    " >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(hook.stat().st_mode | stat.S_IEXEC)
    commit(team.ann, ORDOS, (MRV, 70), message="ann")
    done = cli(team.ann, "sync")
    assert done.returncode == 1 and "refused the push to main" in done.stderr, done.stderr
    assert "Protected branch" in done.stderr and "protected" in cli_json(team.ann, "sync")[1]["error"]
    assert log(team.ann)[0] == "ann"


def test_sync_registers_the_driver_and_routes_records_when_the_clone_lacks_them(
        raw_git_workspace: Path, tmp_path: Path):
    team = make_team(raw_git_workspace, tmp_path, attributes=False)
    commit(team.ann, ORDOS, (MRV, 70), message="ann")
    assert cli_json(team.ann, "sync")[0] == 0
    commit(team.bob, ORDOS, (MARKET, 35), message="bob")
    code, out = cli_json(team.bob, "sync")
    assert code == 0 and out["setup"], out
    assert "merge.reviewer.driver" in git(team.bob, "config", "--list").stdout
    assert "merge=reviewer" in (team.bob / ".git" / "info" / "attributes").read_text()
    assert remote_data(team)["analysis"]["market"]["score"] == 35


def test_verify_push_shares_the_commit_and_the_list_stops_marking_it(team: Team):
    from conftest import explain_citations
    commit(team.ann, ORDOS, (MARKET, 35), message="ann")
    code, out = cli_json(team.ann, "list")
    marked = [r["id"] for r in out["records"] if r["unshared"]]
    assert marked == ["cn-ordos-pilot-2024"] and "↑" in cli(team.ann, "list").stdout
    explain_citations(team.ann, "cn-zero-carbon-parks")        # the auditor's notes
    commit(team.bob, ORDOS, (MRV, 70), message="bob")          # the remote moves meanwhile
    assert cli_json(team.bob, "sync")[0] == 0
    done = cli(team.ann, "verify", "cn-zero-carbon-parks", "--push")
    assert done.returncode == 0, done.stderr
    assert "verified in" in done.stdout and "synced main with origin/main" in done.stdout
    assert remote_data(team, PARKS)["reviewStatus"] == "verified"
    assert remote_data(team)["analysis"]["market"]["score"] == 35
    assert git(team.ann, "rev-parse", "HEAD").stdout == git(team.remote, "rev-parse", "main").stdout
    code, out = cli_json(team.ann, "list")
    assert not any(r["unshared"] for r in out["records"])


def test_verify_push_with_the_remote_gone_keeps_the_verify_and_says_it_is_not_shared(
        team: Team, tmp_path: Path):
    from conftest import explain_citations
    explain_citations(team.ann, "cn-zero-carbon-parks")
    team.remote.rename(tmp_path / "gone.git")
    done = cli(team.ann, "verify", "cn-zero-carbon-parks", "--push")
    assert done.returncode == 1 and "committed here, but not shared" in done.stderr
    assert "cannot reach origin" in done.stderr and "Traceback" not in done.stderr
    assert data(team.ann, PARKS)["reviewStatus"] == "verified"
    assert "cn-zero-carbon-parks" in log(team.ann)[0]             # the verify commit, kept
    assert git(team.ann, "rev-list", "--count", "origin/main..main").stdout.strip() == "1"


def test_a_driver_that_fails_drops_no_field_of_either_side(team: Team, monkeypatch):
    """git keeps its own side's file when the driver fails; the sync merges the fields
    itself then, so Bob's other field is not lost while he resolves the conflict."""
    from reviewer.core.review import rebasing
    from reviewer.core.services import sharing
    from reviewer.core.workspace import Workspace
    monkeypatch.setattr(rebasing, "driver_override",
                        lambda: ["-c", "merge.reviewer.driver=false %O %A %B"])
    commit(team.ann, ORDOS, (MRV, 70), message="ann")
    assert cli_json(team.ann, "sync")[0] == 0
    commit(team.bob, ORDOS, (MRV, 60), (MARKET, 35), message="bob")
    ws = Workspace(team.bob)
    outcome = sharing.sync(ws)
    assert [c.label for c in outcome.result.conflicts] == ["analysis.mrv.score"]
    assert data(team.bob)["analysis"]["market"]["score"] == 35     # merged here, not dropped
    sharing.resolve(ws, "cn-ordos-pilot-2024", "analysis.mrv.score", "mine")
    assert sharing.continue_sync(ws).result.status == "synced"
    remote = remote_data(team)["analysis"]
    assert (remote["mrv"]["score"], remote["market"]["score"]) == (60, 35)


def test_a_branch_deleted_on_the_remote_is_pushed_again(team: Team):
    """The remote no longer has the branch (deleted there; the same as a new, empty remote):
    there is nothing to receive, and the push creates it again with this clone's commits."""
    commit(team.bob, ORDOS, (MARKET, 35), message="bob")
    git(team.remote, "update-ref", "-d", "refs/heads/main")
    code, out = cli_json(team.bob, "sync")
    assert (code, out["status"], out["received"]) == (0, "synced", 0), out
    assert git(team.remote, "rev-parse", "main").stdout == git(team.bob, "rev-parse", "HEAD").stdout
    assert cli_json(team.bob, "sync")[1]["status"] == "up-to-date"


def test_the_report_says_the_history_changed_even_when_no_file_differs(team: Team):
    """Bob keeps all his values: his files end as they began, but Ann's commit is now in his
    history and his are on the remote (the app reloads the history and the ↑ marks)."""
    from reviewer.core.services import sharing
    from reviewer.core.workspace import Workspace
    commit(team.ann, ORDOS, (MRV, 70), message="ann")
    assert cli_json(team.ann, "sync")[0] == 0
    commit(team.bob, ORDOS, (MRV, 60), message="bob")
    assert cli_json(team.bob, "sync")[0] == 1
    assert cli(team.bob, "resolve", "cn-ordos-pilot-2024", "analysis.mrv.score", "--mine").returncode == 0
    outcome = sharing.continue_sync(Workspace(team.bob))
    assert outcome.result.status == "synced" and outcome.result.changed == []
    assert outcome.changes.history


def test_a_verify_during_a_paused_sync_says_to_finish_the_sync(team: Team):
    from conftest import explain_citations
    commit(team.ann, ORDOS, (MRV, 70), message="ann")
    assert cli_json(team.ann, "sync")[0] == 0
    commit(team.bob, ORDOS, (MRV, 60), message="bob")
    assert cli_json(team.bob, "sync")[0] == 1
    explain_citations(team.bob, "cn-zero-carbon-parks")
    done = cli(team.bob, "verify", "cn-zero-carbon-parks")
    assert done.returncode == 1 and "a sync is paused on conflicts" in done.stderr
    assert "reviewer sync --abort" in done.stderr


def test_continue_refuses_files_changed_while_the_sync_was_paused(team: Team):
    commit(team.ann, ORDOS, (MRV, 70), message="ann")
    assert cli_json(team.ann, "sync")[0] == 0
    commit(team.bob, ORDOS, (MRV, 60), message="bob")
    assert cli_json(team.bob, "sync")[0] == 1
    assert cli(team.bob, "resolve", "cn-ordos-pilot-2024", "analysis.mrv.score", "--mine").returncode == 0
    edit(team.bob, PARKS, (("title",), "edited during the pause"))
    done = cli(team.bob, "sync", "--continue")
    assert done.returncode == 1 and "changed while the sync was paused" in done.stderr
    assert PARKS in done.stderr and data(team.bob, PARKS)["title"] == "edited during the pause"
    git(team.bob, "stash", "-q")
    assert cli_json(team.bob, "sync", "--continue")[0] == 0
    assert "edited during the pause" not in git(team.bob, "show", f"HEAD:{PARKS}").stdout


def test_refused_credentials_are_named_as_such(team: Team, tmp_path: Path):
    """An SSH remote whose server refuses the key: what ssh says, through git's own
    core.sshCommand (which the sync leaves alone)."""
    fake_ssh = tmp_path / "fake-ssh"
    fake_ssh.write_text("#!/bin/sh\necho 'git@example.invalid: Permission denied (publickey).' >&2\n"
                        "exit 255\n", encoding="utf-8")
    fake_ssh.chmod(0o755)
    git(team.ann, "config", "core.sshCommand", str(fake_ssh))
    git(team.ann, "remote", "set-url", "origin", "git@example.invalid:team/policies.git")
    commit(team.ann, ORDOS, (MRV, 70), message="ann")
    done = cli(team.ann, "sync")
    assert done.returncode == 1 and "refused the credentials" in done.stderr, done.stderr
    assert "Permission denied (publickey)" in done.stderr and "your commits are kept" in done.stderr
    assert cli_json(team.ann, "sync")[1]["error"] == "credentials"
    assert log(team.ann)[0] == "ann"


def test_a_sync_killed_half_way_loses_nothing_and_the_next_one_finishes(team: Team):
    """SIGKILL while pushing (after the replay, before the edits came back): the edits are
    in git's stash, the state says so, and the next sync puts them back and shares."""
    commit(team.ann, ORDOS, (MRV, 70), message="ann")
    assert cli_json(team.ann, "sync")[0] == 0
    commit(team.bob, ORDOS, (MARKET, 35), message="bob")
    edit(team.bob, PARKS, (("title",), "Bob's uncommitted title"))
    hook = team.bob / ".git" / "hooks" / "pre-push"
    # git push's parent is the reviewer process: kill it outright, once.
    hook.write_text("#!/bin/sh\n[ -e .git/killed-once ] && exit 0\ntouch .git/killed-once\n"
                    "kill -9 $(awk '{print $4}' /proc/$PPID/stat)\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    done = cli(team.bob, "sync")
    assert done.returncode == -9, (done.returncode, done.stderr)
    assert data(team.bob, PARKS)["title"] != "Bob's uncommitted title"      # put aside...
    assert "reviewer sync" in git(team.bob, "stash", "list").stdout           # ...in git's stash
    from reviewer.core.services import sharing
    from reviewer.core.workspace import Workspace
    assert sharing.status(Workspace(team.bob)).interrupted            # the app says so
    code, out = cli_json(team.bob, "sync")
    assert (code, out["status"], out["pushed"]) == (0, "synced", 1), out
    assert data(team.bob, PARKS)["title"] == "Bob's uncommitted title"
    assert git(team.bob, "stash", "list").stdout == ""
    assert remote_data(team)["analysis"]["market"]["score"] == 35
