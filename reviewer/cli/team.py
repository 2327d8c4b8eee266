"""Team commands: ``sync`` with the shared remote, ``resolve`` what it stops on, and
``merge-file``, the merge driver git calls for record files."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from reviewer.cli import driver
from reviewer.cli.common import ExitStatus, UsageError, dump, workspace
from reviewer.cli.lazy import lazy
from reviewer.core.terms import DRIVER_COMMAND

json = lazy("json")
merge = lazy("reviewer.core.record.merge")
rebasing = lazy("reviewer.core.review.rebasing")
remote = lazy("reviewer.core.review.remote")
sharing = lazy("reviewer.core.services.sharing")


def cmd_merge_file(args: argparse.Namespace) -> int:
    return driver.merge(args.base, args.ours, args.theirs, args.path)



def cmd_sync(args: argparse.Namespace) -> int:
    ws = workspace(args)
    who = dict(name=args.reviewer, email=args.email, interactive=sys.stdin.isatty())
    try:
        if args.abort:
            outcome = sharing.abort_sync(ws)
        elif args.cont:
            outcome = sharing.continue_sync(ws, **who)
        else:
            outcome = sharing.sync(ws, **who)
    except remote.RemoteError as exc:
        if args.json:
            dump({"status": "failed", "error": exc.kind, "message": exc.message})
        raise
    return report_sync(outcome.result, args.json)


def report_sync(result: sharing.SyncResult, as_json: bool) -> int:
    """Print what a sync did (or where it paused); the exit status says whether it is done."""
    if as_json:
        dump(result.to_json())
    else:
        for line in result.setup:
            print(f"set up: {line}", file=sys.stderr)
        print(result.message + (" (your commits and edits are safe; reviewer sync --abort puts "
                                "everything back)" if result.status == sharing.CONFLICTS else ""))
        for conflict in result.conflicts:
            print_conflict(conflict, result.upstream)
        if result.status == sharing.CONFLICTS:
            if result.conflicts:
                print("resolve each: reviewer resolve RECORD FIELD (--mine | --theirs | --value JSON)")
            print("then: reviewer sync --continue   (or reviewer sync --abort)")
        for note in result.put_back:
            print(f"uncommitted edits: {note}")
    return ExitStatus.REFUSED if result.status == sharing.CONFLICTS else ExitStatus.OK


def print_conflict(conflict: rebasing.Conflict, upstream: str) -> None:
    where = f"  ({', '.join(conflict.languages)})" if conflict.languages else ""
    print(f"  {conflict.record}: {conflict.label}{where}")
    for name, value, note in (("base", conflict.base, ""), ("mine", conflict.mine, "this clone"),
                              ("theirs", conflict.theirs, f"already on {upstream or 'the remote'}")):
        shown = "(not there)" if value is merge.ABSENT else driver.shown_value(value)
        print(f"      {name:<7}{shown}" + (f"   ({note})" if note else ""))


def cmd_resolve(args: argparse.Namespace) -> int:
    ws = workspace(args)
    if args.value is not None:
        try:
            value = json.loads(args.value)
        except json.JSONDecodeError as exc:
            raise UsageError(f"--value {args.value!r} is not JSON ({exc.msg}); text needs quotes: "
                             "--value '\"text\"'") from None
        choice = "value"
    else:
        value, choice = None, merge.MINE if args.mine else merge.THEIRS
    outcome = sharing.resolve(ws, args.record, args.field, choice, value, args.lang)
    done = outcome.result
    if args.json:
        dump({"resolved": [sharing.conflict_json(c) for c in done.settled],
              "left": [sharing.conflict_json(c) for c in done.left]})
        return ExitStatus.OK
    files = ", ".join(sorted({rel for c in done.settled for rel in c.files}))
    print(f"{args.record}: {args.field} resolved with {choice} ({files})")
    if done.left:
        print(f"{len(done.left)} conflict(s) left:")
        for conflict in done.left:
            print(f"  {conflict.record}: {conflict.label}")
    else:
        print("no conflict left: reviewer sync --continue")
    return ExitStatus.OK


def add_commands(sub: Any, common: argparse.ArgumentParser) -> list[str]:
    p = sub.add_parser("sync", parents=[common],
                       help="share with the team: fetch, replay your commits on the remote's, push",
                       description="Fetch the current branch's upstream, replay this clone's commits "
                                   "on top of it (a rebase, never a merge commit), push. Records "
                                   "merge field by field; a field changed differently on both "
                                   "sides pauses the sync: resolve it, then --continue.")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--continue", dest="cont", action="store_true",
                      help="go on after resolving the conflicts a sync paused on")
    what.add_argument("--abort", action="store_true",
                      help="put the branch, the files and your edits back as before the sync")
    p.add_argument("--reviewer", metavar="NAME", help="committer of replayed commits when git has "
                   "no user.name")
    p.add_argument("--email", metavar="EMAIL", help="committer email when git has no user.email")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser("resolve", parents=[common],
                       help="settle one conflict a sync paused on",
                       description="Mine is this clone's value, theirs the value already on the "
                                   "remote. FIELD is a dotted path (analysis.mrv.score), or body, or "
                                   "file for a whole file.")
    p.add_argument("record", metavar="RECORD", help="the record id (or the file's path)")
    p.add_argument("field", metavar="FIELD", help="dotted field path, body, or file")
    pick = p.add_mutually_exclusive_group(required=True)
    pick.add_argument("--mine", action="store_true", help="keep this clone's value")
    pick.add_argument("--theirs", action="store_true", help="take the remote's value")
    pick.add_argument("--value", metavar="JSON", help="a value of your own, as JSON")
    p.add_argument("--lang", metavar="LANG", help="only this language's file")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_resolve)

    p = sub.add_parser("merge-file", parents=[common],
                       help="git's merge driver for record files: fields merged one by one",
                       description="Called by git as merge.reviewer.driver = "
                                   f"'{DRIVER_COMMAND}'. Writes the merge over OURS; exits 1 "
                                   "when a field or the body conflicts (ours kept, the file parses).")
    for name, text in (("base", "the common ancestor (%%O)"), ("ours", "our version, overwritten "
                       "with the result (%%A)"), ("theirs", "their version (%%B)"),
                       ("path", "the file's path in the repository (%%P)")):
        p.add_argument(name, metavar=name.upper(), help=text)
    p.set_defaults(func=cmd_merge_file)
    return ["sync", "resolve", "merge-file"]
