"""Preferences from the window (Ctrl+,): the dialog, then each choice stored and applied at
once, no restart needed.

- Who verifies: stored; the verify dialog and a sync read it when they start (git's own
  identity, looked up in a worker, shows in the empty fields).
- How soon unsaved edits are kept: the recovery timer of :class:`UnsavedFlow`.
- The background check of the remote and sharing each verify: :class:`SyncFlow`.
- The source texts' font: every source tab, and those made later.
- The interface language: the window is built again in it (:mod:`reviewer.ui.window_state`),
  keeping the workspace, the record, the filter and the window's shape; while that would
  lose or cut short something (unsaved edits, a verify, a sync), the language is stored and
  shows at the next start, and the status bar says so.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMainWindow

from reviewer.core.services import reviews
from reviewer.ui import i18n, window_state
from reviewer.ui.context import AppContext
from reviewer.ui.dialogs.preferences_dialog import PreferencesDialog
from reviewer.ui.flows.sync_flow import SyncFlow
from reviewer.ui.flows.unsaved_flow import UnsavedFlow
from reviewer.ui.preferences import Choices, Preferences


class PreferencesFlow(QObject):
    applied = Signal()        # choices stored and applied (tests)

    def __init__(self, ctx: AppContext, unsaved: UnsavedFlow, team: SyncFlow, window: QMainWindow) -> None:
        super().__init__(window)
        self.ctx, self.unsaved, self.team, self.window = ctx, unsaved, team, window
        self.preferences = Preferences(ctx.settings)
        self.dialog: PreferencesDialog | None = None     # the open dialog (tests answer it)
        self._apply_views()

    def open(self) -> None:
        """Show the dialog with the stored choices (one at a time)."""
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        dialog = PreferencesDialog(self.preferences.choices(), self.window)
        self.dialog = dialog
        ws = self.ctx.workspace
        if ws is not None:
            self.ctx.run("git-identity", lambda: reviews.git_identity(ws),
                         lambda found: self.dialog is dialog and dialog.set_git_identity(*found),
                         lambda _message: None, quiet=True)
        dialog.accepted.connect(lambda: self.apply(dialog.choices()))
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.open()

    def apply(self, choices: Choices) -> None:
        """Store ``choices`` and bring the window in line with them."""
        self.preferences.store(choices)
        self._apply_views()
        self.team.preferences_changed(self.preferences)
        if i18n.resolve(choices.language) != i18n.current():
            self._change_language(choices.language)
        self.applied.emit()

    def _apply_views(self) -> None:
        """The settings the views and the recovery timer read (also at start)."""
        self.unsaved.set_keep_delay(self.preferences.keep_seconds * 1000)
        self.ctx.views.source_view.set_text_font(self.preferences.source_font())

    def _change_language(self, language: str) -> None:
        why_not = window_state.blocked(self.window)
        if why_not:
            self.ctx.status(self.tr("The interface language changes at the next start (or the next "
                                    "OK in Preferences): {reason}; nothing was lost").format(reason=why_not), 15000)
            return
        # Once the dialog is gone: the window it belongs to is replaced.
        QTimer.singleShot(0, lambda: window_state.blocked(self.window) is None
                          and window_state.rebuild(self.window, language))
