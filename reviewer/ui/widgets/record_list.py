"""The record list: a filter box, the table of records and their counts.

The filter box's text goes out as ``filter_changed``; search results come back through
``set_hits`` and show in a Match column with the matched words highlighted, ranked best
first (see :mod:`record_table` for the model).

A drill-down from the dashboard restricts the list to a set of records on top of the filter
box (:meth:`RecordList.show_only`), with a note saying why and a Clear button.

Only the auditor picks the open record: filtering, re-ranking and sorting never change it.
When the filter hides it, the list says so and the form keeps it (issue 12).
"""

from __future__ import annotations

import html
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.index.list_table import FILE, ID, STATUS, SummaryTable
from reviewer.core.index.query import FilterQuery
from reviewer.core.record.summary import Summary
from reviewer.core.terms import DRAFT
from reviewer.ui import icons
from reviewer.ui.core_text import translated
from reviewer.ui.widgets.filter_keys import FilterKeys
from reviewer.ui.widgets.record_filter_proxy import RecordFilterProxy
from reviewer.ui.widgets.record_table import LANGUAGES, MATCH, PATH_ROLE, RecordTableModel
from reviewer.ui.widgets.snippet_delegate import SnippetDelegate


class RecordList(QWidget):
    """Filter box, table and counts; emits ``record_selected(path)`` on a new current row."""

    record_selected = Signal(Path)
    filter_changed = Signal(str)
    only_cleared = Signal()              # the auditor cleared the dashboard's restriction

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = RecordTableModel(self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit(
            placeholderText=self.tr("Search or filter, e.g. 碳达峰 status:draft mrv:>=60 (Ctrl+L)"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(self.tr("Filter records"))
        self.filter.setToolTip(self.tr("Words search the records and their source texts (Chinese needs "
                                       "no spaces).\nFilters: status:draft country:CN year:2024 "
                                       "author:NDRC mrv:>=60 score:40-80 citation:mismatch"))
        self.filter.textChanged.connect(self.filter_changed)
        self.filter_error = QLabel()
        self.filter_error.setObjectName("filterError")
        self.filter_error.setWordWrap(True)
        self.filter_error.setVisible(False)
        self.notice = QLabel()   # "No records match", "The open record is hidden by the filter"
        self.notice.setObjectName("listNotice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        self.only_note = QLabel()   # "Showing 7 records from the dashboard: ..."
        self.only_note.setObjectName("onlyNote")
        self.only_note.setWordWrap(True)
        self.only_clear = QPushButton(self.tr("Clear"))
        self.only_clear.setObjectName("onlyClear")
        self.only_clear.setToolTip(self.tr("Show every record again"))
        self.only_clear.clicked.connect(self._clear_only_clicked)
        self.only_bar = QWidget()
        only_layout = QHBoxLayout(self.only_bar)
        only_layout.setContentsMargins(0, 0, 0, 0)
        only_layout.addWidget(self.only_note, 1)
        only_layout.addWidget(self.only_clear)
        self.only_bar.setVisible(False)
        self._only_about = ""                # what the restriction shows, for the note
        self.open_path: Path | None = None   # the record the form shows (see set_open)
        self._quiet = False                  # a filter or sort moves rows: no record_selected
        self._cleared = False                # a malformed filter emptied the list
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Records"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list for the form
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(False)
        header.setSectionsClickable(True)  # sorting is the model's (see RecordTableModel)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(2, Qt.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort)
        x = self.table.fontMetrics().horizontalAdvance("x")   # widths in letters: a larger font fits
        for col, letters in enumerate((27, 37, 10, 17, 9, 7, 12, 46)):
            self.table.setColumnWidth(col, letters * x)
        self.table.setItemDelegateForColumn(MATCH, SnippetDelegate(self.table))
        self.table.setColumnHidden(MATCH, True)
        self.table.setColumnHidden(LANGUAGES, True)
        header.moveSection(LANGUAGES, 1)  # a record's languages (en · zh) beside its id
        header.moveSection(header.visualIndex(MATCH), 1)  # while searching, the snippet shows next to the id
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.filter_keys = FilterKeys(self.filter, self.table, self.step)  # Down, Up, Page keys, Enter
        self.counts = QLabel()
        self.counts.setObjectName("recordCounts")
        top = QHBoxLayout()
        top.addWidget(self.filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.filter_error)
        layout.addWidget(self.only_bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.table)
        layout.addWidget(self.counts)
        # The counts follow the proxy's rows, and any row's change (one the filter hides too).
        for change in (self.proxy.modelReset, self.model.dataChanged, self.proxy.rowsInserted,
                       self.proxy.rowsRemoved, self.proxy.layoutChanged):
            change.connect(self._update_counts)
        self.follow_palette()

    def focus_filter(self) -> None:
        """Ctrl+L: into the filter box, its text selected to type over."""
        self.filter.setFocus(Qt.ShortcutFocusReason)
        self.filter.selectAll()

    def follow_palette(self) -> None:
        """The notes, the status icons and the unreadable count in the palette's colours now."""
        for label, kind in ((self.filter_error, "error"), (self.notice, "muted"), (self.only_note, "info")):
            label.setStyleSheet(f"color: {icons.COLORS[kind]};")
        self.model.follow_palette()   # the views redraw the icons; its dataChanged, the counts

    # ---- data -----------------------------------------------------------------------------
    def set_rows(self, rows: SummaryTable | list[Summary]) -> None:
        with self._keeping_open():
            self.model.set_rows(rows)
        self.table.setColumnHidden(LANGUAGES, not self.model.has_languages)

    def update_row(self, row: Summary) -> None:
        self.model.update_row(row)
        if row.languages and self.table.isColumnHidden(LANGUAGES):
            self.table.setColumnHidden(LANGUAGES, False)

    def row_with_file(self, path: Path, rel: str) -> Summary | None:
        return self.model.row_with_file(path, rel)

    def mark_unshared(self, files: set[str]) -> None:
        """Mark (↑) the records with commits not yet pushed (workspace-relative files)."""
        self.model.mark_unshared(files)

    def mark_unsaved(self, path: Path, unsaved: bool) -> None:
        """Show (or stop showing) that a record has edits not saved yet."""
        self.model.mark_unsaved(path, unsaved)

    # ---- filtering and search results ------------------------------------------------------
    def show_filter_error(self, message: str) -> None:
        self.filter_error.setText(translated(message))
        self.filter_error.setVisible(bool(message))

    def filter_locally(self, parsed: FilterQuery | None) -> None:
        """Filter on what the list shows (before the index answers, or without one)."""
        if parsed is not None and self.proxy.searching and not self._cleared:
            return  # keep the last results until the new ones arrive: no flicker
        self._cleared = False
        with self._keeping_open():
            self._show_matches(False)
            self.proxy.set_local(parsed)

    def clear_for_error(self) -> None:
        """A filter that cannot be read: show no rows rather than the last results."""
        with self._keeping_open():
            self.model.set_hits({})
            self.proxy.set_paths(set())
            self._show_matches(False)
        self._cleared = True

    def set_hits(self, hits: list | None, ranked: bool = False,
                 paths: set | None = None) -> None:
        """Show only the records of these search hits, or ``paths`` when given (all the
        matches; ``hits`` are then the best few, with snippets). None: everything.
        ``ranked`` sorts best first."""
        self._cleared = False
        with self._keeping_open():
            if hits is None:
                self.model.set_hits({})
                self.proxy.set_local(None)
                self._show_matches(False)
                return
            best: dict[str, object] = {}
            for hit in hits:  # records come before sources, each best first
                best.setdefault(str(hit.path), hit)
            self.model.set_hits(best)
            self.proxy.set_paths(set(best) | {str(p) for p in paths or ()})
            self._show_matches(ranked)

    def show_only(self, files: set[str], about: str) -> None:
        """Show only the records of these workspace-relative files (the records behind a
        dashboard's bar), whatever the filter box says too; ``about`` says which ("mrv
        score changed by more than 20"). :meth:`clear_only` or the Clear button ends it."""
        self._only_about = about
        with self._keeping_open():
            self.proxy.set_only(set(files))
        self.only_bar.setVisible(True)
        self._update_counts()

    def clear_only(self) -> None:
        if not self.proxy.restricted:
            return
        with self._keeping_open():
            self.proxy.set_only(None)
        self.only_bar.setVisible(False)
        self._update_counts()

    @property
    def only_about(self) -> str | None:
        """What the dashboard's restriction shows, or None when there is none."""
        return self._only_about if self.proxy.restricted else None

    def visible_ids(self) -> list[str]:
        """The ids (or files) of the rows shown, top to bottom."""
        out = []
        for i in range(self.proxy.rowCount()):
            f = self.model.rows.fields(self._source_row(i))
            out.append(f[ID] or f[FILE])
        return out

    def _clear_only_clicked(self) -> None:
        self.clear_only()
        self.only_cleared.emit()

    def _show_matches(self, ranked: bool) -> None:
        was_hidden = self.table.isColumnHidden(MATCH)
        self.table.setColumnHidden(MATCH, not ranked)
        if ranked and (was_hidden or self.model.sort_column == MATCH):
            self.sort_by(MATCH)  # best matches first, by the new ranks
        elif not ranked and not was_hidden:
            self.sort_by(2)  # back to drafts first

    def sort_by(self, column: int, order=Qt.AscendingOrder) -> None:
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(column, order)
        header.blockSignals(False)
        self._sort(column, order)

    def resort(self) -> None:
        """Sort again by the current column (a row's status changed, e.g. verified)."""
        self._sort(self.model.sort_column, self.model.sort_order)

    def _sort(self, column: int, order) -> None:
        with self._keeping_open():
            self.model.sort(column, order)

    def _update_counts(self, *args) -> None:
        rows = self.model.rows  # counted as they were read and changed: no pass over them here
        drafts, verified, broken = rows.drafts, rows.verified, rows.broken
        parts = [self.tr("%n draft(s)", "", drafts), self.tr("%n verified", "", verified)]
        if broken:
            unreadable = html.escape(self.tr("%n unreadable", "", broken))
            parts.append(f"<span style='color:{icons.COLORS['error']}'>{unreadable}</span>")
        if self.proxy.rowCount() != len(rows) or self.proxy.searching:
            parts.append(self.tr("showing {shown} of {total}").format(shown=self.proxy.rowCount(),
                                                                       total=len(rows)))
        self.counts.setText(" · ".join(parts))
        if self.proxy.restricted:
            shown = sum(1 for i in range(len(rows)) if self.proxy.in_only(rows, i))
            self.only_note.setText(self.tr("Showing %n record(s) from the dashboard: {about}", "", shown)
                                   .format(about=self._only_about))
        self._update_notice()

    def _update_notice(self) -> None:
        lines = []
        if self.model.rows and not self.proxy.rowCount():
            lines.append(self.tr("No records match"))
        if self.open_path is not None and self.model.rows and self._visible_row(self.open_path) < 0:
            lines.append(self.tr("The open record is hidden by the filter; it stays open in the form"))
        self.notice.setText("\n".join(lines))
        self.notice.setVisible(bool(lines))

    # ---- selection ----------------------------------------------------------------------
    def current_path(self) -> Path | None:
        index = self.table.currentIndex()
        return Path(index.data(PATH_ROLE)) if index.isValid() else None

    def _visible_row(self, path: Path) -> int:
        """The row showing ``path`` in the table, or -1 (filtered out, or not listed)."""
        row = self.model.rows.position(path)  # a dict's lookup, at any size
        return self.proxy.mapFromSource(self.model.index(row, 0)).row() if row >= 0 else -1

    def select_path(self, path: Path, emit: bool = True) -> bool:
        row = self._visible_row(path)
        if row >= 0:
            self._select_row(row, emit)
        return row >= 0

    def neighbours(self, path: Path) -> list[tuple[Path, str | None]]:
        """The rows just after and before ``path``'s in the list as it is filtered and
        sorted now (the records next/previous would open): (path, id) each."""
        row = self._row_of(path)
        if row < 0:
            return []
        out = []
        for near in (row + 1, row - 1):
            if 0 <= near < self.proxy.rowCount():
                summary = self.model.rows[self._source_row(near)]
                out.append((summary.path, summary.id))
        return out

    def record_id_of(self, path: Path) -> str | None:
        """The id the list shows for ``path`` (None when not listed or unreadable)."""
        row = self._row_of(path)
        if row < 0:
            return None
        return self.model.rows.fields(self._source_row(row))[ID]

    def _source_row(self, row: int) -> int:
        """The model's row of the table's ``row``."""
        return self.proxy.mapToSource(self.proxy.index(row, 0)).row()

    def _row_of(self, path: Path) -> int:
        """:meth:`_visible_row`, without its walk through every row when ``path`` is the
        current row's (the record just selected: what each switch asks)."""
        index = self.table.currentIndex()
        if index.isValid() and Path(index.data(PATH_ROLE)) == Path(path):
            return index.row()
        return self._visible_row(path)

    def set_open(self, path: Path | None) -> None:
        """The record the form shows now: selected when the filter shows it, else the list
        says it is hidden (nothing else gets selected in its place)."""
        self.open_path = path
        self._show_open()

    @contextmanager
    def _keeping_open(self):
        """Rows move, appear or go (filter, search, sort, reload): whatever Qt makes of the
        current row meanwhile is not the auditor's choice, so it opens nothing."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False
            self._show_open()

    def _show_open(self) -> None:
        if self.open_path is None or not self.select_path(self.open_path, emit=False):
            selection = self.table.selectionModel()
            selection.blockSignals(True)
            selection.clear()  # no row stands for a record the form does not show
            selection.blockSignals(False)
            self.table.viewport().update()
        self._update_notice()

    def select_record_id(self, record_id: str) -> bool:
        row = self.model.rows.position_of_id(record_id)
        return row >= 0 and self.select_path(self.model.rows[row].path)

    def _select_row(self, row: int, emit: bool = True) -> None:
        index = self.proxy.index(row, 0)
        self.table.blockSignals(not emit)
        self.table.selectionModel().blockSignals(not emit)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        self.table.selectionModel().blockSignals(False)
        self.table.blockSignals(False)
        self.table.scrollTo(index)

    def step(self, offset: int) -> None:
        count = self.proxy.rowCount()
        if count:
            row = self.table.currentIndex().row()
            self._select_row(max(0, min(count - 1, (row if row >= 0 else -1) + offset)))

    def select_next_draft(self) -> bool:
        """Select the next draft after the current row (wrapping); False if none is left."""
        count = self.proxy.rowCount()
        start = self.table.currentIndex().row()
        for i in range(1, count + 1):
            row = (start + i) % count
            status = self.model.rows.fields(self._source_row(row))[STATUS]
            if status == DRAFT and row != start:
                self._select_row(row)
                return True
        return False

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if current.isValid() and not self._quiet:
            self.record_selected.emit(Path(current.data(PATH_ROLE)))
