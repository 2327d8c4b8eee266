"""The app's preferences, read and written in one way: typed, with defaults, validated.

Everything the Preferences dialog shows is stored in the window's ``QSettings`` under the
keys below; the flows read them through :class:`Preferences`, never with ``settings.value``
of their own. A stored value that is not what its key holds (``unsaved/keep_seconds=abc``
in the ini, a size of 0, a font size of 500) reads as its default, so a damaged settings
file never stops the app or makes it save edits only once an hour.

- ``review/name``, ``review/email``: who verifies (the commit's author and its trailer).
  Empty: git's ``user.name`` and ``user.email`` are used, as before. The verify dialog
  fills its fields from these and remembers what was typed there.
- ``interface/language``: system, en or zh_CN (see :mod:`reviewer.ui.i18n`).
- ``unsaved/keep_seconds``: how soon after an edit its unsaved edits are kept in the
  recovery folder (:mod:`reviewer.ui.flows.unsaved_flow`).
- ``sync/background_fetch``, ``sync/fetch_minutes``, ``sync/push_after_verify``: the
  background check of the team's remote and sharing each verify at once (also in the
  Sync button's menu).
- ``sources/font_family``, ``sources/font_size``: the source texts' font (empty or 0: the
  interface's own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from reviewer.ui import i18n

NAME, EMAIL = "review/name", "review/email"
KEEP_SECONDS = "unsaved/keep_seconds"
BACKGROUND_FETCH, FETCH_MINUTES = "sync/background_fetch", "sync/fetch_minutes"
PUSH_AFTER_VERIFY = "sync/push_after_verify"
FONT_FAMILY, FONT_SIZE = "sources/font_family", "sources/font_size"

DEFAULT_KEEP_SECONDS, KEEP_SECONDS_RANGE = 1, (1, 60)     # "within a second or two" by default
DEFAULT_FETCH_MINUTES, FETCH_MINUTES_RANGE = 5, (1, 240)
FONT_SIZE_RANGE = (6, 48)
# One address: something@somewhere, without spaces, angle brackets or a second @ (git
# would silently drop the brackets and line breaks from the commit's author).
EMAIL_PATTERN = re.compile(r"[^@\s<>]+@[^@\s<>]+")


@dataclass(frozen=True)
class Choices:
    """What the Preferences dialog holds: every setting, as typed values."""
    name: str
    email: str
    language: str
    keep_seconds: int
    background_fetch: bool
    fetch_minutes: int
    push_after_verify: bool
    font_family: str          # "": the interface's font
    font_size: int            # 0: the interface's size


def identity_problems(name: str, email: str) -> dict[str, str]:
    """Why a reviewer name and email cannot be used, by field (``name``, ``email``); empty
    when they can. Both empty is fine: git's own identity is used then."""
    name, email = name.strip(), email.strip()
    problems: dict[str, str] = {}
    if any(c in name for c in "<>\n\r\0"):
        problems["name"] = QCoreApplication.translate(
            "Preferences", "A name cannot contain '<', '>' or a line break (git would drop them).")
    if email and not EMAIL_PATTERN.fullmatch(email):
        problems["email"] = QCoreApplication.translate(
            "Preferences", "Not an email address: write it as name@example.org, without spaces or "
                           "angle brackets.")
    elif name and not email:
        problems["email"] = QCoreApplication.translate(
            "Preferences", "Enter the email that goes with this name (or leave both empty to use git's).")
    if email and not name and "name" not in problems:
        problems["name"] = QCoreApplication.translate(
            "Preferences", "Enter the name that goes with this email (or leave both empty to use git's).")
    return problems


def flag(value: object, default: bool) -> bool:
    """A stored yes/no: QSettings gives ``True`` from native stores, ``"true"`` from an ini."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower() if value is not None else ""
    if text in ("true", "1", "yes", "on"):
        return True
    if text in ("false", "0", "no", "off"):
        return False
    return default


def whole_number(value: object, default: int, bounds: tuple[int, int]) -> int:
    """A stored whole number within ``bounds``; anything else (``abc``, 0, 1e9) the default."""
    try:
        number = float(str(value).strip())
    except (TypeError, ValueError):
        return default
    if not number.is_integer() or not bounds[0] <= number <= bounds[1]:
        return default
    return int(number)


class Preferences:
    """Typed access to the preferences in ``settings`` (the window's QSettings)."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def _text(self, key: str) -> str:
        value = self.settings.value(key, "")
        return value.strip() if isinstance(value, str) else ""

    # ---- who verifies ---------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self._text(NAME)

    @property
    def email(self) -> str:
        return self._text(EMAIL)

    def identity(self) -> tuple[str | None, str | None]:
        """(name, email) for a commit, None where git's own is to be used."""
        return self.name or None, self.email or None

    def set_identity(self, name: str, email: str) -> None:
        """Store who verifies; refused (ValueError, nothing stored) when :func:`identity_problems`
        finds something wrong with them."""
        problems = identity_problems(name, email)
        if problems:
            raise ValueError(" ".join(problems.values()))
        self.settings.setValue(NAME, name.strip())
        self.settings.setValue(EMAIL, email.strip())

    def remember_identity(self, name: str, email: str) -> bool:
        """The identity a verify was confirmed with, kept for the next one unless it is one
        Preferences would refuse (then what was kept stays); True when kept."""
        try:
            self.set_identity(name, email)
        except ValueError:
            return False
        return True

    # ---- the rest --------------------------------------------------------------------------
    @property
    def language(self) -> str:
        return i18n.chosen(self.settings)

    @property
    def keep_seconds(self) -> int:
        return whole_number(self.settings.value(KEEP_SECONDS), DEFAULT_KEEP_SECONDS, KEEP_SECONDS_RANGE)

    @property
    def background_fetch(self) -> bool:
        return flag(self.settings.value(BACKGROUND_FETCH), True)

    @property
    def fetch_minutes(self) -> int:
        return whole_number(self.settings.value(FETCH_MINUTES), DEFAULT_FETCH_MINUTES, FETCH_MINUTES_RANGE)

    @property
    def push_after_verify(self) -> bool:
        return flag(self.settings.value(PUSH_AFTER_VERIFY), False)

    def set_background_fetch(self, on: bool) -> None:
        self.settings.setValue(BACKGROUND_FETCH, bool(on))

    def set_push_after_verify(self, on: bool) -> None:
        self.settings.setValue(PUSH_AFTER_VERIFY, bool(on))

    @property
    def font_family(self) -> str:
        return self._text(FONT_FAMILY)

    @property
    def font_size(self) -> int:
        return whole_number(self.settings.value(FONT_SIZE), 0, FONT_SIZE_RANGE)

    def source_font(self) -> QFont:
        """The source texts' font: the chosen family and size over the interface's font."""
        font = QFont(QApplication.font())
        if self.font_family:
            font.setFamily(self.font_family)
        if self.font_size:
            font.setPointSize(self.font_size)
        return font

    def choices(self) -> Choices:
        return Choices(self.name, self.email, self.language, self.keep_seconds, self.background_fetch,
                       self.fetch_minutes, self.push_after_verify, self.font_family, self.font_size)

    def store(self, choices: Choices) -> None:
        """Store every choice; the identity is checked first (ValueError: nothing stored)."""
        self.set_identity(choices.name, choices.email)
        language = choices.language if choices.language in i18n.CHOICES else i18n.SYSTEM
        self.settings.setValue(i18n.SETTING, language)
        self.settings.setValue(KEEP_SECONDS, whole_number(choices.keep_seconds, DEFAULT_KEEP_SECONDS,
                                                          KEEP_SECONDS_RANGE))
        self.set_background_fetch(choices.background_fetch)
        self.settings.setValue(FETCH_MINUTES, whole_number(choices.fetch_minutes, DEFAULT_FETCH_MINUTES,
                                                           FETCH_MINUTES_RANGE))
        self.set_push_after_verify(choices.push_after_verify)
        self.settings.setValue(FONT_FAMILY, choices.font_family.strip())
        self.settings.setValue(FONT_SIZE, whole_number(choices.font_size, 0, FONT_SIZE_RANGE))
        self.settings.sync()
