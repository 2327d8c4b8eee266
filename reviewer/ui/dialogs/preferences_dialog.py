"""The Preferences dialog (Edit > Preferences…, Ctrl+,): who verifies, the interface
language, how soon unsaved edits are kept, the team's remote, and the source texts' font.

The dialog only shows and checks the choices (:class:`~reviewer.ui.preferences.Choices`):
a name or email git cannot record is refused at its field and OK does nothing until it is
fixed. :class:`~reviewer.ui.flows.preferences_flow.PreferencesFlow` stores and applies them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reviewer.ui import i18n, icons
from reviewer.ui.follows_palette import FollowsPalette
from reviewer.ui.preferences import (
    FETCH_MINUTES_RANGE,
    FONT_SIZE_RANGE,
    KEEP_SECONDS_RANGE,
    Choices,
    identity_problems,
)


class PreferencesDialog(FollowsPalette, QDialog):
    def __init__(self, choices: Choices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.default_font = QFont(QApplication.font())
        layout = QVBoxLayout(self)
        layout.addWidget(self._identity_box(choices))
        layout.addWidget(self._language_box(choices))
        layout.addWidget(self._unsaved_box(choices))
        layout.addWidget(self._team_box(choices))
        layout.addWidget(self._font_box(choices))
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)   # wrapped notes stay readable

    # ---- the sections ------------------------------------------------------------------------
    def _identity_box(self, choices: Choices) -> QGroupBox:
        box = QGroupBox(self.tr("Who verifies"))
        form = QFormLayout(box)
        self.name = QLineEdit(choices.name, placeholderText=self.tr("Your name"))
        self.name.setObjectName("reviewerName")
        self.email = QLineEdit(choices.email, placeholderText="you@example.org")
        self.email.setObjectName("reviewerEmail")
        self.name_error, self.email_error = self._error_label(), self._error_label()
        form.addRow(self.tr("&Name"), self.name)
        form.addRow("", self.name_error)
        form.addRow(self.tr("&Email"), self.email)
        form.addRow("", self.email_error)
        self.identity_hint = QLabel(self.tr("The author of your verify and reopen commits. Left empty, "
                                            "git's user.name and user.email are used."))
        self.identity_hint.setWordWrap(True)
        form.addRow(self.identity_hint)
        for edit in (self.name, self.email):
            edit.textEdited.connect(lambda _text: self.show_problems({}))
        return box

    def _error_label(self) -> QLabel:
        label = QLabel()
        label.setObjectName("errorLine")
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {icons.COLORS['error']};")
        label.setVisible(False)
        return label

    def follow_palette(self) -> None:
        for label in self.findChildren(QLabel, "errorLine"):
            label.setStyleSheet(f"color: {icons.COLORS['error']};")

    def _language_box(self, choices: Choices) -> QGroupBox:
        box = QGroupBox(self.tr("Interface"))
        form = QFormLayout(box)
        self.language = QComboBox()
        self.language.setObjectName("language")
        system = i18n.NATIVE_NAMES[i18n.system_language()]
        self.language.addItem(self.tr("System ({language})").format(language=system), i18n.SYSTEM)
        for code in (i18n.ENGLISH, i18n.CHINESE):
            self.language.addItem(i18n.NATIVE_NAMES[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(choices.language)))
        form.addRow(self.tr("&Language"), self.language)
        note = QLabel(self.tr("The window is built again in the new language; while a record has "
                              "unsaved edits, the language changes at the next start."))
        note.setWordWrap(True)
        form.addRow(note)
        return box

    def _unsaved_box(self, choices: Choices) -> QGroupBox:
        box = QGroupBox(self.tr("Unsaved edits"))
        form = QFormLayout(box)
        self.keep_seconds = QSpinBox()
        self.keep_seconds.setObjectName("keepSeconds")
        self.keep_seconds.setRange(*KEEP_SECONDS_RANGE)
        self.keep_seconds.setSuffix(self.tr(" s"))
        self.keep_seconds.setValue(choices.keep_seconds)
        self.keep_seconds.setToolTip(self.tr("Unsaved edits are written to the recovery folder at most "
                                             "this long after an edit, so a crash loses none of them."))
        form.addRow(self.tr("&Keep them for recovery within"), self.keep_seconds)
        return box

    def _team_box(self, choices: Choices) -> QGroupBox:
        box = QGroupBox(self.tr("Team"))
        form = QFormLayout(box)
        self.background_fetch = QCheckBox(self.tr("Check the team's remote in the &background"))
        self.background_fetch.setChecked(choices.background_fetch)
        self.fetch_minutes = QSpinBox()
        self.fetch_minutes.setObjectName("fetchMinutes")
        self.fetch_minutes.setRange(*FETCH_MINUTES_RANGE)
        self.fetch_minutes.setSuffix(self.tr(" min"))
        self.fetch_minutes.setValue(choices.fetch_minutes)
        self.fetch_minutes.setEnabled(choices.background_fetch)
        self.background_fetch.toggled.connect(self.fetch_minutes.setEnabled)
        self.push_after_verify = QCheckBox(self.tr("&Share each verify at once (push)"))
        self.push_after_verify.setChecked(choices.push_after_verify)
        form.addRow(self.background_fetch)
        form.addRow(self.tr("Check e&very"), self.fetch_minutes)
        form.addRow(self.push_after_verify)
        return box

    def _font_box(self, choices: Choices) -> QGroupBox:
        box = QGroupBox(self.tr("Source texts"))
        form = QFormLayout(box)
        self.font_family = QFontComboBox()
        self.font_family.setObjectName("fontFamily")
        self.font_family.setCurrentFont(QFont(choices.font_family or self.default_font.family()))
        self.font_size = QSpinBox()
        self.font_size.setObjectName("fontSize")
        self.font_size.setRange(*FONT_SIZE_RANGE)
        self.font_size.setSuffix(self.tr(" pt"))
        self.font_size.setValue(choices.font_size or max(FONT_SIZE_RANGE[0], self.default_font.pointSize()))
        form.addRow(self.tr("&Font"), self.font_family)
        form.addRow(self.tr("Font si&ze"), self.font_size)
        # As shown at first (the combo shows the nearest family it lists): left so, the
        # choice stays what it was, the interface's font included.
        self.shown_font = (self.font_family.currentFont().family(), self.font_size.value(),
                           choices.font_family, choices.font_size)
        return box

    # ---- fed by the flow ---------------------------------------------------------------------
    def set_git_identity(self, name: str | None, email: str | None) -> None:
        """Show git's own identity: what a commit gets while the fields are empty."""
        if name:
            self.name.setPlaceholderText(name)
        if email:
            self.email.setPlaceholderText(email)
        if name and email:
            self.identity_hint.setText(self.tr("The author of your verify and reopen commits. Left empty, "
                                               "git's own is used: {name} <{email}>.").format(
                name=name, email=email))
            self._fit_height()

    def show_problems(self, problems: dict[str, str]) -> None:
        """Each field's problem under it (and to a screen reader, as the field's description)."""
        for key, edit, label in (("name", self.name, self.name_error),
                                 ("email", self.email, self.email_error)):
            message = problems.get(key, "")
            label.setText(message)
            label.setVisible(bool(message))
            edit.setAccessibleDescription(message)
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow to show a message that appeared: a window's minimum size does not count the
        height wrapped text needs at its width, so the message would be squeezed over the
        next row."""
        self.layout().activate()
        needed = self.heightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    # ---- the answer --------------------------------------------------------------------------
    def choices(self) -> Choices:
        family, size = self.font_family.currentFont().family(), self.font_size.value()
        shown_family, shown_size, chosen_family, chosen_size = self.shown_font
        family = chosen_family if family == shown_family else family
        size = chosen_size if size == shown_size else size
        return Choices(
            name=self.name.text().strip(), email=self.email.text().strip(),
            language=str(self.language.currentData()), keep_seconds=self.keep_seconds.value(),
            background_fetch=self.background_fetch.isChecked(), fetch_minutes=self.fetch_minutes.value(),
            push_after_verify=self.push_after_verify.isChecked(),
            font_family="" if family == self.default_font.family() else family,
            font_size=0 if size == self.default_font.pointSize() else size)

    def accept(self) -> None:
        """OK: refused, with the reason at the field, while the identity cannot be used."""
        problems = identity_problems(self.name.text(), self.email.text())
        self.show_problems(problems)
        if problems:
            (self.name if "name" in problems else self.email).setFocus(Qt.OtherFocusReason)
            return
        super().accept()
