"""Sync with the team's remote from the app: the status-bar control, a background check of
the remote, sharing each verify at once (a setting), and the conflicts a sync pauses on.

Every git step runs in a worker; the window stays usable. While a sync runs, saves wait
for it (a save in the middle of a rebase would be a file git did not expect), and the open
record's files count as being written by the sync, so a change they get is merged with
the auditor's unsaved edits once the sync reports (as for any change on disk). A paused
sync opens each conflicted record, then a field-by-field dialog (the one used for a file
changed on disk): yours, theirs, or a value of your own; or abort the sync.
"""

from __future__ import annotations

import time
from itertools import groupby

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from reviewer.core.record.merge import ABSENT, FieldConflict, Merge
from reviewer.core.services import sharing
from reviewer.core.services.sharing import CONFLICTS, Decision, SyncResult, SyncStatus
from reviewer.ui.context import AppContext
from reviewer.ui.dialogs.merge_dialog import SYNC, MergeDialog
from reviewer.ui.preferences import Preferences
from reviewer.ui.widgets.sync_button import SyncButton
from reviewer.ui.core_text import translated

FIRST_CHECK_MS = 1500       # the first background check waits for the list to load


class SyncFlow(QObject):
    def __init__(self, ctx: AppContext, button: SyncButton, dialog_parent: QWidget) -> None:
        super().__init__(dialog_parent)
        self.ctx, self.button, self.dialog_parent = ctx, button, dialog_parent
        self.running = False
        self.paused = False           # a sync waits on conflicts: saves wait too
        self.dialog: MergeDialog | None = None        # the open conflict dialog (tests answer it)
        self.message: QMessageBox | None = None       # the last failure's box (tests read it)
        self.preferences = preferences = Preferences(ctx.settings)
        self.timer = QTimer(self, interval=preferences.fetch_minutes * 60_000)
        self.timer.timeout.connect(self.check_remote)
        self.first_check = QTimer(self, singleShot=True, interval=FIRST_CHECK_MS)
        self.first_check.timeout.connect(self.check_remote)
        button.background.setChecked(preferences.background_fetch)
        button.push_after_verify.setChecked(preferences.push_after_verify)
        button.sync_requested.connect(self.sync)
        button.resolve_requested.connect(self.resolve)
        button.abort_requested.connect(self.abort)
        button.background_toggled.connect(self._background_toggled)
        button.push_after_verify_toggled.connect(preferences.set_push_after_verify)

    def preferences_changed(self, preferences: Preferences) -> None:
        """The Preferences dialog's choices: the check's interval, then the button's toggles
        (which start or stop the check, as from its menu)."""
        self.timer.setInterval(preferences.fetch_minutes * 60_000)
        self.button.push_after_verify.setChecked(preferences.push_after_verify)
        self.button.background.setChecked(preferences.background_fetch)

    # ---- where the branch stands ----------------------------------------------------------
    def opened(self) -> None:
        """A workspace opened: show where it stands, then check the remote if allowed."""
        self.button.show_unknown()
        self.refresh()
        self.timer.stop()
        if self.button.background.isChecked():
            self.timer.start()
            self.first_check.start()

    def refresh(self) -> None:
        """Ahead/behind as of the last fetch (cheap: no network)."""
        self._position(fetch=False)

    def check_remote(self) -> None:
        """The background check: fetch, then ahead/behind. Failures only mark the button."""
        self._position(fetch=True)

    def _position(self, fetch: bool) -> None:
        ws = self.ctx.workspace
        if ws is None or self.running:
            return
        self.ctx.run("sync-status", lambda: sharing.status(ws, fetch=fetch), self._show_status,
                     lambda message: None if self.running else
                     self.button.show_problem(self.tr("Sync ⚠"), self.tr("Checking the remote failed: {message}")
                                              .format(message=message)),
                     quiet=True)

    def _show_status(self, status: SyncStatus) -> None:
        if self.running:
            return  # a sync began meanwhile: its own report follows
        self._set_paused(status.paused)
        if status.paused:
            self.button.show_paused(0)
        elif status.interrupted:
            self.button.show_problem(self.tr("Sync interrupted"), self.tr(
                "A sync stopped half way (the app or the machine stopped): your commits are safe and "
                "your uncommitted edits are in git's stash. Click to finish it."))
        elif status.problem:
            self.button.show_problem(self.tr("Sync: not set up"), status.problem)
        else:
            self.button.show_position(status.upstream or "", status.ahead, status.behind,
                                      time.strftime("%H:%M"))

    def _background_toggled(self, on: bool) -> None:
        self.preferences.set_background_fetch(on)
        if on and self.ctx.workspace is not None:
            self.timer.start()
            self.check_remote()
        else:
            self.timer.stop()
            self.first_check.stop()

    # ---- sync, continue, abort ------------------------------------------------------------
    def committed(self) -> None:
        """A verify or reopen was committed: share it now when the auditor asked for that."""
        if self.button.push_after_verify.isChecked():
            self.sync()
        else:
            self.refresh()

    def sync(self) -> None:
        ws = self.ctx.workspace
        if ws is None or self.running:
            return
        name, email = self._identity()
        self._start(self.tr("Syncing…"), lambda: sharing.sync(ws, name=name, email=email))

    def abort(self) -> None:
        ws = self.ctx.workspace
        if ws is not None and not self.running:
            self._start(self.tr("Aborting…"), lambda: sharing.abort_sync(ws))

    def _start(self, what: str, service) -> None:
        self.running = True
        self.ctx.hold_saves()
        self.button.show_working(what)
        session = self.ctx.session
        self.ctx.run("sync", service, self._synced, self._failed,
                     writes=list(session.paths) if session is not None else None)

    def _end(self) -> None:
        if self.running:
            self.running = False
            self.ctx.release_saves()

    def _set_paused(self, paused: bool) -> None:
        """While a sync is paused the work tree is git's half-way state: a save then would
        slip into the replayed commit, so saves wait until it is resolved or aborted."""
        if paused != self.paused:
            self.paused = paused
            if paused:
                self.ctx.hold_saves()
            else:
                self.ctx.release_saves()

    def _synced(self, result: SyncResult) -> None:
        self._end()
        self._set_paused(result.status == CONFLICTS)
        self.ctx.status(result.message + "".join(f"; {note}" for note in result.put_back), 12000)
        if result.status == CONFLICTS:
            self.button.show_paused(len(result.conflicts))
            if result.conflicts:
                self._ask(result.conflicts)
            else:
                self._warn(self.tr("Sync paused"), self.tr("The sync stopped: {reason}. Fix it, then sync "
                                                           "again, or abort the sync from the Sync menu.")
                           .format(reason=result.stopped))
            return
        self.button.show_unknown()     # no longer paused; where it stands follows
        self.refresh()

    def _failed(self, message: str) -> None:
        self._end()
        self.button.show_problem(self.tr("Sync failed"), message)
        self.ctx.status(self.tr("Sync failed: {message}").format(message=message), 15000)
        self._warn(self.tr("Sync failed"), message)

    def _warn(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Warning, title, translated(text), parent=self.dialog_parent)
        self.message = box
        box.open()   # not modal to the work: the window stays usable

    # ---- conflicts --------------------------------------------------------------------------
    def resolve(self) -> None:
        """The button of a paused sync: the conflicts again, one record at a time."""
        ws = self.ctx.workspace
        if ws is not None and not self.running and self.dialog is None:
            self.ctx.run("sync-conflicts", lambda: sharing.conflicts(ws), self._ask,
                         lambda message: self.ctx.status(message, 10000))

    def _ask(self, conflicts: list) -> None:
        if not conflicts or self.dialog is not None:
            return
        record, first = next((key, list(group)) for key, group in
                             groupby(conflicts, key=lambda c: c.record))
        self.ctx.views.record_list.select_record_id(record)   # the record opens beside it
        keyed = {_key(c): c for c in first}
        merge = Merge({}, [FieldConflict(key, c.base, c.mine, c.theirs) for key, c in keyed.items()])
        editable = all(c.kind == "field" for c in first)
        dialog = MergeDialog(merge, record, self.dialog_parent, SYNC, editable=editable)
        self.dialog = dialog
        dialog.finished.connect(lambda _: self._decided(dialog, record, keyed))
        dialog.open()

    def _decided(self, dialog: MergeDialog, record: str, keyed: dict) -> None:
        self.dialog = None
        if dialog.cancelled:
            self.ctx.status(self.tr("The sync is still paused: click Sync to resolve, or abort it from "
                                    "its menu"), 10000)
            return
        if dialog.discard_mine:
            self.abort()
            return
        kinds, values = dialog.kinds(), dialog.values()
        decisions = [Decision(record, conflict.label, kinds[key],
                              None if values[key] is ABSENT else values[key],
                              conflict.languages[0] if len(conflict.languages) == 1 else None)
                     for key, conflict in keyed.items()]
        ws = self.ctx.workspace
        name, email = self._identity()

        def settle_and_go_on():
            settled = sharing.resolve_many(ws, decisions)
            if settled.result.left:
                return settled
            return sharing.continue_sync(ws, name=name, email=email)
        self.running = True
        self.ctx.hold_saves()
        self.button.show_working(self.tr("Resolving…"))
        self.ctx.run("sync", settle_and_go_on, self._after_resolving, self._failed)

    def _after_resolving(self, result) -> None:
        if isinstance(result, SyncResult):
            self._synced(result)
            return
        self._end()
        self._set_paused(True)
        self.button.show_paused(len(result.left))
        self._ask(result.left)

    def _identity(self) -> tuple[str | None, str | None]:
        return self.preferences.identity()


def _key(conflict) -> tuple:
    """The dialog's row of a conflict: its field, and its language when it has one only
    (a translated field conflicts once per language)."""
    label = conflict.label if conflict.kind == "field" else conflict.kind
    if len(conflict.languages) == 1:
        label += f" ({conflict.languages[0]})"
    return (label,)
