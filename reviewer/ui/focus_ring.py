"""The focus is always visible (issue 16): a ring in the highlight colour around the focused
text box, list or table.

Fusion (the style Qt picks where the desktop sets none) shows the focus of a line edit, a
spin box or a combo box by a frame in the highlight colour, and of a button, a check box or
a slider by a focus rectangle. A text box (the evidence, an audit note, the source text, the
commit note) it shows only by its thin text cursor, which a read-only one does not even
have, and a list or a table only by a dotted rectangle on the current row: among a form of
such boxes, the auditor working with the keyboard could not tell where the keys go.
:func:`install` follows the application's focus and rings those, as Fusion rings a line edit.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QAbstractItemView, QApplication, QPlainTextEdit, QTextEdit, QWidget

RINGED = (QPlainTextEdit, QTextEdit, QAbstractItemView)   # what the style marks no better
WIDTH = 2
_NAME = "focusRingFollower"


class FocusRing(QWidget):
    """A band along the inside of the edge of the widget it is on, in the active highlight
    colour. A child of that widget, laid over it and letting the mouse through: outside
    the widget, the form's boxes (laid edge to edge in their field) would cut it off."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("focusRing")
        self.setAttribute(Qt.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.NoFocus)
        self.target: QWidget | None = None

    def follow(self, widget: QWidget | None) -> None:
        """Ring ``widget`` (None: nothing)."""
        if self.target is not None:
            self.target.removeEventFilter(self)
        self.target = widget
        if widget is None:
            self.hide()
            return
        self.setParent(widget)
        self.setGeometry(widget.rect())
        widget.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.target and event.type() == QEvent.Resize:
            self.setGeometry(self.target.rect())
        return False

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setPen(QPen(self.palette().color(QPalette.Active, QPalette.Highlight), WIDTH))
        painter.drawRect(QRectF(self.rect()).adjusted(WIDTH / 2, WIDTH / 2, -WIDTH / 2, -WIDTH / 2))
        painter.end()


class _Follower(QObject):
    """Moves the one ring to each newly focused widget that needs it, hides it otherwise."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName(_NAME)
        self.ring: FocusRing | None = None
        app.focusChanged.connect(self._moved)

    def _moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not isinstance(new, RINGED):
            if self.ring is not None:
                self.ring.follow(None)
            return
        if self.ring is None:
            self.ring = FocusRing()
            # On a widget, the ring is its child and goes with it (a dialog closed): then a
            # new one is made for the next widget.
            self.ring.destroyed.connect(self._lost)
        self.ring.follow(new)

    def _lost(self, *args) -> None:
        self.ring = None


def install(app: QApplication) -> None:
    """Ring the focused text box, list or table of every window of ``app`` (once)."""
    if not installed(app):
        _Follower(app)


def installed(app: QApplication) -> bool:
    return app.findChild(QObject, _NAME) is not None
