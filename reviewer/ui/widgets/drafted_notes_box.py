"""The verify dialog's list of audit notes the draft already held, each with a tick.

An audit note lets a failing pillar pass the gate, so it must be the auditor's statement. A
note that was in the draft (written by the AI or a legacy system) counts only when the
auditor changes it in the form, or ticks it here: "I checked this and it stands".
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from reviewer.ui import i18n

NOTE_CHARS = 140


class DraftedNotesBox(QGroupBox):
    changed = Signal(list)      # the pillars now ticked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("DraftedNotesBox", "Audit notes from the draft"), parent)
        self.setObjectName("draftedNotes")
        self._layout = QVBoxLayout(self)
        intro = QLabel(self.tr("These notes were already in the draft. A note explains a failing pillar "
                               "only if you wrote it, changed it, or confirm it here."))
        intro.setWordWrap(True)
        self._layout.addWidget(intro)
        self.boxes: dict[str, QCheckBox] = {}
        self.setVisible(False)

    def show_notes(self, notes: dict[str, str], kept: Collection[str]) -> None:
        """One tick per drafted note, ticked as ``kept`` says (the plan's own view)."""
        for box in self.boxes.values():
            self._layout.removeWidget(box)
            box.deleteLater()
        self.boxes = {}
        for pillar, note in notes.items():
            shown = note if len(note) <= NOTE_CHARS else note[: NOTE_CHARS - 1] + "…"
            box = QCheckBox(self.tr("{pillar}: “{note}” — I checked it; it stands").format(
                pillar=i18n.pillar_name(pillar), note=shown))
            box.setObjectName(f"keepNote:{pillar}")
            box.setToolTip(note)
            box.setChecked(pillar in kept)
            box.toggled.connect(lambda _=False: self.changed.emit(self.confirmed()))
            self._layout.addWidget(box)
            self.boxes[pillar] = box
        self.setVisible(bool(notes))

    def confirmed(self) -> list[str]:
        return [pillar for pillar, box in self.boxes.items() if box.isChecked()]
