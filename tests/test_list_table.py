"""The app's compact list rows (SummaryTable) read the same as the index's summaries.

A generated workspace of 300 record files (some unreadable) is indexed; its table must
give the very Summaries ``summaries()`` gives, in the list's first order (drafts first, then
by id or file), with the same counts, and find rows by path, file and id after any sort.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from generate_workspace import generate

from reviewer.core.index.list_table import DEFAULT, FILE, ID, STATUS, SummaryTable
from reviewer.core.index.workspace_index import WorkspaceIndex
from reviewer.core.record.summary import Summary
from reviewer.core.terms import DRAFT, VERIFIED


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory):
    ws = generate(tmp_path_factory.mktemp("ws") / "ws", 300, seed=3, sources=False, git=False)
    index = WorkspaceIndex.open(ws, cache_dir=tmp_path_factory.mktemp("cache"))
    index.refresh()
    yield ws, index
    index.close()


def first_order(rows: list[Summary]) -> list[Summary]:
    return sorted(rows, key=lambda r: (r.status_rank, r.id or r.file))


def test_table_reads_as_the_summaries(indexed) -> None:
    ws, index = indexed
    table, summaries = index.list_table(), index.summaries()
    assert list(table) == first_order(summaries)
    assert table.sorted_as == DEFAULT
    assert (table.drafts, table.verified, table.broken, table.files) == (
        sum(r.review_status == DRAFT for r in summaries),
        sum(r.review_status == VERIFIED for r in summaries),
        sum(r.error is not None for r in summaries), len(summaries))
    assert table.broken, "the generated workspace has unreadable files"
    for row in (0, 17, len(table) - 1):
        summary, fields = table[row], table.fields(row)
        assert (fields[FILE], fields[ID], fields[STATUS]) == (
            summary.file, summary.id, summary.review_status)


def test_rows_are_found_after_a_sort(indexed) -> None:
    ws, index = indexed
    table = index.list_table()
    table.sort(lambda f: f[FILE], reverse=True)
    assert [r.file for r in table] == sorted((r.file for r in table), reverse=True)
    some = table[42]
    assert table.position(some.path) == 42
    assert table.position_of_file(some.file) == 42
    if some.id:
        assert table.position_of_id(some.id) == 42
    assert table.position(ws / "records" / "nowhere.md") == -1


def test_put_replaces_or_adds_a_row_and_keeps_the_counts(indexed) -> None:
    ws, index = indexed
    table = index.list_table()
    draft = next(r for r in table if r.review_status == DRAFT)
    drafts, verified = table.drafts, table.verified
    at = table.put(Summary(draft.path, draft.file, draft.id, draft.title, VERIFIED))
    assert table[at].review_status == VERIFIED and len(table) == 300
    assert (table.drafts, table.verified) == (drafts - 1, verified + 1)
    new = Summary(ws / "records" / "new.md", "records/new.md", "new", "New", DRAFT)
    assert table.put(new) == 300 and table[300] == new and table.files == 301
    assert table.position(new.path) == 300


def test_a_table_of_summaries_from_the_slow_path(indexed) -> None:
    ws, index = indexed
    summaries = index.summaries()
    table = SummaryTable.of(Path(ws), summaries)
    assert list(table) == first_order(summaries)
    assert table.position(summaries[5].path) == list(table).index(summaries[5])


def _reference_match(summary: Summary, words: list[str], wanted: dict[str, str]) -> bool:
    """What the list's filter means, written plainly over a Summary."""
    values = {"status": summary.review_status, "country": summary.country, "year": summary.year,
              "author": summary.author}
    for key, value in wanted.items():
        have = str(values[key] or "").casefold()
        if (value not in have) if key == "author" else (have != value):
            return False
    hay = " ".join(str(v) for v in (summary.id, summary.title, summary.review_status, summary.author,
                                    summary.country, summary.year, summary.file,
                                    summary.error or "")).casefold()
    return all(w in hay for w in words)


@pytest.mark.parametrize("words, wanted", [
    ([], {"status": "draft"}), (["2"], {}), (["pol", "1"], {"status": "verified"}),
    ([], {"year": "2023", "country": "cn"}), (["yaml"], {}), ([], {"author": "n"}),
    (["no-such-word"], {}), ([], {"status": "dra"}),   # a field is exact: 'dra' is no status
])
def test_matching_rows_are_those_the_filter_means(indexed, words, wanted) -> None:
    _ws, index = indexed
    table = index.list_table()
    table.sort(lambda f: f[FILE], reverse=True)   # rows, not items, are returned
    expected = [row for row, summary in enumerate(table) if _reference_match(summary, words, wanted)]
    assert table.matching(words, wanted) == expected


def test_matching_sees_a_row_put_after_the_first_filter(indexed) -> None:
    ws, index = indexed
    table = index.list_table()
    assert table.matching(["zebra"], {}) == []          # the texts are made and kept here
    draft = next(r for r in table if r.review_status == DRAFT)
    at = table.put(Summary(draft.path, draft.file, draft.id, "Zebra crossings", VERIFIED))
    new = table.put(Summary(ws / "records" / "z.md", "records/z.md", "z", "zebra 2", DRAFT))
    assert table.matching(["zebra"], {}) == sorted([at, new])
    assert table.matching(["zebra"], {"status": "draft"}) == [new]


def test_a_key_is_the_same_from_a_text_or_a_path(indexed) -> None:
    ws, index = indexed
    table = index.list_table()
    for path in (ws / "records" / "a.md", ws / "x" / "y z.md", Path("/elsewhere/b.md")):
        assert table.key_of(str(path)) == table.key_of(path)
