"""``reviewer stats``: how the AI drafts held up, from the git history."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reviewer.cli.common import ExitStatus, UsageError, dump, workspace
from reviewer.cli.lazy import lazy
from reviewer.core.errors import ReviewerError

dt = lazy("datetime")
atomic = lazy("reviewer.core.atomic")   # (its locks load hashlib and platformdirs)
files = lazy("reviewer.core.files")
measures = lazy("reviewer.core.audit.measures")
audit = lazy("reviewer.core.services.audit")


def _date(text: str | None, flag: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{flag} {text!r} is not a date (YYYY-MM-DD)") from None


def cmd_stats(args: argparse.Namespace) -> int:
    filters = measures.Filters(args.author, args.auditor, args.country, args.year,
                               _date(args.since, "--since"), _date(args.until, "--until"))
    if filters.since and filters.until and filters.since > filters.until:
        raise UsageError(f"--since {filters.since} is after --until {filters.until}")
    result = audit.stats_json(workspace(args), filters, details=args.details or bool(args.html))
    if args.html:
        _write_report(Path(args.html), result)
    if args.json:
        dump(result if args.details else {k: v for k, v in result.items() if k != "details"})
    elif not args.html:
        _print(result)
    return ExitStatus.OK


def _write_report(path: Path, data: dict[str, Any]) -> None:
    """The HTML report into ``path``; a folder that is not there, or a file that cannot be
    written, is said in one line (exit 1), not shown as a traceback."""
    from reviewer.core.audit.report import render_html
    generated = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    page = render_html(data, generated=generated).encode("utf-8")
    try:
        atomic.write_atomic(path, page)
    except OSError as exc:
        folder = path.parent
        why = f"the folder {folder} does not exist" if not folder.is_dir() else files.describe(exc)
        raise ReviewerError(f"cannot write the HTML report: {why}; nothing was written",
                            path=path) from None
    print(f"wrote {path}", file=sys.stderr)


def _print(data: dict[str, Any]) -> None:
    unreadable = f", {data['unreadable']} unreadable" if data.get("unreadable") else ""
    print(f"{data['records']} records: {data['verified']} verified, {data['drafts']} drafts{unreadable}")
    print(f"{'pillar':<11}{'reviewed':>9}{'score chg':>10}{'mean |Δ|':>9}{'label':>7}"
          f"{'evidence':>9}{'citation':>9}")
    for name, row in data["pillars"].items():
        mean = row["mean_abs_score_change"]
        print(f"{name:<11}{row['reviewed']:>9}{row['score_changed']:>10}"
              f"{'-' if mean is None else f'{mean:.1f}':>9}{row['label_changed']:>7}"
              f"{row['evidence_changed']:>9}{row['citation_changed']:>9}")
    for who, counts in data["auditors"].items():
        print(f"auditor {who}: {counts['verified']} verified, {counts['reopened']} reopened")
    agreement = data["agreement"]
    if agreement["records"]:
        print(f"agreement between auditors (Krippendorff's alpha, interval): {agreement['alpha']} "
              f"over {agreement['records']} record(s)")


def add_commands(sub: Any, common: argparse.ArgumentParser) -> list[str]:
    p = sub.add_parser("stats", parents=[common],
                       help="how the drafts held up: draft against verified, from the git history")
    p.add_argument("--json", action="store_true")
    p.add_argument("--details", action="store_true", help="with --json: every record's changes")
    p.add_argument("--html", metavar="FILE", help="write a self-contained HTML report")
    p.add_argument("--author", metavar="A", help="only records drafted by A (provenance.author)")
    p.add_argument("--auditor", metavar="A", help="only records last verified by A (name, email "
                   "or 'Name <email>')")
    p.add_argument("--country", metavar="C")
    p.add_argument("--year", metavar="Y")
    p.add_argument("--since", metavar="DATE", help="verified on or after DATE (YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="verified on or before DATE")
    p.set_defaults(func=cmd_stats)
    return ["stats"]
