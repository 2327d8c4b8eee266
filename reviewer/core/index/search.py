"""Full-text search over the records and their source texts, with the list's filters.

The index uses SQLite FTS5 with the trigram tokenizer: any run of three or more characters
matches as a substring, so Chinese needs no word segmenter and ``碳达峰`` finds
``国家碳达峰试点``. The query is split into words (``"double quotes"`` keep a phrase
together) and every word must match. Each word becomes a quoted FTS phrase, so text that
looks like FTS syntax (``AND``, ``*``, ``-x``, a stray quote) is just searched for.

Words shorter than three characters cannot use the trigram index. They are matched with
``LIKE`` over the record's list fields (id, title, status, author, country, year) and its
text; when a query has only short words, source texts are not searched (a scan of every
source would not be instant).

Hits are records first (ranked by bm25, the title weighing ten times the rest), then
source texts (ranked among themselves). Snippets mark each match as ``«match»`` and cut
text with ``…``. ``rank`` is lower for better hits; 0 when nothing was ranked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reviewer.core.index.query import SearchFilters
from reviewer.core.index.store import Store, dec, enc

OPEN, CLOSE, CUT = "«", "»", "…"
TRIGRAM = 3
SNIPPET_TOKENS = 40    # trigram tokens, i.e. about this many characters around the match
_SNIPPET_ARGS = (OPEN, CLOSE, CUT, SNIPPET_TOKENS)
_WORDS = re.compile(r'"([^"]+)"|(\S+)')
_LIST_ORDER = ("CASE r.review_status WHEN 'draft' THEN 0 WHEN '' THEN 1 ELSE 2 END, "
               "r.record_id, r.sortkey")


@dataclass(frozen=True)
class SearchHit:
    path: Path                 # the record file
    record_id: str | None
    title: str
    review_status: str
    kind: str                  # "record" or "source"
    source_path: str | None    # for a source hit: the source file, relative to the workspace
    snippet: str               # one line; matches marked «like this», cut text as …
    rank: float                # lower is better; 0 when not ranked (filters only, short words)

    def to_json(self, root: Path | None = None) -> dict:
        """As JSON; ``file`` relative to ``root`` (the workspace) when given."""
        file = self.path
        if root is not None and file.is_relative_to(root):
            file = file.relative_to(root)
        return {"id": self.record_id, "title": self.title, "reviewStatus": self.review_status,
                "file": str(file), "kind": self.kind, "source": self.source_path,
                "snippet": self.snippet, "rank": self.rank}


def words(query: str) -> list[str]:
    return [quoted or plain for quoted, plain in _WORDS.findall(query or "")]


def fts_phrase(word: str) -> str:
    """A word as an FTS5 string (a phrase): nothing in it is syntax."""
    return '"' + word.replace('"', '""') + '"'


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _filters(f: SearchFilters) -> tuple[list[str], list]:
    """SQL conditions on the record row ``r`` and their parameters."""
    where: list[str] = []
    params: list = []
    for value, sql in ((f.status, "r.review_status = ?"), (f.country, "r.country = ? COLLATE NOCASE"),
                       (f.year, "r.year = ?")):
        if value is not None and value != "":
            where.append(sql)
            params.append(enc(str(value)))
    if f.author:
        where.append("r.author LIKE ? ESCAPE '\\'")
        params.append(_like(str(f.author)))
    if f.pillar is not None or f.min_score is not None or f.max_score is not None:
        sub, sub_params = _pillar_conditions(f.pillar)
        for bound, op in ((f.min_score, ">="), (f.max_score, "<=")):
            if bound is not None:
                sub.append(f"p.score {op} ?")
                sub_params.append(int(bound))
        where.append(f"EXISTS (SELECT 1 FROM pillars p WHERE {' AND '.join(sub)})")
        params += sub_params
    if f.citation_status:
        sub, sub_params = _pillar_conditions(f.pillar)
        where.append("EXISTS (SELECT 1 FROM pillars p WHERE "
                     f"{' AND '.join(sub)} AND p.citation_status = ?)")
        params += [*sub_params, f.citation_status]
    return where, params


def _pillar_conditions(pillar: str | None) -> tuple[list[str], list]:
    if pillar is None:
        return ["p.record = r.id"], []
    return ["p.record = r.id", "p.pillar = ?"], [pillar]


def _split(query: str) -> tuple[list[str], list[str]]:
    """The query's words that the trigram index can match, and the shorter ones."""
    terms = words(query)
    return [w for w in terms if len(w) >= TRIGRAM], [w for w in terms if len(w) < TRIGRAM]


def search(store: Store, root: Path, query: str, filters: SearchFilters, *, limit: int = 200,
           sources: bool = True) -> list[SearchHit]:
    """Records (then source texts) matching every word of ``query`` and all filters.
    A damaged cache raises sqlite3 or decoding errors (the index rebuilds and asks again).

    An empty query lists the records that pass the filters, in the list's order (drafts
    first). ``author`` matches part of the name; score bounds are inclusive and apply to
    ``pillar`` if given, else to any pillar; ``citation_status`` likewise."""
    where, params = _filters(filters)
    if limit < 1:
        return []
    long, short = _split(query)
    conn = store.connection()
    hits = _records(conn, root, long, short, where, params, limit)
    if sources and long and len(hits) < limit:
        hits += _sources(conn, root, long, short, where, params, limit - len(hits))
    return hits


def _record_conditions(long: list[str], short: list[str], where: list[str],
                       params: list) -> tuple[list[str], list]:
    """The WHERE of a record search: the filters, FTS for long words, LIKE for short."""
    where, params = list(where), list(params)
    for word in short:
        where.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in (
            "r.record_id", "r.title", "r.review_status", "r.author", "r.country", "r.year",
            "record_text.body", "record_text.labels")) + ")")
        params += [_like(word)] * 8
    if long:
        where.insert(0, "record_text MATCH ?")
        params.insert(0, " AND ".join(fts_phrase(w) for w in long))
    return where, params


def _records(conn, root: Path, long: list[str], short: list[str], where: list[str],
             params: list, limit: int) -> list[SearchHit]:
    where, params = _record_conditions(long, short, where, params)
    snippet = "snippet(record_text, -1, ?, ?, ?, ?)" if long else "''"
    sql = (f"SELECT r.id, r.file, r.record_id, r.title, r.review_status, {snippet}, "
           f"{'record_text.rank' if long else '0'} "
           "FROM records r JOIN record_text ON record_text.rowid = r.id "
           f"{'WHERE ' + ' AND '.join(where) if where else ''} "
           # (equal ranks in the list's order: the same answer however the index was built)
           f"ORDER BY {'record_text.rank, r.sortkey' if long else _LIST_ORDER} LIMIT ?")
    rows = conn.execute(sql, [*(_SNIPPET_ARGS if long else ()), *params, limit]).fetchall()
    snippets = _short_snippets(conn, "record_text", [r[0] for r in rows], short) \
        if short and not long else {}
    return [SearchHit(root / dec(file), dec(rid), dec(title) or "", dec(status) or "",
                      "record", None, snippets.get(row_id) or _one_line(snippet), float(rank))
            for row_id, file, rid, title, status, snippet, rank in rows]


# A source hit belongs to the record of its folder (the first file, when ids are duplicated).
_SOURCE_FROM = ("FROM source_text JOIN sources s ON s.id = source_text.rowid "
                "JOIN records r ON r.id = (SELECT id FROM records WHERE record_id = s.record_id "
                "ORDER BY sortkey LIMIT 1) ")


def _source_conditions(long: list[str], short: list[str], where: list[str],
                       params: list) -> tuple[list[str], list]:
    return (["source_text MATCH ?", *["source_text.body LIKE ? ESCAPE '\\'" for _ in short],
             *where],
            [" AND ".join(fts_phrase(w) for w in long), *[_like(w) for w in short], *params])


def _sources(conn, root: Path, long: list[str], short: list[str], where: list[str],
             params: list, limit: int) -> list[SearchHit]:
    where, params = _source_conditions(long, short, where, params)
    sql = ("SELECT s.file, r.file, r.record_id, r.title, r.review_status, "
           "snippet(source_text, 0, ?, ?, ?, ?), source_text.rank " + _SOURCE_FROM +
           f"WHERE {' AND '.join(where)} ORDER BY source_text.rank, s.file LIMIT ?")
    rows = conn.execute(sql, [*_SNIPPET_ARGS, *params, limit]).fetchall()
    return [SearchHit(root / dec(file), dec(rid), dec(title) or "", dec(status) or "", "source",
                      dec(source), _one_line(snippet), float(rank))
            for source, file, rid, title, status, snippet, rank in rows]


def _short_snippets(conn, table: str, ids: list[int], short: list[str]) -> dict:
    """Snippets for hits of short words only (FTS cannot mark what it did not match)."""
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT rowid, title || ' ' || body || ' ' || labels FROM {table} "
                        f"WHERE rowid IN ({marks})", ids) if ids else []
    return {rowid: plain_snippet(text or "", short) for rowid, text in rows}


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


def plain_snippet(text: str, terms: list[str], width: int = SNIPPET_TOKENS) -> str:
    """Text around the first of ``terms`` (case-insensitive), each occurrence marked."""
    text = _one_line(text)
    folded = text.lower()
    found = [(folded.find(t.lower()), t) for t in terms if t and t.lower() in folded]
    if not found:
        return text[:width] + (CUT if len(text) > width else "")
    start = max(0, min(found)[0] - width // 3)
    end = min(len(text), start + width)
    piece = text[start:end]
    pattern = re.compile("|".join(re.escape(t) for t in terms if t), re.IGNORECASE)
    marked = pattern.sub(lambda m: f"{OPEN}{m.group(0)}{CLOSE}", piece)
    return (CUT if start else "") + marked + (CUT if end < len(text) else "")


def matching_files(store: Store, root: Path, query: str, filters: SearchFilters, *,
                   sources: bool = True) -> set[Path]:
    """Every record file that :func:`search` would return with no limit, without ranking
    or snippets (those cost most: a snippet of a long source text is slow). The app lists
    all matches this way and asks :func:`search` for the best few with their snippets."""
    where, params = _filters(filters)
    long, short = _split(query)
    conn = store.connection()
    rwhere, rparams = _record_conditions(long, short, where, params)
    files = {row[0] for row in conn.execute(
        "SELECT r.file FROM records r JOIN record_text ON record_text.rowid = r.id "
        f"{'WHERE ' + ' AND '.join(rwhere) if rwhere else ''}", rparams)}
    if sources and long:
        swhere, sparams = _source_conditions(long, short, where, params)
        files |= {row[0] for row in conn.execute(
            "SELECT r.file " + _SOURCE_FROM + f"WHERE {' AND '.join(swhere)}", sparams)}
    return {root / dec(f) for f in files}
