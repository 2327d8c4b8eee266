"""The ``reviewer`` entry point: the desktop app or the command line, by the arguments.

``reviewer [WORKSPACE] [--select ID] [--screenshot F]`` opens the app; anything naming a
command (``reviewer list``...) or asking for help or the version is the command line. A
word that is neither a command nor a folder stays with the command line, which then says
it is not a command.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Sequence

GUI_OPTIONS_WITH_VALUE = ("--select", "--screenshot", "-w", "--workspace")
CLI_OPTIONS = ("--install-desktop-entry", "--uninstall-desktop-entry")   # the app has none
INTERRUPTED = 130   # what a shell reports for Ctrl+C (the command line's ExitStatus.INTERRUPTED)


def wants_gui(argv: Sequence[str], commands: Sequence[str]) -> bool:
    if any(a in ("-h", "--help", "--version") for a in argv[:1]):
        return False
    if any(a in commands or a in CLI_OPTIONS for a in argv):
        return False
    words = [a for i, a in enumerate(argv) if not a.startswith("-")
             and (i == 0 or argv[i - 1] not in GUI_OPTIONS_WITH_VALUE)]
    return all(Path(w).is_dir() for w in words)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["merge-file"] and not set(argv) & {"-h", "--help"}:  # git waits for it
        from reviewer.cli import driver
        return driver.main(argv[1:])
    try:  # loading every command takes a moment: Ctrl+C then is no bug to show a traceback of
        from reviewer import cli
        gui = wants_gui(argv, cli.command_names())
    except KeyboardInterrupt:
        return INTERRUPTED
    if gui:
        from reviewer.ui.app import main as gui_main  # Qt is loaded only for the app
        return gui_main(argv)
    return cli.main(argv)


# Guarded: the index's worker processes (forkserver) import the main module again.
if __name__ == "__main__":
    sys.exit(main())
