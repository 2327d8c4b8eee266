"""What every command shares: exit statuses, usage errors, JSON output, the workspace."""

from __future__ import annotations

import argparse
import enum
import functools
import os
import sys
from pathlib import Path
from typing import Any



class ExitStatus(enum.IntEnum):
    """The process exit codes, a contract scripts rely on."""
    OK = 0
    REFUSED = 1        # refused or invalid: message on stderr, files untouched
    USAGE = 2          # bad command-line input
    HANGUP = 129       # SIGHUP: the terminal went away
    INTERRUPTED = 130  # Ctrl+C (SIGINT)
    TERMINATED = 143   # SIGTERM: kill, a service manager, a shutdown


class UsageError(Exception):
    """Bad command-line input: exit 2."""


class Terminated(BaseException):
    """SIGTERM or SIGHUP, raised where the program is, like KeyboardInterrupt for SIGINT:
    so the undo of an interrupted verify runs (a BaseException, so that no ``except
    Exception`` swallows it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def json_default(value: Any) -> Any:
    import datetime as dt   # (imported only where JSON is written: not for --help)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def dumps(obj: Any) -> str:
    """``obj`` as indented JSON (non-ASCII kept, dates as ISO text)."""
    from reviewer.cli import jsonout
    return jsonout.dumps(obj, json_default)


def dump(obj: Any) -> None:
    print(dumps(obj))


def workspace(args: argparse.Namespace, notice: bool = True):
    """The workspace of ``-w DIR``, else the one holding the current folder. With
    ``notice``, a verify or reopen left unfinished in its repository is mentioned."""
    from reviewer.core.services.workspaces import open_workspace
    ws = open_workspace(args.workspace)
    if notice:
        warn_if_interrupted(ws.root)
    return ws


def warn_if_interrupted(folder: Path) -> None:
    """Say on stderr that an interrupted verify or reopen waits in the repository holding
    ``folder``."""
    from reviewer.core.services.notices import interrupted_notice
    for line in interrupted_notice(folder):
        print(line, file=sys.stderr)


def shown_path(path: str | Path) -> str:
    """A path as the user should see it: relative to the current folder when inside it."""
    rel = os.path.relpath(path)
    return str(path) if rel.startswith("..") else rel


@functools.lru_cache(maxsize=1024)
def _shown_file(file: str) -> str:
    return shown_path(file)   # a file has many issues: worked out once


def relative_issue(issue):
    """An issue whose file is shown relative to the current folder."""
    if not issue.file:
        return issue
    # A copy of the frozen dataclass through its __dict__: dataclasses.replace runs the
    # checked __init__, which fifty thousand issues notice.
    copy = object.__new__(type(issue))
    copy.__dict__.update(issue.__dict__, file=_shown_file(str(issue.file)))
    return copy
