"""Sentences for people, made from literal templates so that the interface can translate them.

The core says what it found in English: the command line prints it as it is (scripts parse
it) and JSON carries it. The desktop app may show another language, so a message the window
shows is written as ``text("no heading is titled {title!r}", title=title)`` rather than as an
f-string: the template is a literal that ``tools/translations.py update`` collects (into
``reviewer/ui/core_texts.py``) for Qt's translation, and the interface recognises a finished
message by its template (``reviewer/ui/core_text.py``) and puts the values into the
translated one. A message stays a plain ``str``: it survives JSON, the index and worker
processes unchanged.

Rules for a template: a literal string; placeholders ``{name}``, ``{name!r}`` or
``{name:spec}`` only (no positional ``{}``); some words of its own beside them; one clause.
A message of several clauses joins them with ``"; "`` outside the templates
(``text("a") + "; " + text("b")``): the interface translates each clause on its own. A value
that is itself made with :func:`text` is translated too.
"""

from __future__ import annotations


def text(template: str, /, **values: object) -> str:
    """``template`` with ``values`` put in (``str.format``)."""
    return template.format(**values)
