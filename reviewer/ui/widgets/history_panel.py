"""The record's history: its commits, newest first, each with its field-level changes.

The headline says how the record got its status, in order: a file committed already
verified (an import) is not a review, and a reopen after a verification is told as such.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from reviewer.core.review.history import HistoryEntry
from reviewer.core.services.reviews import History
from reviewer.core.terms import VERIFIED
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
        self.headline.setText(headline(history))
        for entry in history.entries:
            item = QTreeWidgetItem([entry.date[:16].replace("T", " "), entry.author,
                                    f"{entry.short}  {entry.subject}"])
            item.setToolTip(2, entry.subject)
            if entry.verified and entry.added:
                item.setIcon(0, icons.dot("info"))  # imported verified: not a review here
                item.setToolTip(0, "Committed already verified (an import), not reviewed here")
            elif entry.verified:
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


def _event(entry: HistoryEntry) -> str | None:
    """What one commit did to the record's review status, or None."""
    who = f"{html.escape(entry.author)} on {entry.day} ({entry.short})"
    if entry.added:
        status = html.escape(str(entry.status_after or "no status"))
        return f"imported as {status} by {who}"
    if entry.verified:
        return f"verified by {who}"
    if entry.reopened:
        return f"reopened by {who}"
    return None


def headline(history: History) -> str:
    """The record's review story, oldest first, ending with what it is now."""
    entries = history.entries
    if not entries:
        return "Not committed yet"
    events = [e for e in (_event(entry) for entry in reversed(entries)) if e]
    story = " → ".join(events[-4:])  # the last few steps are what matters
    if len(events) > 4:
        story = "… → " + story
    v = history.verified_by
    if v is not None and not v.added:
        return (f"<b style='color:{icons.COLORS['verified']}'>Verified</b> by "
                f"{html.escape(v.author)} &lt;{html.escape(v.email)}&gt; on {v.day} ({v.short})"
                + (f" · {story}" if len(events) > 1 else ""))
    if entries[0].status_after == VERIFIED:
        return (f"<b style='color:{icons.COLORS['info']}'>Verified as imported</b>, not reviewed "
                f"here yet · {story}")
    if story:
        return f"{html.escape(str(entries[0].status_after or 'no status')).capitalize()} now · {story}"
    return f"Never verified · {len(entries)} commit(s)"
