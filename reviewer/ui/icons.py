"""Every icon of the app, in one place: drawn once from shapes, so none ships as a file;
but the application's own, which the desktop shows too and so ships in ``reviewer/resources``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap

from reviewer.core import bundled

# Each colour is also a text colour (a status, a finding, a note), so each keeps at least
# WCAG's 4.5:1 against the window it is drawn on: the light set on a light palette (Fusion's
# #efefef, a table's white), the dark set on a dark one (down to a #3c3c3c window).
LIGHT = {
    "draft": "#8a6100",      # amber: waiting for review
    "verified": "#2a6e2e",   # green
    "error": "#c62828",      # red: unreadable or invalid
    "warning": "#b34700",    # orange
    "info": "#1565c0",
    "muted": "#666666",
    "chart": "#00707a",      # teal: a second measure beside an "info" one in a chart
}
DARK = {
    "draft": "#f2b552",
    "verified": "#81c784",
    "error": "#ff9a90",
    "warning": "#ffab66",
    "info": "#8ab4f8",
    "muted": "#b0b0b0",
    "chart": "#4dd0e1",
}
# Backgrounds of found and cited text in a source, under the palette's own text colour.
HIGHLIGHTS = {False: {"match": "#fff59d", "current": "#ffb74d", "section": "#e3f2fd"},
              True: {"match": "#5c5000", "current": "#8a4500", "section": "#1d3a5a"}}


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether ``palette`` (the application's) is a dark one: light text on a dark window,
    as the system gives it when the desktop is in dark mode."""
    if palette is None:
        if QGuiApplication.instance() is None:
            return False
        palette = QGuiApplication.palette()
    return palette.color(QPalette.Window).lightness() < 128


class _Colours(Mapping):
    """``COLORS[kind]``: the colour of ``kind`` for the palette in use now, looked up at
    each use, so what is drawn after the system turned dark is drawn in the dark set."""

    def __getitem__(self, kind: str) -> str:
        return (DARK if is_dark() else LIGHT)[kind]

    def __iter__(self) -> Iterator[str]:
        return iter(LIGHT)

    def __len__(self) -> int:
        return len(LIGHT)


COLORS: Mapping[str, str] = _Colours()


def highlight(kind: str) -> QColor:
    """The background of a ``match``, the ``current`` match or a cited ``section``."""
    return QColor(HIGHLIGHTS[is_dark()][kind])


def _pixmap(size: int = 32) -> tuple[QPixmap, QPainter]:
    pm = QPixmap(size, size)
    pm.fill(Qt.transparent)
    painter = QPainter(pm)
    painter.setRenderHint(QPainter.Antialiasing)
    return pm, painter


def dot(kind: str) -> QIcon:
    """A filled circle in the colour of a status (draft, verified, error, ...)."""
    return _dot(COLORS.get(kind, COLORS["muted"]))


@lru_cache(maxsize=None)
def _dot(color: str) -> QIcon:
    pm, p = _pixmap()
    p.setPen(Qt.NoPen)
    p.setBrush(QColor(color))
    p.drawEllipse(QRectF(7, 7, 18, 18))
    p.end()
    return QIcon(pm)


def check() -> QIcon:
    return _check(COLORS["verified"])


@lru_cache(maxsize=None)
def _check(color: str) -> QIcon:
    pm, p = _pixmap()
    pen = QPen(QColor(color), 4, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin)
    p.setPen(pen)
    path = QPainterPath()
    path.moveTo(7, 17)
    path.lineTo(13, 23)
    path.lineTo(25, 9)
    p.drawPath(path)
    p.end()
    return QIcon(pm)


def warning() -> QIcon:
    return _warning(COLORS["warning"])


@lru_cache(maxsize=None)
def _warning(color: str) -> QIcon:
    pm, p = _pixmap()
    p.setPen(Qt.NoPen)
    p.setBrush(QColor(color))
    tri = QPainterPath()
    tri.moveTo(16, 4)
    tri.lineTo(29, 27)
    tri.lineTo(3, 27)
    tri.closeSubpath()
    p.drawPath(tri)
    mark = "black" if QColor(color).lightness() > 150 else "white"   # the dark set's is light
    p.setPen(QPen(QColor(mark), 3, Qt.SolidLine, Qt.RoundCap))
    p.drawLine(16, 11, 16, 19)
    p.drawPoint(16, 23)
    p.end()
    return QIcon(pm)


def status(kind: str) -> QIcon:
    return check() if kind == "verified" else dot(kind)


def sync(kind: str = "info") -> QIcon:
    """Two arrows, up and down: sharing with the remote (coloured by how it stands)."""
    return _sync(COLORS.get(kind, COLORS["info"]))


@lru_cache(maxsize=None)
def _sync(color: str) -> QIcon:
    pm, p = _pixmap()
    pen = QPen(QColor(color), 3, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin)
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
