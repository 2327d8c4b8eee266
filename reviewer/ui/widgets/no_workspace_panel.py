"""What the window shows when the folder it was asked to open is no workspace.

Instead of an error box and an exit, the window opens and says why, with the ways on: open
another folder, set this one up (describe it in a reviewer.toml, as ``reviewer init``), or
open the demo workspace.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class NoWorkspacePanel(QWidget):
    open_other = Signal()
    set_up = Signal(Path)
    open_demo = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noWorkspacePanel")
        self.folder: Path | None = None
        self.message = QLabel()
        self.message.setObjectName("noWorkspaceMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.other = QPushButton(self.tr("Open another folder…"))
        self.other.setObjectName("openOtherButton")
        self.setup = QPushButton(self.tr("Set up this folder…"))
        self.setup.setObjectName("setUpButton")
        self.setup.setToolTip(self.tr("Look at the folder as 'reviewer init' does and offer a reviewer.toml"))
        self.demo = QPushButton(self.tr("Open the demo workspace"))
        self.demo.setObjectName("openDemoButton")
        self.other.clicked.connect(self.open_other)
        self.setup.clicked.connect(lambda: self.folder and self.set_up.emit(self.folder))
        self.demo.clicked.connect(self.open_demo)
        buttons = QHBoxLayout()
        for button in (self.other, self.setup, self.demo):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addStretch(2)

    def show_problem(self, message: str, folder: Path | None) -> None:
        self.folder = folder if folder is not None and folder.is_dir() else None
        where = self.tr("<b>{folder}</b> cannot be opened as a workspace.").format(
            folder=html.escape(str(folder))) if folder is not None else self.tr("No workspace is open.")
        self.message.setText(f"{where}<br><br>{html.escape(message)}<br><br>" + self.tr(
            "A workspace is a folder of records (records/&lt;id&gt;.md), or a repository described by "
            "a reviewer.toml."))
        self.setup.setEnabled(self.folder is not None)
        self.other.setFocus()
