"""Add a pillar the record does not assess yet (from a citation, or the card's own button):
which pillar, what score.

Adding a pillar used to create it with ``score: 0``, a score nobody gave (issue 12). This
dialog asks for the score; until one is chosen it cannot be confirmed.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reviewer.ui import i18n

NO_SCORE = -1   # the spin box's starting value, shown as "—": the auditor must choose one


class AddPillarDialog(QDialog):
    """Emits ``chosen(pillar, score)`` when confirmed."""

    chosen = Signal(str, int)

    def __init__(self, pillars: list[str], citation: str | None, preselect: str | None = None,
                 parent: QWidget | None = None, config=None) -> None:
        """``citation``: the one the new pillar gets (None: added from its card, without)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add pillar"))
        self.setObjectName("addPillarDialog")
        intro = QLabel(self.tr("The record does not assess this pillar yet. It will be added with the "
                               "citation <b>{citation}</b> and the score you give it.").format(
                           citation=html.escape(citation)) if citation else
                       self.tr("The record does not assess this pillar yet. It will be added with the "
                               "score you give it; its evidence and citation follow in the card."))
        intro.setWordWrap(True)
        self.pillar = QComboBox()
        self.pillar.setAccessibleName(self.tr("Pillar"))   # on Linux, Qt names a combo box by its value
        for pillar in pillars:
            self.pillar.addItem(i18n.pillar_name(pillar, config), pillar)
        if preselect in pillars:
            self.pillar.setCurrentIndex(pillars.index(preselect))
        self.score = QSpinBox(minimum=NO_SCORE, maximum=100)
        self.score.setSpecialValueText("—")
        self.score.setValue(NO_SCORE)
        self.score.valueChanged.connect(self._update_ok)
        form = QFormLayout()
        form.addRow(self.tr("Pillar"), self.pillar)
        form.addRow(self.tr("Score (0-100)"), self.score)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.Ok)
        self.ok.setText(self.tr("Add pillar and cite") if citation else self.tr("Add pillar"))
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update_ok()
        self.score.setFocus()

    def _update_ok(self, *args) -> None:
        self.ok.setEnabled(self.score.value() != NO_SCORE)

    def _confirm(self) -> None:
        if self.score.value() == NO_SCORE:
            return
        self.chosen.emit(self.pillar.currentData(), self.score.value())
        self.accept()
