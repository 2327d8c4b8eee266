"""The ``reviewer`` command line: a thin layer over :mod:`reviewer.core.services`.

Exit codes (:class:`~reviewer.cli.common.ExitStatus`): 0 done, 1 refused or invalid (message
on stderr, files untouched), 2 usage. Errors are one line each (``path:line:col: message``);
a traceback is never shown unless ``REVIEWER_DEBUG`` is set. One module per command group:
``records`` (list, show, validate, set), ``review`` (verify, reopen, diff, history),
``sources`` (attach, citations), ``search`` (search, index).
"""

from __future__ import annotations

import os
import signal
import sys
from contextlib import contextmanager
from typing import Iterator, Sequence

from reviewer.cli.common import ExitStatus, Terminated, UsageError

# Signals that stop the process and what a shell reports for each (128 + the number).
STOPPING = {"SIGTERM": ExitStatus.TERMINATED, "SIGHUP": ExitStatus.HANGUP}


def command_names() -> list[str]:
    from reviewer.cli.parser import build_parser
    return build_parser()[1]


@contextmanager
def signals_raise() -> Iterator[None]:
    """SIGTERM and SIGHUP raise :class:`Terminated` (SIGINT already raises
    KeyboardInterrupt): by default they end the process on the spot, which left an
    interrupted verify's record written and not committed. Previous handlers come back."""
    previous = {}
    for name in STOPPING:
        signum = getattr(signal, name, None)
        if signum is not None and signal.getsignal(signum) is signal.SIG_DFL:
            previous[signum] = signal.signal(signum, _raise_terminated)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated(signum)


def main(argv: Sequence[str] | None = None) -> int:
    try:  # around everything: a signal may come at any moment, as the parser is built too
        with signals_raise():
            return _run(list(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt:
        return ExitStatus.INTERRUPTED
    except Terminated as exc:
        return STOPPING.get(signal.Signals(exc.signum).name, 128 + exc.signum)


def _run(argv: list[str]) -> int:
    from reviewer.cli.parser import build_parser
    from reviewer.core.errors import ReviewerError
    parser, _ = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return ExitStatus.USAGE
    try:
        return int(args.func(args))
    except UsageError as exc:
        print(f"reviewer {args.command}: {exc}", file=sys.stderr)
        return ExitStatus.USAGE
    except ReviewerError as exc:
        if exc.path and not os.path.relpath(exc.path).startswith(".."):
            exc.path = os.path.relpath(exc.path)
        print(str(exc), file=sys.stderr)
        return ExitStatus.REFUSED
    except BrokenPipeError:
        return ExitStatus.OK
    except Exception as exc:  # a bug: one readable line, never a traceback
        if os.environ.get("REVIEWER_DEBUG"):
            raise
        print(f"reviewer: internal error: {type(exc).__name__}: {exc} "
              "(set REVIEWER_DEBUG=1 for details)", file=sys.stderr)
        return ExitStatus.REFUSED
