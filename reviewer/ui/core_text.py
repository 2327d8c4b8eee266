"""The core's messages in the interface language.

The core writes its findings, citation verdicts and diagnoses in English from literal
templates (``reviewer.core.texts.text``); ``tools/translations.py update`` lists those
templates in ``core_texts.py`` so that they are translated with the rest of the interface
(context ``CoreText``). :func:`translated` recognises a finished message by its template,
translates the template and puts the message's own values back into it, values that are
themselves core messages translated too. A message of no known template (git's own words,
a file's error, a path) is shown as it came.
"""

from __future__ import annotations

import re
from functools import lru_cache

from PySide6.QtCore import QCoreApplication

from reviewer.ui import i18n
from reviewer.ui.core_texts import TEMPLATES

CONTEXT = "CoreText"
PLACEHOLDER = re.compile(r"\{(\w+)(![rsa])?(:[^{}]*)?\}")
MIN_WORDS = 3   # letters of its own a template needs before it may claim a message
SEPARATOR = "; "   # between clauses (see reviewer.core.texts)


class Template:
    """One template, as a pattern that matches the messages made from it."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.names: list[str] = []
        pattern, literal, start = [], 0, 0
        for match in PLACEHOLDER.finditer(source):
            pattern.append(re.escape(source[start:match.start()]))
            literal += sum(c.isalpha() for c in source[start:match.start()])
            name = match.group(1)
            pattern.append(f"(?P={name})" if name in self.names else f"(?P<{name}>.*?)")
            if name not in self.names:
                self.names.append(name)
            start = match.end()
        pattern.append(re.escape(source[start:]))
        literal += sum(c.isalpha() for c in source[start:])
        self.letters = literal
        self.regex = re.compile("".join(pattern), re.DOTALL)

    def fill(self, translation: str, values: dict[str, str]) -> str:
        """``translation`` with each placeholder replaced by the message's own text for it."""
        return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), translation)


@lru_cache(maxsize=1)
def _templates() -> tuple[Template, ...]:
    """Every template with words of its own, the most specific (most letters) first."""
    made = [Template(source) for source in dict.fromkeys(TEMPLATES)]
    return tuple(sorted((t for t in made if t.letters >= MIN_WORDS), key=lambda t: -t.letters))


def translated(message: str) -> str:
    """``message`` in the interface language (as it is in English, or when no template
    made it)."""
    if not message or i18n.current() == i18n.ENGLISH:
        return message
    return _translated(message, i18n.current())


@lru_cache(maxsize=4096)
def _translated(message: str, language: str) -> str:
    """Each clause on its own: the core joins clauses with "; " outside its templates."""
    if SEPARATOR in message:
        return SEPARATOR.join(_clause(part, language) for part in message.split(SEPARATOR))
    return _clause(message, language)


def _clause(message: str, language: str) -> str:
    """The template that explains most of the clause with its own words wins: in
    "X under Y (plan.md line 4)" that is "{heading} ({file} line {line})" (whose heading
    is "{heading} under {parents}"), not "under" swallowing the file and line."""
    best, best_score = None, -1
    for template in _templates():
        match = template.regex.fullmatch(message)
        if match is not None:
            score = len(message) - sum(len(match.group(n)) for n in template.names)
            if score > best_score:
                best, best_score = (template, match), score
    if best is None:
        return message
    template, match = best
    translation = QCoreApplication.translate(CONTEXT, template.source)
    values = {name: _value(match.group(name), language) for name in template.names}
    return template.fill(translation, values)


def _value(value: str, language: str) -> str:
    """A value put into a message: a citation verdict or an interrupted action (verify,
    reopen) by its name, a message of its own translated, anything else (ids, titles, file
    names, git's words) as it is."""
    if value in i18n.CITATION_STATUS_NAMES:
        return i18n.citation_status_name(value)
    if value in i18n.REVIEW_ACTION_NAMES:
        return i18n.review_action_name(value)
    return _translated(value, language) if value else value


def clear_cache() -> None:
    """Forget the translations made (after the interface language changes)."""
    _translated.cache_clear()
