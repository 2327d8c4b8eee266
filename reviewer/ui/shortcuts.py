"""Every keyboard shortcut of the app, in one table (also shown under Help > Shortcuts)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QKeySequence

from reviewer.core.terms import PILLARS


@dataclass(frozen=True)
class Shortcut:
    name: str
    keys: tuple[str, ...]
    text: str            # English, marked for translation; :attr:`description` is what shows
    pillar: str = ""     # the pillar a "Jump to pillar" shortcut goes to

    @property
    def description(self) -> str:
        """What the shortcut does, in the interface language."""
        text = QCoreApplication.translate("Shortcuts", self.text)
        if self.pillar:
            from reviewer.ui.i18n import pillar_name
            return text.format(number=self.name.rsplit("_", 1)[1], name=pillar_name(self.pillar))
        return text

    def sequences(self) -> list[QKeySequence]:
        return [QKeySequence(k) for k in self.keys]


_TABLE = [
    Shortcut("save", ("Ctrl+S",), QT_TRANSLATE_NOOP("Shortcuts", "Save the record (only the fields you changed)")),
    Shortcut("undo", ("Ctrl+Z",), QT_TRANSLATE_NOOP("Shortcuts", "Undo the last edit")),
    Shortcut("redo", ("Ctrl+Shift+Z", "Ctrl+Y"), QT_TRANSLATE_NOOP("Shortcuts", "Redo")),
    Shortcut("verify", ("Ctrl+Return", "Ctrl+Enter"), QT_TRANSLATE_NOOP("Shortcuts", "Verify the record and commit it")),
    Shortcut("reopen", ("Ctrl+Shift+R",), QT_TRANSLATE_NOOP("Shortcuts", "Reopen a verified record (back to draft)")),
    Shortcut("next_record", ("Ctrl+Down", "Alt+Down"), QT_TRANSLATE_NOOP("Shortcuts", "Next record in the list")),
    Shortcut("prev_record", ("Ctrl+Up", "Alt+Up"), QT_TRANSLATE_NOOP("Shortcuts", "Previous record in the list")),
    Shortcut("next_draft", ("Ctrl+Shift+Down",), QT_TRANSLATE_NOOP("Shortcuts", "Next draft")),
    Shortcut("focus_filter", ("Ctrl+L",), QT_TRANSLATE_NOOP("Shortcuts", "Focus the record filter")),
    Shortcut("find", ("Ctrl+F",), QT_TRANSLATE_NOOP("Shortcuts", "Find in the source text")),
    Shortcut("cite", ("Ctrl+Shift+C",), QT_TRANSLATE_NOOP("Shortcuts", "Cite the selected source text for the current pillar")),
    Shortcut("find_next", ("F3",), QT_TRANSLATE_NOOP("Shortcuts", "Find next")),
    Shortcut("find_prev", ("Shift+F3",), QT_TRANSLATE_NOOP("Shortcuts", "Find previous")),
    Shortcut("history", ("Ctrl+H",), QT_TRANSLATE_NOOP("Shortcuts", "Show or hide the record's history")),
    Shortcut("dashboard", ("Ctrl+Shift+D",), QT_TRANSLATE_NOOP("Shortcuts", "Open the dashboard: how the drafts held up under review")),
    Shortcut("reload", ("F5",), QT_TRANSLATE_NOOP("Shortcuts", "Reload the workspace from disk")),
    Shortcut("sync", ("Ctrl+Shift+Y",), QT_TRANSLATE_NOOP("Shortcuts", "Sync with the team's remote: fetch, replay your commits, push")),
    Shortcut("open_workspace", ("Ctrl+O",), QT_TRANSLATE_NOOP("Shortcuts", "Open another workspace")),
    Shortcut("preferences", ("Ctrl+,",), QT_TRANSLATE_NOOP("Shortcuts", "Preferences: who verifies, language, "
                                                              "recovery, sync, source font")),
    Shortcut("shortcuts", ("F1",), QT_TRANSLATE_NOOP("Shortcuts", "Show this list of shortcuts")),
    Shortcut("quit", ("Ctrl+Q",), QT_TRANSLATE_NOOP("Shortcuts", "Quit")),
] + [Shortcut(f"pillar_{i}", (f"Alt+{i}",), QT_TRANSLATE_NOOP("Shortcuts", "Jump to pillar {number}: {name}"),
              pillar=name) for i, name in enumerate(PILLARS, start=1)]

SHORTCUTS: dict[str, Shortcut] = {s.name: s for s in _TABLE}


def keys(name: str) -> list[QKeySequence]:
    return SHORTCUTS[name].sequences()


def table() -> list[tuple[str, str]]:
    """(keys as shown to the user, description) for the help dialog and the README."""
    return [(" / ".join(QKeySequence(k).toString(QKeySequence.NativeText) for k in s.keys),
             s.description) for s in _TABLE]
