"""The record changed on disk while you had edits, and some fields changed on both sides.

One row per such field: its value as you loaded it, yours, and the file's now, with a choice
of yours or the file's (yours is preselected: you made it on purpose, they may not have
known). Fields changed on one side only were merged already and are listed for the record.
The buttons say what they do: merge with these choices, or take the file as it is now and
drop every edit of yours.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.record.merge import ABSENT, MINE, THEIRS, Merge
from reviewer.core.record.nodes import Path, format_path

VALUE_CHARS = 160


def shown(value: Any) -> str:
    """A value as the auditor reads it: text as is, the rest as JSON; "(not there)"."""
    if value is ABSENT:
        return "(not there)"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= VALUE_CHARS else text[: VALUE_CHARS - 1] + "…"


class MergeDialog(QDialog):
    """``choices()`` after ``exec()`` returned Accepted; ``discard_mine`` when the auditor
    took the file on disk instead."""

    def __init__(self, merge: Merge, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{file_name} changed on disk")
        self.merge = merge
        self.discard_mine = False
        self._groups: dict[Path, QButtonGroup] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro(file_name))
        layout.addWidget(self._conflict_rows(), 1)
        merged = self._merged_note()
        if merged is not None:
            layout.addWidget(merged)
        layout.addWidget(self._buttons())
        self.resize(760, min(240 + 70 * len(merge.conflicts), 640))

    def choices(self) -> dict[Path, str]:
        return {path: MINE if group.checkedId() == 0 else THEIRS
                for path, group in self._groups.items()}

    # ---- parts ------------------------------------------------------------------------------
    def _intro(self, file_name: str) -> QLabel:
        count = len(self.merge.conflicts)
        label = QLabel(
            f"<b>{file_name}</b> was changed by someone else while you had unsaved edits. "
            f"{count} field{'s' if count != 1 else ''} changed on both sides: choose which "
            f"value each keeps. Nothing is saved until you save.")
        label.setWordWrap(True)
        return label

    def _conflict_rows(self) -> QScrollArea:
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        for column, title in enumerate(("Field", "When you opened it", "Keep", "")):
            grid.addWidget(QLabel(f"<b>{title}</b>"), 0, column)
        for row, conflict in enumerate(self.merge.conflicts, start=1):
            group = QButtonGroup(self)
            mine = QRadioButton(f"Yours: {shown(conflict.mine)}")
            theirs = QRadioButton(f"On disk: {shown(conflict.theirs)}")
            for button in (mine, theirs):
                button.setObjectName(f"{'mine' if button is mine else 'theirs'}:{conflict.label}")
            group.addButton(mine, 0)
            group.addButton(theirs, 1)
            mine.setChecked(True)
            self._groups[conflict.path] = group
            base = QLabel(shown(conflict.base))
            base.setWordWrap(True)
            grid.addWidget(QLabel(conflict.label), row, 0)
            grid.addWidget(base, row, 1)
            grid.addWidget(mine, row, 2)
            grid.addWidget(theirs, row, 3)
        grid.setRowStretch(len(self.merge.conflicts) + 1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        return scroll

    def _merged_note(self) -> QLabel | None:
        parts = []
        if self.merge.mine:
            parts.append("your edits kept: " + ", ".join(format_path(p) for p in self.merge.mine))
        if self.merge.theirs:
            parts.append("taken from the file: " + ", ".join(format_path(p) for p in self.merge.theirs))
        if not parts:
            return None
        label = QLabel("Merged by themselves (changed on one side only): " + "; ".join(parts) + ".")
        label.setWordWrap(True)
        return label

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        merge = QPushButton("Merge with these choices")
        merge.setObjectName("mergeButton")
        merge.setDefault(True)
        discard = QPushButton("Discard my edits, take the file")
        discard.setObjectName("discardButton")
        buttons.addButton(merge, QDialogButtonBox.AcceptRole)
        buttons.addButton(discard, QDialogButtonBox.DestructiveRole)
        merge.clicked.connect(self.accept)
        discard.clicked.connect(self._discard)
        return buttons

    def _discard(self) -> None:
        self.discard_mine = True
        self.accept()

    def reject(self) -> None:
        """Escape: the least surprising answer keeps every edit of yours (merge, your
        values on both-sides fields), never a silent loss."""
        self.accept()
