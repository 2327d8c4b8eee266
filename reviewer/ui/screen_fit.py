"""Windows open no larger than the screen (issue 16).

A dialog sized for a 1600×1000 screen is taller than the screen at 200 % scale
(QT_SCALE_FACTOR=2 on that screen leaves 800×500 to lay out in): its buttons fall off the
bottom where no window manager moves it back. :func:`resize_within_screen` gives a window
its preferred size, or as much of the screen's room as there is.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

ROOM_SHARE = 0.92   # of the screen's free room, at most: its frame and the panel stay in view


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """``widget.resize(width, height)``, shrunk to fit the screen it opens on (its
    parent's), never below the size its layout needs."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, int(room.width() * ROOM_SHARE))
        height = min(height, int(room.height() * ROOM_SHARE))
    least = widget.minimumSizeHint()
    widget.resize(max(width, least.width()), max(height, least.height()))
