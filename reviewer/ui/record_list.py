"""The record list: a table model of the workspace's records, a filter box and counts.

Unreadable files stay in the list, in red, with their error, so nothing silently
disappears from an auditor's queue. Drafts sort first by default.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (QAbstractTableModel, QItemSelectionModel, QModelIndex,
                            QSortFilterProxyModel, Qt, Signal)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QTableView, QVBoxLayout, QWidget)

from reviewer.core.workspace import Summary
from reviewer.ui import icons

COLUMNS = ("ID", "Title", "Status", "Author", "Country", "Year")
SORT_ROLE = Qt.UserRole + 1
PATH_ROLE = Qt.UserRole + 2


class RecordTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[Summary] = []

    def set_rows(self, rows: list[Summary]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
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
        if row.error is not None:
            return self._error_data(row, col, role)
        values = (row.id or "", row.title, row.review_status, row.author, row.country, row.year)
        if role == Qt.DisplayRole:
            return values[col]
        if role == SORT_ROLE:
            return (row.status_rank, values[0]) if col in (0, 2) else (values[col].casefold(), values[0])
        if role == Qt.DecorationRole and col == 0:
            return icons.status(row.review_status if row.review_status in ("draft", "verified") else "info")
        if role == Qt.ToolTipRole:
            return f"{row.file}\n{row.title}"
        return None

    def _error_data(self, row: Summary, col: int, role: int):
        if role == Qt.DisplayRole:
            return {0: Path(row.file).name, 1: row.error, 2: "unreadable"}.get(col, "")
        if role == SORT_ROLE:
            return (row.status_rank, row.file)
        if role == Qt.DecorationRole and col == 0:
            return icons.dot("error")
        if role == Qt.ForegroundRole:
            return QColor(icons.COLORS["error"])
        if role == Qt.ToolTipRole:
            return f"{row.file}:{row.error_line or 1}: {row.error}"
        return None


class RecordFilterProxy(QSortFilterProxyModel):
    """Case-insensitive match of every word against id, title, status, author, country, year."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)

    def set_filter_text(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+; invalidateFilter is deprecated
            self.beginFilterChange()
            self._words = text.casefold().split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = text.casefold().split()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        if not self._words:
            return True
        row = self.sourceModel().rows[source_row]
        hay = " ".join(str(v) for v in (row.id, row.title, row.review_status, row.author,
                                        row.country, row.year, row.file, row.error or "")).casefold()
        return all(w in hay for w in self._words)

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:
        return self.sourceModel().data(left, SORT_ROLE) < self.sourceModel().data(right, SORT_ROLE)


class RecordList(QWidget):
    """Filter box, table and counts; emits ``record_selected(path)`` on a new current row."""

    record_selected = Signal(Path)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = RecordTableModel(self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit(placeholderText="Filter records (Ctrl+L)")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.set_filter_text)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(False)
        for col, width in enumerate((190, 260, 70, 120, 60, 50)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.counts = QLabel()
        self.counts.setObjectName("recordCounts")
        top = QHBoxLayout()
        top.addWidget(self.filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
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

    def _update_counts(self, *args) -> None:
        rows = self.model.rows
        drafts = sum(1 for r in rows if r.review_status == "draft")
        verified = sum(1 for r in rows if r.review_status == "verified")
        broken = sum(1 for r in rows if r.error is not None)
        text = f"{drafts} drafts · {verified} verified"
        if broken:
            text += f" · <span style='color:{icons.COLORS['error']}'>{broken} unreadable</span>"
        if self.proxy.rowCount() != len(rows):
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
