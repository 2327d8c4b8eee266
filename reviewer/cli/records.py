"""The record commands: list, show, validate, set."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from reviewer.cli.common import ExitStatus, UsageError, dump, dumps, relative_issue, warn_if_interrupted, workspace
from reviewer.cli.lazy import lazy
from reviewer.core.terms import DRAFT, PILLARS, REVIEW_STATUSES

json = lazy("json")   # (only assignments parse JSON)
editor = lazy("reviewer.core.record.editor")
schema = lazy("reviewer.core.record.schema")
validation_memo = lazy("reviewer.core.services.validation_memo")
records = lazy("reviewer.core.services.records")
listing = lazy("reviewer.core.services.listing")
showing = lazy("reviewer.core.services.showing")


def _tell_unlisted(ws) -> None:
    for note in ws.unlisted:
        print(f"reviewer: {note}", file=sys.stderr)


def cmd_list(args: argparse.Namespace) -> int:
    ws = workspace(args)
    unshared_files = listing.unshared_later(ws)   # git answers while the list is read
    summaries, notes = listing.list_records(ws)
    _tell_unlisted(ws)
    for note in notes:
        print(f"reviewer: {note}", file=sys.stderr)
    rows = sorted((s for s in summaries if s.error is None and args.status in ("all", s.review_status)),
                  key=lambda s: (s.status_rank, str(s.id)))
    broken = [s for s in summaries if s.error is not None]
    # Committed here, not yet on the remote (reviewer sync shares them).
    unshared = {ws.relative(p) for p in unshared_files()}

    def is_unshared(s) -> bool:
        return any(f in unshared for f in (s.files or (s.file,)))
    if args.json:
        dump({"records": [{**s.to_json(), "unshared": is_unshared(s)} for s in rows],
              "unreadable": [{"file": s.file, "error": s.error, "line": s.error_line} for s in broken]})
        return ExitStatus.OK
    width = max([len(str(r.id)) for r in rows] + [2])
    for r in rows:
        mark = "↑" if is_unshared(r) else " "
        print(f"{str(r.id):<{width}}  {r.review_status:<8}{mark} {r.year:<4}  {r.title}")
    for b in broken:
        print(f"{b.file}:{b.error_line or 1}: unreadable: {b.error}", file=sys.stderr)
    drafts = sum(1 for r in rows if r.review_status == DRAFT)
    print(f"{len(rows)} records ({drafts} draft, {len(rows) - drafts} other)"
          + (f", {len(broken)} unreadable" if broken else ""), file=sys.stderr)
    return ExitStatus.OK


def cmd_show(args: argparse.Namespace) -> int:
    shown = showing.show_record(workspace(args), args.record)
    s, data = shown.summary.to_json(), shown.data
    if args.json:
        dump({**s, "data": data, "body": shown.body, "issues": [i.to_json() for i in shown.issues]})
        return ExitStatus.OK
    print(f"{s['id']}  {s['title']}")
    print(f"  file: {s['file']} ({s['format']} frontmatter)")
    print(f"  review: {s['reviewStatus']}   country: {s['country']}   year: {s['year']}   author: {s['author']}")
    analysis = data.get("analysis") if isinstance(data.get("analysis"), dict) else {}
    print("  pillars:")
    for name in PILLARS:
        p = analysis.get(name)
        if not isinstance(p, dict):
            print(f"    {name:<10}   -  not assessed")
            continue
        note = "  [note]" if p.get("auditNote") else ""
        print(f"    {name:<10} {str(p.get('score')):>3}  {p.get('label', '')}  | "
              f"{p.get('citation') or '(no citation)'}{note}")
    for issue in shown.issues:
        print(f"  {relative_issue(issue)}")
    return ExitStatus.OK


def cmd_validate(args: argparse.Namespace) -> int:
    files = _validate_targets(args)

    out = sys.stdout

    def render(found: list) -> bytes:
        shown = [relative_issue(i) for i in found]
        if args.json:
            text = dumps({"files": len(files), "issues": [i.to_json() for i in shown]}) + "\n"
        else:
            text = "".join(f"{issue}\n" for issue in shown)
        return text.encode(out.encoding, out.errors)
    # The answer depends on the format, the folder paths are shown relative to, the encoding.
    fmt = "json" if args.json else "text"
    answer = validation_memo.validated(
        files, render, slot=f"{fmt}:{'some' if args.paths else 'all'}",
        variant=f"{fmt}\0{os.getcwd()}\0{out.encoding}\0{out.errors}")
    out.flush()
    out.buffer.write(answer.data)
    out.buffer.flush()
    if not args.json:
        print(f"{len(files)} files: {answer.errors} errors, {answer.warnings} warnings",
              file=sys.stderr)
    return ExitStatus.REFUSED if answer.errors else ExitStatus.OK


def _validate_targets(args: argparse.Namespace) -> list[Path]:
    if not args.paths:
        ws = workspace(args)
        paths = ws.record_paths()
        _tell_unlisted(ws)
        return paths
    files: list[Path] = []
    if Path(args.paths[0]).exists():  # mention an interrupted verify or reopen there, if any
        warn_if_interrupted(Path(args.paths[0]).resolve().parent)
    for raw in args.paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.md") if not p.name.startswith(".")))
        elif path.exists():
            files.append(path)
        else:
            raise UsageError(f"{raw}: no such file or folder")
    return files


def parse_path(text: str) -> tuple:
    parts = text.split(".")
    if not text or any(not p for p in parts):
        raise UsageError(f"bad field path {text!r} (use dotted names, e.g. analysis.mrv.score)")
    return tuple(int(p) if p.isdigit() else p for p in parts)


def parse_assignment(text: str) -> editor.Change:
    if "=" not in text:
        raise UsageError(f"bad assignment {text!r}: use PATH=TEXT or PATH:=JSON")
    left, right = text.split("=", 1)
    if left.endswith(":"):
        path = parse_path(left[:-1])
        try:
            return editor.Change(path, json.loads(right))
        except json.JSONDecodeError as exc:
            raise UsageError(f"{left[:-1]}: invalid JSON value {right!r} ({exc.msg})") from None
    path = parse_path(left)
    return editor.Change(path, schema.coerce_text(path, right))


def cmd_set(args: argparse.Namespace) -> int:
    ws = workspace(args)
    edits = [parse_assignment(a) for a in args.assignments]
    outcome = records.set_fields(ws, args.record, edits, language=args.lang)
    record = outcome.result
    label = record.record_id or ws.relative(record.path)
    files = ", ".join(ws.relative(p) for p in outcome.changes.records) or ws.relative(record.path)
    print(f"{label}: {outcome.changes.message} ({files})")
    return ExitStatus.OK


def add_commands(sub: Any, common: argparse.ArgumentParser) -> list[str]:
    p = sub.add_parser("list", parents=[common], help="list the records")
    p.add_argument("--status", choices=[*REVIEW_STATUSES, "all"], default="all")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", parents=[common], help="show one record")
    p.add_argument("record", metavar="RECORD", help="record id or file path")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("validate", parents=[common], help="check records against the schema")
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("set", parents=[common], help="edit fields, changing nothing else")
    p.add_argument("record", metavar="RECORD", help="record id or file path")
    p.add_argument("assignments", nargs="+", metavar="PATH=TEXT|PATH:=JSON")
    p.add_argument("--lang", metavar="L", help="the language file a translated field goes to "
                   "(a record in several languages); language-neutral fields go to every file")
    p.set_defaults(func=cmd_set)
    return ["list", "show", "validate", "set"]
