"""Search: Chinese and English queries, source texts, filters, and input that looks like
FTS syntax. Expectations are computed from the files with an independent reader."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from generate_workspace import generate
from reviewer.cli import main
from reviewer.core.errors import ReviewerError
from reviewer.core.index.search import CLOSE, OPEN, plain_snippet
from reviewer.core.index.workspace_index import WorkspaceIndex
from reviewer.core.record import frontmatter

N = 200
ZH_PLAN_PHRASE, EN_ARTICLE_PHRASE = "模范自治区", "100 typical cities"


@pytest.fixture(scope="module")
def ws(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("gen") / "ws", N, seed=11)


@pytest.fixture(scope="module")
def index(ws: Path, tmp_path_factory):
    with WorkspaceIndex.open(ws, tmp_path_factory.mktemp("cache")) as index:
        index.refresh()
        report = index.index_sources()
        assert report.total > 10 and len(report.changed) == report.total
        yield index


@pytest.fixture(scope="module")
def data(ws: Path) -> dict[Path, dict]:
    """Each readable record's data, read with PyYAML/json (not the code under test)."""
    out = {}
    for path in sorted((ws / "records").rglob("*.md")):
        if path.name.startswith("."):
            continue
        try:
            split = frontmatter.split(path.read_bytes().decode("utf-8"))
            out[path.resolve()] = (json.loads(split.frontmatter) if split.format == "json"
                                   else yaml.safe_load(split.frontmatter))
        except Exception:  # noqa: BLE001 - unreadable files have no data to expect
            continue
    return out


def paths(hits, kind: str = "record") -> set[Path]:
    return {h.path for h in hits if h.kind == kind}


def test_chinese_query_finds_titles_with_snippets(index, data) -> None:
    hits = index.search("碳达峰", limit=1000, sources=False)
    titled = {p for p, d in data.items() if "碳达峰" in str(d.get("title"))}
    assert titled and titled <= paths(hits)
    assert all("碳达峰" in p.read_text(encoding="utf-8") for p in paths(hits))
    assert all(f"{OPEN}碳达峰{CLOSE}" in h.snippet and "\n" not in h.snippet for h in hits)


def test_english_query_ranks_title_matches_first(index, data) -> None:
    hits = index.search("carbon peaking", limit=1000, sources=False)
    titled = {p for p, d in data.items() if "carbon peaking" in str(d.get("title")).lower()}
    assert titled and titled <= paths(hits)
    assert {h.path for h in hits[:len(titled)]} == titled  # title weighs most
    assert all(OPEN in h.snippet for h in hits) and hits == sorted(hits, key=lambda h: h.rank)


def test_source_texts_are_searchable(index, ws: Path) -> None:
    for phrase in (ZH_PLAN_PHRASE, EN_ARTICLE_PHRASE):
        hits = [h for h in index.search(phrase, limit=1000) if h.kind == "source"]
        expected = {str(p.relative_to(ws)) for p in (ws / "sources").rglob("*.txt")
                    if phrase in p.read_text(encoding="utf-8")}
        assert expected and {h.source_path for h in hits} == expected
        for hit in hits:
            assert hit.path.parent.name in ("records", "archive") and hit.record_id
            assert hit.source_path.split("/")[1] == hit.record_id
            assert OPEN in hit.snippet


def test_sources_come_after_records_and_share_the_limit(index) -> None:
    hits = index.search("碳达峰", limit=1000)
    kinds = [h.kind for h in hits]
    assert "source" in kinds and kinds == sorted(kinds, key=lambda k: k != "record")
    assert len(index.search("碳达峰", limit=5)) == 5


def test_empty_query_with_filters_lists_matching_records(index, data) -> None:
    hits = index.search("", status="verified", limit=1000)
    assert paths(hits) == {p for p, d in data.items() if d.get("reviewStatus") == "verified"}
    hits = index.search("", country="中国", year=2024, limit=1000)
    assert paths(hits) == {p for p, d in data.items()
                           if d.get("country") == "中国" and d.get("year") == 2024}
    hits = index.search("", author="gemini", limit=1000)
    assert paths(hits) == {p for p, d in data.items()
                           if "gemini" in str(d["provenance"].get("author")).lower()}
    assert all(h.snippet == "" and h.rank == 0 for h in hits)


def test_everything_when_no_query_and_no_filter(index) -> None:
    hits = index.search("", limit=10_000)
    assert len(hits) == len(index.summaries())
    statuses = [h.review_status for h in hits]
    assert statuses.index("verified") > statuses.count("draft") - 1  # drafts first


def scores(d: dict, pillar: str | None) -> list[int]:
    analysis = d.get("analysis") or {}
    return [v["score"] for k, v in analysis.items()
            if isinstance(v, dict) and (pillar is None or k == pillar)]


@pytest.mark.parametrize("pillar", ["mrv", None])
def test_score_range(index, data, pillar) -> None:
    hits = index.search("", pillar=pillar, min_score=60, max_score=80, limit=1000)
    assert paths(hits) == {p for p, d in data.items()
                           if any(60 <= s <= 80 for s in scores(d, pillar))}


def test_filters_combine_with_a_query(index, data) -> None:
    hits = index.search("碳达峰", status="draft", pillar="statutory", min_score=50, limit=1000)
    assert hits and all(h.review_status == "draft" for h in hits)
    assert all(any(s >= 50 for s in scores(data[h.path], "statutory")) for h in hits)


def test_citation_status_filter(index, data) -> None:
    hits = index.search("", citation_status="missing", limit=1000)
    assert paths(hits) == {p for p, d in data.items()
                           if any(isinstance(v, dict) and not v.get("citation")
                                  for v in (d.get("analysis") or {}).values())}
    with pytest.raises(ReviewerError, match="unknown citation status"):
        index.search("", citation_status="bogus")


@pytest.mark.parametrize("query", ['"', '""', "AND", "OR NOT", "*", "-x", "a:b", "(", ")",
                                   "NEAR(a b)", "^x", '碳"达峰', "''", "\\", "%", "_", "title:x",
                                   "carbon AND", '"carbon peaking', "{x}", "a OR b NOT c"])
def test_fts_syntax_is_just_text(index, query: str) -> None:
    index.search(query)  # never raises


def test_quoted_phrase_and_operators_are_searched_literally(index, ws: Path) -> None:
    assert index.search('"Carbon Peaking"', sources=False)
    assert not index.search('"peaking carbon"', sources=False)
    assert not index.search("carbon AND zzzqqq")  # AND is a word that must match too


def test_short_words_fall_back_to_like(index, data) -> None:
    hits = index.search("中国", limit=1000)
    assert {p for p, d in data.items() if d.get("country") == "中国"} <= paths(hits)
    assert all(f"{OPEN}中国{CLOSE}" in h.snippet for h in hits)
    assert index.search("碳", limit=5)
    mixed = index.search("碳达峰 中国", limit=1000)
    assert mixed and paths(mixed) <= paths(index.search("碳达峰", limit=1000))


@pytest.mark.parametrize("query, filters", [
    ("碳达峰", {}), ("carbon peaking", {}), (ZH_PLAN_PHRASE, {}), (EN_ARTICLE_PHRASE, {}),
    ("碳达峰 中国", {}), ("中国", {}), ("", {"status": "draft", "pillar": "mrv", "min_score": 60}),
    ("碳达峰", {"status": "verified", "country": "中国"}), ('"Carbon Peaking"', {}),
    ("zzzqqq", {}),
])
def test_matching_files_are_exactly_what_search_finds(index, query, filters) -> None:
    """The app lists every match this way (no snippets) and asks search for the best few."""
    everything = {h.path for h in index.search(query, limit=100_000, **filters)}
    assert index.matching_files(query, **filters) == everything
    records_only = {h.path for h in index.search(query, limit=100_000, sources=False, **filters)}
    assert index.matching_files(query, sources=False, **filters) == records_only


def test_unknown_pillar_is_refused(index) -> None:
    with pytest.raises(ReviewerError, match="unknown pillar"):
        index.search("x", pillar="bogus")


def test_plain_snippet_marks_every_occurrence() -> None:
    assert plain_snippet("ab CO2 and co2\nagain", ["co"]) == "ab «CO»2 and «co»2 again"


def test_search_follows_edits_and_new_sources(ws: Path, tmp_path: Path) -> None:
    copy = tmp_path / "ws"
    shutil.copytree(ws, copy)
    with WorkspaceIndex.open(copy, tmp_path / "cache") as index:
        index.refresh()
        index.index_sources()
        path = sorted((copy / "records").glob("cn-*.md"))[0]
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\nid: ", "\nkeyword: Zanzibarquux\nid: ", 1)
                        if text.startswith("---\nid") else
                        text.replace('"id": ', '"keyword": "Zanzibarquux",\n  "id": ', 1),
                        encoding="utf-8")
        index.refresh_paths([path])
        assert [h.path for h in index.search("zanzibarquux")] == [path]
        folder = copy / "sources" / index.summary(path).id
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "note.md").write_text("# 附件\n鸿雁计划全文\n", encoding="utf-8")
        report = index.index_sources()
        assert [p.name for p in report.changed] == ["note.md"]
        hits = index.search("鸿雁计划")
        assert [(h.kind, h.path, h.source_path) for h in hits] == \
            [("source", path, f"sources/{folder.name}/note.md")]
        (folder / "note.md").unlink()
        assert len(index.index_sources().removed) == 1 and not index.search("鸿雁计划")


# ---- the command line ------------------------------------------------------------------------
@pytest.fixture
def cli(ws: Path, tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["-w", str(ws), *args])
        out = capsys.readouterr()
        return code, out.out, out.err
    return run


def test_cli_search(cli) -> None:
    code, out, err = cli("search", "碳达峰", "--limit", "3")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 6 and "first 3" in err
    assert lines[0].split()[1] in ("draft", "verified") and lines[1].startswith("    ")
    code, out, _ = cli("search", "", "--status", "draft", "--json", "--limit", "2")
    hits = json.loads(out)
    assert code == 0 and [h["reviewStatus"] for h in hits] == ["draft", "draft"]
    code, out, _ = cli("search", ZH_PLAN_PHRASE, "--json")
    hits = json.loads(out)
    assert any(h["kind"] == "source" and h["source"].startswith("sources/") for h in hits)
    assert all(h["file"].startswith("records/") for h in hits)
    assert cli("search", '"AND" OR *')[0] == 0


def test_cli_search_takes_the_filter_box_words(cli) -> None:
    words = cli("search", "碳达峰 status:draft mrv:>=60", "--json", "--limit", "1000")
    options = cli("search", "碳达峰", "--status", "draft", "--pillar", "mrv", "--min-score", "60",
                  "--json", "--limit", "1000")
    assert words[0] == options[0] == 0 and json.loads(words[1]) == json.loads(options[1])
    assert json.loads(words[1]), "the seeds' shapes give some drafts with mrv >= 60"
    code, _, err = cli("search", "status:draft", "--status", "verified")
    assert code == 2 and "status is given twice" in err
    code, _, err = cli("search", "mrv:high")
    assert code == 1 and "write a score as 60, >=60" in err and "Traceback" not in err


def test_cli_search_usage_errors(cli) -> None:
    code, _, err = cli("search", "x", "--min-score", "101")
    assert code == 2 and "between 0 and 100" in err and "Traceback" not in err
    with pytest.raises(SystemExit) as caught:  # argparse's own usage error
        cli("search", "x", "--pillar", "bogus")
    assert caught.value.code == 2


def test_cli_index(cli) -> None:
    code, out, _ = cli("index")
    assert code == 0 and out.startswith(f"records: {N} files, {N} read") and "rebuilt" in out
    code, out, _ = cli("index", "--json")
    report = json.loads(out)
    assert report["records"]["parsed"] == 0 and report["records"]["total"] == N
    code, out, err = cli("index", "--rebuild")
    assert code == 0 and f"{N} parsed" in out and "cleared on request" in err
