"""The record's history: its commits, newest first, each with its field-level changes."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from reviewer.core.services.reviews import History
from reviewer.ui import icons


class HistoryPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headline = QLabel("No record selected")
        self.headline.setObjectName("historyHeadline")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Date", "Author", "Commit"])
        self.tree.setColumnWidth(0, 150)
        self.tree.setColumnWidth(1, 160)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.headline)
        layout.addWidget(self.tree)

    def show_loading(self) -> None:
        self.headline.setText("Loading history…")
        self.tree.clear()

    def show_error(self, message: str) -> None:
        """No history to show (not in git, git refused...): say why, quietly."""
        self.tree.clear()
        self.headline.setText(f"<span style='color:{icons.COLORS['muted']}'>No history: "
                              f"{html.escape(message)}</span>")

    def show_history(self, history: History) -> None:
        self.tree.clear()
        v = history.verified_by
        if v is not None:
            self.headline.setText(f"<b style='color:{icons.COLORS['verified']}'>Verified</b> by "
                                  f"{v.author} &lt;{v.email}&gt; on {v.day} ({v.short})")
        elif not history.entries:
            self.headline.setText("Not committed yet")
        else:
            self.headline.setText(f"Never verified · {len(history.entries)} commit(s)")
        for entry in history.entries:
            item = QTreeWidgetItem([entry.date[:16].replace("T", " "), entry.author,
                                    f"{entry.short}  {entry.subject}"])
            item.setToolTip(2, entry.subject)
            if entry.verified:
                item.setIcon(0, icons.check())
            elif entry.reopened:
                item.setIcon(0, icons.dot("draft"))
            if entry.old_path:
                QTreeWidgetItem(item, ["", "", f"renamed from {entry.old_path}"])
            if entry.unreadable:
                QTreeWidgetItem(item, ["", "", f"unreadable version: {entry.unreadable}"])
            for change in entry.changes:
                QTreeWidgetItem(item, ["", "", str(change)])
            self.tree.addTopLevelItem(item)
        if self.tree.topLevelItemCount():
            self.tree.topLevelItem(0).setExpanded(True)
