"""The verify (and reopen) dialog: the gate's verdict, the diffs, who reviews, and a note.

The dialog only shows and asks; the window runs the planning and the commit in workers and
feeds the results back, so the dialog stays responsive and git refusals appear in it as
readable text while the auditor's edits stay in the form.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.services.reviews import ReviewPlan, ReviewPreview
from reviewer.core.terms import PILLARS, UNBACKED_STATUSES, VERIFY
from reviewer.ui import i18n, icons
from reviewer.ui.follows_palette import FollowsPalette
from reviewer.ui.screen_fit import resize_within_screen
from reviewer.ui.widgets.drafted_notes_box import DraftedNotesBox
from reviewer.ui.core_text import translated


def _files(plan: ReviewPlan) -> str:
    """The files the commit will hold: ``a`` or ``a and b`` (a record's language files)."""
    names = [html.escape(name) for name in plan.repo_paths]
    if len(names) == 1:
        return names[0]
    return QCoreApplication.translate("ReviewDialog", "{files} and {last}").format(
        files=QCoreApplication.translate("ReviewDialog", ", ").join(names[:-1]), last=names[-1])


class ReviewDialog(FollowsPalette, QDialog):
    identity_changed = Signal(str, str)
    confirmed = Signal(str, str, str)      # name, email, note/reason
    pillar_requested = Signal(str)         # a gate row double-clicked: show that pillar
    notes_confirmed = Signal(list)         # pillars whose drafted audit note is confirmed

    def __init__(self, action: str, record_label: str, name: str, email: str,
                 parent: QWidget | None = None, config=None) -> None:
        super().__init__(parent)
        self.action = action
        self.config = config   # the workspace configuration, for its pillar names
        self.setWindowTitle((self.tr("Verify {record}") if action == VERIFY
                             else self.tr("Reopen {record}")).format(record=record_label))
        self.setObjectName(f"{action}Dialog")
        self.verdict = QLabel(self.tr("Checking the record…"))
        self.verdict.setWordWrap(True)
        self.verdict.setObjectName("verdict")
        self.tabs = self._build_tabs(action)
        form = self._build_form(action, name, email)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.error.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.Ok)
        self.ok.setText(self.tr("Verify and commit") if action == VERIFY
                        else self.tr("Reopen and commit"))
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.tabs, 1)
        self.drafted = DraftedNotesBox()
        self.drafted.changed.connect(self.notes_confirmed)
        layout.addWidget(self.drafted)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.preview: ReviewPreview | None = None
        self.follow_palette()
        resize_within_screen(self, 760, 620)

    def follow_palette(self) -> None:
        """The error line, the verdict and the rows' icons in the palette's colours now."""
        self.error.setStyleSheet(f"color: {icons.COLORS['error']};")
        if self.preview is not None:
            plan = self.preview.plan
            self._show_verdict(plan)
            self._recolour_icons()

    def _build_tabs(self, action: str) -> QTabWidget:
        self.reasons = QTreeWidget()   # every pillar with its verdict, problems in full
        self.reasons.setHeaderLabels([self.tr("Pillar"), self.tr("Verdict (double-click to go to the pillar)")])
        self.reasons.setRootIsDecorated(False)
        self.reasons.setWordWrap(True)
        self.reasons.setUniformRowHeights(False)
        self.reasons.header().setStretchLastSection(True)
        self.reasons.itemDoubleClicked.connect(self._pillar_clicked)
        # Every citation that does not resolve, noted or not: the auditor signs off on them.
        self.citations = QTreeWidget()
        self.citations.setHeaderLabels([self.tr("Pillar"), self.tr("Citation"), self.tr("Status"),
                                         self.tr("Audit note")])
        self.citations.setRootIsDecorated(False)
        self.changes = QTreeWidget()
        self.changes.setHeaderLabels([self.tr("Field"), self.tr("Before"), self.tr("After")])
        self.changes.setRootIsDecorated(False)
        self.raw = QPlainTextEdit(readOnly=True)
        self.raw.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.message = QPlainTextEdit(readOnly=True)
        tabs = QTabWidget()
        pages = [(self.reasons, self.tr("Gate")), (self.citations, self.tr("Citations"))] \
            if action == VERIFY else []
        pages += [(self.changes, self.tr("Field changes")), (self.raw, self.tr("Raw diff")),
                  (self.message, self.tr("Commit message"))]
        for page, title in pages:
            tabs.addTab(page, title)
            page.setAccessibleName(title)   # a tab's page is not named by its tab
        return tabs

    def _build_form(self, action: str, name: str, email: str) -> QFormLayout:
        self.name = QLineEdit(name, placeholderText=self.tr("Your name"))
        self.email = QLineEdit(email, placeholderText="you@example.org")
        for edit in (self.name, self.email):
            edit.editingFinished.connect(self._identity_edited)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("Note for the commit (optional)") if action == VERIFY
                                     else self.tr("Why is this record reopened? (required)"))
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 3 + 14)   # three lines
        self.note.textChanged.connect(self._update_ok)
        form = QFormLayout()
        form.addRow(self.tr("Reviewer"), self.name)
        form.addRow(self.tr("Email"), self.email)
        form.addRow(self.tr("Note") if action == VERIFY else self.tr("Reason"), self.note)
        return form

    # ---- fed by the window ------------------------------------------------------------------
    def set_preview(self, preview: ReviewPreview) -> None:
        self.preview = preview
        plan = preview.plan
        if preview.identity_known:  # fill in what git knows, never over what was typed
            for edit, value in ((self.name, plan.identity.name), (self.email, plan.identity.email)):
                if not edit.text().strip():
                    edit.setText(value)
        self._show_gate(plan)
        self._show_citations(plan)
        self.drafted.show_notes(plan.drafted_notes if self.action == VERIFY else {},
                                plan.kept_notes)
        self.changes.clear()
        for change in plan.changes:
            self.changes.addTopLevelItem(QTreeWidgetItem([change.label, change.old_text(),
                                                          change.new_text()]))
        self.changes.resizeColumnToContents(0)
        self.raw.setPlainText(preview.raw_diff)
        self.message.setPlainText(plan.message)
        self._show_verdict(plan)
        if self.action == VERIFY:
            self.tabs.setCurrentWidget(self.reasons if plan.reasons else self.changes)
        self._update_ok()

    def _show_verdict(self, plan: ReviewPlan) -> None:
        if self.action == VERIFY and plan.reasons:
            self.verdict.setText(self.tr(
                "<b style='color:{color}'>Cannot verify yet.</b> %n problem(s) below. Fix them, or "
                "add an audit note to the pillar explaining why it stands (a note the draft already "
                "held counts once you confirm it below).", "", len(plan.reasons)
            ).format(color=icons.COLORS["error"]))
        elif self.action == VERIFY:
            self.verdict.setText(self.tr("<b style='color:{color}'>Ready to verify.</b> The commit "
                                         "will hold only {files}.").format(
                color=icons.COLORS["verified"], files=_files(plan)))
        else:
            self.verdict.setText(self.tr("Reopen moves the record back to draft; the commit will "
                                         "hold only {files}.").format(files=_files(plan)))

    def _recolour_icons(self) -> None:
        """Each row's check or warning drawn again (a row keeps which one it shows)."""
        for tree in (self.reasons, self.citations):
            for i in range(tree.topLevelItemCount()):
                item = tree.topLevelItem(i)
                item.setIcon(0, icons.check() if item.data(1, Qt.UserRole) else icons.warning())

    def kept_notes(self) -> list[str]:
        return self.drafted.confirmed()

    def set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        for w in (self.name, self.email, self.note, self.drafted):
            w.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.Cancel).setEnabled(not busy)
        self._update_ok(busy)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    # ---- internals --------------------------------------------------------------------------
    def _show_gate(self, plan: ReviewPlan) -> None:
        """The record's problems, then each pillar it assesses: its problems, or "passes"."""
        self.reasons.clear()
        analysis = plan.record.data.get("analysis") if plan.record is not None else None
        assessed = [p for p in PILLARS if isinstance(analysis, dict) and isinstance(analysis.get(p), dict)]
        rows = [(r.pillar or "", translated(r.message), False) for r in plan.reasons
                if r.pillar not in assessed]
        for pillar in assessed:
            problems = [translated(r.message) for r in plan.reasons if r.pillar == pillar]
            rows += [(pillar, message, False) for message in problems] or [(pillar, self.tr("passes"), True)]
        for pillar, message, passes in rows:
            shown = i18n.pillar_name(pillar, self.config) if pillar in PILLARS else (pillar or self.tr("record"))
            item = QTreeWidgetItem([shown, message])
            item.setIcon(0, icons.check() if passes else icons.warning())
            item.setData(1, Qt.UserRole, passes)
            item.setToolTip(1, message)
            item.setData(0, Qt.UserRole, pillar if pillar in PILLARS else None)
            self.reasons.addTopLevelItem(item)
        self.reasons.resizeColumnToContents(0)

    def _pillar_clicked(self, item: QTreeWidgetItem) -> None:
        pillar = item.data(0, Qt.UserRole)
        if pillar:
            self.pillar_requested.emit(pillar)

    def _show_citations(self, plan) -> None:
        self.citations.clear()
        analysis = plan.record.data.get("analysis") if plan.record is not None else None
        analysis = analysis if isinstance(analysis, dict) else {}
        unchecked = [c for c in plan.citations if c.status in UNBACKED_STATUSES]
        for result in unchecked:
            pillar = analysis.get(result.pillar)
            note = pillar.get("auditNote") if isinstance(pillar, dict) else None
            noted = isinstance(note, str) and bool(note.strip())
            item = QTreeWidgetItem([i18n.pillar_name(result.pillar, self.config), result.citation,
                                    i18n.citation_status_name(result.status),
                                    note.strip() if noted else self.tr("needed to verify")])
            item.setToolTip(2, translated(result.detail))
            item.setToolTip(3, note.strip() if noted else
                            self.tr("Add an audit note to this pillar saying why the citation stands"))
            item.setIcon(0, icons.check() if noted else icons.warning())
            item.setData(1, Qt.UserRole, noted)
            self.citations.addTopLevelItem(item)
        index = self.tabs.indexOf(self.citations)
        if index >= 0:
            self.tabs.setTabText(index, self.tr("Citations ({count})").format(count=len(unchecked))
                                 if unchecked else self.tr("Citations"))
        for column in range(3):
            self.citations.resizeColumnToContents(column)

    def _identity_edited(self) -> None:
        self.identity_changed.emit(self.name.text().strip(), self.email.text().strip())

    def _update_ok(self, busy: bool = False) -> None:
        plan = self.preview.plan if self.preview else None
        ok = (plan is not None and not busy and bool(self.name.text().strip())
              and bool(self.email.text().strip()))
        if self.action == VERIFY:
            ok = ok and not plan.reasons
        else:
            ok = ok and bool(self.note.toPlainText().strip())
        self.ok.setEnabled(ok)

    def _confirm(self) -> None:
        self.show_error("")
        self.confirmed.emit(self.name.text().strip(), self.email.text().strip(),
                            self.note.toPlainText().strip())
