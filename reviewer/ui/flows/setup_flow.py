"""Opening a folder: offer to describe it first when it needs a ``reviewer.toml``.

A repository shaped like the website (``src/content/policies/en/x.md`` and ``…/zh/x.md``)
read with today's defaults is no workspace at all, or one with each record twice. So before
opening a folder without a ``reviewer.toml``, a worker looks at it as ``reviewer init``
does; if its records are not where the defaults look, the auditor is shown what was found
and offered the configuration. Declining opens the folder as before (or says, as before,
why it is not a workspace); a failure to write the file is said plainly, nothing changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from reviewer.core.errors import ReviewerError
from reviewer.core.services import setup
from reviewer.core.services.setup import Findings
from reviewer.core.services.workspaces import open_workspace
from reviewer.core.workspace import Workspace
from reviewer.ui.context import AppContext
from reviewer.ui.dialogs.init_offer import InitOffer

OpenWorkspace = Callable[[Workspace, "str | None"], None]
Refused = Callable[[str], None]


class SetupFlow(QObject):
    def __init__(self, ctx: AppContext, open_ws: OpenWorkspace, dialog_parent: QWidget) -> None:
        super().__init__(dialog_parent)
        self.ctx = ctx
        self.open_ws = open_ws            # the window's: open a workspace (asks about edits)
        self.dialog_parent = dialog_parent
        self.box: InitOffer | None = None  # the open offer (tests answer it)

    def open_folder(self, folder: Path, select: str | None = None,
                    refused: Refused | None = None) -> None:
        """Open ``folder``, offering a reviewer.toml first when it needs one. ``refused``
        gets the reason when the folder cannot be opened (default: a warning)."""
        refused = refused or self._warn
        self.ctx.status(self.tr("Looking at {folder}…").format(folder=folder))
        self.ctx.run("setup-look", lambda: setup.proposal(folder),
                     lambda found: self._looked(folder, found, select, refused),
                     lambda message: self._plain(folder, select, refused))

    def _looked(self, folder: Path, found: Findings | None, select: str | None,
                refused: Refused) -> None:
        if found is None:
            self._plain(folder, select, refused)
            return
        box = InitOffer(found, self.dialog_parent)
        self.box = box
        box.finished.connect(lambda _: self._answered(box, folder, select, refused))
        box.open()

    def _answered(self, box: InitOffer, folder: Path, select: str | None, refused: Refused) -> None:
        self.box = None
        if box.clickedButton() is not box.create:
            self._plain(folder, select, refused)
            return
        self.ctx.run("setup-init", lambda: _init_and_open(folder),
                     lambda done: self._written(done, select),
                     lambda message: self._not_written(message, folder, select, refused))

    def _written(self, done: tuple[Findings, Workspace], select: str | None) -> None:
        found, ws = done
        self.open_ws(ws, select)
        self.ctx.status(self.tr("Wrote {config}: %n record file(s), languages {languages}", "", found.records).format(
            config=found.config_path, languages=" · ".join(found.languages) or self.tr("one per record")), 10000)

    def _not_written(self, message: str, folder: Path, select: str | None, refused: Refused) -> None:
        QMessageBox.warning(self.dialog_parent, self.tr("Configuration not written"),
                            self.tr("reviewer.toml was not written.") + f"\n\n{message}")
        self._plain(folder, select, refused)

    def _plain(self, folder: Path, select: str | None, refused: Refused) -> None:
        """Open the folder as it is, as the app always has."""
        self.ctx.status("")
        try:
            ws = open_workspace(folder)
        except ReviewerError as exc:
            refused(str(exc))
            return
        self.open_ws(ws, select)

    def _warn(self, message: str) -> None:
        QMessageBox.warning(self.dialog_parent, self.tr("Not a workspace"), message)


def _init_and_open(folder: Path) -> tuple[Findings, Workspace]:
    """In the worker: write the configuration, then read the workspace with it."""
    found = setup.init(folder)
    return found, open_workspace(folder)
