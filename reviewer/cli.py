"""The ``reviewer`` command line: a thin layer over :mod:`reviewer.core`.

Exit codes: 0 done, 1 refused or invalid (message on stderr, files untouched), 2 usage.
Errors are one line each (``path:line:col: message``); a traceback is never shown unless
``REVIEWER_DEBUG`` is set.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, Sequence

from reviewer import __version__
from reviewer.core.document import RecordFile
from reviewer.core.editor import Change
from reviewer.core.errors import ReviewerError
from reviewer.core.schema import PILLARS, coerce_text
from reviewer.core.validate import Issue, counts, validate_file, validate_record
from reviewer.core.workspace import Entry, Workspace

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad command-line input: exit 2."""


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _dump(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2, default=_json_default))


def _workspace(args: argparse.Namespace) -> Workspace:
    return Workspace(args.workspace) if args.workspace else Workspace.discover()


def _summary(ws: Workspace, rf: RecordFile) -> dict:
    return Entry(rf.path, record=rf).summary(ws.relative(rf.path)).to_json()


# ---- commands ------------------------------------------------------------------------------
def cmd_list(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    summaries = ws.summaries()
    rows = sorted((s for s in summaries if s.error is None and args.status in ("all", s.review_status)),
                  key=lambda s: (s.status_rank, str(s.id)))
    broken = [s for s in summaries if s.error is not None]
    if args.json:
        _dump({"records": [s.to_json() for s in rows],
               "unreadable": [{"file": s.file, "error": s.error, "line": s.error_line} for s in broken]})
        return EXIT_OK
    width = max([len(str(r.id)) for r in rows] + [2])
    for r in rows:
        print(f"{str(r.id):<{width}}  {r.review_status:<8}  {r.year:<4}  {r.title}")
    for b in broken:
        print(f"{b.file}:{b.error_line or 1}: unreadable: {b.error}", file=sys.stderr)
    drafts = sum(1 for r in rows if r.review_status == "draft")
    print(f"{len(rows)} records ({drafts} draft, {len(rows) - drafts} other)"
          + (f", {len(broken)} unreadable" if broken else ""), file=sys.stderr)
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    rf = RecordFile.load(ws.resolve(args.record))
    issues = validate_record(rf, workspace=ws)
    if args.json:
        _dump({**_summary(ws, rf), "data": rf.data, "body": rf.split.body,
               "issues": [i.to_json() for i in issues]})
        return EXIT_OK
    s = _summary(ws, rf)
    print(f"{s['id']}  {s['title']}")
    print(f"  file: {s['file']} ({s['format']} frontmatter)")
    print(f"  review: {s['reviewStatus']}   country: {s['country']}   year: {s['year']}   author: {s['author']}")
    analysis = rf.data.get("analysis") if isinstance(rf.data.get("analysis"), dict) else {}
    print("  pillars:")
    for name in PILLARS:
        p = analysis.get(name)
        if not isinstance(p, dict):
            print(f"    {name:<10}   -  not assessed")
            continue
        note = "  [note]" if p.get("auditNote") else ""
        print(f"    {name:<10} {str(p.get('score')):>3}  {p.get('label', '')}  | {p.get('citation') or '(no citation)'}{note}")
    for issue in issues:
        print(f"  {_relative_to_cwd(issue)}")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    files = _validate_targets(args)
    all_issues: list[Issue] = []
    for path in files:
        all_issues.extend(validate_file(path, workspace=Workspace.containing(path))[1])
    all_issues = [_relative_to_cwd(i) for i in all_issues]
    if args.json:
        _dump({"files": len(files), "issues": [i.to_json() for i in all_issues]})
    else:
        for issue in all_issues:
            print(issue)
        errors, warnings = counts(all_issues)
        print(f"{len(files)} files: {errors} errors, {warnings} warnings", file=sys.stderr)
    return EXIT_REFUSED if counts(all_issues)[0] else EXIT_OK


def _relative_to_cwd(issue: Issue) -> Issue:
    if not issue.file:
        return issue
    rel = os.path.relpath(issue.file)
    return replace(issue, file=rel if not rel.startswith("..") else issue.file)


def _validate_targets(args: argparse.Namespace) -> list[Path]:
    if not args.paths:
        return _workspace(args).record_paths()
    files: list[Path] = []
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


def parse_assignment(text: str) -> Change:
    if "=" not in text:
        raise UsageError(f"bad assignment {text!r}: use PATH=TEXT or PATH:=JSON")
    left, right = text.split("=", 1)
    if left.endswith(":"):
        path = parse_path(left[:-1])
        try:
            return Change(path, json.loads(right))
        except json.JSONDecodeError as exc:
            raise UsageError(f"{left[:-1]}: invalid JSON value {right!r} ({exc.msg})") from None
    path = parse_path(left)
    return Change(path, coerce_text(path, right))


def cmd_set(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    changes = [parse_assignment(a) for a in args.assignments]
    rf = RecordFile.load(ws.resolve(args.record))
    saved = rf.save(changes)
    label = rf.record_id or ws.relative(rf.path)
    if saved is rf:
        print(f"{label}: no change ({ws.relative(rf.path)})")
    else:
        fields = ", ".join(str(c) for c in changes)
        print(f"{label}: set {fields} ({ws.relative(rf.path)})")
    return EXIT_OK


# ---- wiring --------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    # -w works before or after the command; SUPPRESS keeps a subcommand from resetting it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-w", "--workspace", metavar="DIR", default=argparse.SUPPRESS,
                        help="workspace folder (default: the current folder or a parent with records/)")
    parser = argparse.ArgumentParser(prog="reviewer", description="Review AI-drafted policy records.")
    parser.add_argument("-w", "--workspace", metavar="DIR", default=None,
                        help="workspace folder (default: the current folder or a parent with records/)")
    parser.add_argument("--version", action="version", version=f"reviewer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("list", parents=[common], help="list the records")
    p.add_argument("--status", choices=["draft", "verified", "all"], default="all")
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
    p.set_defaults(func=cmd_set)

    from reviewer.cli_review import add_commands  # imports this module: import it late
    add_commands(sub, common)
    from reviewer.cli_sources import add_commands as add_source_commands
    add_source_commands(sub, common)
    from reviewer.cli_search import add_commands as add_search_commands
    add_search_commands(sub, common)
    return parser


def wants_gui(argv: Sequence[str]) -> bool:
    """``reviewer [WORKSPACE] [--select ID] [--screenshot F]`` opens the app; a word that is
    neither a command nor a folder stays with the CLI, which says it is not a command."""
    if any(a in ("-h", "--help", "--version") for a in argv[:1]):
        return False
    commands = set(build_parser()._subparsers._group_actions[0].choices)  # noqa: SLF001
    if any(a in commands for a in argv):
        return False
    words = [a for i, a in enumerate(argv) if not a.startswith("-")
             and (i == 0 or argv[i - 1] not in ("--select", "--screenshot", "-w", "--workspace"))]
    return all(Path(w).is_dir() for w in words)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if wants_gui(argv):
        from reviewer.ui.app import main as gui_main  # Qt is loaded only for the app
        return gui_main(argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"reviewer {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ReviewerError as exc:
        if exc.path and not os.path.relpath(exc.path).startswith(".."):
            exc.path = os.path.relpath(exc.path)
        print(str(exc), file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug: one readable line, never a traceback
        if os.environ.get("REVIEWER_DEBUG"):
            raise
        print(f"reviewer: internal error: {type(exc).__name__}: {exc} "
              "(set REVIEWER_DEBUG=1 for details)", file=sys.stderr)
        return EXIT_REFUSED


if __name__ == "__main__":
    sys.exit(main())
