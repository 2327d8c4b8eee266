"""The Sync control in the status bar: where the branch stands against the team's remote
(↑ commits to share, ↓ commits to receive), a click to sync, and a menu with the
background fetch, pushing after each verify, and what to do with a paused sync."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from reviewer.ui import icons
from reviewer.ui.core_text import translated


class SyncButton(QToolButton):
    sync_requested = Signal()
    resolve_requested = Signal()
    abort_requested = Signal()
    background_toggled = Signal(bool)
    push_after_verify_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncButton")
        self.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.setPopupMode(QToolButton.MenuButtonPopup)
        self.setAutoRaise(True)
        self.clicked.connect(self._clicked)
        self.paused = False
        self._kind = "info"      # how the branch stands: the icon's colour
        menu = QMenu(self)
        self.sync_action = menu.addAction(self.tr("Sync now"), self.sync_requested)
        self.resolve_action = menu.addAction(self.tr("Resolve conflicts…"), self.resolve_requested)
        self.abort_action = menu.addAction(self.tr("Abort the sync (put everything back)"),
                                           self.abort_requested)
        menu.addSeparator()
        self.background = self._toggle(menu, self.tr("Check the remote in the background"),
                                       self.background_toggled)
        self.push_after_verify = self._toggle(menu, self.tr("Share each verify at once (push)"),
                                              self.push_after_verify_toggled)
        self.setMenu(menu)
        self.show_unknown()

    @staticmethod
    def _toggle(menu: QMenu, text: str, signal: Signal) -> QAction:
        action = menu.addAction(text)
        action.setCheckable(True)
        action.toggled.connect(signal)
        return action

    def _clicked(self) -> None:
        (self.resolve_requested if self.paused else self.sync_requested).emit()

    # ---- states -------------------------------------------------------------------------------
    def show_unknown(self) -> None:
        self._show(self.tr("Sync"), self.tr("Sync with the team's remote"), "info", paused=False)

    def show_position(self, upstream: str, ahead: int, behind: int, checked: str) -> None:
        """``ahead``/``behind`` against ``upstream`` as of ``checked`` (a time of day)."""
        marks = " ".join(part for part in (f"↑{ahead}" if ahead else "", f"↓{behind}" if behind else "")
                         if part)
        tip = self.tr("{upstream}: %n commit(s) here to share, {behind} on the remote to receive (checked "
                      "{checked}). Click to sync.", "", ahead).format(upstream=upstream, behind=behind, checked=checked) \
            if ahead or behind else \
            self.tr("Up to date with {upstream} (checked {checked}).").format(upstream=upstream, checked=checked)
        self._show(self.tr("Sync {marks}").format(marks=marks).strip(), tip, "info" if ahead or behind else "verified",
                   paused=False)

    def show_working(self, what: str | None = None) -> None:
        self._show(what or self.tr("Syncing…"), self.tr("Working with the remote; the window stays usable."), "muted",
                   paused=self.paused)
        self.setEnabled(False)

    def show_paused(self, count: int) -> None:
        text = self.tr("Sync paused: %n conflict(s)", "", count) if count else self.tr("Sync paused")
        self._show(text, self.tr("A teammate changed the same fields: click to choose what each keeps, "
                                 "or abort the sync from the menu."), "warning", paused=True)

    def show_problem(self, text: str, why: str) -> None:
        """No sync is possible (no upstream), or the last one failed: said in the tooltip."""
        self._show(text, translated(why), "error", paused=False)

    def _show(self, text: str, tip: str, kind: str, paused: bool) -> None:
        self.setEnabled(True)
        self.paused = paused
        self.setText(text)
        self.setToolTip(tip)
        self._kind = kind
        self.follow_palette()
        self.resolve_action.setVisible(paused)
        self.abort_action.setVisible(paused)
        self.sync_action.setVisible(not paused)

    def follow_palette(self) -> None:
        """The icon in the colour set of the palette now (called again when it changed: the
        icon drawn before keeps the colour it was drawn in)."""
        kind = self._kind
        self.setIcon(icons.warning() if kind in ("warning", "error") else icons.sync(kind))
