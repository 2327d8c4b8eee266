"""Some fields of a record changed on both sides: choose, field by field, what each keeps.

Used when the record changed on disk while you had edits, and when a sync paused because
you and a teammate changed the same field differently. One row per such field: its value
where both sides started, yours, theirs, and a box to type a value of your own (yours is
preselected: you made it on purpose, they may not have known). Fields changed on one side
only were merged already and are listed. The buttons say what they do.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.record.merge import ABSENT, MINE, THEIRS, Merge
from reviewer.core.record.nodes import Path, format_path
from reviewer.ui import icons
from reviewer.ui.follows_palette import FollowsPalette
from reviewer.ui.screen_fit import resize_within_screen

VALUE_CHARS = 160
MINE_ID, THEIRS_ID, EDIT_ID = 0, 1, 2


@dataclass(frozen=True)
class Wording:
    """What the dialog says, for the situation it is shown in (marked for translation here,
    translated where shown, in the MergeDialog context)."""
    title: str            # {name}: the file or record
    intro: str            # disk | sync: which introduction (see MergeDialog._intro)
    base: str             # the column of the value both sides started from
    theirs: str           # the other side's radio button
    accept: str
    other: str | None     # the second way out (None: none)
    merged_from: str      # "taken from the file" / "taken from the remote"
    escape_merges: bool = True   # Escape keeps every edit of yours; else it decides nothing


DISK = Wording(QT_TRANSLATE_NOOP("MergeDialog", "{name} changed on disk"), "disk",
               QT_TRANSLATE_NOOP("MergeDialog", "When you opened it"),
               QT_TRANSLATE_NOOP("MergeDialog", "On disk"),
               QT_TRANSLATE_NOOP("MergeDialog", "Merge with these choices"),
               QT_TRANSLATE_NOOP("MergeDialog", "Discard my edits, take the file"),
               QT_TRANSLATE_NOOP("MergeDialog", "taken from the file"))
SYNC = Wording(QT_TRANSLATE_NOOP("MergeDialog", "{name}: a teammate changed the same fields"), "sync",
               QT_TRANSLATE_NOOP("MergeDialog", "Before both"),
               QT_TRANSLATE_NOOP("MergeDialog", "Theirs (remote)"),
               QT_TRANSLATE_NOOP("MergeDialog", "Resolve and continue the sync"),
               QT_TRANSLATE_NOOP("MergeDialog", "Abort the sync"),
               QT_TRANSLATE_NOOP("MergeDialog", "taken from the remote"), escape_merges=False)


def _said(text: str) -> str:
    """One of a Wording's texts in the interface language."""
    return QCoreApplication.translate("MergeDialog", text)


def shown(value: Any) -> str:
    """A value as the auditor reads it: text as is, the rest as JSON; "(not there)"."""
    if value is ABSENT:
        return QCoreApplication.translate("MergeDialog", "(not there)")
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= VALUE_CHARS else text[: VALUE_CHARS - 1] + "…"


def typed(text: str, like: tuple[Any, ...]) -> Any:
    """What the auditor typed, as a value of the field's kind: text for a text field, else
    JSON (a number, true, a list...); ValueError when it is not."""
    if all(isinstance(v, str) or v is ABSENT or v is None for v in like):
        return text
    return json.loads(text)


class MergeDialog(FollowsPalette, QDialog):
    """``values()`` (or ``choices()``) after ``exec()``; ``discard_mine`` when the auditor
    took the other way out (the file on disk; aborting the sync)."""

    def __init__(self, merge: Merge, file_name: str, parent: QWidget | None = None,
                 wording: Wording = DISK, editable: bool = True) -> None:
        super().__init__(parent)
        self.wording = wording
        self.setWindowTitle(_said(wording.title).format(name=file_name))
        self.merge = merge
        self.discard_mine = False
        self.cancelled = False        # closed without deciding (the sync stays paused)
        self._groups: dict[Path, QButtonGroup] = {}
        self._edits: dict[Path, QLineEdit] = {}
        self._editable = editable
        self.error = QLabel()
        self.error.setVisible(False)
        self.follow_palette()
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro(file_name))
        layout.addWidget(self._conflict_rows(), 1)
        merged = self._merged_note()
        if merged is not None:
            layout.addWidget(merged)
        layout.addWidget(self.error)
        layout.addWidget(self._buttons())
        resize_within_screen(self, 860, min(240 + 80 * len(merge.conflicts), 680))

    def follow_palette(self) -> None:
        self.error.setStyleSheet(f"color: {icons.COLORS['error']};")

    def choices(self) -> dict[Path, str]:
        """Mine or theirs per field (a typed value counts as mine: see :meth:`values`)."""
        return {path: THEIRS if group.checkedId() == THEIRS_ID else MINE
                for path, group in self._groups.items()}

    def kinds(self) -> dict[Path, str]:
        """Per field: MINE, THEIRS, or "value" (a value the auditor typed)."""
        names = {MINE_ID: MINE, THEIRS_ID: THEIRS, EDIT_ID: "value"}
        return {path: names.get(group.checkedId(), MINE) for path, group in self._groups.items()}

    def values(self) -> dict[Path, Any]:
        """The value chosen for each field (ABSENT: remove it)."""
        out = {}
        for conflict in self.merge.conflicts:
            checked = self._groups[conflict.path].checkedId()
            if checked == EDIT_ID:
                out[conflict.path] = typed(self._edits[conflict.path].text(),
                                           (conflict.mine, conflict.theirs))
            else:
                out[conflict.path] = conflict.theirs if checked == THEIRS_ID else conflict.mine
        return out

    # ---- parts ------------------------------------------------------------------------------
    def _intro(self, file_name: str) -> QLabel:
        count = len(self.merge.conflicts)
        if self.wording.intro == "sync":
            text = self.tr("<b>{name}</b> was changed on the shared remote too, and %n field(s) differ "
                           "from your commit: choose which value each keeps, or type one. Yours is "
                           "this clone's; theirs is already on the remote.", "", count)
        else:
            text = self.tr("<b>{name}</b> was changed by someone else while you had unsaved edits. "
                           "%n field(s) changed on both sides: choose which value each keeps, or type "
                           "one. Nothing is saved until you save.", "", count)
        label = QLabel(text.format(name=file_name))
        label.setWordWrap(True)
        return label

    def _conflict_rows(self) -> QScrollArea:
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        for column, title in enumerate((self.tr("Field"), _said(self.wording.base), self.tr("Keep"), "", "")):
            grid.addWidget(QLabel(f"<b>{title}</b>"), 0, column)
        for row, conflict in enumerate(self.merge.conflicts, start=1):
            group = QButtonGroup(self)
            mine = QRadioButton(self.tr("Yours: {value}").format(value=shown(conflict.mine)))
            theirs = QRadioButton(self.tr("{side}: {value}").format(side=_said(self.wording.theirs),
                                                                    value=shown(conflict.theirs)))
            own = QRadioButton(self.tr("Other:"))
            edit = QLineEdit(shown(conflict.mine) if conflict.mine is not ABSENT else "")
            edit.setEnabled(False)
            edit.setPlaceholderText(self.tr("a value of your own"))
            edit.setAccessibleName(self.tr("Your own value for {field}").format(field=conflict.label))
            for name, widget in (("mine", mine), ("theirs", theirs), ("other", own), ("edit", edit)):
                widget.setObjectName(f"{name}:{conflict.label}")
            for button, button_id in ((mine, MINE_ID), (theirs, THEIRS_ID), (own, EDIT_ID)):
                group.addButton(button, button_id)
                # Heard one by one, each choice says which field it keeps a value of.
                button.setAccessibleName(self.tr("{field}: {choice}").format(field=conflict.label,
                                                                             choice=button.text()))
            own.toggled.connect(edit.setEnabled)
            own.setVisible(self._editable)
            edit.setVisible(self._editable)
            mine.setChecked(True)
            self._groups[conflict.path] = group
            self._edits[conflict.path] = edit
            base = QLabel(shown(conflict.base))
            base.setWordWrap(True)
            grid.addWidget(QLabel(conflict.label), row, 0)
            grid.addWidget(base, row, 1)
            grid.addWidget(mine, row, 2)
            grid.addWidget(theirs, row, 3)
            other = QWidget()
            line = QGridLayout(other)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(own, 0, 0)
            line.addWidget(edit, 0, 1)
            grid.addWidget(other, row, 4)
        grid.setRowStretch(len(self.merge.conflicts) + 1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        return scroll

    def _merged_note(self) -> QLabel | None:
        parts = []
        if self.merge.mine:
            parts.append(self.tr("your edits kept: {fields}").format(
                fields=", ".join(format_path(p) for p in self.merge.mine)))
        if self.merge.theirs:
            parts.append(self.tr("{side}: {fields}").format(
                side=_said(self.wording.merged_from),
                fields=", ".join(format_path(p) for p in self.merge.theirs)))
        if not parts:
            return None
        label = QLabel(self.tr("Merged by themselves (changed on one side only): {parts}.").format(
            parts=self.tr("; ").join(parts)))
        label.setWordWrap(True)
        return label

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        merge = QPushButton(_said(self.wording.accept))
        merge.setObjectName("mergeButton")
        merge.setDefault(True)
        buttons.addButton(merge, QDialogButtonBox.AcceptRole)
        merge.clicked.connect(self._merge)
        if self.wording.other:
            discard = QPushButton(_said(self.wording.other))
            discard.setObjectName("discardButton")
            buttons.addButton(discard, QDialogButtonBox.DestructiveRole)
            discard.clicked.connect(self._discard)
        return buttons

    def _merge(self) -> None:
        """Accept, unless a typed value is not one the field can hold (said in place)."""
        for conflict in self.merge.conflicts:
            if self._groups[conflict.path].checkedId() != EDIT_ID:
                continue
            try:
                typed(self._edits[conflict.path].text(), (conflict.mine, conflict.theirs))
            except ValueError:
                self.error.setText(self.tr("{field}: {value} is not a value this field holds (a number, "
                                           "true/false, or JSON)").format(
                    field=conflict.label, value=repr(self._edits[conflict.path].text())))
                self.error.setVisible(True)
                self._edits[conflict.path].setFocus()
                return
        self.accept()

    def _discard(self) -> None:
        self.discard_mine = True
        self.accept()

    def reject(self) -> None:
        """Escape: the least surprising answer. For a file changed on disk that keeps every
        edit of yours (merge, your values on both-sides fields), never a silent loss; for a
        paused sync it decides nothing, and the sync waits."""
        self.discard_mine = False
        if self.wording.escape_merges:
            self.accept()
        else:
            self.cancelled = True
            super().reject()
