"""A verify or reopen whose process died (killed, a crash, a power cut): offered to finish.

When a workspace opens, a worker looks for the journal a verify or reopen leaves in the
repository until its commit is checked. If one is there, the auditor chooses: finish the
commit (when the file still holds what was written and HEAD has not moved), put the file
back, or decide later (verify and reopen refuse until then; ``reviewer recover`` does the
same from the command line).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from reviewer.core.review.recovery import Interrupted
from reviewer.core.services import reviews
from reviewer.core.workspace import Workspace
from reviewer.ui.context import AppContext
from reviewer.ui.core_text import translated


class RecoveryFlow(QObject):
    def __init__(self, ctx: AppContext, dialog_parent: QWidget) -> None:
        super().__init__(dialog_parent)
        self.ctx = ctx
        self.dialog_parent = dialog_parent
        self.box: QMessageBox | None = None   # the open question (tests answer it)

    def check(self, ws: Workspace) -> None:
        """Look for an unfinished verify or reopen in ``ws``'s repository (in a worker)."""
        self.ctx.run("recovery-check", lambda: reviews.interrupted(ws),
                     lambda found: found is not None and self._offer(ws, found),
                     lambda message: None, quiet=True)

    def _offer(self, ws: Workspace, found: Interrupted) -> None:
        journal = found.journal
        text = (self.tr("A verify of {what} (started {started}) was interrupted before its commit was "
                        "checked.") if journal.action == "verify" else
                self.tr("A reopen of {what} (started {started}) was interrupted before its commit was "
                        "checked.") if journal.action == "reopen" else
                self.tr("A {action} of {what} (started {started}) was interrupted before its commit was "
                        "checked."))
        box = QMessageBox(QMessageBox.Warning, self.tr("Unfinished review"),
                          text.format(action=journal.action, what=journal.what, started=journal.started),
                          parent=self.dialog_parent)
        why_not = found.cannot_finish
        box.setInformativeText(
            self.tr("It cannot be finished: {why}.").format(why=translated(why_not)) if why_not else
            self.tr("Finish it: commit the record as it was written, with the usual checks. "
                    "Or put the file back as it was before."))
        finish = box.addButton(self.tr("Finish the commit"), QMessageBox.AcceptRole)
        finish.setEnabled(why_not is None)
        undo = box.addButton(self.tr("Put the file back"), QMessageBox.DestructiveRole)
        box.addButton(self.tr("Later"), QMessageBox.RejectRole)
        box.setDefaultButton(finish if why_not is None else undo)
        self.box = box
        box.finished.connect(lambda _: self._answered(ws, box.clickedButton(), finish, undo))
        box.open()

    def _answered(self, ws: Workspace, clicked, finish, undo) -> None:
        self.box = None
        if clicked not in (finish, undo):
            self.ctx.status(self.tr("An interrupted review is still unfinished: verify and reopen wait "
                                    "until it is finished or undone (reviewer recover)"), 10000)
            return
        self.ctx.run("recover", lambda: reviews.recover(ws, finish=clicked is finish), None,
                     lambda message: QMessageBox.warning(self.dialog_parent, self.tr("Not recovered"),
                                                         translated(message)))
