"""Team commands: ``merge-file``, the merge driver git calls for record files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reviewer.cli.common import ExitStatus
from reviewer.core.record.nodes import format_path
from reviewer.core.services import sync


def cmd_merge_file(args: argparse.Namespace) -> int:
    merged = sync.merge_file(Path(args.base), Path(args.ours), Path(args.theirs), args.path)
    if merged.line_merge:
        print(f"reviewer merge-file: {args.path}: merged by lines ({merged.line_merge})",
              file=sys.stderr)
    for conflict in merged.conflicts:
        print(f"{args.path}: {format_path(conflict.path)} changed on both sides "
              f"(ours {_shown(conflict.mine)}, theirs {_shown(conflict.theirs)}); ours kept for now",
              file=sys.stderr)
    if merged.body_conflicts:
        print(f"{args.path}: {merged.body_conflicts} conflict(s) in the body, marked in the file",
              file=sys.stderr)
    return ExitStatus.OK if merged.clean else ExitStatus.REFUSED


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def add_commands(sub: Any, common: argparse.ArgumentParser) -> list[str]:
    p = sub.add_parser("merge-file", parents=[common],
                       help="git's merge driver for record files: fields merged one by one",
                       description="Called by git as merge.reviewer.driver = "
                                   f"'{sync.DRIVER_COMMAND}'. Writes the merge over OURS; exits 1 "
                                   "when a field or the body conflicts (ours kept, the file parses).")
    for name, text in (("base", "the common ancestor (%%O)"), ("ours", "our version, overwritten "
                       "with the result (%%A)"), ("theirs", "their version (%%B)"),
                       ("path", "the file's path in the repository (%%P)")):
        p.add_argument(name, metavar=name.upper(), help=text)
    p.set_defaults(func=cmd_merge_file)
    return ["merge-file"]
