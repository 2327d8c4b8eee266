"""The index commands: search and index.

Both bring the workspace index (see :mod:`reviewer.core.index.workspace_index`) up to date
first, which after the first run costs a stat of every file; the first run indexes
everything.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from reviewer.cli.common import ExitStatus, UsageError, dump, workspace
from reviewer.cli.lazy import lazy
from reviewer.core.terms import CITATION_STATUSES, PILLARS

index_query = lazy("reviewer.core.index.query")
workspace_index = lazy("reviewer.core.index.workspace_index")
search = lazy("reviewer.core.services.search")


def _progress(label: str):
    """A progress line on stderr when it is a terminal (and nothing otherwise)."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        if total >= 500:
            end = "\n" if done >= total else ""
            print(f"\r{label}: {done}/{total}", end=end, file=sys.stderr, flush=True)
    return show


def _bring_up_to_date(index: workspace_index.WorkspaceIndex, citations: bool = True):
    report, sources = search.bring_up_to_date(index, _progress("indexing records"),
                                              _progress("indexing sources"), citations)
    for note in dict.fromkeys(n for n in (report.note, sources.note) if n):
        print(f"reviewer: {note}", file=sys.stderr)
    return report, sources


def cmd_search(args: argparse.Namespace) -> int:
    for name in ("min_score", "max_score"):
        value = getattr(args, name)
        if value is not None and not 0 <= value <= 100:
            raise UsageError(f"--{name.replace('_', '-')} must be between 0 and 100")
    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    options = {name: getattr(args, name) for name in index_query.SearchFilters.names()}
    options["status"] = None if args.status == "all" else args.status
    # The app's filter-box words work here too: "碳达峰 status:draft mrv:>=60".
    try:
        query, filters = search.parse_query(args.query, **options)
    except search.ConflictingFilters as exc:
        raise UsageError(exc.message) from None
    with workspace_index.WorkspaceIndex.open(workspace(args)) as index:
        _bring_up_to_date(index, citations=filters.citation_status is not None)
        hits = index.search(query, limit=args.limit, sources=not args.no_sources, **filters.given())
        for note in index.repairs:
            print(f"reviewer: {note}", file=sys.stderr)
        if args.json:
            dump([h.to_json(index.root) for h in hits])
            return ExitStatus.OK
        width = max([len(str(h.record_id)) for h in hits] + [2])
        for hit in hits:
            print(f"{str(hit.record_id):<{width}}  {hit.review_status:<8}  {hit.title}")
            where = f"[{hit.source_path}] " if hit.kind == "source" else ""
            if hit.snippet or where:
                print(f"    {where}{hit.snippet}")
        records = sum(1 for h in hits if h.kind == "record")
        print(f"{records} record hits, {len(hits) - records} source hits"
              + (f" (first {args.limit}: use --limit)" if len(hits) >= args.limit else ""),
              file=sys.stderr)
    return ExitStatus.OK


def cmd_index(args: argparse.Namespace) -> int:
    with workspace_index.WorkspaceIndex.open(workspace(args)) as index:
        if args.rebuild:
            index.clear()
        report, sources = _bring_up_to_date(index)
        if args.json:
            dump({"records": {"total": report.total, "changed": len(report.changed),
                              "removed": len(report.removed), "parsed": report.parsed,
                              "engine": report.engine, "read": report.read,
                              "rebuilt": report.rebuilt, "seconds": round(report.seconds, 3),
                              "workers": report.workers},
                  "sources": {"total": sources.total, "changed": len(sources.changed),
                              "removed": len(sources.removed), "citations": sources.citations,
                              "seconds": round(sources.seconds, 3),
                              "unreadable": [{"file": index.workspace.relative(path),
                                              "error": error}
                                             for path, error in sources.unreadable]},
                  "notes": [n for n in (report.note, sources.note) if n],
                  "cache": str(index.db_path) if index.db_path else None})
            return ExitStatus.OK
        engine = f" ({report.engine} by the record engine)" if report.engine else ""
        print(f"records: {report.total} files, {report.read} read, {report.parsed} parsed{engine}, "
              f"{len(report.removed)} removed in {report.seconds:.2f} s"
              + (" (index rebuilt)" if report.rebuilt else ""))
        print(f"sources: {sources.total} files, {len(sources.changed)} indexed, "
              f"{len(sources.removed)} removed, {sources.citations} records' citations checked "
              f"in {sources.seconds:.2f} s")
        print(f"cache: {index.db_path or 'in memory'}")
        for path, error in sources.unreadable:
            print(f"note: {index.workspace.relative(path)}: {error}", file=sys.stderr)
    return ExitStatus.OK


def add_commands(sub: Any, common: argparse.ArgumentParser) -> list[str]:
    p = sub.add_parser("search", parents=[common],
                       help="full-text search over records and sources, with filters")
    p.add_argument("query", nargs="?", default="", metavar="QUERY",
                   help="words that must all match (\"quotes\" keep a phrase); may be empty")
    p.add_argument("--status", metavar="S", help="review status: draft, verified (or all)")
    p.add_argument("--country", metavar="C")
    p.add_argument("--year", metavar="Y")
    p.add_argument("--author", metavar="A", help="part of the author's name")
    p.add_argument("--pillar", choices=PILLARS, metavar="P",
                   help=f"the pillar --min-score/--max-score/--citation-status look at "
                        f"(default: any); one of {', '.join(PILLARS)}")
    p.add_argument("--min-score", type=int, metavar="N")
    p.add_argument("--max-score", type=int, metavar="N")
    p.add_argument("--citation-status", metavar="S", help=", ".join(CITATION_STATUSES))
    p.add_argument("--limit", type=int, default=200, metavar="N")
    p.add_argument("--no-sources", action="store_true", help="search the records only")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("index", parents=[common],
                       help="bring the workspace index up to date and report")
    p.add_argument("--rebuild", action="store_true", help="forget the cache and index everything")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_index)
    return ["search", "index"]
