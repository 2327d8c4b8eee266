"""The ``reviewer`` command line: a thin layer over :mod:`reviewer.core.services`.

Exit codes (:class:`~reviewer.cli.common.ExitStatus`): 0 done, 1 refused or invalid (message
on stderr, files untouched), 2 usage. Errors are one line each (``path:line:col: message``);
a traceback is never shown unless ``REVIEWER_DEBUG`` is set. One module per command group:
``records`` (list, show, validate, set), ``review`` (verify, reopen, diff, history),
``sources`` (attach, citations), ``search`` (search, index).
"""

from __future__ import annotations

import os
import sys
from typing import Sequence

from reviewer.cli.common import ExitStatus, UsageError


def command_names() -> list[str]:
    from reviewer.cli.parser import build_parser
    return build_parser()[1]


def main(argv: Sequence[str] | None = None) -> int:
    from reviewer.cli.parser import build_parser
    from reviewer.core.errors import ReviewerError
    argv = list(sys.argv[1:] if argv is None else argv)
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
    except KeyboardInterrupt:
        return ExitStatus.INTERRUPTED
    except BrokenPipeError:
        return ExitStatus.OK
    except Exception as exc:  # a bug: one readable line, never a traceback
        if os.environ.get("REVIEWER_DEBUG"):
            raise
        print(f"reviewer: internal error: {type(exc).__name__}: {exc} "
              "(set REVIEWER_DEBUG=1 for details)", file=sys.stderr)
        return ExitStatus.REFUSED
