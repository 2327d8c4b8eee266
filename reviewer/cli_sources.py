"""The source commands of the ``reviewer`` command line: attach, citations.

Thin wrappers over :mod:`reviewer.core.sources` and :mod:`reviewer.core.citations`; exit
codes and one-line errors are those of :mod:`reviewer.cli`. ``citations`` is a report: it
exits 0 whatever the verdicts (``validate`` is the command that judges).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from reviewer.cli import EXIT_OK, _dump, _workspace
from reviewer.core.citations import STATUSES, CitationResult, check_citations, sources_of
from reviewer.core.document import RecordFile
from reviewer.core.errors import SourceError
from reviewer.core.sources import attach_source, read_source, readable
from reviewer.core.workspace import Workspace


def _record(ws: Workspace, ref: str) -> RecordFile:
    record = RecordFile.load(ws.resolve(ref))
    if not record.record_id:
        raise SourceError("the record has no id, so it has no source folder",
                          path=ws.relative(record.path))
    return record


def cmd_attach(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    record = _record(ws, args.record)
    target = attach_source(ws, record.record_id, Path(args.file), name=args.name,
                           overwrite=args.force)
    rel = ws.relative(target)
    print(rel)
    # Attached either way: the auditor may still want the file kept beside the record.
    if not readable(target):
        print(f"note: {rel}: {target.suffix or 'this'} files are not read; citations are "
              "checked against .txt, .md, .html and .pdf sources", file=sys.stderr)
    else:
        source = read_source(target)
        if source.error:
            print(f"note: {rel}: {source.error}", file=sys.stderr)
    return EXIT_OK


def _human(result: CitationResult) -> list[str]:
    where = ""
    if result.source:
        where = f"  -> {result.source}:{result.line}" + (f" {result.heading}" if result.heading else "")
    lines = [f"{result.pillar:<10} {result.status:<10} {result.citation or '(no citation)'}{where}",
             f"{'':<10} {result.detail}"]
    if result.suggestion and result.suggestion != result.citation and result.status != "resolved":
        lines.append(f"{'':<10} the document writes it: {result.suggestion}")
    for c in result.candidates:
        lines.append(f"{'':<10}   {c['source']}:{c['line']} {c['heading']}")
    return lines


def cmd_citations(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    record = _record(ws, args.record)
    sources = sources_of(ws, record.record_id)
    results = check_citations(record.data, sources, ws.root)
    for source in sources:
        if source.error:
            print(f"note: {ws.relative(source.path)}: {source.error}", file=sys.stderr)
    if args.json:
        _dump([r.to_json() for r in results])
        return EXIT_OK
    for result in results:
        print("\n".join(_human(result)))
    tally = Counter(r.status for r in results)
    summary = ", ".join(f"{tally[s]} {s}" for s in STATUSES if tally[s])
    print(f"{record.record_id}: {len(results)} pillars" + (f": {summary}" if summary else ""),
          file=sys.stderr)
    return EXIT_OK


def add_commands(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("attach", parents=[common],
                       help="copy a file into the record's source folder (sources/<id>/)")
    p.add_argument("record", metavar="RECORD", help="record id or file path")
    p.add_argument("file", metavar="FILE", help="the file to copy (.txt, .md, .html, .pdf)")
    p.add_argument("--name", metavar="NAME", help="file name in the source folder "
                   "(default: FILE's own name)")
    p.add_argument("--force", action="store_true", help="replace a source of the same name")
    p.set_defaults(func=cmd_attach)

    p = sub.add_parser("citations", parents=[common],
                       help="check each pillar's citation against the record's sources")
    p.add_argument("record", metavar="RECORD", help="record id or file path")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_citations)
