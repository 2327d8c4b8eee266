"""The status bar's indexing indicator: what is being indexed, how far, and a bar.

Hidden when nothing is being indexed, so it only draws the eye while the list or search may
still be incomplete.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

LABELS = {"records": QT_TRANSLATE_NOOP("IndexProgress", "Indexing records"),
          "sources": QT_TRANSLATE_NOOP("IndexProgress", "Indexing source texts")}


class IndexProgress(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("indexProgress")
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setFixedWidth(160)
        self.bar.setTextVisible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        self.setVisible(False)

    def show_progress(self, what: str, done: int, total: int) -> None:
        """``total`` 0: not known yet (a busy bar)."""
        self.bar.setRange(0, max(total, 0))
        label = QCoreApplication.translate("IndexProgress", LABELS[what]) if what in LABELS else what
        if total:
            self.bar.setValue(min(done, total))
            self.label.setText(self.tr("{what} {done} / {total}").format(what=label, done=f"{done:,}",
                                                                         total=f"{total:,}"))
        else:
            self.label.setText(self.tr("{what}…").format(what=label))
        self.setVisible(True)

    def done(self) -> None:
        self.setVisible(False)
