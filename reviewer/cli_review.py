"""The review commands of the ``reviewer`` command line: verify, reopen, diff, history.

Thin wrappers over :mod:`reviewer.core.review` and :mod:`reviewer.core.history`; the exit
codes and one-line errors are those of :mod:`reviewer.cli` (refusals may add indented
lines: the gate's reasons or a hook's output).
"""

from __future__ import annotations

import argparse
import os
import sys

from reviewer.cli import EXIT_OK, EXIT_REFUSED, _dump, _workspace
from reviewer.core import history, review
from reviewer.core.errors import ReviewerError
from reviewer.core.fielddiff import FieldChange


def _rel(path) -> str:
    rel = os.path.relpath(path)
    return str(path) if rel.startswith("..") else rel


def _print_changes(changes: list[FieldChange], indent: str = "  ") -> None:
    for change in changes:
        print(f"{indent}{change}")


def _review_many(args: argparse.Namespace, action: str) -> int:
    ws = _workspace(args)
    # Resolve every name of a batch first, so a typo in the third record commits nothing.
    # (A single name is resolved by the core, which then reads the file only once.)
    paths = list(dict.fromkeys(review.resolve_record(ws, ref) for ref in args.records)) \
        if len(args.records) > 1 else list(args.records)
    done = 0
    for path in paths:
        try:
            if action == review.VERIFY:
                result = review.verify(ws, path, reviewer=args.reviewer, email=args.email,
                                       note=args.note)
            else:
                result = review.reopen(ws, path, reason=args.reason, reviewer=args.reviewer,
                                       email=args.email)
        except ReviewerError as exc:
            if len(paths) == 1:
                raise  # reported like any other refusal
            if exc.path:
                exc.path = _rel(exc.path)
            print(str(exc), file=sys.stderr)
            print(f"reviewer {args.command}: stopped at {_rel(path)}: {done} committed "
                  f"before it, {len(paths) - done - 1} not attempted", file=sys.stderr)
            return EXIT_REFUSED
        done += 1
        verb = "verified" if action == review.VERIFY else "reopened"
        print(f"{result.record_id}: {verb} in {result.short} by {result.identity} "
              f"({_rel(result.path)})")
        _print_changes(result.changes)
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    return _review_many(args, review.VERIFY)


def cmd_reopen(args: argparse.Namespace) -> int:
    return _review_many(args, review.REOPEN)


def cmd_diff(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    if args.raw:
        sys.stdout.write(history.line_diff(ws, args.record))
        return EXIT_OK
    diff = history.diff_against_head(ws, args.record)
    if args.json:
        _dump(diff.to_json())
    elif not diff.changes:
        print(f"{diff.repo_path}: no field changes against HEAD", file=sys.stderr)
    else:
        if diff.new_file:
            print(f"{diff.repo_path}: not in HEAD; every field is new", file=sys.stderr)
        _print_changes(diff.changes, indent="")
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    entries = history.record_history(ws, args.record, limit=args.limit)
    if args.json:
        _dump([e.to_json() for e in entries])
        return EXIT_OK
    last = history.last_verification(entries)
    if last is not None:
        print(f"verified by {last.author} <{last.email}> on {last.day} ({last.short})\n")
    for entry in entries:
        print(f"{entry.short}  {entry.day}  {entry.author} <{entry.email}>  {entry.subject}")
        if entry.old_path:
            print(f"    renamed from {entry.old_path} to {entry.path}")
        if entry.unreadable:
            print(f"    (cannot compare: {entry.unreadable})")
        elif entry.added:
            print(f"    new file {entry.path}")
        elif entry.deleted:
            print(f"    deleted {entry.path}")
        _print_changes(entry.changes, indent="    ")
    if not entries:
        print("no commits touch this record yet", file=sys.stderr)
    return EXIT_OK


def add_commands(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    identity = argparse.ArgumentParser(add_help=False)
    identity.add_argument("--reviewer", metavar="NAME",
                          help="reviewer's name (default: git's user.name)")
    identity.add_argument("--email", metavar="EMAIL",
                          help="reviewer's email (default: git's user.email)")

    p = sub.add_parser("verify", parents=[common, identity],
                       help="mark records verified and commit each one (only that file)")
    p.add_argument("records", nargs="+", metavar="RECORD", help="record id or file path")
    p.add_argument("--note", metavar="TEXT", help="a note for the commit message")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("reopen", parents=[common, identity],
                       help="move a verified record back to draft and commit it")
    p.add_argument("records", nargs="+", metavar="RECORD", help="record id or file path")
    p.add_argument("--reason", metavar="TEXT", required=True, help="why it is reopened")
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
