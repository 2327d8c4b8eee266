"""Setting a repository up: ``reviewer init``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reviewer.cli.common import ExitStatus, dump
from reviewer.cli.lazy import lazy

setup = lazy("reviewer.core.services.setup")


def cmd_init(args: argparse.Namespace) -> int:
    folder = Path(args.folder or args.workspace or ".")
    found = setup.init(folder, force=args.force)
    if args.json:
        dump(found.to_json())
        return ExitStatus.OK
    print(f"wrote {found.config_path}")
    print(f"  records: {found.records} files in {', '.join(found.folders)}")
    print(f"  paths: {', '.join(found.globs)}")
    if found.layout != "none":
        print(f"  languages: {', '.join(found.languages)} ({found.layout} layout: one record in "
              "each language's file)")
    if found.pillars:
        print(f"  pillars: {', '.join(found.pillars)}")
    for name, rows in found.vocabularies.items():
        shown = "; ".join(" / ".join(row.values()) for row in rows[:4])
        print(f"  vocabulary {name}: {shown}{' ...' if len(rows) > 4 else ''}")
    if found.known:
        print(f"  fields the records use beyond reviewer's: {', '.join(found.known)}")
    if found.tools:
        print(f"  tools: {', '.join(found.tools)}"
              + ("; commits get a conventional subject" if found.conventional else ""))
    for line in found.merge_setup:
        print(f"  merge: {line}")
    return ExitStatus.OK


def add_commands(sub: Any, common: argparse.ArgumentParser) -> list[str]:
    p = sub.add_parser("init", parents=[common],
                       help="look at a repository and write its reviewer.toml")
    p.add_argument("folder", nargs="?", metavar="DIR", help="the repository (default: here)")
    p.add_argument("--force", action="store_true", help="replace an existing reviewer.toml")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_init)
    return ["init"]
