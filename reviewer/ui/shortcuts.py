"""Every keyboard shortcut of the app, in one table (also shown under Help > Shortcuts)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

from reviewer.core.terms import PILLARS


@dataclass(frozen=True)
class Shortcut:
    name: str
    keys: tuple[str, ...]
    description: str

    def sequences(self) -> list[QKeySequence]:
        return [QKeySequence(k) for k in self.keys]


_TABLE = [
    Shortcut("save", ("Ctrl+S",), "Save the record (only the fields you changed)"),
    Shortcut("undo", ("Ctrl+Z",), "Undo the last edit"),
    Shortcut("redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "Redo"),
    Shortcut("verify", ("Ctrl+Return", "Ctrl+Enter"), "Verify the record and commit it"),
    Shortcut("reopen", ("Ctrl+Shift+R",), "Reopen a verified record (back to draft)"),
    Shortcut("next_record", ("Ctrl+Down", "Alt+Down"), "Next record in the list"),
    Shortcut("prev_record", ("Ctrl+Up", "Alt+Up"), "Previous record in the list"),
    Shortcut("next_draft", ("Ctrl+Shift+Down",), "Next draft"),
    Shortcut("focus_filter", ("Ctrl+L",), "Focus the record filter"),
    Shortcut("find", ("Ctrl+F",), "Find in the source text"),
    Shortcut("cite", ("Ctrl+Shift+C",), "Cite the selected source text for the current pillar"),
    Shortcut("find_next", ("F3",), "Find next"),
    Shortcut("find_prev", ("Shift+F3",), "Find previous"),
    Shortcut("history", ("Ctrl+H",), "Show or hide the record's history"),
    Shortcut("dashboard", ("Ctrl+Shift+D",), "Open the dashboard: how the drafts held up under review"),
    Shortcut("reload", ("F5",), "Reload the workspace from disk"),
    Shortcut("sync", ("Ctrl+Shift+Y",), "Sync with the team's remote: fetch, replay your commits, push"),
    Shortcut("open_workspace", ("Ctrl+O",), "Open another workspace"),
    Shortcut("shortcuts", ("F1",), "Show this list of shortcuts"),
    Shortcut("quit", ("Ctrl+Q",), "Quit"),
] + [Shortcut(f"pillar_{i}", (f"Alt+{i}",), f"Jump to pillar {i}: {name}")
     for i, name in enumerate(PILLARS, start=1)]

SHORTCUTS: dict[str, Shortcut] = {s.name: s for s in _TABLE}


def keys(name: str) -> list[QKeySequence]:
    return SHORTCUTS[name].sequences()


def table() -> list[tuple[str, str]]:
    """(keys as shown to the user, description) for the help dialog and the README."""
    return [(" / ".join(QKeySequence(k).toString(QKeySequence.NativeText) for k in s.keys),
             s.description) for s in _TABLE]
