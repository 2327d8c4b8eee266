"""The commit message of a verify or reopen: subject, field changes, note or reason, trailers.

The subject follows the workspace's template (``commits.subject`` in ``reviewer.toml``:
``{Action} {id}: {title}`` by default, ``chore(review): {action} {id}`` where commitlint
checks conventional commits) and the trailers its ``commits.trailers`` (``Reviewed-by``),
each ``Name: Reviewer Name <email>``. Lines stay within :data:`LINE_LIMIT` characters where
they can (commitlint's conventional rules refuse longer ones): long values are cut, a long
note is wrapped between words.
"""

from __future__ import annotations

import textwrap

from reviewer.core.config import DEFAULT_SUBJECT
from reviewer.core.record.fielddiff import ARROW, FieldChange
from reviewer.core.review.gitrepo import Identity
from reviewer.core.terms import REOPEN

SUBJECT_LIMIT = 100
LINE_LIMIT = 100
SHORTEST_VALUE = 12          # characters of a value kept however long the field's name


def one_line(text: str) -> str:
    return " ".join(text.split())


def commit_subject(action: str, record_id: str, title: str, template: str = DEFAULT_SUBJECT) -> str:
    """The subject from the template, on one line and at most :data:`SUBJECT_LIMIT` long."""
    subject = template.format(action=action.lower(), Action=action.capitalize(),
                              id=one_line(record_id), title=one_line(title))
    subject = one_line(subject).rstrip(": ")
    if len(subject) > SUBJECT_LIMIT:
        subject = subject[: SUBJECT_LIMIT - 1].rstrip() + "…"
    return subject


def change_line(change: FieldChange, limit: int = LINE_LIMIT) -> str:
    """``field: old → new``, its values cut so the line fits in ``limit`` if it can."""
    line = str(change)
    if len(line) <= limit:
        return line
    room = max((limit - len(change.label) - len(f":  {ARROW} ")) // 2, SHORTEST_VALUE)
    return f"{change.label}: {change.old_text(room)} {ARROW} {change.new_text(room)}"


def _wrapped(text: str) -> str:
    return "\n".join(line if len(line) <= LINE_LIMIT else
                     textwrap.fill(line, LINE_LIMIT, break_long_words=False, break_on_hyphens=False)
                     for line in text.splitlines())


def commit_message(action: str, record_id: str, title: str, changes: list[FieldChange],
                   identity: Identity, text: str = "", *, notes: list[str] | None = None,
                   template: str = DEFAULT_SUBJECT,
                   trailers: tuple[str, ...] = ("Reviewed-by",)) -> tuple[str, str]:
    """(subject, whole message): subject, field changes, note or reason, trailers.
    ``notes`` stand instead of the field changes they could not be computed for (a new
    file, an unreadable committed version) and come first."""
    subject = commit_subject(action, record_id, title, template)
    lines = list(notes or []) + [change_line(c) for c in changes]
    paragraphs = [subject, "\n".join(lines) or "No field changes (layout only)."]
    if text:
        paragraphs.append(_wrapped(f"Reason: {text}" if action == REOPEN else text))
    if trailers:
        paragraphs.append("\n".join(f"{name}: {identity}" for name in trailers))
    return subject, "\n\n".join(paragraphs) + "\n"


def trailer_names(message: str, identity: Identity) -> tuple[str, ...]:
    """The trailers a message of ours carries for ``identity`` (its last paragraph's
    ``Name: identity`` lines): what the commit made from it must still carry."""
    last = message.rstrip("\n").rsplit("\n\n", 1)[-1]
    suffix = f": {identity}"
    return tuple(line[: -len(suffix)] for line in last.splitlines()
                 if line.endswith(suffix) and line[: -len(suffix)].replace("-", "").isalnum())
