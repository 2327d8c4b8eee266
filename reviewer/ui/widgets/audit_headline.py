"""The dashboard's headline numbers: records, verified, drafts, records reviewed here
(verified in this history, so compared with their drafts), the migration placeholders
still in the records' pillars, and the agreement between
auditors (Krippendorff's alpha) with the number of records it rests on.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from reviewer.ui import icons

TILES = (("records", QT_TRANSLATE_NOOP("AuditHeadline", "Records"), None),
         ("verified", QT_TRANSLATE_NOOP("AuditHeadline", "Verified"), "verified"),
         ("drafts", QT_TRANSLATE_NOOP("AuditHeadline", "Drafts"), "draft"),
         ("reviewed", QT_TRANSLATE_NOOP("AuditHeadline", "Reviewed here"), "info"),
         ("placeholders", QT_TRANSLATE_NOOP("AuditHeadline", "Placeholders left"), "warning"),
         ("alpha", QT_TRANSLATE_NOOP("AuditHeadline", "Agreement (α)"), None))


class AuditHeadline(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.values: dict[str, QLabel] = {}
        self.notes: dict[str, QLabel] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for key, title, color in TILES:
            tile = QFrame()
            tile.setObjectName(f"tile_{key}")
            tile.setFrameShape(QFrame.StyledPanel)
            inner = QVBoxLayout(tile)
            inner.setSpacing(0)
            value = QLabel("–")
            value.setObjectName(f"headline_{key}")
            note = QLabel(QCoreApplication.translate("AuditHeadline", title))
            for label in (value, note):
                label.setAlignment(Qt.AlignCenter)
                inner.addWidget(label)
            self.values[key], self.notes[key] = value, note
            layout.addWidget(tile, 1)
        self.follow_palette()

    def follow_palette(self) -> None:
        """Each number in its colour, each note muted, in the palette's set now (called again
        when the palette changed: a style sheet keeps the colour it was given)."""
        for key, _title, color in TILES:
            self.values[key].setStyleSheet("font-size: 22pt; font-weight: 600;"
                                           + (f" color: {icons.COLORS[color]};" if color else ""))
            self.notes[key].setStyleSheet(f"color: {icons.COLORS['muted']};")

    def set_numbers(self, records: int, verified: int, drafts: int, reviewed: int,
                    agreement: dict, placeholders: int = 0) -> None:
        for key, number in (("records", records), ("verified", verified), ("drafts", drafts),
                            ("reviewed", reviewed), ("placeholders", placeholders)):
            self.values[key].setText(f"{number:,}")
        alpha, over = agreement.get("alpha"), agreement.get("records", 0)
        self.values["alpha"].setText("–" if alpha is None else f"{alpha:.2f}")
        self.notes["alpha"].setText(
            self.tr("Agreement (α) over %n record(s)", "", over) if over else
            self.tr("Agreement (α): no record verified by two auditors"))
        self.values["alpha"].setToolTip(
            self.tr("Krippendorff's alpha (interval) over the scores of records verified by two or more "
                    "auditors: 1 is full agreement, 0 no better than chance"))
