"""The argument parser: global options, and each command group's commands."""

from __future__ import annotations

import argparse

from reviewer import __version__
from reviewer.cli import desktop, records, review, search, setup, sources, stats, team

GROUPS = (records, review, sources, search, setup, team, stats)
WORKSPACE_HELP = "workspace folder (default: the current folder or a parent with records/)"


def build_parser() -> tuple[argparse.ArgumentParser, list[str]]:
    """The parser, and the names of its commands."""
    # -w works before or after the command; SUPPRESS keeps a subcommand from resetting it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-w", "--workspace", metavar="DIR", default=argparse.SUPPRESS,
                        help=WORKSPACE_HELP)
    parser = argparse.ArgumentParser(prog="reviewer", description="Review AI-drafted policy records.")
    parser.add_argument("-w", "--workspace", metavar="DIR", default=None, help=WORKSPACE_HELP)
    parser.add_argument("--version", action="version", version=f"reviewer {__version__}")
    desktop.add_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    names: list[str] = []
    for group in GROUPS:
        names += group.add_commands(sub, common)
    return parser, names
