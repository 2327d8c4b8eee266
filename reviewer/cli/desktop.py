"""``reviewer --install-desktop-entry`` and ``--uninstall-desktop-entry``: the app in the
desktop's menu, with its icon, for this user.

Options of ``reviewer`` itself rather than commands, like ``--version``: they act on the
installation, not on a workspace. The files go to ``$XDG_DATA_HOME`` (``~/.local/share``).
"""

from __future__ import annotations

import argparse
import os
import sys

from reviewer.cli.common import ExitStatus, shown_path
from reviewer.cli.lazy import lazy

desktop_entry = lazy("reviewer.core.services.desktop_entry")


def cmd_install(args: argparse.Namespace) -> int:
    home = desktop_entry.data_home(os.environ)
    command = desktop_entry.launch_command(sys.argv[0], sys.executable)
    outcome = desktop_entry.install(home, command)
    for path in outcome.done:
        print(f"wrote {shown_path(path)}")
    _say_caches(outcome)
    print(f"the menu entry starts: {' '.join(command)}")
    return ExitStatus.OK


def cmd_uninstall(args: argparse.Namespace) -> int:
    home = desktop_entry.data_home(os.environ)
    outcome = desktop_entry.uninstall(home)
    if not outcome.done:
        print(f"reviewer: the desktop entry is not installed in {shown_path(home)}: nothing "
              "was removed", file=sys.stderr)
        return ExitStatus.REFUSED
    for path in outcome.done:
        print(f"removed {shown_path(path)}")
    for path in outcome.missing:
        print(f"reviewer: was not there to remove: {shown_path(path)}", file=sys.stderr)
    _say_caches(outcome)
    return ExitStatus.REFUSED if outcome.missing else ExitStatus.OK


def _say_caches(outcome) -> None:
    for line in outcome.caches:
        print(line)


def add_options(parser: argparse.ArgumentParser) -> None:
    """The two options, on ``reviewer`` itself: each names the function that runs it."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--install-desktop-entry", dest="func", action="store_const",
                       const=cmd_install, help="add the app, with its icon, to this user's "
                       "desktop menu (writes into $XDG_DATA_HOME, ~/.local/share)")
    group.add_argument("--uninstall-desktop-entry", dest="func", action="store_const",
                       const=cmd_uninstall, help="remove what --install-desktop-entry wrote "
                       "(exit status 1 if some of it was not there)")
