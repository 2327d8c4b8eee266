"""Windows that draw in status colours follow a live switch of the system's palette.

When the desktop turns dark or light while the app runs, Qt changes the application's
palette and sends each top-level window (the main window, every open dialog) a
PaletteChange; a child of another window never hears of a dialog's. A window made with
:class:`FollowsPalette` first among its bases then calls its ``follow_palette()``, which
draws again what it coloured from ``icons.COLORS`` (style sheets, spans, icons, charts).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent


class FollowsPalette:
    """Mixin for a top-level QWidget: ``class Dialog(FollowsPalette, QDialog)``."""

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.PaletteChange:
            self.follow_palette()

    def follow_palette(self) -> None:
        """Draw the status colours again, in the set of the palette now."""
        raise NotImplementedError
