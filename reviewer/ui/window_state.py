"""What the main window keeps: its shape between runs, and everything it shows when it is
built again in place for a new interface language.

Between runs the window's geometry, docks and splitter are kept in the settings
(:func:`restore` when it is made, :func:`save` when it closes).

Qt tells every widget of a language change, but the widgets here set their texts once,
when built; so a new language is shown by building the window again (:func:`rebuild`): a
new window of the same class on the same settings, in the old one's place and shape, with
the same workspace, the same record open and the same filter text; then the old one closes
as it would at a quit. That is done only when nothing would be lost or cut short: no
unsaved edits, no verify or reopen under way, no sync running or paused (:func:`blocked`
says why not; the language then changes at the next start).

This module knows the window's parts, so that the flows need not.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow

from reviewer.ui import i18n

GEOMETRY, STATE, SPLITTER = "window/geometry", "window/state", "window/splitter"
DEFAULT_SIZE = (1500, 900)
# The windows built here: a top-level window has no parent to keep it, so this does.
_built: list[QMainWindow] = []


def restore(window) -> None:
    """Give a new window the shape it had when it last closed (else the default size, at
    most the screen's room: a 1400x900 screen shows the whole window)."""
    settings = window.settings
    geometry = settings.value(GEOMETRY)
    if geometry is not None:
        window.restoreGeometry(geometry)
    else:
        room = window.screen().availableGeometry() if window.screen() else None
        window.resize(min(DEFAULT_SIZE[0], room.width()) if room else DEFAULT_SIZE[0],
                      min(DEFAULT_SIZE[1], room.height()) if room else DEFAULT_SIZE[1])
    state = settings.value(STATE)
    if state is not None:
        window.restoreState(state)
    sizes = settings.value(SPLITTER)
    if sizes is not None:
        window.splitter.restoreState(sizes)


def save(window) -> None:
    """Keep the window's shape for the next run (when it closes)."""
    window.settings.setValue(GEOMETRY, window.saveGeometry())
    window.settings.setValue(STATE, window.saveState())
    window.settings.setValue(SPLITTER, window.splitter.saveState())


def windows() -> list[QMainWindow]:
    """The windows built here that are still open (the newest last)."""
    return [w for w in _built if w.isVisible()]


def blocked(window) -> str | None:
    """Why ``window`` cannot be built again now (None: it can)."""
    session = window.session
    if session is not None and session.dirty:
        return QCoreApplication.translate("WindowState", "the open record has unsaved edits")
    if window.review.dialog is not None:
        return QCoreApplication.translate("WindowState", "a verify or reopen is under way")
    if window.team.running or window.team.paused:
        return QCoreApplication.translate("WindowState", "a sync is under way")
    return None


def rebuild(window, language: str):
    """Install ``language`` (system, en, zh_CN) and put a new window of ``window``'s class in
    its place, showing what it showed; returns the new window. Call only when
    :func:`blocked` says nothing."""
    geometry, state, splitter = window.saveGeometry(), window.saveState(), window.splitter.saveState()
    ws, session = window.workspace, window.session
    path = session.path if session is not None else None
    record_id = session.record.record_id if session is not None and session.record is not None else None
    filter_text = window.record_list.filter.text()
    dashboard = window.dashboard.is_open
    problem = window.no_workspace if window.no_workspace is not None and window.no_workspace.isVisible() \
        else None
    i18n.switch(language)
    new = type(window)(window.settings)
    new.restoreGeometry(geometry)
    new.restoreState(state)
    new.splitter.restoreState(splitter)
    new.show()
    if ws is not None:
        _reopen(new, ws, path, record_id, filter_text)
        if dashboard:
            new.dashboard.open()
    elif problem is not None:
        new.show_no_workspace(problem.message.text(), problem.folder)
    window.close()
    window.deleteLater()
    _built[:] = [w for w in _built if w is not window and w.isVisible()] + [new]
    return new


def _reopen(new, ws, path: Path | None, record_id: str | None, filter_text: str) -> None:
    """Open ``ws`` in ``new`` with the record at ``path``; the filter text goes back once a
    record shows (set first, it could hide the record asked for)."""
    if path is None:
        new.record_list.filter.setText(filter_text)
        new.open_workspace(ws)
        return

    def loaded(shown: Path) -> None:
        new.record_loaded.disconnect(loaded)
        if shown != path:  # no id, or one another file shares: open the very file
            new.records.select(path)
        if filter_text:
            new.record_list.filter.setText(filter_text)
    new.record_loaded.connect(loaded)
    new.open_workspace(ws, select=record_id)
