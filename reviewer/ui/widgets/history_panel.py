"""The record's history: its commits, newest first, each with its field-level changes.

The headline says how the record got its status, in order: a file committed already
verified (an import) is not a review, and a reopen after a verification is told as such.
Where any commit of the record is signed, a column says which are (and of the verify and
reopen commits, which are not), its tooltip what checking the signature here said. The
history may come before its signatures are checked (:meth:`HistoryPanel.show_signatures`).
"""

from __future__ import annotations

import html

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from reviewer.core.review.history import HistoryEntry
from reviewer.core.review.signing import Signature
from reviewer.core.services.reviews import History
from reviewer.core.terms import VERIFIED
from reviewer.ui import icons

SIGNATURE_COLUMN, COMMIT_COLUMN = 2, 3
SIGNATURE_COLORS = {"good": "verified", "unverified": "muted", "bad": "error", "none": "muted"}


class HistoryPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headline = QLabel("No record selected")
        self.headline.setObjectName("historyHeadline")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Date", "Author", "Signature", "Commit"])
        self.tree.setColumnWidth(0, 150)
        self.tree.setColumnWidth(1, 160)
        self.tree.setColumnWidth(SIGNATURE_COLUMN, 100)
        self.tree.setColumnHidden(SIGNATURE_COLUMN, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.headline)
        layout.addWidget(self.tree)
        self.history: History | None = None     # the history shown
        self._rows: list[tuple[QTreeWidgetItem, HistoryEntry]] = []

    def show_loading(self) -> None:
        self.headline.setText("Loading history…")
        self._clear()

    def _clear(self) -> None:
        self.tree.clear()
        self.history, self._rows = None, []

    def show_error(self, message: str) -> None:
        """No history to show (not in git, git refused...): say why, quietly."""
        self._clear()
        self.headline.setText(f"<span style='color:{icons.COLORS['muted']}'>No history: "
                              f"{html.escape(message)}</span>")

    def show_history(self, history: History) -> None:
        self._clear()
        self.history = history
        self.headline.setText(headline(history))
        signing = any(entry.signed for entry in history.entries)
        self.tree.setColumnHidden(SIGNATURE_COLUMN, not signing)
        for entry in history.entries:
            item = QTreeWidgetItem([entry.date[:16].replace("T", " "), entry.author, "",
                                    f"{entry.short}  {entry.subject}"])
            item.setToolTip(COMMIT_COLUMN, entry.subject)
            if signing:
                _mark_signature(item, entry)
            self._rows.append((item, entry))
            if entry.verified and entry.added:
                item.setIcon(0, icons.dot("info"))  # imported verified: not a review here
                item.setToolTip(0, "Committed already verified (an import), not reviewed here")
            elif entry.verified:
                item.setIcon(0, icons.check())
            elif entry.reopened:
                item.setIcon(0, icons.dot("draft"))
            if entry.old_path:
                QTreeWidgetItem(item, ["", "", "", f"renamed from {entry.old_path}"])
            if entry.unreadable:
                QTreeWidgetItem(item, ["", "", "", f"unreadable version: {entry.unreadable}"])
            for change in entry.changes:
                QTreeWidgetItem(item, ["", "", "", str(change)])
            self.tree.addTopLevelItem(item)
        if self.tree.topLevelItemCount():
            self.tree.topLevelItem(0).setExpanded(True)

    def show_signatures(self, history: History, checked: dict[str, Signature]) -> None:
        """The signatures of ``history``'s commits, checked: marked in place (what the
        auditor expanded or selected stays), if that history is still the one shown."""
        if history is not self.history:
            return
        for item, entry in self._rows:
            entry.signing = checked.get(entry.sha, entry.signing)
            _mark_signature(item, entry)
        self.headline.setText(headline(history))


def _review(entry: HistoryEntry) -> str | None:
    """"verify" or "reopen" when the commit is one (a file committed verified is not)."""
    if entry.verified and not entry.added:
        return "verify"
    return "reopen" if entry.reopened else None


def _mark_signature(item: QTreeWidgetItem, entry: HistoryEntry) -> None:
    """The commit's signature: signed ✓ (checked here, good), signed (cannot be checked
    here), BAD signature; "unsigned" on a verify or reopen commit that is not signed."""
    review = _review(entry)
    if not entry.signed and review is None:
        return
    note = entry.signing.describe()
    item.setText(SIGNATURE_COLUMN, entry.signing.mark if entry.signed else "unsigned")
    item.setToolTip(SIGNATURE_COLUMN, note[:1].upper() + note[1:] if entry.signed
                    else f"This {review} commit is not signed")
    item.setForeground(SIGNATURE_COLUMN,
                       QColor(icons.COLORS[SIGNATURE_COLORS[entry.signature]]))


def _signature_note(history: History, entry: HistoryEntry) -> str:
    """The verifying commit's signature, for the headline, where the record has signed
    commits."""
    if not any(e.signed for e in history.entries):
        return ""
    color = icons.COLORS[SIGNATURE_COLORS[entry.signature]]
    mark = entry.signing.mark if entry.signed else "unsigned"
    return f" · <span style='color:{color}'>{html.escape(mark)}</span>"


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
                + _signature_note(history, v) + (f" · {story}" if len(events) > 1 else ""))
    if entries[0].status_after == VERIFIED:
        return (f"<b style='color:{icons.COLORS['info']}'>Verified as imported</b>, not reviewed "
                f"here yet · {story}")
    if story:
        return f"{html.escape(str(entries[0].status_after or 'no status')).capitalize()} now · {story}"
    return f"Never verified · {len(entries)} commit(s)"
