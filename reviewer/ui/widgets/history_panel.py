"""The record's history: its commits, newest first, each with its field-level changes.

The headline says how the record got its status, in order: a file committed already
verified (an import) is not a review, and a reopen after a verification is told as such.
Where any commit of the record is signed, a column says which are (and of the verify and
reopen commits, which are not), its tooltip what checking the signature here said. The
history may come before its signatures are checked (:meth:`HistoryPanel.show_signatures`).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QLabel, QStyle, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from reviewer.core.review.history import HistoryEntry
from reviewer.core.review.signing import Signature
from reviewer.core.services.reviews import History
from reviewer.core.terms import VERIFIED
from reviewer.ui import i18n, icons

SIGNATURE_COLUMN, COMMIT_COLUMN = 2, 3
SIGNATURE_COLORS = {"good": "verified", "unverified": "muted", "bad": "error", "none": "muted"}


class HistoryPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headline = QLabel(self.tr("No record selected"))
        self.headline.setObjectName("historyHeadline")
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Commits of the record"))
        self.tree.setHeaderLabels([self.tr("Date"), self.tr("Author"), self.tr("Signature"), self.tr("Commit")])
        # Widths from the font (a larger one still shows a whole date), the date's column
        # with room for the branch's indentation and the commit's icon.
        chars = self.tree.fontMetrics().horizontalAdvance
        icon = self.tree.style().pixelMetric(QStyle.PM_SmallIconSize)
        self.tree.setColumnWidth(0, chars("2024-12-31 23:59") + self.tree.indentation() + icon + 12)
        self.tree.setColumnWidth(1, chars("x") * 22)
        self.tree.setColumnWidth(SIGNATURE_COLUMN, chars("x") * 14)
        self.tree.setColumnHidden(SIGNATURE_COLUMN, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.headline)
        layout.addWidget(self.tree)
        self.history: History | None = None     # the history shown
        self._rows: list[tuple[QTreeWidgetItem, HistoryEntry]] = []
        self._error: str | None = None          # why no history is shown, if so

    def show_loading(self) -> None:
        self.headline.setText(self.tr("Loading history…"))
        self._clear()

    def _clear(self) -> None:
        self.tree.clear()
        self.history, self._rows, self._error = None, [], None

    def show_error(self, message: str) -> None:
        """No history to show (not in git, git refused...): say why, quietly."""
        self._clear()
        self._error = message
        self.headline.setText(f"<span style='color:{icons.COLORS['muted']}'>"
                              + self.tr("No history: {message}").format(message=html.escape(message)) + "</span>")

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
            item.setIcon(0, _review_icon(entry))
            if entry.verified and entry.added:
                item.setToolTip(0, self.tr("Committed already verified (an import), not reviewed here"))
            if entry.old_path:
                QTreeWidgetItem(item, ["", "", "", self.tr("renamed from {path}").format(path=entry.old_path)])
            if entry.unreadable:
                QTreeWidgetItem(item, ["", "", "", self.tr("unreadable version: {error}").format(error=entry.unreadable)])
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

    def follow_palette(self) -> None:
        """The palette changed (the desktop turned dark or light): the headline, the commits'
        marks and their signatures again, in the colour set of the palette now, in place
        (what the auditor expanded or selected stays)."""
        if self._error is not None:
            self.show_error(self._error)
        if self.history is None:
            return
        self.headline.setText(headline(self.history))
        signing = not self.tree.isColumnHidden(SIGNATURE_COLUMN)
        for item, entry in self._rows:
            item.setIcon(0, _review_icon(entry))
            if signing:
                _mark_signature(item, entry)


def _review_icon(entry: HistoryEntry) -> QIcon:
    """A verify's check, a reopen's draft dot, an import committed verified an info dot
    (not a review here); other commits none."""
    if entry.verified:
        return icons.dot("info") if entry.added else icons.check()
    return icons.dot("draft") if entry.reopened else QIcon()


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
    item.setText(SIGNATURE_COLUMN, entry.signing.mark if entry.signed else
                 QCoreApplication.translate("HistoryPanel", "unsigned"))
    item.setToolTip(SIGNATURE_COLUMN, note[:1].upper() + note[1:] if entry.signed
                    else QCoreApplication.translate("HistoryPanel", "This verify commit is not signed")
                    if review == "verify" else
                    QCoreApplication.translate("HistoryPanel", "This reopen commit is not signed"))
    item.setForeground(SIGNATURE_COLUMN,
                       QColor(icons.COLORS[SIGNATURE_COLORS[entry.signature]]))


def _signature_note(history: History, entry: HistoryEntry) -> str:
    """The verifying commit's signature, for the headline, where the record has signed
    commits."""
    if not any(e.signed for e in history.entries):
        return ""
    color = icons.COLORS[SIGNATURE_COLORS[entry.signature]]
    mark = entry.signing.mark if entry.signed else QCoreApplication.translate("HistoryPanel", "unsigned")
    return f" · <span style='color:{color}'>{html.escape(mark)}</span>"


def _event(entry: HistoryEntry) -> str | None:
    """What one commit did to the record's review status, or None."""
    who = dict(author=html.escape(entry.author), day=entry.day, commit=entry.short)
    if entry.added:
        status = html.escape(i18n.review_status_name(entry.status_after) if entry.status_after
                             else QCoreApplication.translate("HistoryPanel", "no status"))
        return QCoreApplication.translate("HistoryPanel", "imported as {status} by {author} on {day} ({commit})"
                                          ).format(status=status, **who)
    if entry.verified:
        return QCoreApplication.translate("HistoryPanel", "verified by {author} on {day} ({commit})").format(**who)
    if entry.reopened:
        return QCoreApplication.translate("HistoryPanel", "reopened by {author} on {day} ({commit})").format(**who)
    return None


def headline(history: History) -> str:
    """The record's review story, oldest first, ending with what it is now."""
    entries = history.entries
    if not entries:
        return QCoreApplication.translate("HistoryPanel", "Not committed yet")
    events = [e for e in (_event(entry) for entry in reversed(entries)) if e]
    story = " → ".join(events[-4:])  # the last few steps are what matters
    if len(events) > 4:
        story = "… → " + story
    v = history.verified_by
    if v is not None and not v.added:
        return (QCoreApplication.translate(
            "HistoryPanel", "<b style='color:{color}'>Verified</b> by {author} &lt;{email}&gt; on {day} ({commit})"
        ).format(color=icons.COLORS["verified"], author=html.escape(v.author), email=html.escape(v.email),
                 day=v.day, commit=v.short) + _signature_note(history, v) + (f" · {story}" if len(events) > 1 else ""))
    if entries[0].status_after == VERIFIED:
        return QCoreApplication.translate(
            "HistoryPanel", "<b style='color:{color}'>Verified as imported</b>, not reviewed here yet · {story}"
        ).format(color=icons.COLORS["info"], story=story)
    if story:
        status = entries[0].status_after
        if status in ("draft", "verified"):
            now = (QCoreApplication.translate("HistoryPanel", "Draft now · {story}") if status == "draft"
                   else QCoreApplication.translate("HistoryPanel", "Verified now · {story}"))
            return now.format(story=story)
        return QCoreApplication.translate("HistoryPanel", "{status} now · {story}").format(
            status=html.escape(str(status or QCoreApplication.translate("HistoryPanel", "no status"))).capitalize(),
            story=story)
    count = len(entries)   # (lupdate reads the count only as a plain name)
    return QCoreApplication.translate("HistoryPanel", "Never verified · %n commit(s)", "", count)
