"""The review commands: verify, reopen, diff, history, recover.

Refusals may add indented lines under the one-line message: the gate's reasons or a
hook's output.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from reviewer.cli.common import ExitStatus, dump, shown_path, workspace
from reviewer.cli.lazy import lazy
from reviewer.core.errors import ReviewerError
from reviewer.core.terms import REOPEN, VERIFY

records = lazy("reviewer.core.services.records")
reviews = lazy("reviewer.core.services.reviews")
sharing = lazy("reviewer.core.services.sharing")
fielddiff = lazy("reviewer.core.record.fielddiff")


def _print_changes(changes: list[fielddiff.FieldChange], indent: str = "  ") -> None:
    for change in changes:
        print(f"{indent}{change}")


def _review_many(args: argparse.Namespace, action: str) -> int:
    ws = workspace(args, notice=False)  # an interrupted action refuses it, and says why
    # Resolve every name of a batch first, so a typo in the third record commits nothing.
    # (A single name is resolved by the review itself, which then reads the file only once.)
    refs = list(dict.fromkeys(records.locate(ws, ref)[0] for ref in args.records)) \
        if len(args.records) > 1 else list(args.records)
    text = args.note if action == VERIFY else args.reason
    for done, ref in enumerate(refs):
        try:
            result = reviews.review(ws, ref, action, reviewer=args.reviewer, email=args.email,
                                    text=text, kept_notes=getattr(args, "keep_note", None) or ()
                                    ).result
        except ReviewerError as exc:
            _hint_drafted_notes(exc)
            if len(refs) == 1:
                raise  # reported like any other refusal
            if exc.path:
                exc.path = shown_path(exc.path)
            print(str(exc), file=sys.stderr)
            print(f"reviewer {args.command}: stopped at {shown_path(ref)}: {done} committed "
                  f"before it, {len(refs) - done - 1} not attempted", file=sys.stderr)
            return ExitStatus.REFUSED
        verb = "verified" if action == VERIFY else "reopened"
        files = ", ".join(shown_path(p) for p in result.paths or [result.path])
        print(f"{result.record_id}: {verb} in {result.short} by {result.identity} ({files})")
        _print_changes(result.changes)
    return _share(ws, args) if args.push else ExitStatus.OK


def _share(ws: Any, args: argparse.Namespace) -> int:
    """``--push``: share the commits just made (a sync: fetch, replay, push)."""
    from reviewer.cli.team import report_sync
    try:
        outcome = sharing.sync(ws, name=args.reviewer, email=args.email,
                               interactive=sys.stdin.isatty())
    except ReviewerError as exc:
        print(f"reviewer {args.command}: committed here, but not shared: {exc}", file=sys.stderr)
        return ExitStatus.REFUSED
    return report_sync(outcome.result, as_json=False)


def _hint_drafted_notes(exc: ReviewerError) -> None:
    """Say how to confirm a drafted audit note, when only that stood in the way."""
    pillars = sorted({r.pillar for r in getattr(exc, "reasons", None) or ()
                      if r.drafted_note and r.pillar})
    if pillars:
        options = " ".join(f"--keep-note {p}" for p in pillars)
        exc.details.append(f"hint: audit notes the draft already held count only once you "
                           f"change or confirm them: {options}")


def cmd_verify(args: argparse.Namespace) -> int:
    return _review_many(args, VERIFY)


def cmd_reopen(args: argparse.Namespace) -> int:
    return _review_many(args, REOPEN)


def cmd_diff(args: argparse.Namespace) -> int:
    ws = workspace(args)
    if args.raw:
        sys.stdout.write(reviews.line_diff(ws, args.record))
        return ExitStatus.OK
    diff = reviews.diff(ws, args.record)
    if args.json:
        dump(diff.to_json())
    elif len(diff.files) > 1:  # a record in several language files: each file, labelled
        for file in diff.files:
            note = "; not in HEAD, every field is new" if file.new_file else \
                "" if file.changes else "; no field changes against HEAD"
            print(f"{file.language} ({file.repo_path}){note}:")
            from dataclasses import replace   # (dataclasses loads inspect: not for --help)
            _print_changes([replace(c, language=None) for c in file.changes])
    elif not diff.changes:
        print(f"{diff.repo_path}: no field changes against HEAD", file=sys.stderr)
    else:
        if diff.new_file:
            print(f"{diff.repo_path}: not in HEAD; every field is new", file=sys.stderr)
        _print_changes(diff.changes, indent="")
    return ExitStatus.OK


def cmd_history(args: argparse.Namespace) -> int:
    history = reviews.history(workspace(args), args.record, limit=args.limit)
    if args.json:
        dump([e.to_json() for e in history.entries])
        return ExitStatus.OK
    last = history.verified_by
    if last is not None:
        signed = f", {last.signing.mark}" if last.signed else ""
        print(f"verified by {last.author} <{last.email}> on {last.day} ({last.short}{signed})\n")
    for entry in history.entries:
        print(f"{entry.short}  {entry.day}  {entry.author} <{entry.email}>  {entry.subject}")
        if entry.signed:
            print(f"    {entry.signing.describe()}")
        if entry.old_path:
            print(f"    renamed from {entry.old_path} to {entry.path}")
        if entry.unreadable:
            print(f"    (cannot compare: {entry.unreadable})")
        else:
            for path in entry.added_paths:
                print(f"    new file {path}")
            for path in entry.deleted_paths:
                print(f"    deleted {path}")
        _print_changes(entry.changes, indent="    ")
    if not history.entries:
        print("no commits touch this record yet", file=sys.stderr)
    return ExitStatus.OK


def cmd_recover(args: argparse.Namespace) -> int:
    ws = workspace(args, notice=False)
    if not (args.finish or args.undo):
        found = reviews.interrupted(ws)
        if args.json:
            dump({"interrupted": found.to_json() if found else None})
        elif found is None:
            print("no interrupted verify or reopen in this repository", file=sys.stderr)
        else:
            print("\n".join(found.lines()))
        return ExitStatus.OK
    done = reviews.recover(ws, finish=args.finish).result
    if args.json:
        dump({"action": done.action, "record": done.journal.record,
              "records": done.journal.records, "commit": done.commit, "done": done.done})
    else:
        for line in done.done:
            print(f"{done.action}: {line}")
    return ExitStatus.OK


def add_commands(sub: Any, common: argparse.ArgumentParser) -> list[str]:
    identity = argparse.ArgumentParser(add_help=False)
    identity.add_argument("--reviewer", metavar="NAME",
                          help="reviewer's name (default: git's user.name)")
    identity.add_argument("--email", metavar="EMAIL",
                          help="reviewer's email (default: git's user.email)")

    p = sub.add_parser("verify", parents=[common, identity],
                       help="mark records verified and commit each one (only its files)")
    p.add_argument("records", nargs="+", metavar="RECORD", help="record id or file path")
    p.add_argument("--note", metavar="TEXT", help="a note for the commit message")
    p.add_argument("--keep-note", metavar="PILLAR", action="append", default=[],
                   help="confirm the audit note the draft already held for PILLAR, so it may "
                        "explain a failing pillar (repeatable; drafted notes count only when "
                        "changed or confirmed)")
    p.add_argument("--push", action="store_true",
                   help="share the commit right away: reviewer sync after the verify")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("reopen", parents=[common, identity],
                       help="move a verified record back to draft and commit it")
    p.add_argument("records", nargs="+", metavar="RECORD", help="record id or file path")
    p.add_argument("--reason", metavar="TEXT", required=True, help="why it is reopened")
    p.add_argument("--push", action="store_true",
                   help="share the commit right away: reviewer sync after the reopen")
    p.set_defaults(func=cmd_reopen)

    p = sub.add_parser("diff", parents=[common], help="field changes of a record against HEAD")
    p.add_argument("record", metavar="RECORD", help="record id or file path")
    p.add_argument("--raw", action="store_true", help="the line diff (git diff) instead")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser("history", parents=[common],
                       help="a record's commits with their field changes (follows renames)")
    p.add_argument("record", metavar="RECORD", help="record id or file path")
    p.add_argument("-n", "--limit", type=int, metavar="N", help="only the newest N commits")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_history)

    p = sub.add_parser("recover", parents=[common],
                       help="show, finish or undo a verify or reopen whose process died")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--finish", action="store_true",
                      help="commit it (if the file still holds what it wrote and HEAD has not moved)")
    what.add_argument("--undo", action="store_true",
                      help="put the file (if it still holds what was written) and the index back")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_recover)
    return ["verify", "reopen", "diff", "history", "recover"]
