"""The status bar's indexing indicator: what is being indexed, how far, and a bar.

Hidden when nothing is being indexed, so it only draws the eye while the list or search may
still be incomplete.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

LABELS = {"records": "Indexing records", "sources": "Indexing source texts"}


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
        if total:
            self.bar.setValue(min(done, total))
            self.label.setText(f"{LABELS.get(what, what)} {done:,} / {total:,}")
        else:
            self.label.setText(f"{LABELS.get(what, what)}…")
        self.setVisible(True)

    def done(self) -> None:
        self.setVisible(False)
