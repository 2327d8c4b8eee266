"""The record list: a table model of the workspace's records, a filter box and counts.

Unreadable files stay in the list, in red, with their error, so nothing silently
disappears from an auditor's queue. Drafts sort first by default. The filter box's text
goes out as ``filter_changed``; search results come back through ``set_hits`` and show in
a Match column with the matched words highlighted, ranked best first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (QAbstractTableModel, QItemSelectionModel, QModelIndex,
                            QSortFilterProxyModel, Qt, Signal)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QTableView, QVBoxLayout, QWidget)

from reviewer.core.filterquery import FilterQuery
from reviewer.core.workspace import Summary
from reviewer.ui import icons
from reviewer.ui.snippet_delegate import SnippetDelegate

COLUMNS = ("ID", "Title", "Status", "Author", "Country", "Year", "Match")
MATCH = COLUMNS.index("Match")
PATH_ROLE = Qt.UserRole + 2


def sort_key(row: Summary, column: int, hits: dict) -> tuple:
    """What a column sorts by; ties go by id (or file), so the order is stable and total."""
    tie = row.id or row.file
    if column == MATCH:
        hit = hits.get(str(row.path))
        if hit is None:
            return (2, 0.0, tie)
        return (0 if hit.kind == "record" else 1, hit.rank, tie)  # records by rank, then sources
    if column in (0, 2):
        return (row.status_rank, 0.0, tie)  # drafts first
    if row.error is not None:
        value = row.error if column == 1 else ""
    else:
        value = (row.id, row.title, row.review_status, row.author, row.country, row.year)[column]
    return (str(value or "").casefold(), 0.0, tie)


class RecordTableModel(QAbstractTableModel):
    """The rows, sorted here in Python in one pass: a proxy sorting 10,000 rows through
    Python comparisons would take seconds; the proxy only filters."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[Summary] = []
        self.hits: dict[str, object] = {}   # path -> its best SearchHit, while searching
        self.sort_column, self.sort_order = 2, Qt.AscendingOrder

    def _sorted(self, rows: list[Summary]) -> list[Summary]:
        column, hits = self.sort_column, self.hits
        return sorted(rows, key=lambda r: sort_key(r, column, hits),
                      reverse=self.sort_order == Qt.DescendingOrder)

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        self.sort_column, self.sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        held = [self.rows[i.row()] for i in old]
        self.rows = self._sorted(self.rows)
        where = {id(r): n for n, r in enumerate(self.rows)}
        self.changePersistentIndexList(old, [self.index(where[id(r)], i.column())
                                             for r, i in zip(held, old)])
        self.layoutChanged.emit()

    def set_hits(self, hits: dict[str, object]) -> None:
        self.hits = hits
        if self.rows:
            self.dataChanged.emit(self.index(0, MATCH), self.index(len(self.rows) - 1, MATCH))

    def set_rows(self, rows: list[Summary]) -> None:
        rows = self._sorted(rows)
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def update_row(self, row: Summary) -> None:
        for i, old in enumerate(self.rows):
            if old.path == row.path:
                self.rows[i] = row
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))
                return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(row)
        self.endInsertRows()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], index.column()
        if role == PATH_ROLE:
            return str(row.path)
        if col == MATCH:
            return self._match_data(row, role)
        if row.error is not None:
            return self._error_data(row, col, role)
        values = (row.id or "", row.title, row.review_status, row.author, row.country, row.year)
        if role == Qt.DisplayRole:
            return values[col]
        if role == Qt.DecorationRole and col == 0:
            return icons.status(row.review_status if row.review_status in ("draft", "verified") else "info")
        if role == Qt.ToolTipRole:
            return f"{row.file}\n{row.title}"
        return None

    def _match_data(self, row: Summary, role: int):
        hit = self.hits.get(str(row.path))
        if hit is None or role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        where = f"{Path(hit.source_path).name}: " if hit.kind == "source" else ""
        return where + hit.snippet

    def _error_data(self, row: Summary, col: int, role: int):
        if role == Qt.DisplayRole:
            return {0: Path(row.file).name, 1: row.error, 2: "unreadable"}.get(col, "")
        if role == Qt.DecorationRole and col == 0:
            return icons.dot("error")
        if role == Qt.ForegroundRole:
            return QColor(icons.COLORS["error"])
        if role == Qt.ToolTipRole:
            return f"{row.file}:{row.error_line or 1}: {row.error}"
        return None


class RecordFilterProxy(QSortFilterProxyModel):
    """Shows the search hits (a set of paths) when there are any; otherwise, until the
    index answers, a local match of every word against id, title, status, author, country,
    year and of the simple filters (status, country, year, author)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._fields: dict[str, str] = {}
        self._paths: set[str] | None = None

    def _changing(self, change) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+; invalidateFilter is deprecated
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateFilter()

    def set_local(self, parsed: FilterQuery | None) -> None:
        def change() -> None:
            self._paths = None
            self._words = parsed.query.casefold().replace('"', " ").split() if parsed else []
            self._fields = {k: str(v).casefold() for k, v in (parsed.filters if parsed else {}).items()
                            if k in ("status", "country", "year", "author")}
        self._changing(change)

    def set_paths(self, paths: set[str] | None) -> None:
        def change() -> None:
            self._paths, self._words, self._fields = paths, [], {}
        self._changing(change)

    @property
    def searching(self) -> bool:
        return self._paths is not None

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        row = self.sourceModel().rows[source_row]
        if self._paths is not None:
            return str(row.path) in self._paths
        if not self._words and not self._fields:
            return True
        values = {"status": row.review_status, "country": row.country, "year": row.year,
                  "author": row.author}
        for key, wanted in self._fields.items():
            have = str(values[key] or "").casefold()
            if (wanted not in have) if key == "author" else (have != wanted):
                return False
        hay = " ".join(str(v) for v in (row.id, row.title, row.review_status, row.author,
                                        row.country, row.year, row.file, row.error or "")).casefold()
        return all(w in hay for w in self._words)


class RecordList(QWidget):
    """Filter box, table and counts; emits ``record_selected(path)`` on a new current row."""

    record_selected = Signal(Path)
    filter_changed = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = RecordTableModel(self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit(
            placeholderText="Search or filter, e.g. 碳达峰 status:draft mrv:>=60 (Ctrl+L)")
        self.filter.setClearButtonEnabled(True)
        self.filter.setToolTip("Words search the records and their source texts (Chinese needs no "
                               "spaces).\nFilters: status:draft country:CN year:2024 author:NDRC "
                               "mrv:>=60 score:40-80 citation:mismatch")
        self.filter.textChanged.connect(self.filter_changed)
        self.filter_error = QLabel()
        self.filter_error.setObjectName("filterError")
        self.filter_error.setWordWrap(True)
        self.filter_error.setStyleSheet(f"color: {icons.COLORS['error']};")
        self.filter_error.setVisible(False)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(False)
        header.setSectionsClickable(True)  # sorting is the model's (see RecordTableModel)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(2, Qt.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort)
        for col, width in enumerate((190, 260, 70, 120, 60, 50, 320)):
            self.table.setColumnWidth(col, width)
        self.table.setItemDelegateForColumn(MATCH, SnippetDelegate(self.table))
        self.table.setColumnHidden(MATCH, True)
        header.moveSection(MATCH, 1)  # while searching, the snippet shows next to the id
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.counts = QLabel()
        self.counts.setObjectName("recordCounts")
        top = QHBoxLayout()
        top.addWidget(self.filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.filter_error)
        layout.addWidget(self.table)
        layout.addWidget(self.counts)
        self.proxy.modelReset.connect(self._update_counts)
        self.proxy.dataChanged.connect(self._update_counts)
        self.proxy.rowsInserted.connect(self._update_counts)
        self.proxy.rowsRemoved.connect(self._update_counts)
        self.proxy.layoutChanged.connect(self._update_counts)

    # ---- data -----------------------------------------------------------------------------
    def set_rows(self, rows: list[Summary]) -> None:
        current = self.current_path()
        self.model.set_rows(rows)
        if current is not None:
            self.select_path(current, emit=False)

    def update_row(self, row: Summary) -> None:
        self.model.update_row(row)

    # ---- filtering and search results ------------------------------------------------------
    def show_filter_error(self, message: str) -> None:
        self.filter_error.setText(message)
        self.filter_error.setVisible(bool(message))

    def filter_locally(self, parsed: FilterQuery | None) -> None:
        """Filter on what the list shows (before the index answers, or without one)."""
        if parsed is not None and self.proxy.searching:
            return  # keep the last results until the new ones arrive: no flicker
        self._show_matches(False)
        self.proxy.set_local(parsed)

    def set_hits(self, hits: list | None, ranked: bool = False,
                 paths: set | None = None) -> None:
        """Show only the records of these search hits, or ``paths`` when given (all the
        matches; ``hits`` are then the best few, with snippets). None: everything.
        ``ranked`` sorts best first."""
        if hits is None:
            self.model.set_hits({})
            self.proxy.set_local(None)
            self._show_matches(False)
            return
        best: dict[str, object] = {}
        for hit in hits:  # records come before sources, each best first
            best.setdefault(str(hit.path), hit)
        current = self.current_path()
        self.model.set_hits(best)
        self.proxy.set_paths(set(best) | {str(p) for p in paths or ()})
        self._show_matches(ranked)
        if current is not None:
            self.select_path(current, emit=False)

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

    def _sort(self, column: int, order) -> None:
        current = self.current_path()
        self.model.sort(column, order)
        if current is not None:
            self.select_path(current, emit=False)

    def _update_counts(self, *args) -> None:
        rows = self.model.rows
        drafts = sum(1 for r in rows if r.review_status == "draft")
        verified = sum(1 for r in rows if r.review_status == "verified")
        broken = sum(1 for r in rows if r.error is not None)
        text = f"{drafts} drafts · {verified} verified"
        if broken:
            text += f" · <span style='color:{icons.COLORS['error']}'>{broken} unreadable</span>"
        if self.proxy.rowCount() != len(rows) or self.proxy.searching:
            text += f" · showing {self.proxy.rowCount()} of {len(rows)}"
        self.counts.setText(text)

    # ---- selection ----------------------------------------------------------------------
    def current_path(self) -> Path | None:
        index = self.table.currentIndex()
        return Path(index.data(PATH_ROLE)) if index.isValid() else None

    def select_path(self, path: Path, emit: bool = True) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if Path(index.data(PATH_ROLE)) == Path(path):
                self._select_row(row, emit)
                return True
        return False

    def select_record_id(self, record_id: str) -> bool:
        for row in self.model.rows:
            if row.id == record_id:
                return self.select_path(row.path)
        return False

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
            source = self.model.rows[self.proxy.mapToSource(self.proxy.index(row, 0)).row()]
            if source.review_status == "draft" and row != start:
                self._select_row(row)
                return True
        return False

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if current.isValid():
            self.record_selected.emit(Path(current.data(PATH_ROLE)))
