"""``reviewer merge-file``, the merge driver git starts once per conflicted record file.

It has a fast way in (:func:`reviewer.__main__.main` comes here first): git waits for it,
and loading the whole command line first would double its start-up.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Sequence

from reviewer.cli.common import ExitStatus
from reviewer.cli.lazy import lazy

nodes = lazy("reviewer.core.record.nodes")

USAGE = "usage: reviewer merge-file BASE OURS THEIRS PATH"


def main(argv: Sequence[str]) -> int:
    """The driver's own entry: exactly four arguments (help and errors as the parser's)."""
    if len(argv) != 4 or any(a.startswith("-") for a in argv):
        print(f"{USAGE}\n(git's merge.reviewer.driver: reviewer merge-file %O %A %B %P; "
              "reviewer merge-file --help says more)", file=sys.stderr)
        return ExitStatus.USAGE
    from reviewer.core.errors import ReviewerError
    try:
        return merge(*argv)
    except ReviewerError as exc:
        print(str(exc), file=sys.stderr)
        return ExitStatus.REFUSED


def merge(base: str, ours: str, theirs: str, path: str) -> int:
    from reviewer.core.services import sync
    merged = sync.merge_file(Path(base), Path(ours), Path(theirs), path)
    if merged.line_merge:
        print(f"reviewer merge-file: {path}: merged by lines ({merged.line_merge})", file=sys.stderr)
    for conflict in merged.conflicts:
        print(f"{path}: {nodes.format_path(conflict.path)} changed on both sides "
              f"(ours {shown_value(conflict.mine)}, theirs {shown_value(conflict.theirs)}); ours kept for now",
              file=sys.stderr)
    if merged.body_conflicts:
        print(f"{path}: {merged.body_conflicts} conflict(s) in the body, marked in the file",
              file=sys.stderr)
    return ExitStatus.OK if merged.clean else ExitStatus.REFUSED


def shown_value(value: Any) -> str:
    """A conflicting value in one short line (the driver's messages, the sync report)."""
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"
