"""Verify and reopen from the window: save, preview in a worker, confirm, commit in a worker.

After a verify the window moves on to the next draft, which is what an auditor working
through a queue wants (the commit's report says so). A refusal (gate, git state, hook) is
shown in the dialog; the record and the form keep the auditor's edits.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from reviewer.core.services import reviews
from reviewer.core.services.reviews import ReviewPreview
from reviewer.core.terms import PILLARS, REOPEN, VERIFIED, VERIFY
from reviewer.ui.context import AppContext
from reviewer.ui.dialogs.review_dialog import ReviewDialog
from reviewer.ui.preferences import Preferences


class ReviewFlow(QObject):
    committed = Signal()      # a verify or reopen was committed (shared at once, if asked)

    def __init__(self, ctx: AppContext, save: Callable[[Callable[[], None]], None],
                 dialog_parent: QWidget) -> None:
        super().__init__(dialog_parent)
        self.ctx = ctx
        self.save = save                  # save(then): the commit holds the auditor's edits too
        self.dialog_parent = dialog_parent
        self.dialog: ReviewDialog | None = None

    def start_verify(self) -> None:
        self._start(VERIFY)

    def start_reopen(self) -> None:
        self._start(REOPEN)

    def _start(self, action: str) -> None:
        session = self.ctx.session
        if session is None or self.ctx.workspace is None or self.dialog is not None:
            return  # one dialog at a time (refused edits come in bursts, e.g. a drag)
        if action == REOPEN and session.data.get("reviewStatus") != VERIFIED:
            self.ctx.status(self.tr("Only a verified record can be reopened"), 5000)
            return
        self.save(lambda: self._open_dialog(action))

    def _open_dialog(self, action: str) -> None:
        session = self.ctx.session
        if session is None:
            return
        # Who verifies, as Preferences (or the last verify) left it; empty: git's, looked up
        # with the preview.
        preferences = Preferences(self.ctx.settings)
        name, email = preferences.name, preferences.email
        label = session.record.record_id if session.record is not None else None
        dialog = ReviewDialog(action, str(label or session.path.name), name, email,
                              self.dialog_parent, config=self.ctx.workspace.config)
        self.dialog = dialog
        dialog.identity_changed.connect(lambda n, e: self._preview(dialog, action, n, e))
        dialog.notes_confirmed.connect(lambda _: self._preview(
            dialog, action, dialog.name.text().strip(), dialog.email.text().strip()))
        dialog.confirmed.connect(lambda n, e, text: self._commit(dialog, n, e, text))
        dialog.pillar_requested.connect(lambda pillar: self._go_to_pillar(dialog, pillar))
        dialog.finished.connect(lambda _: setattr(self, "dialog", None))
        self._preview(dialog, action, name, email)
        dialog.open()

    def _go_to_pillar(self, dialog: ReviewDialog, pillar: str) -> None:
        """A problem double-clicked in the gate tab: close the dialog, show the pillar."""
        dialog.reject()
        self.ctx.views.form.scroll_to_pillar(PILLARS.index(pillar))

    def _preview(self, dialog: ReviewDialog, action: str, name: str, email: str) -> None:
        ws, path = self.ctx.workspace, self.ctx.session.path
        kept, baseline = dialog.kept_notes(), self.ctx.session.loaded_data
        dialog.show_error("")
        # Without a name or email, git's are used (looked up in the worker, not here).
        self.ctx.run("review-preview",
                     lambda: reviews.preview(ws, path, action, name or None, email or None,
                                             kept_notes=kept, baseline=baseline),
                     dialog.set_preview, dialog.show_error)

    def _commit(self, dialog: ReviewDialog, name: str, email: str, text: str) -> None:
        preview: ReviewPreview | None = dialog.preview
        if preview is None:
            return
        ws, baseline = self.ctx.workspace, self.ctx.session.loaded_data
        Preferences(self.ctx.settings).remember_identity(name, email)
        dialog.set_busy(True)

        def done(result) -> None:
            dialog.set_busy(False)
            dialog.accept()
            message = (self.tr("Committed as {commit}: {id} verified") if result.action == VERIFY
                       else self.tr("Committed as {commit}: {id} reopened"))
            self.ctx.status(message.format(commit=result.commit[:7], id=result.record_id), 15000)
            self.committed.emit()

        def failed(message: str) -> None:
            dialog.set_busy(False)
            dialog.show_error(message)

        self.ctx.run("review-commit",
                     lambda: reviews.commit(ws, preview.plan, name, email, text,
                                            baseline=baseline), done, failed,
                     writes=preview.plan.paths)
