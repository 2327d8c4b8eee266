"""Verify and reopen from the window: save, preview in a worker, confirm, commit in a worker.

After a verify the window moves on to the next draft, which is what an auditor working
through a queue wants. A refusal (gate, git state, hook) is shown in the dialog; the
record and the form keep the auditor's edits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from reviewer.core.errors import ReviewerError
from reviewer.core.gitrepo import GitRepo
from reviewer.ui import operations as ops
from reviewer.ui.verify_dialog import ReviewDialog

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow

PLACEHOLDER_NAME, PLACEHOLDER_EMAIL = "Reviewer", "reviewer@example.invalid"


class ReviewFlow(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.dialog: ReviewDialog | None = None

    def start_verify(self) -> None:
        self._start("verify")

    def start_reopen(self) -> None:
        self._start("reopen")

    def _identity(self) -> tuple[str, str]:
        settings = self.window.settings
        name, email = settings.value("review/name", ""), settings.value("review/email", "")
        if not (name and email) and self.window.workspace is not None:
            try:
                with GitRepo.open(self.window.workspace.root) as repo:
                    git_name, git_email = repo.config_identity()
                name, email = name or git_name or "", email or git_email or ""
            except ReviewerError:
                pass
        return str(name), str(email)

    def _start(self, action: str) -> None:
        w = self.window
        s = w.session
        if s is None or w.workspace is None:
            return
        status = s.data.get("reviewStatus")
        if action == "reopen" and status != "verified":
            w.statusBar().showMessage("Only a verified record can be reopened", 5000)
            return
        if s.dirty and not w.save():  # the commit holds the auditor's edits too
            return
        name, email = self._identity()
        dialog = ReviewDialog(action, str(s.data.get("id", s.path.name)), name, email, w)
        self.dialog = dialog
        dialog.identity_changed.connect(lambda n, e: self._preview(dialog, action, n, e))
        dialog.confirmed.connect(lambda n, e, text: self._commit(dialog, n, e, text))
        dialog.finished.connect(lambda _: setattr(self, "dialog", None))
        self._preview(dialog, action, name, email)
        dialog.open()

    def _preview(self, dialog: ReviewDialog, action: str, name: str, email: str) -> None:
        w = self.window
        ws, path = w.workspace, w.session.path
        name, email = name or PLACEHOLDER_NAME, email or PLACEHOLDER_EMAIL
        dialog.show_error("")
        w.workers.submit("review-preview", lambda: ops.preview(ws, path, action, name, email, None),
                         dialog.set_preview, dialog.show_error)

    def _commit(self, dialog: ReviewDialog, name: str, email: str, text: str) -> None:
        w = self.window
        if dialog.preview is None:
            return
        shown, ws = dialog.preview.plan, w.workspace
        w.settings.setValue("review/name", name)
        w.settings.setValue("review/email", email)
        dialog.set_busy(True)

        def done(result) -> None:
            dialog.set_busy(False)
            dialog.accept()
            self._committed(result)

        def failed(message: str) -> None:
            dialog.set_busy(False)
            dialog.show_error(message)

        w.workers.submit("review-commit", lambda: ops.commit_review(ws, shown, name, email, text),
                         done, failed)

    def _committed(self, result) -> None:
        w = self.window
        verb = "Verified" if result.action == "verify" else "Reopened"
        w.statusBar().showMessage(f"{verb} {result.record_id} in commit {result.short}: "
                                  f"{result.subject}", 8000)
        session = w.session
        if session is not None and session.path == result.path:
            from reviewer.core.document import RecordFile
            try:
                session.replace_from_disk(RecordFile.load(result.path), keep_edits=False)
            except ReviewerError as exc:
                w.statusBar().showMessage(str(exc))
            w.record_list.update_row(w._summary_of(session))
            w.form.header.setText(w._header())
        w.index_flow.file_changed(result.path)
        w.load_history()
        if result.action == "verify" and not w.record_list.select_next_draft():
            w.statusBar().showMessage(f"{verb} {result.record_id} ({result.short}). "
                                      "No drafts left in the list.", 8000)
