"""Commands that answer from the index: show and citations find a record without walking
the workspace, show gives the engine's answer, and a search that indexed only the source
texts leaves the citation statuses to the next full pass, never stale."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from generate_workspace import aged_copy, generate
from reviewer.cli import main
from reviewer.core.index import scan
from reviewer.core.index.workspace_index import WorkspaceIndex
from reviewer.core.record.document import RecordFile
from reviewer.core.review.validate import validate_record
from reviewer.core.services import locating, showing
from reviewer.core.workspace import Workspace


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("gen") / "ws", 120, seed=5)


@pytest.fixture
def ws(generated: Path, tmp_path: Path) -> Path:
    dest = aged_copy(generated, tmp_path / "ws")
    with WorkspaceIndex.open(Workspace(dest)) as index:
        index.refresh()
        index.index_sources()
    return dest


def no_walks(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the workspace was walked")
    monkeypatch.setattr(scan, "walk_records", refuse)
    monkeypatch.setattr("reviewer.core.index.refresh.walk_records", refuse)
    monkeypatch.setattr(Workspace, "record_paths", refuse)


def readable(root: Path) -> list[RecordFile]:
    out = []
    for path in Workspace(root).record_paths():
        try:
            out.append(Workspace(root).load(path))
        except Exception:  # noqa: BLE001 - the generator makes a few unreadable files
            continue
    return out


def test_show_and_citations_find_the_record_without_a_walk(ws: Path, monkeypatch, capsys) -> None:
    record = readable(ws)[7]
    no_walks(monkeypatch)
    assert main(["-w", str(ws), "show", record.record_id]) == 0
    assert record.record_id in capsys.readouterr().out
    assert main(["-w", str(ws), "citations", record.record_id]) == 0


def test_a_record_edited_since_indexing_is_read_as_it_is_now(ws: Path, monkeypatch) -> None:
    record = next(r for r in readable(ws) if r.fmt == "yaml" and "\ntitle: " in r.split.frontmatter)
    text = record.path.read_text(encoding="utf-8")
    record.path.write_text(text.replace("\ntitle: ", "\ntitle: Edited ", 1), encoding="utf-8")
    no_walks(monkeypatch)
    shown = showing.show_record(Workspace(ws), record.record_id)
    assert shown.data["title"].startswith("Edited ")


def test_a_record_added_since_indexing_is_found_by_its_file_name(ws: Path, monkeypatch) -> None:
    first = readable(ws)[0]
    data = first.split.frontmatter.replace(first.record_id, "added-since-1")
    (ws / "records" / "added-since-1.md").write_text(first.raw.decode("utf-8").replace(
        first.record_id, "added-since-1"), encoding="utf-8")
    no_walks(monkeypatch)
    path, _ = locating.locate(Workspace(ws), "added-since-1")
    assert path.name == "added-since-1.md" and data


def test_an_unknown_id_is_refused_after_one_refresh(ws: Path, capsys) -> None:
    assert main(["-w", str(ws), "show", "no-such-record"]) != 0
    assert "no record with id 'no-such-record'" in capsys.readouterr().err


def test_an_id_the_index_knows_twice_is_refused_naming_both(ws: Path, capsys) -> None:
    record = readable(ws)[3]
    shutil.copy(record.path, ws / "records" / "zz-second.md")
    with WorkspaceIndex.open(Workspace(ws)) as index:
        index.refresh()
    assert main(["-w", str(ws), "show", record.record_id]) != 0
    err = capsys.readouterr().err
    assert "zz-second.md" in err and record.path.name in err


def test_show_gives_the_engines_data_summary_and_issues(ws: Path) -> None:
    workspace = Workspace(ws)
    for record in readable(ws)[:40]:
        if list(workspace.records_dir.rglob(f"{record.record_id}.md")) != [record.path]:
            continue
        shown = showing.show_record(workspace, record.record_id)
        assert shown.data == record.data and shown.body == record.split.body
        assert shown.summary == workspace.summary_of(record)
        assert shown.issues == validate_record(record, workspace=workspace)


def test_a_text_only_pass_leaves_no_stale_citation_status(ws: Path) -> None:
    workspace = Workspace(ws)
    with WorkspaceIndex.open(workspace) as index:
        statuses = dict(index.store.connection().execute(
            "SELECT r.record_id || '/' || p.pillar, p.citation_status FROM pillars p "
            "JOIN records r ON r.id = p.record"))
        folder = next(p for p in sorted((ws / "sources").iterdir()) if p.is_dir())
        for source in folder.iterdir():
            source.write_text("nothing of the plan\n", encoding="utf-8")
        index.index_sources(citations=False)
        forgotten = dict(index.store.connection().execute(
            "SELECT r.record_id || '/' || p.pillar, p.citation_status FROM pillars p "
            "JOIN records r ON r.id = p.record WHERE r.record_id = ?", (folder.name,)))
        assert forgotten and all(v is None for v in forgotten.values())
        index.index_sources()   # the next full pass works them out again
        again = dict(index.store.connection().execute(
            "SELECT r.record_id || '/' || p.pillar, p.citation_status FROM pillars p "
            "JOIN records r ON r.id = p.record"))
    assert all(v is not None for v in again.values())
    assert {k: v for k, v in again.items() if not k.startswith(folder.name + "/")} == \
        {k: v for k, v in statuses.items() if not k.startswith(folder.name + "/")}


def test_search_by_citation_status_checks_citations_first(ws: Path, capsys) -> None:
    folder = next(p for p in sorted((ws / "sources").iterdir()) if p.is_dir())
    for source in folder.iterdir():
        source.write_text("nothing of the plan\n", encoding="utf-8")
    assert main(["-w", str(ws), "search", "--json"]) == 0        # texts only
    capsys.readouterr()
    assert main(["-w", str(ws), "search", "--citation-status", "unresolved", "--json",
                 "--limit", "1000"]) == 0
    with WorkspaceIndex.open(Workspace(ws)) as index:
        nulls = index.store.connection().execute(
            "SELECT count(*) FROM pillars WHERE citation_status IS NULL").fetchone()[0]
    assert nulls == 0


def test_list_gives_the_engines_rows_and_says_once_that_a_damaged_cache_was_rebuilt(
        ws: Path, capsys) -> None:
    expected = {(s.file, s.id, s.review_status, s.title) for s in Workspace(ws).summaries()
                if s.error is None}
    for db in Path(os.environ["XDG_CACHE_HOME"]).rglob("index-*.sqlite3"):
        db.write_bytes(os.urandom(4096))
    assert main(["-w", str(ws), "list", "--json"]) == 0
    captured = capsys.readouterr()
    got = json.loads(captured.out)["records"]
    assert {(r["file"], r["id"], r["reviewStatus"], r["title"]) for r in got} == expected
    assert captured.err.count("the index cache was damaged") == 1 and "rebuilt it" in captured.err
