"""reviewer sync on the website-shaped bilingual repository (issue 13): each record is an
English and a Chinese file. Edits of one record by two auditors merge in both files, a
neutral field changed differently is one conflict (not two) and is resolved in both files,
and what reaches the remote is still prettier-clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import git
from team_fixture import Team, cli, cli_json, make_team, remote_data

ORDOS = "cn-ordos-pilot-2024"
FILES = [f"src/content/policies/{lang}/{ORDOS}.md" for lang in ("en", "zh")]


@pytest.fixture
def team(site_workspace: Path, tmp_path: Path) -> Team:
    git(site_workspace, "stash", "-q")       # the fixture's uncommitted Parks notes: not shared
    base = tmp_path / "team"
    base.mkdir()
    return make_team(site_workspace, base, attributes=False)


def set_and_commit(clone: Path, *assignments: str, lang: str | None = None, message: str) -> None:
    done = cli(clone, "set", ORDOS, *assignments, *(["--lang", lang] if lang else []))
    assert done.returncode == 0, done.stderr
    git(clone, "commit", "-q", "-am", message)


def test_a_bilingual_record_merges_in_both_files(team: Team, node_tools):
    set_and_commit(team.ann, "analysis.mrv.score:=70", message="fix(review): mrv")
    assert cli_json(team.ann, "sync")[0] == 0
    set_and_commit(team.bob, "title=Ordos pilot, revised", lang="en", message="fix(review): title")
    set_and_commit(team.bob, "analysis.market.score:=35", message="fix(review): market")
    code, out = cli_json(team.bob, "sync")
    assert (code, out["status"], out["pushed"]) == (0, "synced", 2), out
    en, zh = (remote_data(team, rel) for rel in FILES)
    assert en["analysis"]["mrv"]["score"] == zh["analysis"]["mrv"]["score"] == 70
    assert en["analysis"]["market"]["score"] == zh["analysis"]["market"]["score"] == 35
    assert en["title"] == "Ordos pilot, revised" and zh["title"] != en["title"]
    assert node_tools.prettier_check(team.bob, *FILES).returncode == 0
    assert cli(team.bob, "validate").returncode == 0


def test_a_neutral_field_conflict_is_one_conflict_resolved_in_both_files(team: Team, node_tools):
    set_and_commit(team.ann, "analysis.mrv.score:=70", message="fix(review): mrv 70")
    assert cli_json(team.ann, "sync")[0] == 0
    set_and_commit(team.bob, "analysis.mrv.score:=60", message="fix(review): mrv 60")
    code, out = cli_json(team.bob, "sync")
    assert code == 1 and out["status"] == "conflicts"
    [conflict] = out["conflicts"]
    assert (conflict["record"], conflict["field"], conflict["mine"], conflict["theirs"]) == \
        (ORDOS, "analysis.mrv.score", 60, 70)
    assert sorted(conflict["languages"]) == ["en", "zh"] and sorted(conflict["files"]) == FILES
    code, out = cli_json(team.bob, "resolve", ORDOS, "analysis.mrv.score", "--mine")
    assert code == 0 and out["left"] == []
    assert cli_json(team.bob, "sync", "--continue")[0] == 0
    assert [remote_data(team, rel)["analysis"]["mrv"]["score"] for rel in FILES] == [60, 60]
    assert node_tools.prettier_check(team.bob, *FILES).returncode == 0


def test_a_translated_field_conflict_is_per_language(team: Team):
    set_and_commit(team.ann, "title=Ann's title", lang="en", message="fix(review): en title")
    assert cli_json(team.ann, "sync")[0] == 0
    set_and_commit(team.bob, "title=Bob's title", lang="en", message="fix(review): en title")
    code, out = cli_json(team.bob, "sync")
    [conflict] = out["conflicts"]
    assert conflict["languages"] == ["en"] and conflict["field"] == "title"
    refused = cli(team.bob, "resolve", ORDOS, "title", "--mine", "--lang", "zh")
    assert refused.returncode == 1 and "no conflict on title in zh" in refused.stderr
    assert cli(team.bob, "resolve", ORDOS, "title", "--theirs", "--lang", "en").returncode == 0
    assert cli_json(team.bob, "sync", "--continue")[0] == 0
    assert remote_data(team, FILES[0])["title"] == "Ann's title"
