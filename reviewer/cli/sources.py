"""The source commands: attach, citations.

``citations`` is a report: it exits 0 whatever the verdicts (``validate`` is the command
that judges).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from reviewer.cli.common import ExitStatus, dump, workspace
from reviewer.cli.lazy import lazy
from reviewer.core.terms import CITATION_STATUSES, RESOLVED

records = lazy("reviewer.core.services.records")
sources = lazy("reviewer.core.services.sources")
citations = lazy("reviewer.core.sources.citations")
reading = lazy("reviewer.core.sources.reading")


def cmd_attach(args: argparse.Namespace) -> int:
    ws = workspace(args)
    record = records.record_with_id(ws, args.record)
    target = sources.attach(ws, record.record_id, [Path(args.file)], name=args.name,
                            overwrite=args.force).result[0]
    rel = ws.relative(target)
    print(rel)
    # Attached either way: the auditor may still want the file kept beside the record.
    if not reading.readable(target):
        print(f"note: {rel}: {target.suffix or 'this'} files are not read; citations are "
              "checked against .txt, .md, .html and .pdf sources", file=sys.stderr)
    else:
        source = reading.read_source(target, ws)
        if source.error:
            print(f"note: {rel}: {source.error}", file=sys.stderr)
    return ExitStatus.OK


def _human(result: citations.CitationResult) -> list[str]:
    where = ""
    if result.source:
        where = f"  -> {result.source}:{result.line}" + (f" {result.heading}" if result.heading else "")
    lines = [f"{result.pillar:<10} {result.status:<10} {result.citation or '(no citation)'}{where}",
             f"{'':<10} {result.detail}"]
    if result.suggestion and result.suggestion != result.citation and result.status != RESOLVED:
        lines.append(f"{'':<10} the document writes it: {result.suggestion}")
    for c in result.candidates:
        lines.append(f"{'':<10}   {c['source']}:{c['line']} {c['heading']}")
    return lines


def cmd_citations(args: argparse.Namespace) -> int:
    ws = workspace(args)
    checked = sources.citations(ws, args.record)
    for source in checked.sources:
        if source.error:
            print(f"note: {ws.relative(source.path)}: {source.error}", file=sys.stderr)
    if args.json:
        dump([r.to_json() for r in checked.results])
        return ExitStatus.OK
    for result in checked.results:
        print("\n".join(_human(result)))
    tally = Counter(r.status for r in checked.results)
    summary = ", ".join(f"{tally[s]} {s}" for s in CITATION_STATUSES if tally[s])
    print(f"{checked.record.record_id}: {len(checked.results)} pillars"
          + (f": {summary}" if summary else ""), file=sys.stderr)
    return ExitStatus.OK


def add_commands(sub: Any, common: argparse.ArgumentParser) -> list[str]:
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
    return ["attach", "citations"]
