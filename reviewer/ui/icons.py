"""Every icon of the app, in one place: drawn once from shapes, so none ships as a file;
but the application's own, which the desktop shows too and so ships in ``reviewer/resources``."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from reviewer.core import bundled

COLORS = {
    "draft": "#c27c0e",      # amber: waiting for review
    "verified": "#2e7d32",   # green
    "error": "#c62828",      # red: unreadable or invalid
    "warning": "#ef8f00",
    "info": "#1565c0",
    "muted": "#8a8a8a",
    "chart": "#00838f",      # teal: a second measure beside an "info" one in a chart
}


def _pixmap(size: int = 32) -> tuple[QPixmap, QPainter]:
    pm = QPixmap(size, size)
    pm.fill(Qt.transparent)
    painter = QPainter(pm)
    painter.setRenderHint(QPainter.Antialiasing)
    return pm, painter


@lru_cache(maxsize=None)
def dot(kind: str) -> QIcon:
    """A filled circle in the colour of a status (draft, verified, error, ...)."""
    pm, p = _pixmap()
    p.setPen(Qt.NoPen)
    p.setBrush(QColor(COLORS.get(kind, COLORS["muted"])))
    p.drawEllipse(QRectF(7, 7, 18, 18))
    p.end()
    return QIcon(pm)


@lru_cache(maxsize=None)
def check() -> QIcon:
    pm, p = _pixmap()
    pen = QPen(QColor(COLORS["verified"]), 4, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin)
    p.setPen(pen)
    path = QPainterPath()
    path.moveTo(7, 17)
    path.lineTo(13, 23)
    path.lineTo(25, 9)
    p.drawPath(path)
    p.end()
    return QIcon(pm)


@lru_cache(maxsize=None)
def warning() -> QIcon:
    pm, p = _pixmap()
    p.setPen(Qt.NoPen)
    p.setBrush(QColor(COLORS["warning"]))
    tri = QPainterPath()
    tri.moveTo(16, 4)
    tri.lineTo(29, 27)
    tri.lineTo(3, 27)
    tri.closeSubpath()
    p.drawPath(tri)
    p.setPen(QPen(QColor("white"), 3, Qt.SolidLine, Qt.RoundCap))
    p.drawLine(16, 11, 16, 19)
    p.drawPoint(16, 23)
    p.end()
    return QIcon(pm)


def status(kind: str) -> QIcon:
    return check() if kind == "verified" else dot(kind)


@lru_cache(maxsize=None)
def sync(kind: str = "info") -> QIcon:
    """Two arrows, up and down: sharing with the remote (coloured by how it stands)."""
    pm, p = _pixmap()
    pen = QPen(QColor(COLORS.get(kind, COLORS["info"])), 3, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin)
    p.setPen(pen)
    for x, top, bottom, head in ((11, 6, 26, 6), (21, 6, 26, 26)):
        p.drawLine(x, top, x, bottom)
        tip = -1 if head == top else 1
        p.drawLine(x, head, x - 5, head - 5 * tip)
        p.drawLine(x, head, x + 5, head - 5 * tip)
    p.end()
    return QIcon(pm)


@lru_cache(maxsize=None)
def application() -> QIcon:
    """The app's icon (a checked page) at every size it ships in: the window's, the task
    switcher's and, on a desktop without the installed entry, the dock's."""
    icon = QIcon()
    for size in bundled.ICON_SIZES:
        icon.addFile(str(bundled.png_icon(size)))
    return icon
